"""Scoring the matcher against hand-annotated gold: precision and recall per entry and overall.

Gold files ``<article id>.txt`` hold one sentence a line, ``s001<TAB>marked text``, where each
mention is marked ``[surface](entry-id)`` (see ``tests/data/gold``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bilingual.corpus import article_by_id
from bilingual.glossary import Glossary
from bilingual.matcher import matcher_for

__all__ = ["GOLD_MARK", "Evaluation", "GoldSentence", "Score", "evaluate", "load_gold", "parse_gold_line"]

#: A gold mark: ``[surface](entry-id)``.
GOLD_MARK = re.compile(r"\[([^\[\]]+)\]\(([a-z0-9]+(?:-[a-z0-9]+)*)\)")


@dataclass(frozen=True)
class GoldSentence:
    article_id: str
    sentence_id: str
    text: str
    spans: frozenset[tuple[int, int, str]]


def parse_gold_line(marked: str) -> tuple[str, frozenset[tuple[int, int, str]]]:
    """Strip ``[surface](id)`` marks; return the plain text and the (start, end, id) of each mark."""
    plain: list[str] = []
    spans = set()
    pos = 0
    length = 0
    for m in GOLD_MARK.finditer(marked):
        before = marked[pos : m.start()]
        plain.append(before)
        length += len(before)
        spans.add((length, length + len(m.group(1)), m.group(2)))
        plain.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    plain.append(marked[pos:])
    return "".join(plain), frozenset(spans)


def load_gold(gold_dir: Path) -> list[GoldSentence]:
    """Gold files ``<article id>.txt``: ``s001<TAB>marked text`` per line; '#' lines are comments."""
    out = []
    for path in sorted(Path(gold_dir).glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            sid, sep, marked = line.partition("\t")
            if not sep:
                raise ValueError(f"{path}:{n}: expected '<sentence id><TAB><marked text>'")
            text, spans = parse_gold_line(marked)
            out.append(GoldSentence(path.stem, sid.strip(), text, spans))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    overall: Score
    per_entry: dict[str, Score]
    errors: list[str]  # gold problems: text differs from the corpus, unknown ids, missing sentences
    misses: list[str]  # readable false negatives / positives


def evaluate(gold: list[GoldSentence], glossary: Glossary, corpus=None) -> Evaluation:
    """Compare the matcher's (start, end, entry id) per sentence with the gold's."""
    overall, per_entry, errors, misses = Score(), {}, [], []
    seen: dict[str, set[str]] = {}
    for g in gold:
        article = article_by_id(g.article_id, corpus)
        sentence = article.sentence(g.sentence_id) if article else None
        if sentence is None:
            errors.append(f"{g.article_id}/{g.sentence_id}: no such sentence in the corpus")
            continue
        if sentence.ar != g.text:
            errors.append(f"{g.article_id}/{g.sentence_id}: gold text differs from the corpus sentence")
            continue
        seen.setdefault(g.article_id, set()).add(g.sentence_id)
        unknown = {eid for _, _, eid in g.spans if glossary.get(eid) is None}
        errors.extend(f"{g.article_id}/{g.sentence_id}: unknown entry id {eid}" for eid in sorted(unknown))
        found = {(m.start, m.end, m.entry_id) for m in matcher_for(glossary).find(g.text)}
        for span in g.spans | found:
            score = per_entry.setdefault(span[2], Score())
            if span in g.spans and span in found:
                kind = "tp"
            else:
                kind = "fn" if span in g.spans else "fp"
                label = "missed" if kind == "fn" else "spurious"
                misses.append(f"{g.article_id}/{g.sentence_id}: {label} {g.text[span[0]:span[1]]!r} ({span[2]})")
            for s in (score, overall):
                setattr(s, kind, getattr(s, kind) + 1)
    for aid, sids in seen.items():
        article = article_by_id(aid, corpus)
        missing = [s.id for s in article.sentences if s.id not in sids]
        if missing:
            errors.append(f"{aid}: gold lacks sentences {', '.join(missing)}")
    return Evaluation(overall, per_entry, errors, misses)
