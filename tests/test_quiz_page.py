"""The Quiz and Progress pages, driven like a learner would (streamlit AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

import webui
from bilingual import paths, quiz
from bilingual.corpus import load_corpus
from bilingual.glossary import load_glossary
from bilingual.store import Store
from tests.test_quiz import make_world

ROOT = Path(__file__).resolve().parent.parent
QUIZ = str(ROOT / "pages" / "3_Quiz.py")
PROGRESS = str(ROOT / "pages" / "4_Progress.py")


@pytest.fixture
def world(tmp_path, data_dir, monkeypatch):
    """The pages see a small test corpus, glossary and questions, and a fresh database."""
    w = make_world(tmp_path / "world")
    corpus = tuple(load_corpus(w["articles"], w["reference"]))
    glossary = load_glossary(w["glossary_file"])
    monkeypatch.setattr(webui, "default_corpus", lambda: corpus)
    monkeypatch.setattr(webui, "default_glossary", lambda: glossary)
    monkeypatch.setattr(paths, "QUESTIONS_DIR", w["questions"])
    st.cache_data.clear()
    st.cache_resource.clear()
    yield corpus, glossary, {c.id: c for c in quiz.cards_for(corpus, glossary, w["questions"])}
    st.cache_data.clear()
    st.cache_resource.clear()


def run(target) -> AppTest:
    """Run the app (``target`` is the AppTest or a widget just acted on) and fail on any exception."""
    at = target.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def markdown_text(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def current(at: AppTest, cards):
    s = at.session_state["quiz_session"]
    return cards[s["ids"][s["i"]]], s["run"], s["i"] + 1


def test_a_whole_quiz_session(world):
    corpus, glossary, cards = world
    at = run(AppTest.from_file(QUIZ, default_timeout=60))
    assert "Start a session" in [b.label for b in at.button]
    run(button(at, "Start a session").click())

    # 1. answer right
    card, r, n = current(at, cards)
    assert card.id == "fact:alpha-2023/q01"
    assert card.prompt_en in markdown_text(at)
    at.radio(key=f"quiz_choice_{r}_{n}").set_value(card.answer)
    run(button(at, "Check").click())
    assert [s.value for s in at.success] == ["Right!"]
    text = markdown_text(at)
    assert card.answer in text
    # the evidence: Arabic sentence with names highlighted, its translation, a link into the reader
    assert "سيرغي لافروف" in text and 'class="gl gl-person' in text
    assert "Russian Foreign Minister Sergei Lavrov said" in text
    assert 'href="/Reader?article=alpha-2023&amp;sentence=s002"' in text
    run(button(at, "Easy").click())  # optional self-rating
    assert any(c.value.startswith("Rated Easy · next review in") for c in at.caption)
    run(button(at, "Next card →").click())

    # 2. answer wrong
    card, r, n = current(at, cards)
    assert n == 2 and card.kind == "ar-en"
    assert card.prompt_ar in markdown_text(at)
    wrong = next(o for o in card.options if o != card.answer)
    at.radio(key=f"quiz_choice_{r}_{n}").set_value(wrong)
    run(button(at, "Check").click())
    assert at.error and "Not quite" in at.error[0].value
    assert card.answer in markdown_text(at)
    assert "Easy" not in [b.label for b in at.button]  # no self-rating after a wrong answer
    run(button(at, "Next card →").click())

    # 3. a typed Arabic answer with a clitic and no hamza
    card, r, n = current(at, cards)
    assert n == 3 and card.kind == "en-ar" and card.typed
    at.text_input(key=f"quiz_text_{r}_{n}").input("و" + card.answer.replace("أ", "ا"))
    run(button(at, "Check").click())
    assert [s.value for s in at.success] == ["Right!"]
    assert "Card 3 of" not in markdown_text(at)  # the feedback replaced the question form

    store = Store()
    rows = store.query("SELECT card_id, correct, rating FROM reviews ORDER BY id")
    assert [(r["card_id"], r["correct"], r["rating"]) for r in rows] == [
        ("fact:alpha-2023/q01", 1, 4), (cards[rows[1]["card_id"]].id, 0, 1), (card.id, 1, 3)]
    store.close()

    # progress page: the same profile's answers
    pt = run(AppTest.from_file(PROGRESS, default_timeout=60))
    metrics = {m.label: m.value for m in pt.metric}
    assert metrics["Reviews"] == "3" and metrics["Cards seen"] == "3"
    assert metrics["Accuracy"] == "67%"


def test_facts_in_arabic_and_filters(world):
    corpus, glossary, cards = world
    at = run(AppTest.from_file(QUIZ, default_timeout=60))
    at.multiselect(key="quiz_kinds").set_value(["fact"])
    at.toggle(key="quiz_arabic").set_value(True)
    run(at)
    run(button(at, "Start a session").click())
    assert at.session_state["quiz_session"]["ids"] == ["fact:alpha-2023/q01", "fact:alpha-2023/q02"]
    card, r, n = current(at, cards)
    assert card.question_ar in markdown_text(at)
    radio = at.radio(key=f"quiz_choice_{r}_{n}")
    assert set(radio.options) == set(card.options_ar)
    radio.set_value(card.answer_ar)
    run(button(at, "Check").click())
    assert [s.value for s in at.success] == ["Right!"]
    run(button(at, "Next card →").click())
    card, r, n = current(at, cards)
    at.radio(key=f"quiz_choice_{r}_{n}").set_value(card.answer_ar)
    run(button(at, "Check").click())
    run(button(at, "Next card →").click())
    assert "Session done: 2 of 2 right." in [s.value for s in at.success]


def test_profiles_are_created_and_kept_apart(world):
    at = run(AppTest.from_file(QUIZ, default_timeout=60))
    at.text_input(key="profile_new").input("Layla")
    run(at.button(key="profile_create").click())
    assert at.session_state["profile"] == "Layla"
    assert "Layla" in at.selectbox(key="profile_select").options
    assert "Profile **Layla**" in at.caption[0].value
    run(button(at, "Start a session").click())
    store = Store()
    assert {r["name"] for r in store.query("SELECT name FROM profiles")} >= {"default", "Layla"}
    store.close()
    # a bad name is refused with a message
    at.text_input(key="profile_new").input("   ")
    run(at.button(key="profile_create").click())
    assert at.error and "1 to 40" in at.error[0].value


def test_export_buttons_and_empty_progress(world):
    at = run(AppTest.from_file(QUIZ, default_timeout=60))
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download Anki deck (.apkg)", "Download CSV"]
    pt = run(AppTest.from_file(PROGRESS, default_timeout=60))
    assert any("No answers yet" in i.value for i in pt.info)


@pytest.mark.skipif(not any(paths.QUESTIONS_DIR.glob("*.yaml")), reason="no questions in the repo yet")
def test_the_repo_data_quiz(data_dir):
    """The real corpus, glossary and questions: one right answer with its evidence and reader link."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = run(AppTest.from_file(QUIZ, default_timeout=120))
    run(button(at, "Start a session").click())
    cards = {c.id: c for c in quiz.default_cards()}
    card, r, n = current(at, cards)
    assert card.kind == "fact"
    at.radio(key=f"quiz_choice_{r}_{n}").set_value(card.answer)
    run(button(at, "Check").click())
    assert [s.value for s in at.success] == ["Right!"]
    aid, _, sid = card.evidence.partition("/")
    assert f'href="/Reader?article={aid}&amp;sentence={sid}"' in markdown_text(at)
