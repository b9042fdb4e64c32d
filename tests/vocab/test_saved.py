"""Saved words (lemma, spelling, sentence, chosen English), the learner's own translation of an
imported text, and the Progress page's vocabulary figures."""

from __future__ import annotations

import pytest

from bilingual import vocab
from bilingual.accounts import create_learner
from bilingual.classroom import add_students, assign, create_class
from bilingual.errors import VocabRefused
from bilingual.imports.own_translation import MAX_CHARS, own_translation, set_own_sentence
from bilingual.imports.texts import article_id_for, delete_text, get_article, save_text
from bilingual.store import Store
from bilingual.vocab import Status
from bilingual.vocab import progress as vocab_progress
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import read_sentence

BODY = "قال الوزير إن الأمن مهم. وبالأمن تبنى الدول."


@pytest.fixture
def world(data_dir):
    store = Store()
    me = create_learner(store, "amal")
    text = get_article(store, article_id_for(save_text(store, BODY, owner=me.id)), reader=me.id)
    return store, me, text


def _reading(text, sid: str, index: int):
    return read_sentence(text.sentence(sid).ar, Lexicon.shared())[index].best


def test_a_saved_word_keeps_its_sentence_and_becomes_learning(world):
    store, me, text = world
    saved = vocab.save_word(store, me.id, text, "s002", 0, _reading(text, "s002", 0), "  security\u202e ")
    assert (saved.lemma_key, saved.lemma, saved.surface, saved.uid, saved.gloss) == (
        ">amon/N", "أَمْن", "وبالأمن", f"{text.id}/s002", "security")
    assert saved.sentence == "وبالأمن تبنى الدول." and saved.sentence[slice(*saved.span)] == "وبالأمن"
    assert vocab.status_of(store, me.id, ">amon/N") is Status.LEARNING_1
    # the same lemma from another sentence replaces it; a known word stays known
    vocab.set_status(store, me.id, ">amon/N", Status.KNOWN)
    again = vocab.save_word(store, me.id, text, "s001", 3, _reading(text, "s001", 3), "safety")
    assert [w.surface for w in vocab.saved_words(store, me.id)] == ["الأمن"] and again.gloss == "safety"
    assert vocab.status_of(store, me.id, ">amon/N") is Status.KNOWN
    assert vocab.forget_word(store, me.id, ">amon/N") and vocab.saved_words(store, me.id) == []


def test_a_saved_word_survives_its_text(world):
    store, me, text = world
    vocab.save_word(store, me.id, text, "s002", 0, _reading(text, "s002", 0), "security")
    assert delete_text(store, int(text.id.split("-")[1]), owner=me.id)
    (kept,) = vocab.saved_words(store, me.id)
    assert kept.sentence == "وبالأمن تبنى الدول." and kept.span == (0, 7)  # its cards still have their sentence


@pytest.mark.parametrize(("sid", "index", "reading_of", "gloss", "message"), [
    ("s009", 0, ("s001", 0), "x", "no sentence"),
    ("s001", 40, ("s001", 0), "x", "has no word 40"),
    ("s001", 0, ("s001", 1), "x", "that reading is of"),
    ("s001", 0, ("s001", 0), " \u200b ", "give the word an English meaning"),
    ("s001", 0, ("s001", 0), "x" * 201, "at most 200"),
])
def test_what_is_not_saved(world, sid, index, reading_of, gloss, message):
    store, me, text = world
    with pytest.raises(VocabRefused, match=message):
        vocab.save_word(store, me.id, text, sid, index, _reading(text, *reading_of), gloss)
    assert vocab.saved_words(store, me.id) == []


def test_finding_a_word_in_its_sentence_whatever_its_marks():
    sentence = "وأكدت المنظمةُ أنّ الأمنَ مهم"
    assert vocab.find_word(sentence, "الامن").text == "الأمنَ"
    assert vocab.find_word(sentence, "المنظمة").index == 1
    assert vocab.find_word(sentence, "موسكو") is None


def test_gloss_options_are_each_sense_once_best_first(world):
    _store, _me, text = world
    info = read_sentence(text.sentence("s001").ar, Lexicon.shared())[3]
    options = vocab.gloss_options(info.analyses)
    assert options[0] == (0, "; ".join(info.best.senses[0]))
    assert len({t for _, t in options}) == len(options)


def test_the_learners_own_translation_sentence_by_sentence(world):
    store, me, text = world
    assert set_own_sentence(store, me.id, text.id, "s001", "The minister said\nsecurity matters.\u202e") == (
        "The minister said security matters.")
    set_own_sentence(store, me.id, text.id, "s002", "With security, states are built.")
    set_own_sentence(store, me.id, text.id, "s002", "")  # removed again
    assert own_translation(store, me.id, text) == {"s001": "The minister said security matters."}
    with pytest.raises(VocabRefused, match="no sentence s007"):
        set_own_sentence(store, me.id, text.id, "s007", "x")
    with pytest.raises(VocabRefused, match="at most"):
        set_own_sentence(store, me.id, text.id, "s001", "x" * (MAX_CHARS + 1))
    other = create_learner(store, "bilal")
    with pytest.raises(VocabRefused, match="no such text"):  # not hers to read
        set_own_sentence(store, other.id, text.id, "s001", "mine now")


def test_a_student_translates_a_shared_text_and_the_translations_go_with_the_text(world):
    store, me, text = world
    teacher = create_learner(store, "ms-t", role="teacher")
    shared = get_article(store, article_id_for(save_text(store, "نص المعلمة الأول. والجملة الثانية.", owner=teacher.id)),
                         reader=teacher.id)
    klass = create_class(store, "A", teacher)
    add_students(store, klass, [me])
    assign(store, klass, shared.id, by=teacher, known_articles=set())
    set_own_sentence(store, me.id, shared.id, "s001", "The teacher's first text.")
    set_own_sentence(store, teacher.id, shared.id, "s001", "My first text.")
    assert own_translation(store, me.id, shared) == {"s001": "The teacher's first text."}  # each their own
    assert own_translation(store, teacher.id, shared) == {"s001": "My first text."}
    delete_text(store, int(shared.id.split("-")[1]), owner=teacher.id)
    assert own_translation(store, me.id, shared) == {} and own_translation(store, teacher.id, shared) == {}


def test_the_progress_figures(world):
    store, me, text = world
    vocab.set_status(store, me.id, ">amon/N", Status.KNOWN)
    vocab.set_status(store, me.id, "qAl/V", Status.KNOWN)
    vocab.set_status(store, me.id, "qAl/V", Status.LEARNING_2)  # known, then back to learning: not known any more
    vocab.save_word(store, me.id, text, "s001", 1, _reading(text, "s001", 1), "minister")
    totals = vocab_progress.vocab_totals(store, me.id)
    assert (totals.known, totals.learning, totals.saved) == (1, 2, 1)  # the saved word is learning 1
    known = vocab_progress.known_per_day(store, me.id, days=3)
    assert [d["known"] for d in known] == [0, 0, 1]
    assert [d["saved"] for d in vocab_progress.saved_per_day(store, me.id, days=3)] == [0, 0, 1]
