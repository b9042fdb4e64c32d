"""Sentence segmentation with offsets; the seed articles' sentence boundaries must not move."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual import paths
from bilingual.cli.common import read_text_exact
from bilingual.corpus import default_corpus
from bilingual.text.segment import paragraphs, segment

# input → expected sentences ("|" separates them in the table for readability)
SEGMENT_TABLE = [
    ("قال لافروف. وأضاف شويغو.", "قال لافروف.|وأضاف شويغو."),
    ("هل توافق؟ نعم! بالتأكيد?", "هل توافق؟|نعم!|بالتأكيد?"),
    ('قال "أجرينا مفاوضات." ثم غادر.', 'قال "أجرينا مفاوضات."|ثم غادر.'),
    ("قال “مستعدون للاجتماع”. وأضاف", "قال “مستعدون للاجتماع”.|وأضاف"),
    ("قال: «نريد السلام.» وغادر.", "قال: «نريد السلام.»|وغادر."),
    ("(وهذا مهم.) ثم تابع.", "(وهذا مهم.)|ثم تابع."),
    ("[ملاحظة.] نص", "[ملاحظة.]|نص"),
    ("هل انتهى؟» قالها وغادر.", "هل انتهى؟»|قالها وغادر."),
    # no split at ، ؛ … or inside abbreviations
    ("روسيا، أرمينيا؛ أذربيجان.", "روسيا، أرمينيا؛ أذربيجان."),
    ("وانتظر… ثم قال.", "وانتظر… ثم قال."),
    ("وانتظر... ثم قال.", "وانتظر... ثم قال."),
    ("قال د. محمد إن الوضع هادئ.", "قال د. محمد إن الوضع هادئ."),
    ("نقلت أ.ف.ب. عن مصدر أن الاجتماع انتهى.", "نقلت أ.ف.ب. عن مصدر أن الاجتماع انتهى."),
    ("حسب (أ.ف.ب) انتهى الاجتماع. ثم غادروا.", "حسب (أ.ف.ب) انتهى الاجتماع.|ثم غادروا."),
    ("بلغت النسبة 3.5 بالمئة. وارتفعت.", "بلغت النسبة 3.5 بالمئة.|وارتفعت."),
    ("في عام 1992. بدأت الحرب.", "في عام 1992.|بدأت الحرب."),
    # headings and datelines without final punctuation are their own units
    ("خط سكة حديد\nوأمل الوزير في اتفاق.", "خط سكة حديد|وأمل الوزير في اتفاق."),
    ("موسكو - العالم\n\nقال لافروف إن روسيا مستعدة.", "موسكو - العالم|قال لافروف إن روسيا مستعدة."),
    ("الخميس ١٩ يناير ٢٠٢٣ - ٠٧:٢٩\r\nقال.", "الخميس ١٩ يناير ٢٠٢٣ - ٠٧:٢٩|قال."),
    ("  \n\n  ", ""),
]


@pytest.mark.parametrize("text,expected", SEGMENT_TABLE)
def test_segment_table(text, expected):
    assert "|".join(s.text for s in segment(text)) == expected


def test_offsets_slice_the_original():
    text = "\ufeffعنوان\r\n\r\n  قال لافروف: “نعم”. وأضاف؟  \n"
    segs = segment(text)
    assert [s.text for s in segs] == ["\ufeffعنوان", "قال لافروف: “نعم”.", "وأضاف؟"]
    for s in segs:
        assert text[s.start : s.end] == s.text


def test_paragraphs_are_nonblank_lines():
    text = "أ\n\n  ب ج  \r\nد"
    assert [text[a:b] for a, b in paragraphs(text)] == ["أ", "ب ج", "د"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(list("أبت لموا") + [".", "؟", "!", "،", "…", "”", "»", ")", "\n", "\r\n", " ", "د.", "3.5"]), max_size=50).map("".join))
def test_segments_cover_the_text_in_order(text):
    segs = segment(text)
    pos = 0
    for s in segs:
        assert text[s.start : s.end] == s.text
        assert s.text == s.text.strip() and s.text
        assert s.start >= pos
        pos = s.end
    # nothing but whitespace is left out
    assert "".join(s.text for s in segs).replace(" ", "") == "".join(text.split())


# --- the seed articles: corpus/articles/*.yaml sentence ids depend on these boundaries -----------


def test_corpus_text_paragraphs_segment_to_their_sentences():
    for article in default_corpus():
        for p in article.paragraphs:
            if p.kind != "text":
                continue
            joined = " ".join(s.ar for s in p.sentences)
            assert [s.text for s in segment(joined)] == [s.ar for s in p.sentences], f"{article.id}/{p.id}"


def test_seed_files_reproduce_corpus_sentences():
    for article in default_corpus():
        seed = paths.SEEDS_DIR / article.seed
        if not seed.exists():
            continue
        texts = [s.text for s in segment(read_text_exact(str(seed)))]
        pos = 0
        for sentence in article.sentences:
            assert sentence.ar in texts[pos:], f"{article.id}/{sentence.id} is no longer a segment of {seed.name}"
            pos = texts.index(sentence.ar, pos) + 1


def test_full_stop_after_a_very_long_word_still_ends_the_sentence():
    # the abbreviation check only looks a few characters back; a long word must not look like "د."
    long_word = "ب" * 40
    assert [s.text for s in segment(f"قال {long_word}. ثم غادر.")] == [f"قال {long_word}.", "ثم غادر."]
    assert [s.text for s in segment("قال د. أحمد إن الأمر انتهى.")] == ["قال د. أحمد إن الأمر انتهى."]
