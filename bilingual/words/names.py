"""Names stay with the glossary: "probably: <entry>" for a word the lexicon does not know that is
close to a glossary spelling.

Unseen spellings of known names are common across outlets (يريفان / يرفان, لافروف / لافاروف). For
a token the lexicon lacks (and the matcher did not find), after removing its proclitics
(``bilingual.text.clitics``) and folding it to a match key (``bilingual.text.normalize``):

1. a nisba adjective of a name: the ending ي/ية/يون/يين/يان/يات/يتين taken off and the base found
   exactly or one letter off (الأرمينية → أرمينيا, الأذربايجاني → أذربيجان), relation "adjective";
2. else a glossary spelling one letter away (substituted, inserted or deleted) from a key of at
   least four letters (يرفان → يريفان).

The glossary side: every one-word spelling, and each word of a multi-word spelling that does not
start with ال (ناغورنو of ناغورنو كاراباخ; not الأرمينية of القوات الأرمينية, an ordinary adjective).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bilingual.glossary import Glossary
from bilingual.text.clitics import ARTICLE, PROCLITICS, strip_proclitics
from bilingual.text.normalize import normalize

__all__ = ["ADJECTIVE", "MIN_NEAR_LETTERS", "NameHint", "NameHints", "hints_for", "one_edit_apart"]

ADJECTIVE = "adjective"
#: A respelt name must have at least this many letters (shorter keys are too often another word).
MIN_NEAR_LETTERS = 4
_NISBA_ENDINGS = ("يتين", "يتان", "يون", "يين", "يان", "يات", "يه", "ي")


@dataclass(frozen=True)
class NameHint:
    """The glossary entry a token probably names."""

    entry_id: str
    form: str  # the glossary spelling it is close to
    clitic: str  # the proclitic taken off (as a key: "و", "بال"), "" when none
    relation: str = ""  # "": a spelling of the name; "adjective": a nisba formed from it


def one_edit_apart(a: str, b: str) -> bool:
    """Levenshtein distance exactly 1: one letter substituted, inserted or deleted."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    i = 0
    while i < len(short) and short[i] == long[i]:
        i += 1
    return short[i:] == long[i + 1:]


def _clitic_of(key: str, stem: str) -> str:
    """The proclitic a stem of ``key`` was left by ("" for the key itself; لل for a restored ال)."""
    if stem == key:
        return ""
    cut = len(key) - len(stem)
    if key[:cut] in PROCLITICS:
        return key[:cut]
    return key[: cut + 1]  # لل + word offered as ال + word: one letter longer than the cut


class NameHints:
    """The glossary's spellings as keys, for near-miss lookups (build once per glossary: ``hints_for``)."""

    def __init__(self, glossary: Glossary):
        self.keys: dict[str, tuple[str, str]] = {}  # key → (entry id, spelling)
        for entry in glossary:
            for form in entry.ar_forms:
                words = form.split()
                pieces = words if len(words) > 1 else [form]
                for w in pieces:
                    k = normalize(w)
                    if len(k) >= 3 and not (len(words) > 1 and k.startswith(ARTICLE)):
                        self.keys.setdefault(k, (entry.id, form))

    def _near(self, key: str) -> tuple[str, str] | None:
        if key in self.keys:
            return self.keys[key]
        return next((v for k, v in self.keys.items() if one_edit_apart(key, k)), None)

    def probably(self, token: str) -> NameHint | None:
        """The entry ``token`` (a word the lexicon lacks) probably names, or None."""
        key = normalize(token)
        stems = [s for s in dict.fromkeys([key, *strip_proclitics(key)]) if len(s) >= MIN_NEAR_LETTERS]
        for stem in stems:
            ending = next((e for e in _NISBA_ENDINGS if stem.endswith(e) and len(stem) - len(e) >= 3), None)
            if ending is None:
                continue
            base = stem[: len(stem) - len(ending)] + "ي"  # الارمينيه → ارميني
            for k in (base + "ا", base[:-1], base[:-1] + "ا"):  # ارمينيا ; اذربيجان ; سوريا
                found = self._near(k) if len(k) >= MIN_NEAR_LETTERS else None
                if found:
                    return NameHint(found[0], found[1], _clitic_of(key, stem), ADJECTIVE)
        for stem in stems:
            found = self._near(stem)
            if found:
                return NameHint(found[0], found[1], _clitic_of(key, stem))
        return None


@lru_cache(maxsize=8)
def hints_for(glossary: Glossary) -> NameHints:
    """The NameHints of ``glossary``, built on first use."""
    return NameHints(glossary)
