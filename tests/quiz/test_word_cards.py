"""The cards of saved words (meaning, recall, cloze) and of the learner's imported texts (the names they
contain): how they are made, how answers are checked, how sessions treat them, and the Anki export."""

from __future__ import annotations

import html

import genanki
import pytest

from bilingual.concordance import build_index
from bilingual.imports.texts import ImportedText, as_article
from bilingual.quiz import export
from bilingual.quiz.cards import (
    BLANK,
    KIND_REGISTRY,
    WORD_KINDS,
    build_cards,
    cards_by_article,
    check_answer,
    entry_of,
    filter_cards,
    library_cards,
    sibling_of,
    vocabulary_cards,
)
from bilingual.quiz.word_cards import context_html
from bilingual.schedule import build_session, record_answer
from bilingual.store import Store
from bilingual.vocab.saved import SavedWord
from tests.quiz.test_cards import load_world
from tests.quiz.test_export import read_notes


def _word(key: str, lemma: str, surface: str, sentence: str, index: int, gloss: str, article: str = "mine-1") -> SavedWord:
    return SavedWord(key, lemma, surface, article, "s001", index, sentence, gloss)


SECURITY = _word(">amon/N", "أَمْن", "وبالأمن", "وبالأمن تبنى الدول.", 0, "security; safety")
OTHERS = [
    _word("waziyr/N", "وَزِير", "الوزير", "قال الوزير إن الأمن مهم.", 1, "minister"),
    _word("dawolap/N", "دَوْلَة", "الدول", "وبالأمن تبنى الدول.", 2, "states; countries"),
    _word("salAm/N", "سَلام", "والسلام", "تحدث عن السلام والأمن.", 3, "peace (the)"),
]


def test_a_saved_word_gives_three_cards_that_carry_its_sentence():
    cards = vocabulary_cards([SECURITY])
    assert [c.id for c in cards] == ["word-meaning:>amon/N", "word-recall:>amon/N", "word-cloze:>amon/N"]
    assert tuple(c.kind for c in cards) == WORD_KINDS and all(k in KIND_REGISTRY for k in WORD_KINDS)
    meaning, recall, cloze = cards
    assert all(c.evidence == "mine-1/s001" and c.word == ">amon/N" and c.word_index == 0 for c in cards)
    assert meaning.prompt_ar == "وبالأمن" and meaning.context_ar == "وبالأمن تبنى الدول."
    assert context_html(meaning) == '<mark class="word-hit">وبالأمن</mark> تبنى الدول.'
    assert meaning.typed and recall.typed and cloze.typed  # fewer than three other saved words: typed
    assert cloze.prompt_ar == f"{BLANK} تبنى الدول." and "security; safety" in cloze.prompt_en
    assert recall.prompt_en == "Type the Arabic word for: security; safety" and recall.answer == "أَمْن"
    assert {sibling_of(c.id) for c in cards} == {"word:>amon/N"} and entry_of(meaning.id) is None


def test_with_three_other_saved_words_the_choice_is_among_them():
    cards = {c.id: c for c in vocabulary_cards([SECURITY, *OTHERS])}
    meaning, cloze = cards["word-meaning:>amon/N"], cards["word-cloze:>amon/N"]
    assert sorted(meaning.options) == sorted(["security; safety", "minister", "states; countries", "peace (the)"])
    assert sorted(cloze.options) == sorted(["وبالأمن", "الوزير", "الدول", "والسلام"])
    again = {c.id: c for c in vocabulary_cards([*reversed(OTHERS), SECURITY])}
    assert again["word-meaning:>amon/N"].options == meaning.options  # the same order, whatever the saving order
    assert check_answer(meaning, "security; safety").correct and not check_answer(meaning, "minister").correct
    assert check_answer(cloze, "وبالأمن").correct and not check_answer(cloze, "الدول").correct


@pytest.mark.parametrize(("typed", "right"), [
    ("أمن", True), ("امن", True), ("أَمْن", True),  # the lemma, hamza and marks aside
    ("الأمن", True), ("وبالأمن", True), ("للأمن", True), ("فالامن", True),  # clitics tolerated
    ("أمان", False), ("سلام", False), ("", False),
])
def test_recall_is_checked_with_the_arabic_answer_key_and_clitics_tolerated(typed, right):
    recall = vocabulary_cards([SECURITY])[1]
    assert check_answer(recall, typed).correct is right


@pytest.mark.parametrize(("typed", "right"), [
    ("security", True), ("Safety", True), ("security; safety", True), ("peace", False),
])
def test_a_typed_meaning_is_any_of_the_chosen_english(typed, right):
    assert check_answer(vocabulary_cards([SECURITY])[0], typed).correct is right


def test_ye_and_teh_marbuta_spellings_answer_a_word():
    state = _word("dawolap/N", "دَوْلَة", "الدولة", "قامت الدولة.", 1, "state")
    recall = vocabulary_cards([state])[1]
    assert check_answer(recall, "دوله").correct and check_answer(recall, "الدوله").correct
    huda = _word("hudaY/N", "هُدَى", "الهدى", "طريق الهدى.", 1, "guidance")
    assert check_answer(vocabulary_cards([huda])[1], "هدي").correct


def test_a_session_takes_one_new_card_of_a_saved_word_and_reschedules_it(data_dir):
    store = Store()
    cards = vocabulary_cards([SECURITY, *OTHERS])
    first = build_session(store, "amal", cards, size=10, new_per_day=20)
    assert len({sibling_of(c.id) for c in first.cards}) == len(first.cards) == 4  # one card per word: siblings wait
    card = first.cards[0]
    result = record_answer(store, "amal", card, True, card.answer)
    assert result.due > result.reviewed_at  # rescheduled into the future
    later = build_session(store, "amal", cards, size=10, new_per_day=20)
    assert sibling_of(card.id) not in {sibling_of(c.id) for c in later.cards}  # its siblings come another day
    assert later.buried >= 2


def test_imported_texts_get_the_drills_and_a_cloze_card_of_the_names_they_contain(tmp_path):
    corpus, glossary, qs = load_world(tmp_path)
    curated = build_cards(corpus, glossary, qs)
    text = as_article(ImportedText(1, "t", "", "", "زار بوتين موسكو أمس. ثم قال بوتين إن لبنان مهم."))
    pool = library_cards(curated, [text], build_index([text], glossary), glossary)
    assert {c.id for c in curated} < {c.id for c in pool}
    mine = {c.id: c for c in filter_cards(pool, article="mine-1")}
    assert {"cloze:mine-1/vladimir-putin", "cloze:mine-1/moscow", "cloze:mine-1/lebanon", "ar-en:vladimir-putin",
            "en-ar:moscow", "type:lebanon"} <= set(mine)
    assert not any(entry_of(cid) in ("armenia", "sergei-lavrov") for cid in mine)  # names it does not contain
    putin = mine["cloze:mine-1/vladimir-putin"]
    assert (putin.article_id, putin.evidence, putin.entry_id) == ("mine-1", "mine-1/s001", "vladimir-putin")
    assert putin.prompt_ar == f"زار {BLANK} موسكو أمس." and check_answer(putin, "بوتين", glossary=glossary).correct
    moscow = mine["ar-en:moscow"]
    assert moscow.article_id == "alpha-2023" and moscow.texts == ("mine-1",)  # still the curated article's card too
    assert moscow in filter_cards(pool, article="alpha-2023")
    assert entry_of("cloze:mine-1/vladimir-putin") == "vladimir-putin"
    grouped = cards_by_article(pool)  # the Library's every article at once: the same cards as the filter's
    assert grouped["mine-1"] == filter_cards(pool, article="mine-1")
    assert grouped["alpha-2023"] == filter_cards(pool, article="alpha-2023")


def test_anki_notes_of_saved_words_carry_the_sentence_rtl_and_keep_their_guids(tmp_path):
    corpus, glossary, _qs = load_world(tmp_path / "world")
    cards = vocabulary_cards([SECURITY, *OTHERS])
    first, second = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export.write_apkg(first, cards, corpus, glossary)
    # saved words change (one more, another gloss): the same notes, updated
    more = vocabulary_cards([*OTHERS, SECURITY, _word("qAl/V", "قال", "قال", "قال الوزير.", 0, "say")])
    export.write_apkg(second, more, corpus, glossary)
    notes_a, (models, _decks) = read_notes(first, tmp_path / "a")
    notes_b, _ = read_notes(second, tmp_path / "b")
    assert {g for g, *_ in notes_a} == {genanki.guid_for(c.id) for c in cards}
    assert {g for g, *_ in notes_a} < {g for g, *_ in notes_b}
    fields = {html.unescape(f.split("\x1f")[-1]): f.split("\x1f") for _g, _m, f, _t in notes_a}  # the CardId field is HTML
    front, back, evidence, _translation, source, _cid = fields["word-meaning:>amon/N"]
    assert 'dir="rtl"' in front and "وبالأمن" in front and "What does this word mean here?" in front
    assert "security; safety" in back
    assert evidence == '<div class="ar" dir="rtl" lang="ar"><mark class="word-hit">وبالأمن</mark> تبنى الدول.</div>'
    assert source == "Saved word → English"
    front, back, evidence, *_ = fields["word-cloze:>amon/N"]
    assert BLANK in front and "وبالأمن" in back and "word-hit" in evidence
    tags = next(t for _g, _m, f, t in notes_a if f.endswith("word-recall:&gt;amon/N"))
    assert set(tags.split()) == {"kind::word-recall", "article::mine-1", "vocabulary"}


def test_a_saved_gloss_is_escaped_on_the_card(tmp_path):
    corpus, glossary, _qs = load_world(tmp_path / "world")
    hostile = _word(">amon/N", "أَمْن", "الأمن", "<b>الأمن</b> مهم.", 0, '<img src=x onerror="alert(1)">')
    front, back = export.card_faces(vocabulary_cards([hostile])[1])
    assert "<img" not in front + back and "&lt;img" in front
