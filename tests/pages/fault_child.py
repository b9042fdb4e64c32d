"""The pages under a read-only folder or a full disk, in a child process (``tests/fixtures/faults.py``
says why a child): ``python -m tests.pages.fault_child read-only|disk-full`` prints one JSON object.

In one app process (one AppTest session per page, the store shared as in the server), with the
learner's data there first (a text, a term, an answer):

1. with the fault on, every reading page is opened: what it shows, and any exception;
2. each write path is tried with the fault on (an answer in the Quiz, a text on Import, a term on My
   terms, the new-cards setting): the message, whether something was written, whether what the
   learner typed is still in the form;
3. the fault is taken away, and the same widget is used again in the same session (no restart):
   whether it is saved now.

The parent (``tests/pages/test_faults.py``) asserts on what this prints; this file asserts nothing.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from streamlit.testing.v1 import AppTest

from bilingual.paths import REPO_ROOT
from tests.fixtures import faults

APP = str(REPO_ROOT / "app.py")
READING = ("app.py", "pages/1_Reader.py", "pages/2_Glossary.py", "pages/4_Progress.py", "pages/7_Your_data.py")
#: what a page draws (to count that it did)
DRAWN = ("markdown", "html", "title", "header", "subheader", "caption", "metric", "arrow_data_frame", "arrow_vega_lite_chart",
         "text", "table", "expandable", "button", "text_input")
TEXT = "قال وزير الخارجية إن المحادثات ستستمر في موسكو. وأضاف أن الاتفاق جاهز للتوقيع قريبا."


def _page(page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    if page != "app.py":
        at.switch_page(page)
    return at


def _seen(at: AppTest) -> dict:
    return {
        "exceptions": [e.message for e in at.exception],
        "errors": [e.value for e in at.error],
        "warnings": [w.value for w in at.warning],
        "titles": [t.value for t in at.title],
        "drawn": sum(len(at.get(kind)) for kind in DRAWN),
    }


def _counts(db: Path) -> dict:
    import sqlite3

    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        out = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reviews", "texts", "personal_terms")}
        out["new_limit"] = (c.execute("SELECT value FROM learner_settings WHERE key = 'quiz.new_per_day'").fetchone() or [None])[0]
    c.close()
    return out


def main(kind: str, out: dict) -> dict:
    from bilingual import quiz, schedule
    from bilingual.corpus import default_corpus
    from bilingual.glossary import default_glossary
    from bilingual.imports import personal_terms, texts
    from bilingual.store import Store
    from tests.fixtures.learners import me

    store = Store()
    db = store.path
    owner = me(store)
    texts.save_text(store, TEXT, "A text saved before", owner=owner)
    personal_terms.add_personal_term(store, {"ar": "كمال بهجت", "en": "Kamal Bahgat", "type": "person", "description": "A made-up person."}, default_glossary(),
                                     owner=owner)
    card = quiz.cards_for(default_corpus(), default_glossary())[0]
    schedule.record_answer(store, "default", card, True, "before")
    store.close()
    out.update(before=_counts(db), steps={})

    def on() -> None:
        if kind == "read-only":
            faults.read_only(db)
        else:
            faults.checkpoint(db)
            faults.disk_full(faults.FULL_LIMIT)  # the WAL's first frame no longer fits

    def off() -> None:
        if kind == "read-only":
            faults.writable(db)
        else:
            faults.disk_not_full()

    # warm: the app's caches (corpus, glossary, index) before the fault, as in a running server
    for page in READING:
        _page(page).run()

    on()
    for page in READING:
        out["steps"][page] = _seen(_page(page).run())

    # the quiz: start a session, answer the first card
    quiz_at = _page("pages/3_Quiz.py").run()
    out["steps"]["quiz"] = _seen(quiz_at)
    quiz_at.button(key="quiz_start").click().run()
    out["steps"]["quiz start"] = {**_seen(quiz_at), "running": quiz_at.session_state["quiz_session"] is not None}
    radio = [r for r in quiz_at.radio if r.key and r.key.startswith("quiz_choice_")]
    if radio:
        radio[0].set_value(radio[0].options[0])
    else:
        next(t for t in quiz_at.text_input if t.key and t.key.startswith("quiz_text_")).input("موسكو")
    next(b for b in quiz_at.button if b.label == "Check").click().run()
    kept = [r.value for r in quiz_at.radio if r.key and r.key.startswith("quiz_choice_")] or [
        t.value for t in quiz_at.text_input if t.key and t.key.startswith("quiz_text_")]
    out["steps"]["quiz answer"] = {**_seen(quiz_at), "after": _counts(db), "kept": kept}
    off()
    next(b for b in quiz_at.button if b.label == "Check").click().run()
    out["steps"]["quiz answer again"] = {**_seen(quiz_at), "after": _counts(db),
                                         "feedback": quiz_at.session_state["quiz_session"].feedback is not None}

    # the new-cards setting (a callback)
    on()
    quiz_at.number_input(key="quiz_new_limit_default").set_value(7).run()
    out["steps"]["setting"] = {**_seen(quiz_at), "after": _counts(db)}
    off()
    quiz_at.number_input(key="quiz_new_limit_default").set_value(8).run()
    out["steps"]["setting again"] = {**_seen(quiz_at), "after": _counts(db)}

    # a text on Import
    on()
    imp = _page("pages/5_Import.py").run()
    imp.text_area(key="imp_paste").input(TEXT + " نص جديد.")
    imp.text_input(key="imp_title").input("A new text")
    imp.button(key="imp_save_btn").click().run()
    out["steps"]["import"] = {**_seen(imp), "after": _counts(db), "kept": imp.text_area(key="imp_paste").value}
    off()
    imp.button(key="imp_save_btn").click().run()
    out["steps"]["import again"] = {**_seen(imp), "after": _counts(db), "success": [s.value for s in imp.success]}

    # a personal term on My terms
    on()
    terms = _page("pages/6_My_terms.py").run()
    terms.text_input(key="term_new_ar").input("سامي الجابري")
    terms.text_input(key="term_new_en").input("Sami Al-Jabri")
    terms.text_area(key="term_new_description").input("A made-up person.")
    next(b for b in terms.button if b.label == "Add term").click().run()
    out["steps"]["term"] = {**_seen(terms), "after": _counts(db), "kept": terms.text_input(key="term_new_ar").value}
    off()
    next(b for b in terms.button if b.label == "Add term").click().run()
    out["steps"]["term again"] = {**_seen(terms), "after": _counts(db), "success": [s.value for s in terms.success]}
    return out


if __name__ == "__main__":
    found: dict = {}
    try:
        main(sys.argv[1], found)
    except Exception:  # the parent fails with what was seen so far and where it stopped
        import traceback

        found["crash"] = traceback.format_exc()
    print(json.dumps(found, ensure_ascii=False))
