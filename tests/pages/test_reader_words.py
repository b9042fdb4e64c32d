"""AppTests of the reader's words: every Arabic word an element, a word's card from a deep link (curated
and imported texts), the lemma concordance, the vowel-marks and interlinear toggles remembered per
learner."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import paths
from bilingual.imports import texts as imported
from bilingual.store import Store
from bilingual.words.tokens import strip_harakat, tokenize
from tests.fixtures.learners import me
from tests.pages.apptest import app_on, html_of
from tests.pages.apptest import ran as run

ARTICLE = "lavrov-border-mission-2023"
TEXT = "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو.\nوبحث مع نظيره الأذربيجاني الأمن في ممر لاتشين."

pytestmark = pytest.mark.usefixtures("fresh_caches")


def word_card_html(at: AppTest) -> str:
    page = html_of(at)
    return page[page.index('<div class="word-card">'):] if '<div class="word-card">' in page else ""


def _index_of(word: str, sentence: str = "s001") -> str:
    from bilingual.corpus import article_by_id

    return str([t.text for t in tokenize(article_by_id(ARTICLE).sentence(sentence).ar)].index(word))


def test_every_word_is_an_element_and_a_link_opens_its_card():
    at = run(app_on("pages/1_Reader.py", article=ARTICLE, sentence="s001", word=_index_of("لنشر")))
    page = html_of(at)
    reader = page[page.index('<div class="reader"'):]
    assert 'data-article="lavrov-border-mission-2023"' in reader
    assert reader.count('class="w"') + reader.count('class="w w-open"') >= 200
    assert f'class="w w-open" data-word="لنشر" data-i="{_index_of("لنشر")}"' in reader
    shown = word_card_html(at)
    for piece in ("لِنَشْر", ">for/to<", "spreading", "noun", "Lemma", "in the library"):
        assert piece in shown, piece
    assert "reader-link" in shown  # every sentence with the lemma links into the reader
    assert '<div class="term-card">' not in page  # the word card, not a term card


def test_a_link_to_a_names_word_opens_the_terms_card():
    at = run(app_on("pages/1_Reader.py", article=ARTICLE, sentence="s001", word=_index_of("لافروف")))
    assert word_card_html(at) == ""
    assert '<div class="term-card">' in html_of(at) and "Sergei Lavrov" in html_of(at)


def test_an_imported_text_gets_word_cards():
    store = Store(paths.db_path())
    aid = imported.article_id_for(imported.save_text(store, TEXT, title="My copy", source="", owner=me(store)))
    store.close()
    i = [t.text for t in tokenize(TEXT.splitlines()[1])].index("الأمن")
    at = run(app_on("pages/1_Reader.py", article=aid, sentence="s002", word=str(i)))
    shown = word_card_html(at)
    assert "security" in shown and ">the<" in shown
    assert "My copy · s002 (this sentence)" in shown  # the imported text is in the concordance too


def test_vowel_marks_and_the_interlinear_line_are_remembered_per_learner():
    at = run(app_on("pages/1_Reader.py", article=ARTICLE))
    assert not at.toggle(key="reader_vowels").value and not at.toggle(key="reader_interlinear").value
    at.toggle(key="reader_vowels").set_value(True)
    run(at)
    at.toggle(key="reader_interlinear").set_value(True)
    run(at)
    page = html_of(at)
    reader = page[page.index('<div class="reader ilg"'):]
    assert 'data-gloss="' in reader
    assert any("text2tashkeel" in c.value for c in at.caption)  # where the marks come from
    first = reader.split('<div class="col-ar ar" dir="rtl" lang="ar">', 1)[1].split("</div>", 1)[0]
    assert any("\u064b" <= c <= "\u0652" for c in first)  # marks added
    assert "لافروف" in strip_harakat(first)
    # a new browser session of the same learner: both still on
    again = run(app_on("pages/1_Reader.py", article=ARTICLE))
    assert again.toggle(key="reader_vowels").value and again.toggle(key="reader_interlinear").value
    assert '<div class="reader ilg"' in html_of(again)


def test_a_bad_word_in_a_link_says_so():
    at = run(app_on("pages/1_Reader.py", article=ARTICLE, sentence="s001", word="999"))
    assert any("word 999 of sentence" in w.value for w in at.warning)
    assert word_card_html(at) == ""
