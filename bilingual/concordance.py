"""Where glossary terms occur in the corpus: per-sentence mentions, term counts, concordance lines.

Built once per (corpus, glossary) by ``build_index`` (the pages cache it); everything else is a
cheap lookup. ``annotate`` defaults to ``bilingual.matcher.annotate`` and can be swapped in tests.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from bilingual.corpus import Article, Sentence
from bilingual.glossary import Entry, Glossary
from bilingual.matcher import annotate as default_annotate

__all__ = ["ConcordanceLine", "CorpusIndex", "Place", "TermCount", "build_index", "type_counts"]

Annotate = Callable[[str, Glossary], list]


@dataclass(frozen=True)
class ConcordanceLine:
    article: Article
    sentence: Sentence
    mentions: tuple  # every mention in the sentence (the page highlights all, focusing the term)


@dataclass(frozen=True)
class TermCount:
    entry: Entry
    count: int  # mentions in the scope (article or corpus)
    first_sentence: str  # sentence id of the first mention (in the article's order)


@dataclass(frozen=True)
class Place:
    entry: Entry
    count: int

    @property
    def lat(self) -> float:
        return float(self.entry.lat or 0.0)

    @property
    def lon(self) -> float:
        return float(self.entry.lon or 0.0)


@dataclass(frozen=True)
class CorpusIndex:
    """Mentions of every corpus sentence, by sentence uid (``<article>/<sentence>``)."""

    articles: tuple[Article, ...]
    glossary: Glossary
    by_uid: dict[str, tuple] = field(default_factory=dict)

    def mentions(self, sentence: Sentence) -> tuple:
        return self.by_uid.get(sentence.uid, ())

    def article_terms(self, article: Article) -> list[TermCount]:
        """Terms mentioned in ``article``, most mentioned first (ties: first appearance)."""
        return _count(((s, self.mentions(s)) for s in article.sentences), self.glossary)

    def corpus_terms(self) -> list[TermCount]:
        return _count(((s, self.mentions(s)) for a in self.articles for s in a.sentences), self.glossary)

    def term_total(self, article: Article) -> int:
        """How many distinct glossary terms the article mentions."""
        return len({m.entry_id for s in article.sentences for m in self.mentions(s)})

    def articles_mentioning(self, entry_id: str, *, exclude: str | None = None) -> list[tuple[Article, int]]:
        """Articles that mention the term, with how many times, in corpus order."""
        out = []
        for a in self.articles:
            if a.id == exclude:
                continue
            n = sum(1 for s in a.sentences for m in self.mentions(s) if m.entry_id == entry_id)
            if n:
                out.append((a, n))
        return out

    def concordance(self, entry_id: str, *, article_id: str | None = None) -> list[ConcordanceLine]:
        """Every sentence that mentions the term (optionally in one article), in corpus order."""
        lines = []
        for a in self.articles:
            if article_id and a.id != article_id:
                continue
            for s in a.sentences:
                ms = self.mentions(s)
                if any(m.entry_id == entry_id for m in ms):
                    lines.append(ConcordanceLine(a, s, ms))
        return lines

    def places(self, article: Article) -> list[Place]:
        """Entries with coordinates mentioned in the article (places first, then others), with counts."""
        out = []
        for tc in self.article_terms(article):
            if tc.entry.lat is not None and tc.entry.lon is not None:
                out.append(Place(tc.entry, tc.count))
        return sorted(out, key=lambda p: (p.entry.type != "place", -p.count, p.entry.en))

    def entries_in(self, article_id: str) -> set[str]:
        art = next((a for a in self.articles if a.id == article_id), None)
        return {m.entry_id for s in art.sentences for m in self.mentions(s)} if art else set()


def _count(pairs: Iterable[tuple[Sentence, Sequence]], glossary: Glossary) -> list[TermCount]:
    counts: Counter[str] = Counter()
    first: dict[str, str] = {}
    order: dict[str, int] = {}
    for s, ms in pairs:
        for m in ms:
            counts[m.entry_id] += 1
            first.setdefault(m.entry_id, s.id)
            order.setdefault(m.entry_id, len(order))
    out = []
    for eid in sorted(counts, key=lambda e: (-counts[e], order[e])):
        entry = glossary.get(eid)
        if entry is not None:
            out.append(TermCount(entry, counts[eid], first[eid]))
    return out


def build_index(articles: Sequence[Article], glossary: Glossary, annotate: Annotate | None = None) -> CorpusIndex:
    """Annotate every sentence of every article once."""
    annotate = annotate or default_annotate
    by_uid = {s.uid: tuple(annotate(s.ar, glossary)) for a in articles for s in a.sentences}
    return CorpusIndex(tuple(articles), glossary, by_uid)


def type_counts(terms: Iterable[TermCount]) -> dict[str, int]:
    """Mentions per entry type (for the legend)."""
    out: Counter[str] = Counter()
    for tc in terms:
        out[tc.entry.type] += tc.count
    return dict(out)
