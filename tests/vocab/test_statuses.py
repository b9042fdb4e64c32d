"""Word statuses: one per lemma whatever the spelling, per learner, kept across restarts on both back
ends; a text's distinct lemmas and "% new" (worked out by hand below); "mark the rest known"."""

from __future__ import annotations

import pytest

from bilingual import vocab
from bilingual.accounts import Role, create_learner
from bilingual.classroom import add_students, assign, class_report, create_class, report_csv
from bilingual.concordance import build_index
from bilingual.glossary import default_glossary
from bilingual.imports.texts import ImportedText, as_article
from bilingual.store import Store
from bilingual.vocab import Status
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import read_sentence

#: الأمن، وبالأمن، للأمن: three spellings (the article; و + ب + the article; ل + the article) of one lemma أَمْن
THREE_FORMS = "قال الوزير إن الأمن مهم. وبالأمن تبنى الدول. وتحدث عن للأمن والسلام."
#: By hand: 10 Arabic words; موسكو is a glossary name (ignored); الأمن and وبالأمن are one lemma; so 8 lemmas:
#: قال (qAl/V), الوزير (waziyr/N), في (fiy/PREP), إن (<in), الأمن/وبالأمن (>amon/N), مهم (muhim~/N), تبنى, الدول.
SMALL = "قال الوزير في موسكو إن الأمن مهم. وبالأمن تبنى الدول."


def _text(body: str):
    article = as_article(ImportedText(1, "t", "", "", body))
    return article, vocab.text_words(article, Lexicon.shared(), build_index([article], default_glossary()).mentions)


def test_three_clitic_forms_are_one_word_with_one_status(data_dir):
    store = Store()
    me = create_learner(store, "amal").id
    article, words = _text(THREE_FORMS)
    forms = [(w.sentence_id, w.index) for w in words.words if w.key == ">amon/N"]
    assert forms == [("s001", 3), ("s002", 0), ("s003", 2)]
    # the word card of وبالأمن gives the lemma key; marking it marks the other two spellings
    card = read_sentence(article.sentence("s002").ar, Lexicon.shared())[0]
    assert card.token.text == "وبالأمن" and card.lemma_key == ">amon/N"
    vocab.set_status(store, me, card.lemma_key, Status.LEARNING_3)
    marks = vocab.underlines(words, vocab.statuses(store, me))
    assert [marks[sid][i] for sid, i in forms] == ["learning l3"] * 3
    assert marks["s001"][0] == "new"  # قال: another word, still new
    stats = vocab.text_stats(words, vocab.statuses(store, me))
    assert stats.learning == 1 and stats.lemmas == len({w.key for w in words.words})


def test_the_share_of_new_words_of_a_small_text_by_hand(data_dir):
    store = Store()
    me = create_learner(store, "amal").id
    _article, words = _text(SMALL)
    assert words.tokens == 10
    first = vocab.text_stats(words, {})
    assert (first.lemmas, first.new, first.share_new) == (8, 8, 1.0)  # موسكو, a name, is not counted
    vocab.set_status(store, me, ">amon/N", Status.KNOWN)
    vocab.set_status(store, me, "qAl/V", Status.LEARNING_1)
    vocab.set_status(store, me, "fiy/PREP", Status.IGNORED)  # no longer counted: 7 lemmas
    stats = vocab.text_stats(words, vocab.statuses(store, me))
    assert (stats.lemmas, stats.new, stats.known, stats.learning) == (7, 5, 1, 1)
    assert stats.share_new == pytest.approx(5 / 7)
    # "mark the rest of this page known": only the 5 the learner never touched
    rest = vocab.untouched(words, vocab.statuses(store, me))
    assert rest == ["waziyr/N", "<in/FUNC_WORD", "muhim~/N", "taban~aY/V", "dawolap/N"]
    assert vocab.mark_known(store, me, rest) == 5
    after = vocab.text_stats(words, vocab.statuses(store, me))
    assert (after.new, after.known, after.learning, after.share_new) == (0, 6, 1, 0.0)
    assert vocab.statuses(store, me)["qAl/V"] == Status.LEARNING_1  # touched: left as it was


def test_a_name_the_learner_gives_a_status_counts_again(data_dir):
    store = Store()
    me = create_learner(store, "amal").id
    _article, words = _text(SMALL)
    key = next(w.key for w in words.words if w.default is Status.IGNORED)
    assert key not in vocab.underlines(words, {}).get("s001", {}).values()
    vocab.set_status(store, me, key, Status.LEARNING_2)
    assert vocab.text_stats(words, vocab.statuses(store, me)).lemmas == 9
    assert vocab.default_status("NOUN_PROP") is Status.IGNORED and vocab.default_status("NUM") is Status.IGNORED
    assert vocab.default_status("NOUN") is Status.NEW and vocab.default_status("NOUN", in_name=True) is Status.IGNORED


@pytest.fixture(params=["sqlite", "postgresql"])
def location(request, data_dir):
    """Where a store lives, to open it again as a restarted app would."""
    if request.param == "postgresql":
        return request.getfixturevalue("pg_url")
    return str(data_dir / "bilingual.sqlite3")


def test_statuses_outlive_a_restart_and_are_each_learners_own(location):
    first = Store(location)
    amal, bilal = create_learner(first, "amal").id, create_learner(first, "bilal").id
    vocab.set_status(first, amal, ">amon/N", Status.KNOWN)
    vocab.set_status(first, amal, "qAl/V", Status.LEARNING_2)
    vocab.set_status(first, bilal, ">amon/N", Status.IGNORED)
    first.close()
    again = Store(location)  # the app restarted
    assert vocab.statuses(again, amal) == {">amon/N": 5, "qAl/V": 2}
    assert vocab.statuses(again, bilal) == {">amon/N": 9}
    assert vocab.status_of(again, bilal, "qAl/V") is None
    again.close()


@pytest.mark.parametrize(("text", "status"), [
    ("known", Status.KNOWN), ("new", Status.NEW), ("learning", Status.LEARNING_1), ("learning-3", Status.LEARNING_3),
    ("ignored", Status.IGNORED), ("k", Status.KNOWN), ("5", Status.KNOWN), ("i", Status.IGNORED), ("2", Status.LEARNING_2),
])
def test_status_names_and_keys(text, status):
    assert vocab.parse_status(text) is status


def test_an_unknown_status_is_refused():
    with pytest.raises(ValueError, match="not a word status"):
        vocab.parse_status("famous")


def test_the_class_report_counts_each_students_known_words_of_the_assigned_text(data_dir):
    store = Store()
    teacher = create_learner(store, "ms-t", Role.TEACHER, "password-1")
    amal, bilal = (create_learner(store, n, Role.STUDENT, "password-1") for n in ("amal", "bilal"))
    klass = create_class(store, "A", teacher)
    add_students(store, klass, [amal, bilal])
    _article, words = _text(SMALL)
    assign(store, klass, "small", by=teacher, known_articles={"small"})
    vocab.set_status(store, amal.id, ">amon/N", Status.KNOWN)  # وبالأمن and الأمن: one word known
    vocab.set_status(store, amal.id, "qAl/V", Status.KNOWN)
    vocab.set_status(store, amal.id, "waziyr/N", Status.LEARNING_2)  # learning: not known
    vocab.set_status(store, bilal.id, "taban~aY/V", Status.KNOWN)
    known = vocab.words_known(lambda aid: words if aid == "small" else None)
    report = class_report(store, klass, {"small": 0}, words_known=known)
    assert (report.cell(amal.id, "small").words_known, report.cell(bilal.id, "small").words_known) == (2, 1)
    rows = [line.split(",") for line in report_csv(report, {"small": "Small text"}).splitlines()]
    assert rows[0][-1] == "words_known" and [r[-1] for r in rows[1:]] == ["2", "1"]
