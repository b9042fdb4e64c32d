"""Is a typed or chosen answer right? Arabic and English answer matching.

- Arabic: both sides go through ``arabic_answer_key`` (``normalize``: diacritics, tatweel,
  alef/hamza-on-alef variants, ى/ي, ة/ه, Arabic-Indic digits, runs of spaces; punctuation dropped),
  and the result must equal an accepted form exactly, so a different name is rejected.
- **A typed name is the name on its own.** A conjunction or preposition glued to it (و ف ب ك ل,
  ``bilingual.text.clitics.PROCLITICS``) makes it another answer: وفلاديمير بوتين is "and Vladimir
  Putin", بموسكو "in Moscow", not the name asked for; the feedback says which clitic is not part of
  the name (``clitic_note``). The definite article ال is optional for names that are not a person's
  (الكرملين / كرملين, both seen in writing); a person's name is matched as written, never with an
  article added or dropped (الفلاديمير بوتين is wrong).
- English: case, punctuation, accents and a leading "the" are ignored; every listed variant is accepted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bilingual.text.clitics import MAX_PROCLITIC_LEN, MIN_STEM_LETTERS, PROCLITICS, letter_count, without_article
from bilingual.text.keys import arabic_answer_key, english_answer_key

__all__ = ["Verdict", "arabic_matches", "clitic_note", "english_matches"]

#: What each attached letter means, for the feedback.
_CLITIC_MEANINGS = {"و": "and", "ف": "so", "ب": "in/by", "ل": "for/to", "ك": "like", "ال": "the"}


@dataclass(frozen=True)
class Verdict:
    correct: bool
    expected: str  # the correct answer, as shown to the learner
    response: str
    note: str = ""  # why an almost-right answer is wrong (a clitic glued to the name)


def _keys(forms: Iterable[str], *, article_optional: bool) -> set[str]:
    out = set()
    for form in forms:
        k = arabic_answer_key(form)
        if k:
            out.add(k)
            if article_optional:
                out.add(without_article(k))
    return out


def arabic_matches(response: str, accepted: Iterable[str], *, article_optional: bool = True) -> bool:
    """True when ``response`` is one of the ``accepted`` Arabic forms (see module doc for the rules)."""
    r = arabic_answer_key(response)
    if not r:
        return False
    targets = _keys(accepted, article_optional=article_optional)
    return bool({r, without_article(r) if article_optional else r} & targets)


def clitic_note(response: str, accepted: Iterable[str], *, article_optional: bool = True) -> str:
    """For a wrong typed answer that is an accepted name with a proclitic glued on (وموسكو), what to
    tell the learner; '' otherwise."""
    accepted = tuple(accepted)
    r = arabic_answer_key(response)
    for n in range(1, min(MAX_PROCLITIC_LEN, len(r)) + 1):
        clitic, stem = PROCLITICS.get(r[:n]), r[n:]
        if clitic is None or letter_count(stem) < MIN_STEM_LETTERS:
            continue
        if arabic_matches(stem, accepted, article_optional=article_optional):
            parts = [p for p in (clitic.conjunction, clitic.preposition) if p]
            said = " + ".join(f"«{p}» ({_CLITIC_MEANINGS[p]})" for p in parts) or "«ال» (the)"
            return f"{said} is not part of the name: type the name on its own."
    return ""


def english_matches(response: str, accepted: Iterable[str]) -> bool:
    r = english_answer_key(response)
    return bool(r) and r in {english_answer_key(a) for a in accepted}
