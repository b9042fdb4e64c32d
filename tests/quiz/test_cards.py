"""Quiz: question files and their validation, generated drills, and answer checking."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from bilingual.corpus import load_corpus
from bilingual.errors import DataError
from bilingual.glossary import load_glossary
from bilingual.quiz.cards import BLANK, build_cards, check_answer, filter_cards
from bilingual.quiz.evidence import evidence_for
from bilingual.quiz.questions import coverage_warnings, load_questions

ARTICLE = {
    "id": "alpha-2023",
    "seed": "",
    "title_ar": "لافروف: روسيا مستعدة لنشر قوات",
    "title_en": "Lavrov: Russia is ready to deploy forces",
    "outlet": "العالم",
    "outlet_en": "Al-Alam",
    "date": "2023-01-19",
    "paragraphs": [
        {"id": "p01", "kind": "title", "sentences": [{"id": "s001", "ar": "لافروف: روسيا مستعدة لنشر قوات"}]},
        {"id": "p02", "kind": "text", "sentences": [
            {"id": "s002", "ar": "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا مستعدة لنشر قوات على الحدود بين أرمينيا وأذربيجان."},
            {"id": "s003", "ar": "وأوضح لافروف في مؤتمر صحفي في موسكو أن منظمة معاهدة الأمن الجماعي مستعدة لإرسال بعثة."},
            {"id": "s004", "ar": "واجتمع باشينيان مع علييف في بروكسل بحضور ممثل عن الكرملين."},
        ]},
    ],
}
REFERENCE = {
    "article": "alpha-2023",
    "translator": "test",
    "sentences": {
        "s001": "Lavrov: Russia is ready to deploy forces",
        "s002": "Russian Foreign Minister Sergei Lavrov said Russia is ready to deploy forces on the border between Armenia and Azerbaijan.",
        "s003": "Lavrov explained at a press conference in Moscow that the CSTO is ready to send a mission.",
        "s004": "Pashinyan met Aliyev in Brussels in the presence of a Kremlin representative.",
    },
}


def _e(id, type, ar, en, **kw):
    d = {"id": id, "type": type, "ar": ar, "en": en, "description": f"{en}."}
    if type == "place":
        d.update(lat=40.0, lon=45.0)
    d.update(kw)
    return d


GLOSSARY = {"entries": [
    _e("sergei-lavrov", "person", "سيرغي لافروف", "Sergei Lavrov", ar_variants=["لافروف"], en_variants=["Lavrov", "Sergey Lavrov"]),
    _e("nikol-pashinyan", "person", "نيكول باشينيان", "Nikol Pashinyan", ar_variants=["باشينيان"], en_variants=["Pashinyan"]),
    _e("ilham-aliyev", "person", "إلهام علييف", "Ilham Aliyev", ar_variants=["علييف"], en_variants=["Aliyev"]),
    _e("vladimir-putin", "person", "فلاديمير بوتين", "Vladimir Putin", ar_variants=["بوتين"], en_variants=["Putin"]),
    _e("armenia", "place", "أرمينيا", "Armenia", ar_variants=["ارمينيا"]),
    _e("azerbaijan", "place", "أذربيجان", "Azerbaijan"),
    _e("moscow", "place", "موسكو", "Moscow"),
    _e("brussels", "place", "بروكسل", "Brussels"),
    _e("lebanon", "place", "لبنان", "Lebanon"),
    _e("csto", "organization", "منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization", acronym="CSTO"),
    _e("kremlin", "organization", "الكرملين", "the Kremlin", en_variants=["Kremlin"]),
    _e("ministry", "organization", "وزارة الخارجية", "Ministry of Foreign Affairs"),
]}


def question(qid: str, evidence: str = "s002", **kw) -> dict:
    q = {
        "id": qid,
        "evidence": evidence,
        "question_en": "Where is Russia ready to deploy forces?",
        "answer_en": "On the Armenia–Azerbaijan border",
        "distractors_en": ["In Nagorno-Karabakh", "In Georgia", "On the Turkish border"],
        "question_ar": "أين روسيا مستعدة لنشر قوات؟",
        "answer_ar": "على الحدود بين أرمينيا وأذربيجان",
        "distractors_ar": ["في قره باغ", "في جورجيا", "على الحدود التركية"],
        "accept_en": ["Armenian-Azerbaijani border", "the border between Armenia and Azerbaijan"],
    }
    q.update(kw)
    return q


QUESTIONS = {"article": "alpha-2023", "questions": [
    question("q01"),
    question(
        "q02", evidence="s003",
        question_en="In which city did Lavrov hold the press conference?", answer_en="Moscow",
        distractors_en=["Yerevan", "Baku", "Brussels"],
        question_ar="في أي مدينة عقد لافروف المؤتمر الصحفي؟", answer_ar="موسكو",
        distractors_ar=["يريفان", "باكو", "بروكسل"], accept_en=[],
    ),
]}


def _dump(data, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def make_world(root: Path, questions: dict | None = None) -> dict:
    """A small corpus, glossary and questions directory under ``root``; returns their paths."""
    _dump(ARTICLE, root / "articles" / "alpha-2023.yaml")
    _dump(REFERENCE, root / "reference" / "alpha-2023.yaml")
    _dump(GLOSSARY, root / "glossary" / "glossary.yaml")
    _dump(questions if questions is not None else QUESTIONS, root / "questions" / "alpha-2023.yaml")
    return {k: root / k for k in ("articles", "reference", "glossary", "questions")} | {
        "glossary_file": root / "glossary" / "glossary.yaml"
    }


def load_world(root: Path, questions: dict | None = None):
    w = make_world(root, questions)
    corpus = load_corpus(w["articles"], w["reference"])
    glossary = load_glossary(w["glossary_file"])
    qs = load_questions(w["questions"], corpus)
    return corpus, glossary, qs


@pytest.fixture
def world(tmp_path):
    corpus, glossary, qs = load_world(tmp_path)
    return corpus, glossary, qs, build_cards(corpus, glossary, qs)


# --- question files -------------------------------------------------------------------------


def test_questions_load_with_their_evidence(world):
    corpus, _g, qs, _cards = world
    assert [q.uid for q in qs] == ["alpha-2023/q01", "alpha-2023/q02"]
    assert qs[1].evidence_uid == "alpha-2023/s003"
    assert qs[0].accept_en == ("Armenian-Azerbaijani border", "the border between Armenia and Azerbaijan")
    assert coverage_warnings(qs, corpus) == ["questions alpha-2023: 2 question(s), at least 8 expected"]


def test_missing_questions_dir_means_no_questions(tmp_path, world):
    corpus = world[0]
    assert load_questions(tmp_path / "nowhere", corpus) == []


@pytest.mark.parametrize(
    "change, field, message",
    [
        ({"evidence": "s099"}, "evidence", "does not exist"),
        ({"answer_en": ""}, "answer_en", "missing"),
        ({"distractors_en": ["a", "b"]}, "distractors_en", "exactly 3"),
        ({"distractors_en": ["In Georgia", "in georgia!", "Baku"]}, "distractors_en", "same option"),
        ({"distractors_ar": ["في جورجيا", "في جورجيا", "باكو"]}, "distractors_ar", "same option"),
        ({"distractors_en": ["On the Armenia-Azerbaijan border", "x", "y"]}, "distractors_en", "same option"),
        ({"question_ar": None}, "question_ar", "missing"),
        ({"accept_en": ["In Georgia"]}, "accept_en", "wrong option"),
        ({"id": "q 1"}, "id", "letters"),
    ],
)
def test_a_bad_question_is_a_data_error_naming_file_entry_and_field(tmp_path, change, field, message):
    bad = {"article": "alpha-2023", "questions": [question("q01", **change)]}
    with pytest.raises(DataError) as err:
        load_world(tmp_path, bad)
    assert err.value.field == field
    assert message in err.value.message
    assert err.value.file.endswith("alpha-2023.yaml")
    assert "question" in err.value.entry


def test_duplicate_ids_and_unknown_articles_are_errors(tmp_path):
    with pytest.raises(DataError, match="duplicate question id"):
        load_world(tmp_path, {"article": "alpha-2023", "questions": [question("q01"), question("q01")]})
    with pytest.raises(DataError, match="not an article of the corpus") as err:
        load_world(tmp_path / "b", {"article": "nope", "questions": [question("q01")]})
    assert err.value.field == "article"


def test_file_name_must_match_article(tmp_path):
    w = make_world(tmp_path)
    (w["questions"] / "alpha-2023.yaml").rename(w["questions"] / "other.yaml")
    corpus = load_corpus(w["articles"], w["reference"])
    with pytest.raises(DataError, match="alpha-2023.yaml"):
        load_questions(w["questions"], corpus)


# --- generated cards --------------------------------------------------------------------------


def test_cards_of_every_kind_with_stable_ids(world, tmp_path):
    corpus, glossary, qs, cards = world
    ids = [c.id for c in cards]
    assert len(ids) == len(set(ids))
    assert "fact:alpha-2023/q01" in ids
    for kind in ("ar-en", "en-ar", "cloze", "type"):
        assert f"{kind}:sergei-lavrov" in ids
    # Putin is not in the corpus: no cloze, the other drills have no evidence
    assert "cloze:vladimir-putin" not in ids
    putin = next(c for c in cards if c.id == "ar-en:vladimir-putin")
    assert putin.evidence is None and putin.article_id is None
    # rebuilding gives identical cards (options, distractors, order)
    assert build_cards(corpus, glossary, qs) == cards


def test_fact_card_offers_answer_and_three_distractors(world):
    card = next(c for c in world[3] if c.id == "fact:alpha-2023/q02")
    assert sorted(card.options) == sorted(["Moscow", "Yerevan", "Baku", "Brussels"])
    assert sorted(card.options_ar) == sorted(["موسكو", "يريفان", "باكو", "بروكسل"])
    assert card.evidence == "alpha-2023/s003"
    assert card.question_ar.startswith("في أي مدينة")


def test_drill_distractors_are_same_type_and_deterministic(world):
    _c, glossary, _q, cards = world
    card = next(c for c in cards if c.id == "ar-en:armenia")
    assert card.prompt_ar == "أرمينيا" and card.answer == "Armenia"
    assert len(card.options) == 4 and "Armenia" in card.options
    places = {e.en for e in glossary if e.type == "place"}
    assert set(card.options) <= places
    person = next(c for c in cards if c.id == "ar-en:sergei-lavrov")
    assert set(person.options) == {"Sergei Lavrov", "Nikol Pashinyan", "Ilham Aliyev", "Vladimir Putin"}
    kinds = next(c for c in cards if c.id == "type:moscow")
    assert "place" in kinds.options and len(set(kinds.options)) == 4


def test_cloze_blanks_the_name_in_a_corpus_sentence(world):
    card = next(c for c in world[3] if c.id == "cloze:moscow")
    assert BLANK in card.prompt_ar and "موسكو" not in card.prompt_ar
    assert card.prompt_ar.startswith("وأوضح لافروف")
    assert card.answer == "موسكو" and "موسكو" in card.options
    assert card.evidence == "alpha-2023/s003"
    assert check_answer(card, "موسكو").correct
    assert not check_answer(card, next(o for o in card.options if o != "موسكو")).correct


def test_filter_by_article_and_kind(world):
    cards = world[3]
    facts = filter_cards(cards, article="alpha-2023", kinds=["fact"])
    assert [c.id for c in facts] == ["fact:alpha-2023/q01", "fact:alpha-2023/q02"]
    assert all(c.article_id == "alpha-2023" for c in filter_cards(cards, article="alpha-2023"))


def test_evidence_points_to_the_sentence_and_its_translation(world):
    corpus, glossary, _q, cards = world
    card = next(c for c in cards if c.id == "en-ar:moscow")
    ev = evidence_for(card, corpus, glossary)
    assert ev.sentence_id == "s003"
    assert ev.en.startswith("Lavrov explained")
    assert ev.link == "/Reader?article=alpha-2023&sentence=s003"
    assert "موسكو" in ev.html and "<script" not in ev.html


# --- answer checking ----------------------------------------------------------------------------

ARABIC_TABLE = [
    # (card, typed answer, accepted?)
    ("en-ar:moscow", "موسكو", True),
    ("en-ar:moscow", "مُوسْكُو", True),  # diacritics
    ("en-ar:moscow", "موســكو", True),  # tatweel
    ("en-ar:moscow", "  موسكو  ", True),  # extra spaces
    ("en-ar:moscow", "موسكو.", True),  # punctuation
    ("en-ar:armenia", "ارمينيا", True),  # hamza-less alef
    ("en-ar:armenia", "إرمينيا", True),  # alef variant
    ("en-ar:sergei-lavrov", "سيرغي  لافروف", True),  # listed form, double space
    ("en-ar:sergei-lavrov", "لافروف", True),  # listed variant
    ("en-ar:ilham-aliyev", "الهام علييف", True),  # إ → ا
    ("en-ar:kremlin", "الكرملين", True),
    ("en-ar:kremlin", "كرملين", True),  # article dropped
    ("en-ar:csto", "منظمة معاهدة الامن الجماعي", True),
    ("en-ar:csto", "منظمه معاهده الأمن الجماعى", True),  # ة/ه and ى/ي
    # rejected: a clitic glued to the name makes it another answer ("and Moscow", "in Moscow")
    ("en-ar:moscow", "وموسكو", False),  # و
    ("en-ar:moscow", "بموسكو", False),  # ب
    ("en-ar:moscow", "فبموسكو", False),  # ف + ب
    ("en-ar:moscow", "لموسكو.", False),  # ل + punctuation
    ("en-ar:moscow", "كموسكو", False),  # ك
    ("en-ar:armenia", "وأرمينيا", False),
    ("en-ar:sergei-lavrov", "ولافروف", False),  # و on a person's name
    ("en-ar:sergei-lavrov", "وسيرغي لافروف", False),
    ("en-ar:sergei-lavrov", "اللافروف", False),  # a person's name takes no article
    ("en-ar:kremlin", "بالكرملين", False),  # ب + ال
    ("en-ar:kremlin", "للكرملين", False),  # ل + ال (alef dropped)
    ("en-ar:kremlin", "والكرملين", False),
    ("en-ar:csto", "لمنظمة معاهدة الأمن الجماعي", False),
    # rejected: other names, fragments
    ("en-ar:moscow", "", False),
    ("en-ar:moscow", "بوتين", False),  # a different name
    ("en-ar:moscow", "موسك", False),  # truncated
    ("en-ar:moscow", "موسكوف", False),  # longer word
    ("en-ar:moscow", "سموسكو", False),  # not a clitic
    ("en-ar:armenia", "أذربيجان", False),
    ("en-ar:sergei-lavrov", "سيرغي", False),  # part of the name only
    ("en-ar:sergei-lavrov", "لافروفا", False),
    ("en-ar:ilham-aliyev", "علي", False),
    ("en-ar:csto", "منظمة الأمن الجماعي", False),
    ("en-ar:csto", "CSTO", False),
]


@pytest.mark.parametrize("card_id, typed, accepted", ARABIC_TABLE)
def test_typed_arabic_answers(world, card_id, typed, accepted):
    _c, glossary, _q, cards = world
    card = next(c for c in cards if c.id == card_id)
    verdict = check_answer(card, typed, glossary=glossary)
    assert verdict.correct is accepted
    assert verdict.expected == card.answer


@pytest.mark.parametrize(
    "card_id, typed, note",
    [
        ("en-ar:sergei-lavrov", "ولافروف", "«و» (and) is not part of the name"),
        ("en-ar:sergei-lavrov", "اللافروف", "«ال» (the) is not part of the name"),
        ("en-ar:moscow", "فبموسكو", "«ف» (so) + «ب» (in/by) is not part of the name"),
        ("en-ar:kremlin", "للكرملين", "«ل» (for/to) is not part of the name"),
        ("en-ar:moscow", "بوتين", ""),  # simply another name
        ("en-ar:moscow", "موسكو", ""),  # right
    ],
)
def test_a_typed_name_with_a_clitic_is_wrong_and_the_feedback_says_why(world, card_id, typed, note):
    _c, glossary, _q, cards = world
    card = next(c for c in cards if c.id == card_id)
    verdict = check_answer(card, typed, glossary=glossary)
    assert verdict.note.startswith(note) if note else verdict.note == ""


def test_a_clitic_never_turns_another_name_into_the_answer(tmp_path):
    # "لبنان" (Lebanon) is ل + "بنان"; with a glossary entry "بنان" it must not count as it.
    data = yaml.safe_load(yaml.safe_dump(GLOSSARY))
    data["entries"].append(_e("banan", "place", "بنان", "Banan"))
    w = make_world(tmp_path)
    (w["glossary_file"]).write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    corpus = load_corpus(w["articles"], w["reference"])
    glossary = load_glossary(w["glossary_file"])
    cards = build_cards(corpus, glossary, [])
    banan = next(c for c in cards if c.id == "en-ar:banan")
    assert check_answer(banan, "بنان", glossary=glossary).correct
    assert not check_answer(banan, "لبنان", glossary=glossary).correct
    assert not check_answer(banan, "وبنان", glossary=glossary).correct


ENGLISH_TABLE = [
    ("ar-en:sergei-lavrov", "Sergei Lavrov", True),
    ("ar-en:sergei-lavrov", "sergei lavrov", True),
    ("ar-en:sergei-lavrov", "  Sergei   LAVROV. ", True),
    ("ar-en:sergei-lavrov", "Lavrov", True),  # en_variants
    ("ar-en:sergei-lavrov", "Sergey Lavrov", True),
    ("ar-en:sergei-lavrov", "Vladimir Putin", False),
    ("ar-en:sergei-lavrov", "Sergei", False),
    ("ar-en:csto", "CSTO", True),  # acronym
    ("ar-en:csto", "c.s.t.o.", False),  # dots split the letters: not the acronym
    ("ar-en:csto", "collective security treaty organization", True),
    ("ar-en:kremlin", "Kremlin", True),
    ("ar-en:kremlin", "The Kremlin!", True),
    ("ar-en:kremlin", "Moscow", False),
    ("fact:alpha-2023/q01", "On the Armenia–Azerbaijan border", True),
    ("fact:alpha-2023/q01", "on the armenia azerbaijan border", True),
    ("fact:alpha-2023/q01", "The border between Armenia and Azerbaijan", True),  # accept_en
    ("fact:alpha-2023/q01", "armenian-azerbaijani border", True),
    ("fact:alpha-2023/q01", "In Georgia", False),
    ("fact:alpha-2023/q01", "", False),
    ("type:moscow", "place", True),
    ("type:moscow", "Place", True),
    ("type:moscow", "person", False),
]


@pytest.mark.parametrize("card_id, typed, accepted", ENGLISH_TABLE)
def test_english_answers(world, card_id, typed, accepted):
    card = next(c for c in world[3] if c.id == card_id)
    assert check_answer(card, typed).correct is accepted


def test_fact_question_in_arabic(world):
    card = next(c for c in world[3] if c.id == "fact:alpha-2023/q02")
    v = check_answer(card, "موسكو", arabic=True)
    assert v.correct and v.expected == "موسكو"
    assert not check_answer(card, "باكو", arabic=True).correct
    # every option is judged consistently: exactly one is right, in both languages
    assert sum(check_answer(card, o).correct for o in card.options) == 1
    assert sum(check_answer(card, o, arabic=True).correct for o in card.options_ar) == 1


def test_every_choice_card_has_exactly_one_right_option(world):
    _c, glossary, _q, cards = world
    for card in cards:
        if card.options:
            assert sum(check_answer(card, o, glossary=glossary).correct for o in card.options) == 1, card.id


def test_edited_question_files_are_picked_up(tmp_path):
    from bilingual.quiz import cards_for

    w = make_world(tmp_path)
    corpus = load_corpus(w["articles"], w["reference"])
    glossary = load_glossary(w["glossary_file"])
    before = [c.id for c in cards_for(corpus, glossary, w["questions"]) if c.kind == "fact"]
    assert before == ["fact:alpha-2023/q01", "fact:alpha-2023/q02"]
    _dump({"article": "alpha-2023", "questions": [*QUESTIONS["questions"], question("q03", evidence="s004")]},
          w["questions"] / "alpha-2023.yaml")
    after = [c.id for c in cards_for(corpus, glossary, w["questions"]) if c.kind == "fact"]
    assert after == [*before, "fact:alpha-2023/q03"]


# --- how cards show (QA) -------------------------------------------------------------------------


def test_type_options_and_answers_use_the_readers_labels(world):
    from bilingual import quiz, render
    from bilingual.glossary import TYPE_LABELS

    assert TYPE_LABELS == render.TYPE_LABELS
    card = next(c for c in world[3] if c.id == "type:moscow")
    assert sorted(quiz.option_label(card, o) for o in card.options) == sorted(render.TYPE_LABELS[t] for t in card.options)
    assert quiz.option_label(card, "place") == "Place"
    assert check_answer(card, "Place").correct and check_answer(card, "place").correct


def test_evidence_opens_the_reader_with_the_terms_card(world):
    corpus, glossary, _q, cards = world
    drill = next(c for c in cards if c.id == "cloze:moscow")
    assert evidence_for(drill, corpus, glossary).query_params == {"article": "alpha-2023", "sentence": "s003", "term": "moscow"}
    fact = next(c for c in cards if c.id == "fact:alpha-2023/q01")
    assert evidence_for(fact, corpus, glossary).query_params == {"article": "alpha-2023", "sentence": "s002"}


def test_arabic_options_are_shown_as_plain_arabic():
    from bilingual import quiz

    assert quiz.display_option("\u200fسيرغي لافروف\u200e") == "سيرغي لافروف"
    assert quiz.display_option("\u2067موسكو\u2069") == "موسكو"
    assert quiz.is_arabic_text("سيرغي لافروف") and quiz.is_arabic_text("على الحدود بين أرمينيا وأذربيجان")
    assert not quiz.is_arabic_text("Sergei Lavrov") and not quiz.is_arabic_text("")
