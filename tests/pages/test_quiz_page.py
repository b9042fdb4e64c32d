"""The Quiz and Progress pages, driven like a learner would (streamlit AppTest)."""

from __future__ import annotations

from datetime import UTC
from pathlib import Path
from urllib.parse import parse_qsl

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from bilingual import paths, quiz, render
from bilingual.corpus import default_corpus, load_corpus
from bilingual.glossary import default_glossary, load_glossary
from bilingual.store import Store
from bilingual.text.charsets import BIDI_MARKS
from tests.pages.apptest import button, html_of, run, shown
from tests.quiz.test_cards import make_world
from ui import data as ui_data

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "app.py")
QUIZ = str(ROOT / "pages" / "3_Quiz.py")
PROGRESS = str(ROOT / "pages" / "4_Progress.py")
QUIZ_PAGE = "pages/3_Quiz.py"
READER_PAGE = "pages/1_Reader.py"
RIGHT_ICON, WRONG_ICON = ":material/check_circle:", ":material/cancel:"


def shown_world(w: dict, monkeypatch) -> tuple:
    """The pages see the corpus, glossary and questions of ``w`` (from ``make_world``): (corpus, glossary, cards by id)."""
    corpus = tuple(load_corpus(w["articles"], w["reference"]))
    glossary = load_glossary(w["glossary_file"])
    monkeypatch.setattr(ui_data, "default_corpus", lambda: corpus)
    monkeypatch.setattr(ui_data, "default_glossary", lambda: glossary)
    monkeypatch.setattr(paths, "QUESTIONS_DIR", w["questions"])
    st.cache_data.clear()
    st.cache_resource.clear()
    return corpus, glossary, {c.id: c for c in quiz.cards_for(corpus, glossary, w["questions"])}


@pytest.fixture
def world(tmp_path, data_dir, monkeypatch):
    """The pages see a small test corpus, glossary and questions, and a fresh database."""
    yield shown_world(make_world(tmp_path / "world"), monkeypatch)
    st.cache_data.clear()
    st.cache_resource.clear()


def markdown_text(at: AppTest) -> str:
    """What the page shows as text: its Markdown (escapes removed) and its HTML."""
    return html_of(at)


def current(at: AppTest, cards):
    s = at.session_state["quiz_session"]
    return cards[s.ids[s.position]], s.run, s.position + 1


def quiz_app() -> AppTest:
    """The quiz page inside the multipage app (as the browser has it: page links resolve)."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.switch_page(QUIZ_PAGE)
    return at


def reader_links(at: AppTest) -> list:
    return [ln.proto for ln in at.get("page_link") if ln.proto.page == "Reader"]


def answer(at: AppTest, card, r: int, n: int, value: str) -> AppTest:
    if card.typed:
        at.text_input(key=f"quiz_text_{r}_{n}").input(value)
    else:
        at.radio(key=f"quiz_choice_{r}_{n}").set_value(value)
    return run(button(at, "Check").click())


def test_a_whole_quiz_session(world):
    corpus, glossary, cards = world
    at = run(quiz_app())
    assert "Start a session" in [b.label for b in at.button]
    run(button(at, "Start a session").click())

    # 1. answer right
    card, r, n = current(at, cards)
    assert card.id == "fact:alpha-2023/q01"
    assert card.prompt_en in markdown_text(at)
    answer(at, card, r, n, card.answer)
    assert [s.value for s in at.success] == ["Right!"]
    assert at.success[0].proto.icon == RIGHT_ICON  # a material icon, not an emoji (no emoji font needed)
    text = markdown_text(at)
    assert card.answer in text
    # the evidence: Arabic sentence with names highlighted, its translation, a link into the reader
    assert "سيرغي لافروف" in text and 'class="gl gl-person' in text
    assert "Russian Foreign Minister Sergei Lavrov said" in text
    [link] = reader_links(at)
    assert link.label == "Open in the reader at this sentence"
    assert link.query_string == "article=alpha-2023&sentence=s002"  # a key fact has no term
    assert "href=" not in text  # no plain link that would reload the app and lose the session
    run(button(at, "Easy").click())  # optional self-rating
    assert any(c.value.startswith("Rated Easy · next review in") for c in at.caption)
    run(button(at, "Next card →").click())

    # 2. a typed Arabic answer, hamza left out
    card, r, n = current(at, cards)
    assert n == 2 and card.kind == "en-ar" and card.typed
    answer(at, card, r, n, card.answer.replace("أ", "ا"))
    assert [s.value for s in at.success] == ["Right!"]
    assert "Card 2 of" not in markdown_text(at)  # the feedback replaced the question form
    # a glossary drill's link also opens the term's card in the reader
    [link] = reader_links(at)
    assert link.query_string == f"article=alpha-2023&sentence=s004&term={card.entry_id}"
    run(button(at, "Next card →").click())

    # 3. answer wrong: "What kind of name?" with the reader's type labels
    card, r, n = current(at, cards)
    assert n == 3 and card.kind == "type"
    radio = at.radio(key=f"quiz_choice_{r}_{n}")
    assert sorted(radio.options) == sorted(render.TYPE_LABELS[t] for t in card.options)
    wrong = next(o for o in card.options if o != card.answer)
    answer(at, card, r, n, wrong)
    assert at.error and at.error[0].value == f"Not quite — you answered “{render.TYPE_LABELS[wrong]}”."
    assert at.error[0].proto.icon == WRONG_ICON
    label = render.TYPE_LABELS[card.answer]
    assert f'<span class="src-label">Correct answer</span><span class="quiz-answer-value">{label}</span>' in markdown_text(at)
    assert markdown_text(at).count(f"{label}<") == 1  # shown once: the entry line does not repeat the type
    assert "Easy" not in [b.label for b in at.button]  # no self-rating after a wrong answer

    store = Store()
    rows = store.query("SELECT card_id, correct, rating FROM reviews ORDER BY id")
    ids = at.session_state["quiz_session"].ids
    assert [(r["card_id"], r["correct"], r["rating"]) for r in rows] == [
        ("fact:alpha-2023/q01", 1, 4), (ids[1], 1, 3), (card.id, 0, 1)]
    store.close()

    # progress page: the same profile's answers
    pt = run(AppTest.from_file(PROGRESS, default_timeout=60))
    metrics = {m.label: m.value for m in pt.metric}
    assert metrics["Reviews"] == "3" and metrics["Cards seen"] == "3"
    assert metrics["Accuracy"] == "67%"


def test_no_two_cards_of_one_name_follow_each_other(world):
    """QA: four Sergei Lavrov cards in a row, the first's feedback giving away the next answers."""
    corpus, glossary, cards = world
    at = run(quiz_app())
    at.slider(key="quiz_size").set_value(20)
    run(button(at, "Start a session").click())
    ids = at.session_state["quiz_session"].ids
    entries = [cards[i].entry_id for i in ids if cards[i].entry_id]
    assert len(entries) == len(set(entries))  # one new card per name and session


def test_the_reader_link_keeps_the_running_session(world):
    """QA: following the evidence link and coming back showed "Start a session": the session was lost."""
    corpus, glossary, cards = world
    at = run(quiz_app())
    run(button(at, "Start a session").click())
    card, r, n = current(at, cards)
    answer(at, card, r, n, card.answer)
    run(button(at, "Next card →").click())
    card, r, n = current(at, cards)
    assert n == 2 and card.entry_id
    answer(at, card, r, n, card.answer)
    [link] = reader_links(at)

    # follow the link (a page link: same browser session, query parameters set)
    at.switch_page(READER_PAGE)
    for k, v in parse_qsl(link.query_string):
        at.query_params[k] = v
    run(at)
    assert at.session_state["reader_term"] == card.entry_id  # the term's card is open
    page = "\n".join(e.proto.body for e in at.get("html")) + markdown_text(at)
    assert 'row-focus" id="s004"' in page  # at the evidence sentence

    # back to the quiz: the same session, at the same card's feedback, then on to card 3
    at.query_params.clear()
    at.switch_page(QUIZ_PAGE)
    run(at)
    assert "Start a session" not in [b.label for b in at.button]
    assert [s.value for s in at.success] == ["Right!"]
    run(button(at, "Next card →").click())
    assert current(at, cards)[2] == 3
    assert any(m.value.startswith("**Card 3 of") for m in at.markdown)


def test_a_reload_while_the_feedback_shows_keeps_it_then_resumes_at_the_next_card(world):
    corpus, glossary, cards = world
    at = run(quiz_app())
    run(button(at, "Start a session").click())
    ids = list(at.session_state["quiz_session"].ids)
    card, r, n = current(at, cards)
    wrong = next(o for o in card.options if o != card.answer)
    answer(at, card, r, n, wrong)  # answered; the feedback is showing when the tab is reloaded
    before = markdown_text(at)

    fresh = run(quiz_app())  # a new browser session: empty st.session_state
    s = fresh.session_state["quiz_session"]
    assert s.ids == ids and s.position == 0 and s.results == [False]
    # the same feedback: the answer given, the correct answer, the evidence and its link
    assert fresh.error[0].value == at.error[0].value and wrong in fresh.error[0].value
    after = markdown_text(fresh)
    assert card.answer in after and "Russian Foreign Minister Sergei Lavrov said" in after
    assert [ln.query_string for ln in reader_links(fresh)] == [ln.query_string for ln in reader_links(at)]
    assert before.count(card.answer) == after.count(card.answer)
    assert any("Resumed your unfinished session at card 1" in c.value for c in fresh.caption)
    store = Store()
    assert store.query("SELECT count(*) FROM reviews")[0][0] == 1  # not answered twice
    store.close()
    run(button(fresh, "Next card →").click())
    again = run(quiz_app())  # reloaded on card 2's question
    assert again.session_state["quiz_session"].position == 1
    assert any(m.value.startswith(f"**Card 2 of {len(ids)}**") for m in again.markdown)
    fresh = again

    # finishing the session forgets it: the next reload offers a new one
    while True:
        card, r, n = current(fresh, cards)
        answer(fresh, card, r, n, card.answer)
        run(button(fresh, "Next card →").click())
        if fresh.session_state["quiz_session"].position >= len(ids):
            break
    assert f"Session done: {len(ids) - 1} of {len(ids)} right." in [x.value for x in fresh.success]
    again = run(quiz_app())
    assert "Start a session" in [b.label for b in again.button]


def session_of(kinds: list[str]) -> AppTest:
    """The quiz with a session started on cards of these kinds only."""
    at = run(quiz_app())
    at.multiselect(key="quiz_kinds").set_value(kinds)
    run(at)
    return run(button(at, "Start a session").click())


def test_arabic_options_are_laid_out_right_to_left(world):
    corpus, glossary, cards = world
    at = session_of(["cloze"])
    card, r, n = current(at, cards)
    box = at.get_by_key("quiz_ar_choices")  # the container the page's RTL rule styles
    radio = at.radio(key=f"quiz_choice_{r}_{n}")
    assert radio in list(box)
    assert set(radio.options) == set(card.options)  # plain Arabic: no direction marks around it
    assert all(not (set(o) & BIDI_MARKS) for o in radio.options)
    assert "quiz_ar_choices" in markdown_text(at) and "direction: rtl" in markdown_text(at)


def test_english_options_are_not_in_the_arabic_box(world):
    at = session_of(["ar-en"])
    with pytest.raises(KeyError):
        at.get_by_key("quiz_ar_choices")


def test_facts_in_arabic_and_filters(world):
    corpus, glossary, cards = world
    at = run(quiz_app())
    at.multiselect(key="quiz_kinds").set_value(["fact"])
    at.toggle(key="quiz_arabic").set_value(True)
    run(at)
    run(button(at, "Start a session").click())
    assert at.session_state["quiz_session"].ids == ["fact:alpha-2023/q01", "fact:alpha-2023/q02"]
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
    at = run(quiz_app())
    at.text_input(key="profile_new").input("Layla")
    run(at.button(key="profile_create").click())
    assert at.session_state["profile"] == "Layla"
    assert "Layla" in at.selectbox(key="profile_select").options
    assert "Profile **Layla**" in at.caption[0].value
    run(button(at, "Start a session").click())
    store = Store()
    assert {r["name"] for r in store.query("SELECT name FROM profiles")} >= {"default", "Layla"}
    store.close()
    # a name with Markdown in it is shown as typed, not as a link or bold text
    at.text_input(key="profile_new").input("[me](http://e.x) *b*")
    run(at.button(key="profile_create").click())
    assert r"Profile **\[me\]\(http\:" "\u2060" r"//e\.x\) \*b\***" in at.caption[0].value
    # a bad name is refused with a message
    at.text_input(key="profile_new").input("   ")
    run(at.button(key="profile_create").click())
    assert at.error and "1 to 40" in at.error[0].value


def test_export_buttons_and_empty_progress(world):
    at = run(quiz_app())
    assert not at.get("download_button")  # made on request: a deck of thousands of cards takes seconds
    at = run(at.button(key="quiz_dl_prepare").click())
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download Anki deck (.apkg)", "Download CSV"]
    pt = run(AppTest.from_file(PROGRESS, default_timeout=60))
    assert any("No answers yet" in i.value for i in pt.info)


def test_the_repo_data_quiz(data_dir):
    """The real corpus, glossary and questions: one right answer with its evidence and reader link."""
    st.cache_data.clear()
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.switch_page(QUIZ_PAGE)
    run(at)
    run(button(at, "Start a session").click())
    cards = {c.id: c for c in quiz.cards_for(default_corpus(), default_glossary())}
    card, r, n = current(at, cards)
    assert card.kind == "fact"
    at.radio(key=f"quiz_choice_{r}_{n}").set_value(card.answer)
    run(button(at, "Check").click())
    assert [s.value for s in at.success] == ["Right!"]
    aid, _, sid = card.evidence.partition("/")
    assert [ln.query_string for ln in reader_links(at)] == [f"article={aid}&sentence={sid}"]


def test_progress_lists_mastered_terms_with_the_readers_type_labels(world):
    corpus, glossary, cards = world
    from datetime import datetime, timedelta

    from bilingual import schedule

    store = Store()
    when = datetime.now(UTC) - timedelta(days=3)
    for _ in range(3):
        schedule.record_answer(store, "default", cards["ar-en:moscow"], True, "Moscow", now=when)
        when += timedelta(hours=1)
    store.close()
    pt = run(AppTest.from_file(PROGRESS, default_timeout=60))
    table = pt.dataframe[0].value
    assert list(table["English"]) == ["Moscow"] and list(table["Type"]) == ["Place"]


def test_a_typed_answer_is_shown_back_as_typed_not_as_markdown(world):
    corpus, glossary, cards = world
    at = session_of(["en-ar"])
    card, r, n = current(at, cards)
    answer(at, card, r, n, "![x](http://198.51.100.7/a.png) :red[boom]")
    [err] = at.error
    assert "\\!\\[x\\]\\(http\\:" in err.value and "\\:\u2060red\\[boom\\]" in err.value  # escaped: shown literally


def test_a_clitic_on_a_typed_name_is_wrong_and_the_feedback_says_so(world):
    corpus, glossary, cards = world
    at = session_of(["en-ar"])
    card, r, n = current(at, cards)
    assert card.typed and card.answer_lang == "ar"
    answer(at, card, r, n, "و" + card.answer)
    [error] = at.error
    assert "«و» (and) is not part of the name" in shown(error.value)
    html = markdown_text(at)
    # the answer once, next to its label, right to left; the entry line gives the English, not the Arabic again
    assert f'<span class="src-label">Correct answer</span><span class="ar quiz-answer-value" dir="rtl" lang="ar">{card.answer}</span>' in html
    [entry_line] = [h.proto.body for h in at.get("html") if 'class="quiz-entry"' in h.proto.body]
    assert card.answer not in entry_line and f"<b>{glossary.get(card.entry_id).en}</b>" in entry_line
    # the note is kept with the session: a reload shows it again
    fresh = run(quiz_app())
    assert "«و» (and) is not part of the name" in shown(fresh.error[0].value)


def test_multiple_choice_can_be_answered_from_the_keyboard(world):
    corpus, glossary, cards = world
    at = session_of(["ar-en"])
    card, r, n = current(at, cards)
    check = button(at, "Check")
    assert check.proto.shortcut == "enter"  # Enter checks the chosen option
    assert any(c.value == f"Keyboard: 1–{len(card.options)} choose an option, Enter checks it." for c in at.caption)
    scripts = [h.proto for h in at.get("html") if "__bilingualQuizKeys" in h.proto.body]
    assert len(scripts) == 1 and scripts[0].unsafe_allow_javascript
    answer(at, card, r, n, card.answer)
    assert button(at, "Next card →").proto.shortcut == "enter"
    assert [button(at, name).proto.shortcut for name in ("Again", "Hard", "Good", "Easy")] == ["1", "2", "3", "4"]


def test_a_typed_answer_has_no_second_enter_shortcut(world):
    corpus, glossary, cards = world
    at = session_of(["en-ar"])
    assert button(at, "Check").proto.shortcut == ""
    assert not [h for h in at.get("html") if "__bilingualQuizKeys" in h.proto.body]


def test_the_feedback_shows_the_evidence_sentences_source_note(tmp_path, data_dir, monkeypatch):
    """A curated note on the evidence sentence (where the source itself is wrong or loose) is in the
    feedback, labelled "Note", escaped; a card whose evidence has none shows no note."""
    import yaml

    w = make_world(tmp_path / "world")
    path = w["articles"] / "alpha-2023.yaml"
    art = yaml.safe_load(path.read_text(encoding="utf-8"))
    art["paragraphs"][1]["sentences"][0]["note"] = "The text says <ready>; it was \"willing\" & no more."
    path.write_text(yaml.safe_dump(art, allow_unicode=True, sort_keys=False), encoding="utf-8")
    _corpus, _glossary, cards = shown_world(w, monkeypatch)
    at = run(quiz_app())
    run(button(at, "Start a session").click())
    card, r, n = current(at, cards)
    assert card.evidence == "alpha-2023/s002"
    answer(at, card, r, n, card.answer)
    html = "\n".join(e.proto.body for e in at.get("html"))
    assert ('<div class="src-note quiz-note" lang="en"><span class="src-label">Note</span> '
            "The text says &lt;ready&gt;; it was &quot;willing&quot; &amp; no more.</div>") in html
    # the next card's evidence (s003) has no note
    run(button(at, "Next card →").click())
    card, r, n = current(at, cards)
    while card.evidence != "alpha-2023/s003":
        answer(at, card, r, n, card.answer)
        run(button(at, "Next card →").click())
        card, r, n = current(at, cards)
    answer(at, card, r, n, card.answer)
    assert "quiz-note" not in "\n".join(e.proto.body for e in at.get("html"))
    st.cache_data.clear()
    st.cache_resource.clear()
