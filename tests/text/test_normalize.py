"""Normalization for matching: what folds, what is kept, and offsets that land on the untouched original."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bilingual.text.charsets import BIDI_MARKS, COMBINING_MARKS, WHITESPACE, ZERO_WIDTH
from bilingual.text.normalize import arabic_ratio, count_words, fold_char, normalize, normalize_with_map
from bilingual.text.sanitize import strip_invisible

# input → key
NORMALIZE_TABLE = [
    ("أرمينيا", "ارمينيا"),  # hamza above
    ("إلهام", "الهام"),  # hamza below
    ("آغدام", "اغدام"),  # madda
    ("ٱلقوقاز", "القوقاز"),  # wasla
    ("موسى", "موسي"),  # alef maksura
    ("أنقرة", "انقره"),  # teh marbuta
    ("روسـيـا", "روسيا"),  # tatweel
    ("رُوسْيَا", "روسيا"),  # harakat
    ("هٰذا", "هذا"),  # superscript alef
    ("ﺭﻭﺳﻴﺎ", "روسيا"),  # presentation forms (PDF copy-paste)
    ("ﻻتشين", "لاتشين"),  # lam-alef ligature
    ("رو\u200fسيا", "روسيا"),  # RLM inside a word
    ("\u202bروسيا\u202c", "روسيا"),  # embedding
    ("رو\u200cسيا\u200d", "روسيا"),  # ZWNJ / ZWJ
    ("١٩ يناير ٢٠٢٣", "19 يناير 2023"),  # Arabic-Indic digits
    ("۱۹۹۴", "1994"),  # extended Arabic-Indic digits
    ("CSTO", "csto"),
    ("  ممر \n\t لاتشين  ", "ممر لاتشين"),  # whitespace runs, trimmed
    ("\ufe70روسيا", "روسيا"),  # spacing form of a mark is dropped, not turned into a space
]


@pytest.mark.parametrize("text,key", NORMALIZE_TABLE)
def test_normalize_table(text, key):
    assert normalize(text) == key


def test_hamza_on_waw_and_yeh_is_kept():
    # pyarabic's normalize_hamza would merge these; they are different words
    assert normalize("مؤتمر") == "مؤتمر"
    assert normalize("رئيس") == "رئيس"
    assert normalize("أرمينيا") != "ءرمينيا"


def test_fold_char_drops_and_expands():
    assert fold_char("\u0640") == ""
    assert fold_char("\u064e") == ""
    assert fold_char("\u200f") == ""
    assert fold_char("ﻻ") == "لا"
    assert fold_char("\u00a0") == " "


def test_map_points_back_to_original():
    text = "وَأذربيــجان\u200f  و ﺭﻭﺳﻴﺎ"
    n = normalize_with_map(text)
    assert n.original is text
    assert n.key == "واذربيجان و روسيا"
    a = n.key.index("اذربيجان")
    s, e = n.span(a, a + len("اذربيجان"))
    assert text[s:e] == "أذربيــجان"
    a = n.key.index("روسيا")
    s, e = n.span(a, a + 5)
    assert text[s:e] == "ﺭﻭﺳﻴﺎ"


def test_trailing_harakat_belong_to_the_highlight():
    text = "رُوسْيَا، وبوتينُ."
    n = normalize_with_map(text)
    a = n.key.index("روسيا")
    assert text[slice(*n.span(a, a + 5))] == "رُوسْيَا"
    a = n.key.index("بوتين")
    assert text[slice(*n.span(a, a + 5))] == "بوتينُ"


def test_ligature_characters_share_their_original_span():
    n = normalize_with_map("ﻻ")
    assert n.key == "لا"
    assert n.starts == (0, 0) and n.ends == (1, 1)


def test_starts_and_ends_tuples_match_span():
    text = "قال  لافروفُ:\n\nنعم"
    n = normalize_with_map(text)
    assert len(n.starts) == len(n.ends) == len(n.key)
    for k in range(len(n.key)):
        assert n.span(k, k + 1) == (n.starts[k], n.ends[k])


def test_strip_invisible_and_helpers():
    assert strip_invisible("\u202eabc\u200b") == "abc"
    assert arabic_ratio("روسيا abc") == pytest.approx(5 / 8)
    assert arabic_ratio("123") == 0.0
    assert count_words("قال لافروف، 2020") == 3


def test_whitespace_set_is_pythons():
    import sys

    expected = {chr(c) for c in range(sys.maxunicode + 1) if chr(c).isspace()}
    assert set(WHITESPACE) == expected


# --- properties ------------------------------------------------------------------------------

TRICKY = (
    list("اأإآٱبتةثجحخدذرزسشصضطظعغفقكلمنهويىءؤئ")
    + ["ﻻ", "ﺭ", "ﻯ", "ﷲ", "\ufe70", "\ufc5e", "…", "“", "»", "،", "٣", "3", "A", "İ", ".", "-", "(", "x"]
    + sorted(COMBINING_MARKS)[:6]
    + sorted(BIDI_MARKS)[:3]
    + sorted(ZERO_WIDTH)[:3]
    + [" ", " ", "\n", "\r\n", "\t", "\u00a0", "\u2028"]
)
tricky_text = st.lists(st.sampled_from(TRICKY), max_size=40).map("".join)


def reference_map(text: str) -> tuple[str, list[int], list[int]]:
    """The obvious per-character algorithm the fast path must agree with."""
    key: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        if not folded:
            if ch in COMBINING_MARKS and key and key[-1] != " ":
                ends[-1] = i + 1
            continue
        for c in folded:
            if c == " " and key and key[-1] == " ":
                ends[-1] = i + 1
                continue
            key.append(c)
            starts.append(i)
            ends.append(i + 1)
    return "".join(key), starts, ends


@settings(max_examples=400, deadline=None)
@given(tricky_text)
def test_fast_path_agrees_with_reference(text):
    n = normalize_with_map(text)
    key, starts, ends = reference_map(text)
    assert n.key == key
    assert list(n.starts) == starts
    assert list(n.ends) == ends


@settings(max_examples=300, deadline=None)
@given(tricky_text)
def test_normalization_never_changes_the_original(text):
    copy = str(text)
    n = normalize_with_map(text)
    assert text == copy and n.original == copy
    assert n.key.strip() == normalize(text)
    # spans are increasing and inside the text; key chars from one original char (ligatures) share a start
    pairs = list(zip(n.starts, n.ends, strict=False))
    for (s, e) in pairs:
        assert 0 <= s < e <= len(text)
    for (s1, e1), (s2, e2) in zip(pairs, pairs[1:], strict=False):
        assert s1 <= s2 and e1 <= e2
        assert s2 == s1 or s2 >= e1


@settings(max_examples=200, deadline=None)
@given(tricky_text)
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
