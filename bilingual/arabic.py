"""Arabic text normalization for matching, with an offset map back to the untouched original.

The displayed text is never altered: every function here returns a *key* for comparison,
plus (where needed) where each key character came from in the original string.

Character sets are named after what they are (CAMeL Tools style); the alef, tashkeel and
tatweel sets come from pyarabic.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from pyarabic import araby

#: Harakat U+064B–U+0652, plus superscript (dagger) alef U+0670 and Quranic marks U+06D6–U+06ED.
DIACRITICS = frozenset(araby.TASHKEEL) | frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"} | frozenset(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)
)
TATWEEL = araby.TATWEEL
#: Directional formatting marks: LRM, RLM, ALM, LRE..RLO, LRI..PDI.
BIDI_MARKS = frozenset("\u200e\u200f\u061c") | frozenset(chr(c) for c in range(0x202A, 0x202F)) | frozenset(
    chr(c) for c in range(0x2066, 0x206A)
)
#: Zero-width and invisible characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
INVISIBLE = BIDI_MARKS | ZERO_WIDTH
#: Hamza-carrying and wasla alefs, all folded to bare alef ا (not ؤ/ئ: those are different words).
ALEF_VARIANTS = frozenset((araby.ALEF_MADDA, araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_WASLA))
ALEF_MAKSURA = araby.ALEF_MAKSURA  # ى → ي
TEH_MARBUTA = araby.TEH_MARBUTA  # ة → ه
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC_INDIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹"

_FOLD = {**{c: araby.ALEF for c in ALEF_VARIANTS}, ALEF_MAKSURA: araby.YEH, TEH_MARBUTA: araby.HEH}
_FOLD.update({d: str(i) for i, d in enumerate(ARABIC_INDIC_DIGITS)})
_FOLD.update({d: str(i) for i, d in enumerate(EXTENDED_ARABIC_INDIC_DIGITS)})


@lru_cache(maxsize=4096)
def fold_char(ch: str) -> str:
    """The key for one original character: '' when it is dropped, possibly several chars (NFKC ligatures)."""
    if ch in INVISIBLE or ch == TATWEEL or ch in DIACRITICS:
        return ""
    out = []
    for c in unicodedata.normalize("NFKC", ch):
        if c in INVISIBLE or c == TATWEEL or c in DIACRITICS:
            continue
        if c.isspace():
            c = " "
        out.append(_FOLD.get(c, c))
    return "".join(out).lower()


@dataclass(frozen=True)
class Normalized:
    """A match key and, for each key character, the [start, end) span of original text it came from."""

    original: str
    key: str
    starts: tuple[int, ...]
    ends: tuple[int, ...]

    def span(self, key_start: int, key_end: int) -> tuple[int, int]:
        """Original-text offsets for the key slice [key_start, key_end) (key_end > key_start)."""
        return self.starts[key_start], self.ends[key_end - 1]


def normalize_with_map(text: str) -> Normalized:
    """Fold ``text`` into a match key; whitespace runs become one space. Offsets map back to ``text``."""
    key: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    for i, ch in enumerate(text):
        folded = fold_char(ch)
        for c in folded:
            if c == " ":
                if key and key[-1] == " ":
                    ends[-1] = i + 1
                    continue
            key.append(c)
            starts.append(i)
            ends.append(i + 1)
    return Normalized(text, "".join(key), tuple(starts), tuple(ends))


_SPACES = re.compile(r"\s+")


def normalize(text: str) -> str:
    """The match key of ``text`` alone, trimmed (for comparing names, search queries and answers)."""
    return _SPACES.sub(" ", "".join(fold_char(c) for c in text)).strip()


def strip_invisible(text: str) -> str:
    """Remove bidi overrides/isolates and zero-width characters that could spoof what is displayed."""
    return "".join(c for c in text if c not in INVISIBLE)


def is_arabic_letter(ch: str) -> bool:
    return "\u0621" <= ch <= "\u064a" or "\u0671" <= ch <= "\u06d3" or "\ufb50" <= ch <= "\ufefc"


def arabic_ratio(text: str) -> float:
    """Share of letters in ``text`` that are Arabic (0.0 when there are no letters)."""
    letters = [c for c in text if c.isalpha()]
    if not letters:
        return 0.0
    return sum(1 for c in letters if is_arabic_letter(c)) / len(letters)


def count_words(text: str) -> int:
    """Words as a reader counts them: runs of letters or digits."""
    return len(re.findall(r"\w+", text))
