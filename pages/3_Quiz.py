"""Quiz: key facts, glossary drills (of the curated articles and of the learner's imported texts) and
the learner's saved words, scheduled with FSRS per learner profile.

Each answer is checked, recorded and followed by feedback: right or wrong, the correct answer,
the sentence that proves it (Arabic, names highlighted, with its reference translation) and a
page link into the reader at that sentence (with the term's card open). The link navigates inside
the app, so the running session is kept; it is also saved per profile (with the feedback on
screen), so a reload resumes it. Multiple choice works from the keyboard: 1–4, then Enter.
Cards can be exported to Anki or CSV.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from bilingual import quiz, schedule
from bilingual.corpus import REFERENCE_LABEL
from bilingual.errors import DataError
from bilingual.quiz.export import apkg_bytes, csv_bytes
from bilingual.text.sanitize import markdown_literal as md
from ui import READER_PAGE, data
from ui.style import ARABIC_FONT_STACK, UI_FONT_STACK, page_setup
from ui.widgets import profile_picker

page_setup("Quiz", icon="🧠")
store = data.get_store()
glossary = data.get_glossary()
ALL = "__all__"


@st.cache_data(show_spinner=False, max_entries=4)
def _downloads(_cards_sel, _corpus, _glossary, key) -> tuple[bytes, bytes]:
    return apkg_bytes(_cards_sel, _corpus, _glossary), csv_bytes(_cards_sel, _corpus, _glossary)


try:
    cards, corpus = data.quiz_pool(glossary)  # corpus: the curated articles and the learner's texts
except DataError as exc:
    st.error(md(f"The quiz questions have a problem: {exc}"))
    st.stop()
articles = {a.id: a for a in corpus}
by_id = {c.id: c for c in cards}


# --- sidebar: learner profile and session settings ----------------------------------------------

with st.sidebar:
    st.subheader("Learner")
    profile = profile_picker(store, "profile", allow_new=True, help="Progress is kept per profile on this computer. No password.")

    st.subheader("Session")
    article = st.selectbox(
        "Article", [ALL, *articles], key="quiz_article",
        format_func=lambda a: "All articles" if a == ALL else ("Mine: " if data.is_mine(articles[a]) else "") + articles[a].display_title,
    )
    kinds = st.multiselect("Kinds", list(quiz.KINDS), default=list(quiz.KINDS), key="quiz_kinds",
                           format_func=lambda k: quiz.KIND_LABELS[k])
    size = st.slider("Cards per session", 5, 50, schedule.DEFAULT_SESSION_SIZE, step=5, key="quiz_size")
    limit_key = f"quiz_new_limit_{profile}"
    if limit_key not in st.session_state:
        st.session_state[limit_key] = schedule.new_limit(store, profile)
    st.number_input("New cards per day", 0, 500, key=limit_key,
                    on_change=data.guarded(lambda: schedule.set_new_limit(store, profile, st.session_state[limit_key]),
                                           "Your new-cards setting"))
    ask_arabic = st.toggle("Ask key facts in Arabic (advanced)", key="quiz_arabic")
    typed_mode = st.toggle("Type answers instead of choosing", key="quiz_typed",
                           help="For key facts in English and Arabic → English names.")

filters = {"article": None if article == ALL else article, "kinds": kinds or None}

# --- session state -----------------------------------------------------------------------------------

# The running session (a schedule.QuizRun) lives in st.session_state (kept when moving between pages
# with page links) and is saved per profile in the store, so a reload of the browser tab resumes it,
# on the feedback of the card just answered if it was showing.


def _next_run_number() -> int:
    st.session_state["quiz_run"] = st.session_state.get("quiz_run", 0) + 1
    return st.session_state["quiz_run"]


run: schedule.QuizRun | None = st.session_state.get("quiz_session")
if run is not None and run.profile != profile:
    run = st.session_state["quiz_session"] = None
if run is None:
    run = schedule.resume_run(store, profile, run=_next_run_number())
    st.session_state["quiz_session"] = run


def _start() -> None:
    s = schedule.build_session(store, profile, cards, size=size, new_per_day=st.session_state[limit_key], **filters)
    new = schedule.QuizRun(profile, [c.id for c in s.cards], buried=s.buried, run=_next_run_number())
    st.session_state["quiz_session"] = new
    schedule.save_run(store, new)


def _next() -> None:
    r: schedule.QuizRun = st.session_state["quiz_session"]
    r.advance()
    schedule.save_run(store, r)


def _rate(rating: int) -> None:
    r: schedule.QuizRun = st.session_state["quiz_session"]
    fb = r.feedback
    fb.review = schedule.amend_rating(store, profile, by_id[fb.card_id], fb.review, rating)
    schedule.save_run(store, r)  # a reload shows the new rating


# --- main -----------------------------------------------------------------------------------------------

st.title("Quiz")
tot = schedule.totals(store, profile)
pool = quiz.filter_cards(cards, **filters)
due_ids = set(schedule.due_card_ids(store, profile))
st.caption(
    f"Profile **{md(profile)}** · {sum(1 for c in pool if c.id in due_ids)} due now · "
    f"{max(0, st.session_state[limit_key] - tot.new_today)} new cards left today · {len(pool)} cards in this selection"
)


def _ar_block(text: str, cls: str = "") -> None:
    st.html(f'<div class="ar {cls}" dir="rtl" lang="ar">{escape(text)}</div>')


# Multiple choice from the keyboard: 1–4 (or ١–٤) pick an option, Enter checks it (the Check button's
# shortcut), then Enter goes to the next card. A fixed script (no page data in it), added once.
CHOICE_KEYS = """<script>
(() => {
  if (window.__bilingualQuizKeys) return;
  window.__bilingualQuizKeys = true;
  const GROUPS = '.st-key-quiz_choices [role="radiogroup"], .st-key-quiz_ar_choices [role="radiogroup"]';
  document.addEventListener("keydown", (ev) => {
    if (ev.ctrlKey || ev.metaKey || ev.altKey || ev.repeat) return;
    const t = ev.target;
    const group = document.querySelector(GROUPS);
    if (!group) return;
    // Streamlit's own shortcuts (Enter on Check) do not fire while a field has the focus, and a
    // clicked option keeps it: Enter on an option checks the answer here
    if (ev.key === "Enter" && t && t.tagName === "INPUT" && t.type === "radio" && group.contains(t)) {
      const form = t.closest('[data-testid="stForm"]');
      const check = form && form.querySelector('[data-testid="stBaseButton-primaryFormSubmit"]');
      if (check) { ev.preventDefault(); t.blur(); check.click(); }
      return;
    }
    const typing = t && (t.isContentEditable || t.tagName === "TEXTAREA" || t.tagName === "SELECT"
      || (t.tagName === "INPUT" && !["radio", "checkbox", "button", "submit"].includes(t.type)));
    if (typing) return;
    let n = "123456789".indexOf(ev.key);
    if (n < 0) n = "١٢٣٤٥٦٧٨٩".indexOf(ev.key);
    const options = group.querySelectorAll("label");
    if (n < 0 || n >= options.length) return;
    ev.preventDefault();
    options[n].click();
    if (document.activeElement && document.activeElement.blur) document.activeElement.blur();  // so Enter reaches Check
  }, true);
})();
</script>"""


# Arabic options: right to left, in the Arabic font and size (the radio sits at the right, as in Arabic).
st.markdown(
    f"""<style>
.st-key-quiz_ar_choices [data-testid="stElementContainer"], .st-key-quiz_ar_choices [data-testid="stRadio"] {{ width: 100%; }}
.st-key-quiz_ar_choices div[role="radiogroup"] {{ direction: rtl; width: 100%; }}
.st-key-quiz_ar_choices div[role="radiogroup"] label {{ direction: rtl; }}
.st-key-quiz_ar_choices div[role="radiogroup"] label p {{ font-family: {ARABIC_FONT_STACK};
  font-size: var(--ar-size, 1.35rem); line-height: 1.9; unicode-bidi: plaintext; text-align: right; }}
/* each option shows the key that picks it (1–4) */
:is(.st-key-quiz_choices, .st-key-quiz_ar_choices) div[role="radiogroup"] {{ counter-reset: quiz-option; }}
:is(.st-key-quiz_choices, .st-key-quiz_ar_choices) div[role="radiogroup"] label {{ counter-increment: quiz-option; }}
:is(.st-key-quiz_choices, .st-key-quiz_ar_choices) div[role="radiogroup"] label [data-testid="stMarkdownContainer"]::before {{
  content: counter(quiz-option); display: inline-block; min-width: 1.3em; margin-inline-end: .45em; padding: 0 .25em;
  border: 1px solid #cbd5e1; border-radius: 4px; color: #475569; font: 600 .8rem/1.5 {UI_FONT_STACK}; text-align: center; }}
:is(.st-key-quiz_choices, .st-key-quiz_ar_choices) div[role="radiogroup"] label [data-testid="stMarkdownContainer"] {{
  display: flex; align-items: baseline; }}
.quiz-answer {{ display: flex; flex-wrap: wrap; align-items: baseline; gap: .2rem .6rem; margin: .25rem 0 .5rem; }}
.quiz-answer .ar {{ font-size: var(--ar-size, 1.35rem); }}
.quiz-answer-value {{ font-weight: 700; }}
.quiz-context {{ font-size: calc(var(--ar-size, 1.35rem) * .9); color: #374151; }}
.word-hit {{ background: rgba(250, 204, 21, .5); color: inherit; border-radius: 3px; }}
</style>""",
    unsafe_allow_html=True,
)


def _show_card(card: quiz.QuizCard, n: int, total: int, run_no: int) -> None:
    art = articles.get(card.article_id or "")
    st.markdown(f"**Card {n} of {total}** · {md(card.label)}" + (f" · *{md(art.display_title)}*" if art else ""))
    arabic_fact = card.kind == "fact" and ask_arabic and bool(card.question_ar)
    if arabic_fact:
        _ar_block(card.question_ar, "quiz-prompt")
        options = card.options_ar
    else:
        st.markdown(f"#### {md(card.prompt_en)}")
        if card.prompt_ar:
            _ar_block(card.prompt_ar, "quiz-prompt")
        if card.kind == "word-meaning":  # the saved word in the sentence it was met in
            st.html(f'<div class="ar quiz-context" dir="rtl" lang="ar">{quiz.context_html(card)}</div>')
        options = card.options
    typed = card.typed or (typed_mode and card.accept_typed_en and not arabic_fact)
    with st.form(key=f"quiz_form_{run_no}_{n}"):
        if typed:
            arabic_answer = card.answer_lang == "ar" or arabic_fact
            response = st.text_input(
                "Your answer", key=f"quiz_text_{run_no}_{n}",
                placeholder=("اكتب الكلمة بالعربية" if card.word else "اكتب الاسم بالعربية") if arabic_answer else "Type your answer",
            )
        elif all(quiz.is_arabic_text(o) for o in options):
            with st.container(key="quiz_ar_choices"):
                response = st.radio("Your answer", list(options), index=None, key=f"quiz_choice_{run_no}_{n}",
                                    format_func=lambda o: md(quiz.display_option(o)))
        else:
            with st.container(key="quiz_choices"):
                response = st.radio("Your answer", list(options), index=None, key=f"quiz_choice_{run_no}_{n}",
                                    format_func=lambda o: md(quiz.option_label(card, o)))
        # a typed answer is sent by Enter in its field already (a second Enter shortcut would send it twice)
        submitted = st.form_submit_button("Check", type="primary", shortcut=None if typed else "Enter")
    if not typed:
        st.caption(f"Keyboard: 1–{len(options)} choose an option, Enter checks it.")
        st.html(CHOICE_KEYS, unsafe_allow_javascript=True)
    if submitted:
        if not response or not str(response).strip():
            st.warning("Choose or type an answer first.")
            return
        verdict = quiz.check_answer(card, str(response), arabic=arabic_fact, glossary=glossary)
        with data.saving("Your answer") as saved:  # refused: the answer stays in the form, to check again
            review = schedule.record_answer(store, profile, card, verdict.correct, str(response), once_since=run.started)
        if saved.ok:
            run.answered(schedule.Feedback(card.id, verdict.correct, verdict.expected, str(response), review, arabic_fact, verdict.note))
            with data.saving("Your place in this session (the answer itself is saved)") as kept:
                schedule.save_run(store, run)
            if kept.ok:
                st.rerun()


def _show_feedback(card: quiz.QuizCard, fb: schedule.Feedback, run_no: int, n: int) -> None:
    if fb.correct:
        st.success("Right!", icon=":material/check_circle:")
    else:
        shown = quiz.option_label(card, fb.response)
        st.error(f"Not quite — you answered “{md(shown)}”." + (f" {md(fb.note)}" if fb.note else ""), icon=":material/cancel:")
    # the correct answer once, next to its label (Arabic right to left, in the Arabic font)
    answer = fb.expected if fb.arabic else quiz.option_label(card, fb.expected)
    arabic = card.answer_lang == "ar" or fb.arabic
    value = (f'<span class="ar quiz-answer-value" dir="rtl" lang="ar">{escape(answer)}</span>' if arabic
             else f'<span class="quiz-answer-value">{escape(answer)}</span>')
    st.html(f'<div class="quiz-answer"><span class="src-label">Correct answer</span>{value}</div>')
    entry = glossary.get(card.entry_id) if card.entry_id else None
    if entry is not None:  # the entry's other names, type and description (not the answer again)
        facts = quiz.entry_facts(entry, answer)
        head = [f'<span class="ar" dir="rtl" lang="ar">{escape(facts.ar)}</span>' if facts.ar else "",
                f"<b>{escape(facts.en)}</b>" if facts.en else "", f"<i>{escape(facts.romanization)}</i>" if facts.romanization else "",
                escape(facts.type_label)]
        st.html(f'<div class="quiz-entry">{" · ".join(h for h in head if h)}<br><span class="meta">{escape(facts.description)}</span></div>')
    ev = quiz.evidence_for(card, corpus, glossary)
    if ev is not None:
        # the evidence sentence's curated source note (where the source itself is wrong or loose)
        sentence = next((a.sentence(ev.sentence_id) for a in corpus if a.id == ev.article_id), None)
        note = sentence.note if sentence is not None else ""
        with st.container(border=True):
            st.html(
                f'<div class="src-label">Evidence · {escape(ev.article_title_en)} · sentence {escape(ev.sentence_id)}</div>'
                f'<div class="ar quiz-evidence" dir="rtl" lang="ar">{ev.html}</div>'
                + (f'<div class="en">{escape(ev.en)}</div><div class="src-label">{escape(REFERENCE_LABEL)}</div>' if ev.en else "")
                + (f'<div class="src-note quiz-note" lang="en"><span class="src-label">Note</span> {escape(note)}</div>' if note else "")
            )
            # a page link navigates inside the app: st.session_state (the running session) is kept
            st.page_link(READER_PAGE, label="Open in the reader at this sentence", icon=":material/menu_book:",
                         query_params=ev.query_params)
    review = fb.review
    if review.duplicate:
        st.caption("You had already answered this card in another window: it counts once.")
    st.caption(f"Rated {schedule.RATING_NAMES[review.rating]} · next review {schedule.describe_due(review.due)}")
    if fb.correct:
        st.write("How did it feel? (optional; keys 1–4)")
        cols = st.columns(4)
        for col, rating in zip(cols, schedule.RATING_NAMES, strict=False):
            col.button(schedule.RATING_NAMES[rating], key=f"quiz_rate_{run_no}_{n}_{int(rating)}",
                       on_click=data.guarded(_rate, "Your rating"), args=(int(rating),), width="stretch",
                       shortcut=str(int(rating)))
    st.button("Next card →", key=f"quiz_next_{run_no}_{n}", on_click=data.guarded(_next, "Your place in this session"),
              type="primary", shortcut="Enter")


if run is None or run.done:
    if run is not None and run.ids:
        st.success(f"Session done: {sum(run.results)} of {len(run.results)} right.")
    elif run is not None and run.buried:
        st.info(f"Nothing to review with these filters right now. {run.buried} new cards are held back until "
                "tomorrow because another card of the same name was practised today (so one card does not give "
                "the next one away).")
    elif run is not None:
        st.info("Nothing to review with these filters right now: no cards are due and today's new cards are used up.")
    st.button("Start a session" if run is None else "Start another session", key="quiz_start",
              on_click=data.guarded(_start, "The new session"), type="primary")
else:
    n = run.position + 1
    if run.resumed:
        st.caption(f"Resumed your unfinished session at card {n}.")
    card = by_id.get(run.current_id)
    if card is None:
        data.guarded(_next, "Your place in this session")()
        st.rerun()
    elif run.feedback and run.feedback.card_id == card.id:
        _show_feedback(card, run.feedback, run.run, n)
    else:
        _show_card(card, n, len(run.ids), run.run)

# --- export -----------------------------------------------------------------------------------------------

with st.expander("Export cards (Anki, CSV)"):
    st.caption(
        "The cards of the current selection (article and kinds in the sidebar). Re-importing a newer "
        "Anki export updates the same notes instead of duplicating them."
    )
    # made on request: an Anki deck of every card costs seconds with thousands of personal terms; what
    # the selection holds (a saved word's new English too) is only compared once an export was made
    def selection_key() -> tuple:
        return tuple((c.id, c.answer, c.prompt_en) for c in pool), glossary.key

    made_for = st.session_state.get("quiz_export_key")
    export_key = selection_key() if made_for is not None else None
    if (made_for is None or made_for != export_key) and st.button("Prepare the export", key="quiz_dl_prepare"):
        export_key = st.session_state["quiz_export_key"] = export_key or selection_key()
    if export_key is not None and st.session_state.get("quiz_export_key") == export_key:
        apkg, csv_data = _downloads(tuple(pool), corpus, glossary, export_key)
        c1, c2 = st.columns(2)
        c1.download_button("Download Anki deck (.apkg)", apkg, file_name="arabic-english-reader.apkg",
                           mime="application/octet-stream", key="quiz_dl_anki")
        c2.download_button("Download CSV", csv_data, file_name="arabic-english-reader.csv", mime="text/csv",
                           key="quiz_dl_csv")
