"""Named character sets: the one place that says which characters are Arabic letters, marks,
invisible, whitespace or line breaks (CAMeL Tools style). The alef, tashkeel and tatweel sets
come from pyarabic.
"""

from __future__ import annotations

from pyarabic import araby

__all__ = [
    "ALEF_MAKSURA",
    "ALEF_VARIANTS",
    "ARABIC_FORMAT",
    "ARABIC_INDIC_DIGITS",
    "ARABIC_LETTER_RANGES",
    "BIDI_MARKS",
    "COMBINING_MARKS",
    "DIACRITICS",
    "DIGITS_TO_ASCII",
    "EXTENDED_ARABIC_INDIC_DIGITS",
    "INVISIBLE",
    "INVISIBLE_FILLERS",
    "LINE_BREAKS",
    "TATWEEL",
    "TEH_MARBUTA",
    "WHITESPACE",
    "ZERO_WIDTH",
    "ZWNJ",
    "is_arabic_letter",
]

#: Harakat U+064B–U+0652, plus superscript (dagger) alef U+0670 and Quranic marks U+06D6–U+06ED.
DIACRITICS = frozenset(araby.TASHKEEL) | frozenset(chr(c) for c in range(0x064B, 0x0653)) | {"\u0670"} | frozenset(
    chr(c) for c in range(0x06D6, 0x06EE) if c not in (0x06E5, 0x06E6)
)
TATWEEL = araby.TATWEEL
#: Marks that belong to the letter before them: a highlight of that letter includes them.
COMBINING_MARKS = DIACRITICS | {TATWEEL}
#: Directional formatting marks: LRM, RLM, ALM, LRE..RLO, LRI..PDI.
BIDI_MARKS = frozenset("\u200e\u200f\u061c") | frozenset(chr(c) for c in range(0x202A, 0x202F)) | frozenset(
    chr(c) for c in range(0x2066, 0x206A)
)
ZWNJ = "\u200c"
#: Zero-width and invisible characters: ZWSP, ZWNJ, ZWJ, word joiner, BOM, soft hyphen.
ZERO_WIDTH = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")
INVISIBLE = BIDI_MARKS | ZERO_WIDTH
#: Invisible characters that are not format characters (category Cf): CGJ, Hangul fillers, MVS.
INVISIBLE_FILLERS = frozenset("\u034f\u115f\u1160\u3164\uffa0\u180e")
#: Format characters (category Cf) that belong to Arabic writing (number signs, end of ayah...).
ARABIC_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
#: Hamza-carrying and wasla alefs, all folded to bare alef ا (not ؤ/ئ: those are different words).
ALEF_VARIANTS = frozenset((araby.ALEF_MADDA, araby.ALEF_HAMZA_ABOVE, araby.ALEF_HAMZA_BELOW, araby.ALEF_WASLA))
ALEF_MAKSURA = araby.ALEF_MAKSURA  # ى → ي
TEH_MARBUTA = araby.TEH_MARBUTA  # ة → ه
ARABIC_INDIC_DIGITS = "٠١٢٣٤٥٦٧٨٩"
EXTENDED_ARABIC_INDIC_DIGITS = "۰۱۲۳۴۵۶۷۸۹"
#: ``str.translate`` table: Arabic-Indic and extended Arabic-Indic digits → 0–9.
DIGITS_TO_ASCII = str.maketrans(ARABIC_INDIC_DIGITS + EXTENDED_ARABIC_INDIC_DIGITS, "0123456789" * 2)

#: Every character Python (and ``re``'s ``\s``) treats as whitespace.
WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + (
    "\u2028\u2029\u202f\u205f\u3000"
)
#: Characters ``str.splitlines`` breaks a line at (besides "\n").
LINE_BREAKS = "\r\u2028\u2029\x0b\x0c\x1c\x1d\x1e\x85"

#: Arabic-script letters: the Arabic block's letters, Arabic Supplement, Extended-A, presentation forms.
ARABIC_LETTER_RANGES = (
    ("\u0621", "\u064a"),
    ("\u0671", "\u06d3"),
    ("\u0750", "\u077f"),
    ("\u08a0", "\u08c9"),
    ("\ufb50", "\ufefc"),
)


def is_arabic_letter(ch: str) -> bool:
    """True for an Arabic-script letter (any of ``ARABIC_LETTER_RANGES``)."""
    return any(lo <= ch <= hi for lo, hi in ARABIC_LETTER_RANGES)
