"""Arabic word tokens with offsets into the untouched text, and the bare letters the lexicon reads.

A token is a run of Arabic-script letters with the marks written on them (harakat, dagger alef,
tatweel): والأمن، لِلمنظمة، الـ. Digits, Latin and punctuation end a token, so ``و500`` gives the
token و. ``start``/``end`` are Python string indices into the text as given.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from bilingual.text.charsets import ARABIC_LETTER_RANGES, COMBINING_MARKS, DIACRITICS, TATWEEL

__all__ = ["HARAKAT", "Token", "bare", "strip_harakat", "tokenize"]

#: The vowel marks a learner reads and the vowelizer writes: tanween, short vowels, shadda, sukun
#: (U+064B–U+0652) and the dagger alef U+0670.
HARAKAT = frozenset(c for c in DIACRITICS if "\u064b" <= c <= "\u0652" or c == "\u0670")

_LETTERS = "".join(f"{re.escape(lo)}-{re.escape(hi)}" for lo, hi in ARABIC_LETTER_RANGES)
_MARKS = "".join(re.escape(c) for c in sorted(COMBINING_MARKS))
_TOKEN = re.compile(f"[{_LETTERS}][{_LETTERS}{_MARKS}]*")


@dataclass(frozen=True)
class Token:
    """One Arabic word of a text: ``text == source[start:end]``; ``index`` counts the text's tokens from 0."""

    text: str
    start: int
    end: int
    index: int


def tokenize(text: str) -> list[Token]:
    """Every Arabic word of ``text``, in order."""
    return [Token(m.group(), m.start(), m.end(), i) for i, m in enumerate(_TOKEN.finditer(text))]


def strip_harakat(text: str) -> str:
    """``text`` without vowel marks (``HARAKAT``); every other character stays."""
    return "".join(c for c in text if c not in HARAKAT)


def bare(word: str) -> str:
    """The letters of a word as the lexicon reads them: presentation forms and ligatures unfolded
    (NFKC), no marks, no tatweel, wasla ٱ as a bare alef."""
    word = unicodedata.normalize("NFKC", word)
    return "".join(c for c in word if c not in COMBINING_MARKS and c != TATWEEL).replace("\u0671", "\u0627")
