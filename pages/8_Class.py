"""Class: for a teacher, their classes' figures per student and assignment (read, quiz cards seen,
accuracy, last activity, words known), assigning reading, and a CSV export; for a student, what their
classes have assigned them. Logic in ``bilingual.classroom``.

Query parameter ``class=<id>`` opens one of the teacher's classes; any other class id is refused.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from bilingual.classroom import assign, class_of_teacher, class_report, report_csv, student_assignments, teacher_classes
from bilingual.errors import AccessDenied, AccountError
from bilingual.imports.texts import imported_articles
from bilingual.text.sanitize import markdown_literal as md
from bilingual.vocab import words_known
from ui import READER_PAGE, data, state
from ui import vocab as vocab_ui
from ui.style import page_setup

page_setup("Class", icon="🏫")
store = data.get_store()
me = data.learner()
corpus = data.get_corpus()
titles = {a.id: a.title_en for a in corpus}

if not me.is_teacher:
    st.title("Your assignments")
    mine = student_assignments(store, me)
    if not mine:
        st.info("Nothing has been assigned to you yet. (The class page itself is for teachers.)")
    library = {a.id: a for a in data.get_library()}
    for a in mine:
        art = library.get(a.article_id)
        title = art.display_title if art else a.article_id
        due = f" · due {a.due}" if a.due else ""
        with st.container(border=True):
            st.markdown(f"**{md(title)}** · {md(a.class_name)}{md(due)}")
            if art is not None:
                st.page_link(READER_PAGE, label="Read it", icon=":material/menu_book:", query_params={"article": art.id})
    st.stop()

st.title("Class")
classes = teacher_classes(store, me)
if not classes:
    st.info("You have no class yet. Create one from the command line: "
            "`python -m bilingual class create NAME --teacher YOU --students S1 S2 S3`.")
    st.stop()
by_id = {str(c.id): c for c in classes}
wanted = st.query_params.get("class")
if wanted is not None and wanted not in by_id:
    try:
        class_of_teacher(store, me, wanted)
    except AccessDenied as exc:
        st.error(md(str(exc)))
state.sync_from_query("class", "class_pick", lambda v: v in by_id)
st.session_state.setdefault("class_pick", next(iter(by_id)))
if st.session_state["class_pick"] not in by_id:
    st.session_state["class_pick"] = next(iter(by_id))
pick = st.selectbox("Class", list(by_id), format_func=lambda i: by_id[i].name, key="class_pick",
                    on_change=lambda: state.set_query(**{"class": st.session_state["class_pick"]}))
klass = class_of_teacher(store, me, pick)  # checked again: the widget's value is the browser's

# --- assign reading ---------------------------------------------------------------------------

own_articles = imported_articles(store, owner=me.id)
own_texts = {a.id: a.display_title for a in own_articles}
choices = {**titles, **{k: f"Mine: {v}" for k, v in own_texts.items()}}
with st.expander("Assign reading"):
    with st.form("class_assign"):
        article = st.selectbox("Article or one of your imported texts", list(choices), format_func=lambda i: choices[i])
        due = st.date_input("Due (optional)", value=None, min_value=date(2000, 1, 1))
        go = st.form_submit_button("Assign", type="primary")
    if go:
        with data.saving("The assignment") as saved:
            try:
                assign(store, klass, article, by=me, known_articles=set(titles), due=due.isoformat() if due else "")
            except (AccountError, AccessDenied) as exc:
                st.error(md(str(exc)))
                saved.fault = exc  # not assigned: no success line
        if saved.ok:
            st.success(md(f"Assigned “{choices[article]}” to {klass.name}."))

# --- the figures ------------------------------------------------------------------------------

texts = {a.id: a for a in (*corpus, *own_articles)}
index = data.get_index(tuple(texts.values()), data.get_glossary())
report = class_report(store, klass, data.card_totals(), words_known=words_known(
    lambda aid: vocab_ui.words_of(texts[aid], index) if aid in texts else None))
names = {**choices}
st.caption(f"{len(report.students)} students · {len(report.assignments)} assignments. "
           "“Read” means the student opened it in the reader; cards and accuracy count the quiz cards of that article.")
if not report.students or not report.assignments:
    st.info("Add students and assign reading to see their figures here "
            "(`python -m bilingual class add CLASS STUDENT…`, `python -m bilingual class assign CLASS ARTICLE`).")
rows = []
for pid, name in report.students:
    for a in report.assignments:
        c = report.cell(pid, a.article_id)
        rows.append({
            "student": name, "assignment": names.get(a.article_id, a.article_id), "due": a.due,
            "read": "yes" if c.read else "no", "cards seen": f"{c.cards_seen} / {c.cards_total}",
            "accuracy": "–" if c.accuracy is None else f"{c.accuracy:.0%}",
            "last activity": c.last_activity[:16].replace("T", " ") if c.last_activity else "–",
            "words known": "–" if c.words_known is None else c.words_known,
        })
if rows:
    st.dataframe(pd.DataFrame(rows), hide_index=True, width="stretch", key="class_table")
    st.caption("Words known: how many of the text's distinct words (lemmas) the student has marked known.")
st.download_button("Download CSV", report_csv(report, names), file_name=f"class-{klass.id}.csv", mime="text/csv", key="class_csv")
