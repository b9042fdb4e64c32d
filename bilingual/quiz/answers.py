"""Is a typed or chosen answer right? Arabic and English answer matching.

- Arabic: both sides go through ``arabic_answer_key`` (``normalize``: diacritics, tatweel,
  alef/hamza-on-alef variants, ى/ي, ة/ه, Arabic-Indic digits, runs of spaces; punctuation dropped);
  one leading proclitic group is tolerated (``bilingual.text.clitics``: an optional و/ف, then an
  optional ب/ك/ل, then an optional ال, and لل = ل + ال); the definite article may be present on
  either side. Stripping never leaves fewer than three letters, and the result must equal an
  accepted form exactly, so a different name is rejected.
- English: case, punctuation, accents and a leading "the" are ignored; every listed variant is accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bilingual.text.clitics import clitic_readings, without_article
from bilingual.text.keys import arabic_answer_key, english_answer_key

__all__ = ["Verdict", "arabic_matches", "english_matches"]


@dataclass(frozen=True)
class Verdict:
    correct: bool
    expected: str  # the correct answer, as shown to the learner
    response: str


def arabic_matches(response: str, accepted: Iterable[str]) -> bool:
    """True when ``response`` is one of the ``accepted`` Arabic forms (see module doc for the rules)."""
    r = arabic_answer_key(response)
    if not r:
        return False
    targets = set()
    for form in accepted:
        k = arabic_answer_key(form)
        if k:
            targets.add(k)
            targets.add(without_article(k))
    return any(c in targets for c in clitic_readings(r))


def english_matches(response: str, accepted: Iterable[str]) -> bool:
    r = english_answer_key(response)
    return bool(r) and r in {english_answer_key(a) for a in accepted}
