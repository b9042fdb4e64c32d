"""Arabic text normalization for matching, with an offset map back to the untouched original.

The displayed text is never altered: every function here returns a *key* for comparison,
plus (where needed) where each key character came from in the original string.

What the key folds (and nothing more, see docs/ENGINE.md):
- alef forms أ إ آ ٱ → ا; ى → ي; ة → ه (hamza on و/ي, ؤ ئ, is kept: those are different words);
- drops tatweel, harakat U+064B–U+0652, superscript alef U+0670, Quranic marks;
- NFKC (presentation forms U+FB50–U+FEFF from PDF copy-paste, ligatures like ﻻ → لا);
- drops bidi marks and zero-width characters;
- Arabic-Indic digits → 0–9, Latin letters → lower case, any run of whitespace → one space.

The character sets are named in ``bilingual.text.charsets``.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property

from pyarabic import araby

from bilingual.text.charsets import (
    ALEF_MAKSURA,
    ALEF_VARIANTS,
    ARABIC_INDIC_DIGITS,
    COMBINING_MARKS,
    EXTENDED_ARABIC_INDIC_DIGITS,
    INVISIBLE,
    TEH_MARBUTA,
    WHITESPACE,
    is_arabic_letter,
)

__all__ = [
    "Normalized",
    "arabic_ratio",
    "count_words",
    "fold_char",
    "normalize",
    "normalize_with_map",
]

_FOLD = {**dict.fromkeys(ALEF_VARIANTS, araby.ALEF), ALEF_MAKSURA: araby.YEH, TEH_MARBUTA: araby.HEH}
_FOLD.update({d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)})
_FOLD.update({d: str(i) for i, d in enumerate(EXTENDED_ARABIC_INDIC_DIGITS)})
_DROPPED = INVISIBLE | COMBINING_MARKS

_fold_cache: dict[str, str] = {}


def _fold_uncached(ch: str) -> str:
    if ch in _DROPPED:
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c in _DROPPED:
            continue
        if c.isspace():
            c = " "
        out.append(_FOLD.get(c, c))
    folded = "".join(out).lower()
    if not ch.isspace() and not folded.strip():
        return ""  # a spacing form of a mark (U+FE70 ﹰ, U+FC5E ﱞ): NFKC gives space + mark
    return folded


def fold_char(ch: str) -> str:
    """The key for one original character: '' when it is dropped, possibly several chars (NFKC ligatures)."""
    folded = _fold_cache.get(ch)
    if folded is None:
        folded = _fold_cache[ch] = _fold_uncached(ch)
    return folded


def _simple_chars() -> str:
    """Common non-space characters whose key is exactly one character (ASCII, the Arabic block, punctuation)."""
    candidates = [*range(0x21, 0x7F), *range(0xA1, 0x100), *range(0x0600, 0x0700), *range(0x2010, 0x2028)]
    return "".join(c for c in map(chr, candidates) if len(fold_char(c)) == 1 and c not in WHITESPACE)


#: Characters copied to the key in bulk (one key character each); all others take the slow path.
SIMPLE = _simple_chars()
#: The one-to-one folds applied to bulk-copied text: (original character, key character).
SIMPLE_FOLDS = tuple((c, fold_char(c)) for c in SIMPLE + WHITESPACE if fold_char(c) != c)
#: Runs that need the per-character path: anything not simple (with the whitespace around it),
#: or two or more whitespace characters (collapsed to one space).
_IRREGULAR = re.compile(
    "\\s*[^\\s{0}](?:\\s|[^\\s{0}])*|\\s{{2,}}".format(re.escape(SIMPLE))
)


@dataclass(frozen=True)
class Normalized:
    """A match key and where each key character came from in the original string.

    The map is stored as runs: run ``r`` covers key characters ``[run_keys[r], run_keys[r+1])``,
    which come one-to-one from original characters starting at ``run_origins[r]``; the last one
    ends at ``run_last_ends[r]`` (further than one character when it stands for a whitespace run,
    or carries harakat/tatweel, so a highlight never separates a mark from its letter).
    Key characters' spans are disjoint and increasing.
    """

    original: str
    key: str
    run_keys: tuple[int, ...]
    run_origins: tuple[int, ...]
    run_last_ends: tuple[int, ...]

    def start_of(self, k: int) -> int:
        """Original offset where key character ``k`` starts."""
        r = bisect_right(self.run_keys, k) - 1
        return self.run_origins[r] + (k - self.run_keys[r])

    def end_of(self, k: int) -> int:
        """Original offset just after key character ``k`` (and any marks written after it)."""
        r = bisect_right(self.run_keys, k) - 1
        run_end = self.run_keys[r + 1] if r + 1 < len(self.run_keys) else len(self.key)
        if k == run_end - 1:
            return self.run_last_ends[r]
        return self.run_origins[r] + (k - self.run_keys[r]) + 1

    def span(self, key_start: int, key_end: int) -> tuple[int, int]:
        """Original-text offsets for the key slice [key_start, key_end) (key_end > key_start)."""
        return self.start_of(key_start), self.end_of(key_end - 1)

    @cached_property
    def starts(self) -> tuple[int, ...]:
        """For each key character, where it starts in the original (built on first use)."""
        return tuple(self.start_of(k) for k in range(len(self.key)))

    @cached_property
    def ends(self) -> tuple[int, ...]:
        """For each key character, where it ends in the original (built on first use)."""
        return tuple(self.end_of(k) for k in range(len(self.key)))


class _KeyBuilder:
    """Accumulates key text and the run map while walking the original left to right."""

    def __init__(self, text: str):
        self.text = text
        self.pieces: list[str] = []
        self.run_keys: list[int] = []
        self.run_origins: list[int] = []
        self.run_last_ends: list[int] = []
        self.length = 0
        self.last = ""  # the last key character so far

    def copy(self, a: int, b: int) -> None:
        """Original [a, b) holds only simple characters and single spaces: one key char each."""
        if a < b:
            self.pieces.append(self.text[a:b])
            self._run(a, b - a, b)
            self.last = fold_char(self.text[b - 1])

    def _run(self, origin: int, n: int, last_end: int) -> None:
        self.run_keys.append(self.length)
        self.run_origins.append(origin)
        self.run_last_ends.append(last_end)
        self.length += n

    def one_by_one(self, a: int, b: int) -> None:
        for i in range(a, b):
            ch = self.text[i]
            folded = fold_char(ch)
            if not folded:
                if ch in COMBINING_MARKS and self.last and self.last != " ":
                    self.run_last_ends[-1] = i + 1
                continue
            for c in folded:
                if c == " " and self.last == " ":
                    self.run_last_ends[-1] = i + 1
                    continue
                self.pieces.append(c)
                self._run(i, 1, i + 1)
                self.last = c

    def build(self) -> Normalized:
        key = "".join(self.pieces)
        for src, dst in SIMPLE_FOLDS:
            if src in key:
                key = key.replace(src, dst)
        return Normalized(
            self.text, key, tuple(self.run_keys), tuple(self.run_origins), tuple(self.run_last_ends)
        )


def normalize_with_map(text: str) -> Normalized:
    """Fold ``text`` into a match key; whitespace runs become one space. Offsets map back to ``text``.

    Stretches of simple characters are copied in bulk (C speed); only characters that are
    dropped, expand, or repeat whitespace go through the per-character path.
    """
    out = _KeyBuilder(text)
    pos = 0
    for m in _IRREGULAR.finditer(text):
        out.copy(pos, m.start())
        out.one_by_one(m.start(), m.end())
        pos = m.end()
    out.copy(pos, len(text))
    return out.build()


_SPACES = re.compile(r"\s+")


class _FoldTable(dict):
    """``str.translate``'s table of ``fold_char``: code point -> key text, filled on first sight."""

    def __missing__(self, code: int) -> str:
        folded = self[code] = fold_char(chr(code))
        return folded


_FOLD_TABLE = _FoldTable()


def normalize(text: str) -> str:
    """The match key of ``text`` alone, trimmed (for comparing names, search queries and answers):
    ``fold_char`` of each character, whitespace runs as one space."""
    return _SPACES.sub(" ", text.translate(_FOLD_TABLE)).strip()


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic (0.0 when there are no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_arabic_letter(c)) / len(letters)


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits."""
    return len(re.findall(r"\w+", text))
