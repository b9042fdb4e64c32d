"""Names stay with the glossary: "probably: <entry>" for a word the lexicon does not know that is
close to a glossary spelling.

Unseen spellings of known names are common across outlets (يريفان / يرفان, لافروف / لافاروف). For
a token the lexicon lacks (and the matcher did not find), after removing its proclitics
(``bilingual.text.clitics``) and folding it to a match key (``bilingual.text.normalize``):

1. a nisba adjective of a name: the ending ي/ية/يون/يين/يان/يات/يتين taken off and the base found
   exactly, or one letter off when it has at least ``MIN_NEAR_NISBA_LETTERS`` letters (الأرمينية →
   أرمينيا, الأذربايجاني → أذربيجان; not السوفييتين → سوفيا → سوريا), relation "adjective";
2. else a glossary spelling one letter away (substituted, inserted or deleted) from a key of at
   least four letters (يرفان → يريفان).

The glossary side: every one-word spelling, then (looked at only when no one-word spelling is close)
each word of a person's or a place's multi-word spelling that does not start with ال (بيراموف of جيهون
بيراموف, ناغورنو of ناغورنو كاراباخ). The words of other names are mostly ordinary words (معاهدة،
وأذربيجان of a long agreement name) and are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from bilingual.glossary import EntryType, Glossary
from bilingual.text.clitics import ARTICLE, PROCLITICS, strip_proclitics
from bilingual.text.normalize import normalize

__all__ = ["ADJECTIVE", "MIN_NEAR_LETTERS", "MIN_NEAR_NISBA_LETTERS", "NameHint", "NameHints", "hints_for", "one_edit_apart"]

ADJECTIVE = "adjective"
#: A respelt name must have at least this many letters (shorter keys are too often another word).
MIN_NEAR_LETTERS = 4
#: The base of a nisba one letter off a name must have at least this many letters.
MIN_NEAR_NISBA_LETTERS = 6
_NISBA_ENDINGS = ("يتين", "يتان", "يون", "يين", "يان", "يات", "يه", "ي")
#: Entry types whose multi-word spellings are made of name words (a first name, a surname, a place name).
_NAMED_BY_WORDS = (EntryType.PERSON, EntryType.PLACE)


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
        self.whole: dict[str, tuple[str, str]] = {}  # key of a one-word spelling → (entry id, spelling)
        self.parts: dict[str, tuple[str, str]] = {}  # key of a word of a person's or place's name
        for entry in glossary:
            for form in entry.ar_forms:
                words = form.split()
                if len(words) == 1:
                    if len(k := normalize(form)) >= 3:
                        self.whole.setdefault(k, (entry.id, form))
                    continue
                if entry.type not in _NAMED_BY_WORDS:
                    continue
                for w in words:
                    if len(k := normalize(w)) >= 3 and not k.startswith(ARTICLE):
                        self.parts.setdefault(k, (entry.id, form))

    def _near(self, keys: list[str], min_near: int = MIN_NEAR_LETTERS) -> tuple[str, str, str] | None:
        """(the key found, entry id, spelling): an exact key first, then one edit away (keys of at least
        ``min_near`` letters); one-word spellings before the words of longer names."""
        for table in (self.whole, self.parts):
            for k in keys:
                if k in table:
                    return (k, *table[k])
        for table in (self.whole, self.parts):
            for k in (k for k in keys if len(k) >= min_near):
                found = next((v for key, v in table.items() if one_edit_apart(k, key)), None)
                if found:
                    return (k, *found)
        return None

    def probably(self, token: str) -> NameHint | None:
        """The entry ``token`` (a word the lexicon lacks) probably names, or None."""
        key = normalize(token)
        stems = [s for s in dict.fromkeys([key, *strip_proclitics(key)]) if len(s) >= MIN_NEAR_LETTERS]
        for stem in stems:
            ending = next((e for e in _NISBA_ENDINGS if stem.endswith(e) and len(stem) - len(e) >= 3), None)
            if ending is None or stem.startswith(ARTICLE):  # the adjective's article is one of its clitics
                continue
            base = stem[: len(stem) - len(ending)] + "ي"  # الارمينيه → ارميني
            bases = [k for k in (base + "ا", base[:-1], base[:-1] + "ا") if len(k) >= MIN_NEAR_LETTERS]  # ارمينيا ; اذربيجان
            found = self._near(bases, MIN_NEAR_NISBA_LETTERS)
            if found:
                return NameHint(found[1], found[2], _clitic_of(key, stem), ADJECTIVE)
        found = self._near(stems)
        if found:
            return NameHint(found[1], found[2], _clitic_of(key, found[0]))
        return None


@lru_cache(maxsize=8)
def hints_for(glossary: Glossary) -> NameHints:
    """The NameHints of ``glossary``, built on first use."""
    return NameHints(glossary)
