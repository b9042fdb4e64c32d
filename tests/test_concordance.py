"""Term counts, the articles that mention a term, concordance lines and the places on an article's map."""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.concordance import build_index, type_counts
from bilingual.corpus import Article, Paragraph, Sentence
from bilingual.glossary import Entry, Glossary


@dataclass(frozen=True)
class M:
    start: int
    end: int
    entry_id: str


def substring_annotate(text: str, glossary: Glossary) -> list[M]:
    """A stand-in matcher: every exact occurrence of an entry's Arabic name."""
    out = []
    for e in glossary:
        at = text.find(e.ar)
        while at >= 0:
            out.append(M(at, at + len(e.ar), e.id))
            at = text.find(e.ar, at + 1)
    return sorted(out, key=lambda m: m.start)


def article(aid: str, *sentences: str) -> Article:
    sents = tuple(Sentence(f"s{i + 1:03d}", ar, aid, "p01") for i, ar in enumerate(sentences))
    return Article(aid, "", f"ar {aid}", f"en {aid}", "o", "O", "2023", False, "", (), (Paragraph("p01", "text", sents),))


BAKU = Entry("baku", "place", "باكو", "Baku", description="Capital.", lat=40.4, lon=49.87)
MOSCOW = Entry("moscow", "place", "موسكو", "Moscow", description="Capital.", lat=55.75, lon=37.62)
LAVROV = Entry("lavrov", "person", "لافروف", "Lavrov", description="Minister.")
CSTO = Entry("csto", "organization", "المنظمة", "CSTO", description="Alliance.")
GLOSSARY = Glossary((BAKU, MOSCOW, LAVROV, CSTO))

A1 = article("a1", "لافروف في باكو", "لافروف وموسكو ولافروف", "لا شيء")
A2 = article("a2", "موسكو", "باكو و المنظمة")
INDEX = build_index([A1, A2], GLOSSARY, annotate=substring_annotate)


def test_article_terms_most_mentioned_first_with_first_sentence():
    terms = [(t.entry.id, t.count, t.first_sentence) for t in INDEX.article_terms(A1)]
    assert terms == [("lavrov", 3, "s001"), ("baku", 1, "s001"), ("moscow", 1, "s002")]
    assert INDEX.term_total(A1) == 3 and INDEX.term_total(A2) == 3


def test_articles_mentioning_a_term():
    assert [(a.id, n) for a, n in INDEX.articles_mentioning("baku")] == [("a1", 1), ("a2", 1)]
    assert [(a.id, n) for a, n in INDEX.articles_mentioning("baku", exclude="a1")] == [("a2", 1)]
    assert INDEX.articles_mentioning("lavrov", exclude="a1") == []


def test_concordance_lists_every_sentence_in_corpus_order():
    lines = INDEX.concordance("moscow")
    assert [s.sentence.uid for s in lines] == ["a1/s002", "a2/s001"]
    assert {m.entry_id for m in lines[0].mentions} == {"lavrov", "moscow"}  # all mentions kept for highlighting
    assert [s.sentence.uid for s in INDEX.concordance("moscow", article_id="a2")] == ["a2/s001"]
    assert INDEX.concordance("nobody") == []


def test_places_have_coordinates_and_counts():
    assert [(p.entry.id, p.count, p.lat, p.lon) for p in INDEX.places(A2)] == [("baku", 1, 40.4, 49.87), ("moscow", 1, 55.75, 37.62)]
    assert INDEX.entries_in("a2") == {"moscow", "baku", "csto"}


def test_type_counts_and_corpus_terms():
    assert type_counts(INDEX.article_terms(A1)) == {"person": 3, "place": 2}
    assert [t.entry.id for t in INDEX.corpus_terms()][:1] == ["lavrov"]
