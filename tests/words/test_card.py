"""The word card and the lemma concordance as the learner sees them: parts with meanings, lemma, part
of speech, glosses, where the English comes from; every text escaped."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bilingual.corpus import Article, Paragraph, Sentence
from bilingual.glossary import Entry, Glossary
from bilingual.words.card import GLOSS_SOURCE, lemma_lines_html, word_card_html
from bilingual.words.concordance import lemma_concordance
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import read_sentence

HOSTILE = '<script>alert(1)</script> "q" <img src=x onerror=alert(1)>'


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.shared()


def article(aid: str, title: str, sentences: list[str]) -> Article:
    sents = tuple(Sentence(f"s{i:03d}", ar, aid, "p01") for i, ar in enumerate(sentences, 1))
    return Article(id=aid, seed="", title_ar="عنوان", title_en=title, outlet="", outlet_en="", date="2023",
                   date_inferred=False, date_note="", dropped=(), paragraphs=(Paragraph("p01", "text", sents),))


def test_the_card_shows_parts_meanings_lemma_pos_and_glosses(lexicon):
    info = read_sentence("مجلس الأمن والأمن", lexicon)[2]
    html = word_card_html(info)
    assert "word-surface\" dir=\"rtl\" lang=\"ar\">والأمن<" in html
    best = html.split('class="reading reading-best"')[1].split('class="reading"')[0]
    for piece in ("noun", ">and<", ">the<", ">security<", "lemma", "أَمْن", "security; safety"):
        assert piece in best, piece
    assert GLOSS_SOURCE in html
    assert html.index("security; safety") < html.index("act shamefully")  # the lexicon's first reading comes second
    many = word_card_html(read_sentence("عقد", lexicon)[0])
    assert "3 more readings</summary>" in many  # six readings: three shown, three one click away


def test_a_verb_says_its_person_and_voice(lexicon):
    info = read_sentence("وتُعتبر المعاهدة", lexicon)[0]
    assert "verb, imperfect, 3rd person fem. sing., passive" in word_card_html(info)


def test_an_unknown_word_says_so_and_a_near_name_links_to_its_card(lexicon):
    yerevan = Entry("yerevan", "place", "يريفان", "Yerevan <b>", lat=40.2, lon=44.5)
    g = Glossary((yerevan,))
    info = read_sentence("بيرفان", lexicon, g)[0]
    html = word_card_html(info, probably=yerevan, probably_href="?article=a&term=yerevan")
    assert "probably: " in html and 'data-entry="yerevan"' in html and 'href="?article=a&amp;term=yerevan"' in html
    assert "Yerevan &lt;b&gt;" in html and "Not in the lexicon" in html
    assert GLOSS_SOURCE not in html  # no lexicon English shown, so no lexicon credit


def test_every_text_on_the_card_is_escaped(lexicon):
    info = read_sentence("والأمن", lexicon)[0]
    best = info.best
    seg = replace(best.segments[-1], gloss=HOSTILE, form=HOSTILE)
    evil = replace(best, senses=((HOSTILE,),), lemma=HOSTILE, vocalized=HOSTILE, variants=(HOSTILE,), normalized=HOSTILE,
                   segments=(*best.segments[:-1], seg))
    html = word_card_html(replace(info, analyses=(evil,)))
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot;" in html


def test_the_lemma_concordance_lists_every_sentence_with_the_lemma(lexicon):
    a = article("mine-1", HOSTILE, ["قال إن الأمن مستتب.", "ثم عاد.", "وبالأمن يبدأ كل شيء، والأمن أولا."])
    b = article("curated", "Other", ["ناقش مجلس الأمن الأزمة."])
    lines = lemma_concordance(">amon/N", [a, b], lexicon)
    assert [(ln.article.id, ln.sentence.id, [t.text for t in ln.tokens]) for ln in lines] == [
        ("mine-1", "s001", ["الأمن"]), ("mine-1", "s003", ["وبالأمن", "والأمن"]), ("curated", "s001", ["الأمن"]),
    ]
    html = lemma_lines_html("أَمْن", lines, current_uid="mine-1/s001", shown=2)
    assert "3 sentences" in html and "(this sentence)" in html and "1 more" in html
    assert 'href="?article=mine-1&amp;sentence=s003&amp;word=0"' in html  # into the reader, at the word
    assert '<mark class="lemma-hit">وبالأمن</mark>' in html
    assert "<script" not in html and "&lt;script&gt;" in html
    assert lemma_lines_html("أَمْن", []) == ""
