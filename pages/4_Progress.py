"""Progress: known words (the headline count) and words saved over time, reviews per day, reviews and
accuracy by kind and by article, cards due in the coming days, terms mastered, the saved words."""

from __future__ import annotations

import altair as alt
import pandas as pd
import streamlit as st

from bilingual import quiz, schedule, vocab
from bilingual.glossary import TYPE_LABELS
from bilingual.vocab import progress as vocab_progress
from ui import data
from ui.style import page_setup
from ui.widgets import profile_picker

page_setup("Progress", icon="📈")
store = data.get_store()
corpus = data.get_library()
glossary = data.get_glossary()
titles = {a.id: a.display_title for a in corpus}

with st.sidebar:
    profile = profile_picker(store, "progress_profile", help="Create profiles on the Quiz page.")

st.title("Progress")
me = data.learner()
words = vocab_progress.vocab_totals(store, me.id)
w1, w2, w3 = st.columns(3)
w1.metric("Known words", f"{words.known:,}", help="Lemmas you marked known: each word once, whatever its spellings.")
w2.metric("Learning", f"{words.learning:,}", help="Lemmas at a learning level (1–4).")
w3.metric("Words saved", f"{words.saved:,}", help="Saved words, each with its sentence, are quizzed in the Quiz.")
tot = schedule.totals(store, profile)
mastered = schedule.mastered_terms(store, profile)
c1, c2, c3, c4, c5 = st.columns(5)
c1.metric("Reviews", tot.reviews)
c2.metric("Accuracy", f"{tot.correct / tot.reviews:.0%}" if tot.reviews else "–")
c3.metric("Cards seen", tot.cards_seen)
c4.metric("Due now", tot.due_now)
c5.metric("Terms mastered", len(mastered))

if not tot.reviews:
    st.info("No answers yet for this profile. Start a session on the Quiz page.")

days = st.select_slider("Period", [7, 14, 30, 90], value=30, format_func=lambda d: f"last {d} days", key="progress_days")
st.subheader("Known words over time")
known = pd.DataFrame(vocab_progress.known_per_day(store, me.id, days=days)).merge(pd.DataFrame(vocab_progress.saved_per_day(store, me.id, days=days)))
lines = known.melt(id_vars=["date"], value_vars=["known", "saved"], var_name="what", value_name="words")
lines["what"] = lines["what"].map({"known": "known words", "saved": "words saved"})
st.altair_chart(
    alt.Chart(lines).mark_line(point=True).encode(
        x=alt.X("yearmonthdate(date):O", title=None, axis=alt.Axis(format="%b %d", labelAngle=-45)),
        y=alt.Y("words:Q", title="words", axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("what:N", title=None, scale=alt.Scale(domain=["known words", "words saved"], range=["#15803d", "#1d4ed8"])),
        tooltip=["date:T", "what:N", "words:Q"],
    ),
    width="stretch",
)

st.subheader("Reviews per day")
per_day = pd.DataFrame(schedule.reviews_per_day(store, profile, days=days))
long = per_day.melt(id_vars=["date"], value_vars=["correct", "wrong"], var_name="result", value_name="answers")
st.altair_chart(
    alt.Chart(long).mark_bar().encode(
        x=alt.X("yearmonthdate(date):O", title=None, axis=alt.Axis(format="%b %d", labelAngle=-45)),
        y=alt.Y("answers:Q", title="answers", stack=True, axis=alt.Axis(tickMinStep=1)),
        color=alt.Color("result:N", scale=alt.Scale(domain=["correct", "wrong"], range=["#15803d", "#dc2626"])),
        tooltip=["date:T", "result:N", "answers:Q"],
    ),
    width="stretch",
)

left, right = st.columns(2)
with left:
    st.subheader("Accuracy by article")
    rows = schedule.accuracy_by(store, profile, "article_id")
    if rows:
        df = pd.DataFrame(rows)
        df["article"] = [titles.get(a, a or "(names not in an article)") for a in df["article_id"]]
        st.altair_chart(
            alt.Chart(df).mark_bar().encode(
                x=alt.X("accuracy:Q", axis=alt.Axis(format="%"), scale=alt.Scale(domain=[0, 1])),
                y=alt.Y("article:N", sort="-x", title=None, axis=alt.Axis(labelLimit=280)),
                tooltip=["article", "reviews", "correct", alt.Tooltip("accuracy:Q", format=".0%")],
            ),
            width="stretch",
        )
    else:
        st.caption("No answers yet.")
with right:
    st.subheader("Reviews and accuracy by kind")
    rows = schedule.accuracy_by(store, profile, "kind")
    if rows:
        df = pd.DataFrame(rows)
        df["kind label"] = [quiz.KIND_LABELS.get(k, k) for k in df["kind"]]
        df["wrong"] = df["reviews"] - df["correct"]
        by_kind = df.melt(id_vars=["kind label", "accuracy"], value_vars=["correct", "wrong"], var_name="result", value_name="answers")
        st.altair_chart(
            alt.Chart(by_kind).mark_bar().encode(
                x=alt.X("answers:Q", title="reviews", stack=True, axis=alt.Axis(tickMinStep=1)),
                y=alt.Y("kind label:N", title=None, axis=alt.Axis(labelLimit=220)),
                color=alt.Color("result:N", scale=alt.Scale(domain=["correct", "wrong"], range=["#15803d", "#dc2626"])),
                tooltip=["kind label", "result", "answers", alt.Tooltip("accuracy:Q", format=".0%")],
            ),
            width="stretch",
        )
    else:
        st.caption("No answers yet.")

st.subheader("Cards due in the coming days")
forecast = pd.DataFrame(schedule.due_forecast(store, profile, days=14))
st.altair_chart(
    alt.Chart(forecast).mark_bar(color="#1d4ed8").encode(
        x=alt.X("yearmonthdate(date):O", title=None, axis=alt.Axis(format="%a %b %d", labelAngle=-45)),
        y=alt.Y("due:Q", title="cards due", axis=alt.Axis(tickMinStep=1)),
        tooltip=["date:T", "due:Q"],
    ),
    width="stretch",
)

st.subheader("Terms mastered")
st.caption(
    f"A glossary term is mastered when at least one of its drill cards has an FSRS stability of "
    f"{schedule.MASTERED_STABILITY_DAYS:g} days or more, or its last {schedule.MASTERED_STREAK} or more "
    "answers were all right."
)
if mastered:
    rows = []
    for m in mastered:
        e = glossary.get(m.entry_id)
        rows.append({
            "Arabic": e.ar if e else "", "English": e.en if e else m.entry_id, "Type": TYPE_LABELS.get(e.type, e.type) if e else "",
            "cards": ", ".join(quiz.KIND_LABELS.get(c.partition(":")[0], c) for c in m.card_ids),
            "stability (days)": round(m.best_stability, 1), "right in a row": m.best_streak,
        })
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch")
else:
    st.caption("None yet.")

st.subheader("Your saved words")
saved = vocab.saved_words(store, me.id)
if saved:
    marks = vocab.statuses(store, me.id)
    st.dataframe(pd.DataFrame([{
        "lemma": w.lemma, "as met": w.surface, "your English": w.gloss,
        "status": vocab.Status(marks.get(w.lemma_key, vocab.Status.NEW)).label,
        "where": f"{titles.get(w.article_id, w.article_id)} · {w.sentence_id}", "saved": w.created_at[:10],
    } for w in saved]), hide_index=True, width="stretch", key="progress_saved")
else:
    st.caption("None yet: click a word in the reader and save it with its sentence.")
