"""Comparison keys: the one place that says when two names, answers or queries are "the same".

- ``latin_key``: English names and romanizations for search and for finding names in a
  translation: case, accents, ayn/hamza marks and runs of spaces ignored (Adharbayjān = adharbayjan).
- ``english_answer_key``: a typed English answer: also punctuation and a leading "the" ignored.
- ``arabic_answer_key``: a typed Arabic answer: ``normalize`` plus punctuation dropped.
"""

from __future__ import annotations

import re
import unicodedata

from bilingual.text.normalize import normalize

__all__ = ["arabic_answer_key", "english_answer_key", "latin_key", "strip_accents"]

_LATIN_MARKS = str.maketrans("", "", "ʿʾ'’‘`ʼ")
_WS = re.compile(r"\s+")
_INNER_PUNCT = re.compile(r"[\u060c\u061b\u061f\u066a-\u066d\u06d4.,;:!?\"'«»“”‘’()\[\]{}<>/\\|*_~`^-]+")


def strip_accents(text: str) -> str:
    """``text`` decomposed (NFKD) without its combining marks: é → e, ā → a."""
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def latin_key(text: str) -> str:
    """Case-, accent-, ayn/hamza- and spacing-insensitive key for English names and romanization."""
    return " ".join(strip_accents(text.translate(_LATIN_MARKS)).casefold().split())


def english_answer_key(text: str) -> str:
    """The comparison key of an English answer: no accents, case, punctuation or leading 'the'."""
    plain = strip_accents(text).casefold().replace("&", " and ")
    plain = "".join(c if (c.isalnum() or c.isspace()) else " " for c in plain)
    plain = _WS.sub(" ", plain).strip()
    return plain[4:] if plain.startswith("the ") else plain


def arabic_answer_key(text: str) -> str:
    """The comparison key of an Arabic answer: ``normalize`` plus punctuation dropped."""
    return _WS.sub(" ", _INNER_PUNCT.sub(" ", normalize(text))).strip()
