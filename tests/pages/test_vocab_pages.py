"""Vocabulary in the app (AppTest), as a learner uses it: a status set on a word card marks every
spelling of its lemma (the underlines and the "new" count follow), "mark the rest of this page known",
the Library's "% new" dropping, a word saved with its sentence quizzed that day and the next (FSRS),
the learner's own translation of an imported text, the Quiz's filter listing imported texts, the
Progress page's known words; and none of it is another learner's."""

from __future__ import annotations

import json
import re
from datetime import timedelta

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import accounts, schedule, vocab
from bilingual.imports.own_translation import set_own_sentence
from bilingual.imports.texts import article_id_for, delete_text, get_article, save_text
from bilingual.paths import REPO_ROOT
from bilingual.schedule.clock import iso, now_utc, parse_iso
from bilingual.store import Store
from bilingual.store import reviews as review_rows
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import read_sentence
from tests.fixtures.learners import me
from tests.pages.apptest import app_on, button, html_of, run

pytestmark = pytest.mark.usefixtures("fresh_caches")
READER, QUIZ, PROGRESS = "pages/1_Reader.py", "pages/3_Quiz.py", "pages/4_Progress.py"
#: 8 Arabic words, 7 lemmas (الأمن and وبالأمن are one: أَمْن); no glossary name.
BODY = "قال الوزير إن الأمن مهم. وبالأمن تبنى الدول."


@pytest.fixture(autouse=True)
def dictionary_loaded() -> None:
    """The dictionary in memory, as a few seconds after a server starts (until then the reader's word
    count waits for it in a polling fragment, which AppTest does not run by itself)."""
    Lexicon.shared()


@pytest.fixture
def text(data_dir) -> str:
    store = Store()
    aid = article_id_for(save_text(store, BODY, title="Security text", owner=me(store)))
    store.close()
    return aid


def count_line(at: AppTest) -> str:
    """The reader's "N new · N learning · N known" line."""
    return re.sub(r"<[^>]+>", "", re.search(r'<div class="vocab-count">(.*?)</div>', html_of(at)).group(1))


def word_class(at: AppTest, word: str) -> list[str]:
    """The classes of every element of the reader rows whose word is ``word``."""
    page = html_of(at)
    reader = page[page.index('<div class="reader'):]
    return re.findall(rf'<span class="([^"]*)" data-word="{word}"', reader)


def new_share(at: AppTest) -> str:
    """The Library's "New to you" of the last card (the imported text comes after the curated ones)."""
    return [m.value for m in at.metric if m.label == "New to you"][-1]


def test_a_status_set_on_a_word_card_marks_every_spelling_and_the_count(text):
    at = run(app_on(READER, article=text, sentence="s002", word="0"))  # وبالأمن
    assert count_line(at) == "7 new (100% of its 7 words) · 0 learning · 0 known"
    assert "Your status of this word (every spelling of its lemma): <b>new</b>" in html_of(at)
    assert word_class(at, "الأمن") == ["w"]  # no underline until the learner turns them on
    run(at.toggle(key="reader_statuses").set_value(True))
    assert word_class(at, "الأمن") == ["w ws-new"] and word_class(at, "وبالأمن") == ["w w-open ws-new"]
    run(at.button(key="vocab_status_3").click())  # "3", as the key 3 presses it
    assert word_class(at, "الأمن") == ["w ws-learning ws-l3"]  # the other spelling, in the other sentence
    assert word_class(at, "وبالأمن") == ["w w-open ws-learning ws-l3"]
    assert word_class(at, "الدول") == ["w ws-new"]
    assert count_line(at) == "6 new (86% of its 7 words) · 1 learning · 0 known"
    assert "<b>learning 3</b>" in html_of(at)
    assert [b.proto.shortcut for b in at.button if b.key and b.key.startswith("vocab_status_")] == [  # two rows
        "1", "2", "3", "4", "0", "k", "i"]
    run(at.button(key="vocab_status_5").click())
    assert word_class(at, "الأمن") == ["w ws-known"]
    # the toggle is the learner's: a new browser session has it on
    again = run(app_on(READER, article=text))
    assert again.toggle(key="reader_statuses").value and word_class(again, "الأمن") == ["w ws-known"]


def test_mark_the_rest_of_the_page_known_and_the_library_share_drops(text):
    library = run(AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60))
    assert new_share(library) == "100%"
    assert [m.value for m in library.metric if m.label == "Lemmas"][-1] == "7"
    at = run(app_on(READER, article=text, sentence="s001", word="1"))  # الوزير
    run(at.button(key="vocab_status_1").click())
    run(at.button(key="vocab_rest").click())
    assert any("Mark the 6 words of this text you have not marked as known?" in w.value for w in at.warning)
    run(at.button(key="vocab_rest_yes").click())
    assert count_line(at) == "0 new (0% of its 7 words) · 1 learning · 6 known"
    assert not [b for b in at.button if b.key == "vocab_rest"]  # nothing left to mark
    store = Store()
    assert vocab.statuses(store, me(store))["waziyr/N"] == 1  # the word the learner touched keeps its status
    run(library)
    assert new_share(library) == "0%"


def _a_day_passes(store: Store) -> None:
    """Every quiz time of the database one day (and a minute) earlier, as if it were tomorrow."""
    back = timedelta(days=1, minutes=1)
    for r in store.query("SELECT profile_id, card_id, state, due FROM cards"):
        state = json.loads(r["state"])
        for k in ("due", "last_review"):
            if state.get(k):
                state[k] = (parse_iso(state[k]) - back).isoformat()
        store.execute("UPDATE cards SET state = ?, due = ? WHERE profile_id = ? AND card_id = ?",
                      (json.dumps(state), iso(parse_iso(r["due"]) - back), r["profile_id"], r["card_id"]))
    for r in store.query("SELECT id, reviewed_at FROM reviews"):
        store.execute("UPDATE reviews SET reviewed_at = ? WHERE id = ?", (iso(parse_iso(r["reviewed_at"]) - back), r["id"]))


def _answer_current(at: AppTest, answer: str) -> str:
    s = at.session_state["quiz_session"]
    card_id, r, n = s.ids[s.position], s.run, s.position + 1
    at.text_input(key=f"quiz_text_{r}_{n}").input(answer)
    run(button(at, "Check").click())
    return card_id


def test_a_saved_word_is_quizzed_today_and_tomorrow(text):
    at = run(app_on(READER, article=text, sentence="s002", word="0"))
    at.text_input(key=f"vocab_own_{text}_s002_0").input("security")
    run(button(at, "Save with this sentence").click())
    assert "Saved: " in html_of(at) and "security" in html_of(at) and "(this sentence; in the Quiz)" in html_of(at)
    assert "<b>learning 1</b>" in html_of(at)  # saving a new word starts learning it

    quiz = run(app_on(QUIZ))
    assert quiz.selectbox(key="quiz_article").options[-1] == "Mine: Security text"  # the article filter lists it
    run(quiz.selectbox(key="quiz_article").set_value(text))
    run(quiz.button(key="quiz_start").click())
    assert quiz.session_state["quiz_session"].ids == ["word-meaning:>amon/N"]  # one card a word a day: siblings wait
    page = html_of(quiz)
    assert '<mark class="word-hit">وبالأمن</mark> تبنى الدول.' in page  # the word in its sentence
    assert _answer_current(quiz, "Security") == "word-meaning:>amon/N"
    assert [s.value for s in quiz.success] == ["Right!"]
    store = Store()
    (due,) = [d for cid, d in review_rows.card_dues(store, me(store)) if cid == "word-meaning:>amon/N"]
    assert parse_iso(due) > now_utc()  # rescheduled (FSRS)
    run(button(quiz, "Next card →").click())  # the end of that session

    _a_day_passes(store)  # tomorrow: the card is due, and its siblings may come
    quiz = run(app_on(QUIZ))
    run(quiz.selectbox(key="quiz_article").set_value(text))
    run(quiz.button(key="quiz_start").click())
    # the review only: its new siblings wait while one of the word's cards is due or answered today
    assert quiz.session_state["quiz_session"].ids == ["word-meaning:>amon/N"]
    assert _answer_current(quiz, "security") == "word-meaning:>amon/N"
    assert [s.value for s in quiz.success] == ["Right!"]
    run(button(quiz, "Easy").click())  # the learner knows it well: its next review is days away
    run(button(quiz, "Next card →").click())
    (due,) = [d for cid, d in review_rows.card_dues(store, me(store)) if cid == "word-meaning:>amon/N"]
    assert parse_iso(due) > now_utc() + timedelta(days=1)

    _a_day_passes(store)  # the day after: one new card of the word, the recall or the cloze
    quiz = run(app_on(QUIZ))
    run(quiz.selectbox(key="quiz_article").set_value(text))
    run(quiz.button(key="quiz_start").click())
    (sibling,) = quiz.session_state["quiz_session"].ids
    assert sibling in {"word-recall:>amon/N", "word-cloze:>amon/N"}
    typed = "امن" if sibling == "word-recall:>amon/N" else "الامن"  # hamza left out, a clitic on: still right
    assert _answer_current(quiz, typed) == sibling
    assert [s.value for s in quiz.success] == ["Right!"]
    dues = dict(review_rows.card_dues(store, me(store)))
    assert set(dues) == {"word-meaning:>amon/N", sibling} and all(parse_iso(d) > now_utc() for d in dues.values())

    progress = run(app_on(PROGRESS))
    assert next(m.value for m in progress.metric if m.label == "Words saved") == "1"
    saved = progress.dataframe[-1].value  # the saved words, last on the page
    assert list(saved["as met"]) == ["وبالأمن"] and list(saved["your English"]) == ["security"]
    assert {"Known words over time", "Reviews and accuracy by kind"} <= {h.value for h in progress.subheader}
    by_kind = {r["kind"]: r["reviews"] for r in schedule.accuracy_by(store, "default", "kind")}  # the chart's rows
    assert by_kind["word-meaning"] == 2 and by_kind[sibling.partition(":")[0]] == 1


def editor(at: AppTest) -> str:
    """The label of the own-translation editor."""
    return next(e.label for e in at.expander if e.label.startswith("Your translation"))


def test_the_learners_own_translation_shows_labelled_and_escaped(text):
    at = run(app_on(READER, article=text))
    assert editor(at).startswith("Your translation: 0 of 2 sentences")
    at.text_area(key=f"own_en_{text}_s001").input("The minister said <b>security</b> matters.")
    run(button(at, "Save and next").click())
    page = html_of(at)
    assert '<div class="en-block en-own"><div class="src-label">Your translation</div>' in page
    assert "&lt;b&gt;security&lt;/b&gt;" in page and "<b>security</b>" not in page
    assert at.selectbox(key=f"own_pick_{text}").value == "s002"  # on to the next sentence
    assert editor(at).startswith("Your translation: 1 of 2 sentences")
    store = Store()
    delete_text(store, int(text.split("-")[1]), owner=me(store))
    assert store.query("SELECT * FROM own_translations") == []  # it went with its text


def test_another_learner_sees_none_of_it(data_dir):
    store = Store()
    alice, bob = (accounts.create_learner(store, n, accounts.Role.STUDENT, f"{n}-password") for n in ("alice", "bob"))
    aid = article_id_for(save_text(store, BODY, title="Alice's text", owner=alice.id))
    vocab.set_status(store, alice.id, ">amon/N", vocab.Status.KNOWN)
    vocab.set_status(store, alice.id, "qAl/V", vocab.Status.KNOWN)
    art = get_article(store, aid, reader=alice.id)
    vocab.save_word(store, alice.id, art, "s002", 0, read_sentence(art.sentence("s002").ar, Lexicon.shared())[0].best,
                    "Alice's secret gloss")
    set_own_sentence(store, alice.id, aid, "s001", "Alice's own English.")

    def as_(name: str, page: str, **params: str) -> AppTest:
        at = run(app_on(page, **params))
        at.text_input(key="login_name").input(name)
        at.text_input(key="login_password").input(f"{name}-password")
        return run(button(at, "Log in").click())

    mine = as_("alice", PROGRESS)
    assert next(m.value for m in mine.metric if m.label == "Known words") == "2"
    theirs = as_("bob", PROGRESS)
    assert next(m.value for m in theirs.metric if m.label == "Known words") == "0"
    assert next(m.value for m in theirs.metric if m.label == "Words saved") == "0"
    assert "Alice's secret gloss" not in html_of(theirs)
    quiz = as_("bob", QUIZ)
    run(quiz.button(key="quiz_start").click())
    assert not [c for c in quiz.session_state["quiz_session"].ids if c.startswith("word-")]
    for name, known in (("alice", True), ("bob", False)):  # alice's known words (قال) are not bob's
        reader = as_(name, READER, article="lavrov-border-mission-2023")
        run(reader.toggle(key="reader_statuses").set_value(True))
        classes = re.findall(r'class="(w[^"]*)" data-word=', html_of(reader))
        assert "w ws-new" in classes and ("w ws-known" in classes) is known
    assert as_("bob", READER, article=aid).warning  # her text is not his to open


def test_the_word_count_waits_for_the_dictionary_and_never_holds_the_page_up(text, monkeypatch):
    import ui.vocab

    loaded = ui.vocab.lexicon_loaded
    monkeypatch.setattr(ui.vocab, "lexicon_loaded", lambda: False)  # a server that has just started
    at = run(app_on(READER, article=text))
    assert "Counting the words of this text as soon as the dictionary has loaded…" in [c.value for c in at.caption]
    assert '<div class="vocab-count">' not in html_of(at) and 'data-word="الأمن"' in html_of(at)  # the text is there
    monkeypatch.setattr(ui.vocab, "lexicon_loaded", loaded)  # loaded: the next run counts
    run(at)
    assert count_line(at) == "7 new (100% of its 7 words) · 0 learning · 0 known"
