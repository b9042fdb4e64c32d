"""Term counts, the articles that mention a term, concordance lines and the places on an article's map."""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.concordance import Place, build_index, type_counts
from bilingual.corpus import Article, Paragraph, Sentence
from bilingual.geo import REGION_SCALE, map_layout
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


# --- the places map: a frame fitted to the points, readable labels --------------------------------

def place(eid: str, lat: float, lon: float, count: int = 1, en: str | None = None) -> Place:
    return Place(Entry(eid, "place", "ا", en or eid.replace("-", " ").title(), description=".", lat=lat, lon=lon), count)


CAUCASUS = [
    place("armenia", 40.07, 45.04, 15), place("azerbaijan", 40.14, 47.58, 10), place("moscow", 55.76, 37.62, 5),
    place("russia", 61.52, 105.32, 4), place("nagorno-karabakh", 39.85, 46.72, 3), place("stepanakert", 39.8153, 46.7519, 2),
    place("lachin-corridor", 39.7, 46.6, 2), place("lachin", 39.64, 46.55, 1), place("yerevan", 40.18, 44.5, 1),
    place("baku", 40.41, 49.87, 4), place("south-caucasus", 41.0, 45.5, 1), place("soviet-union", 60.0, 85.0, 1),
    place("azerbaijan-ssr", 40.14, 47.58, 1, "Azerbaijan Soviet Socialist Republic"),
]


def _box(p) -> tuple[float, float, float, float]:
    w = len(p.label) * 6.8
    x0 = p.label_x if p.align == "left" else p.label_x - w
    return (x0, p.label_y - 7, x0 + w, p.label_y + 7)


def test_map_frame_fits_every_drawn_point_inside_with_padding():
    layout = map_layout(CAUCASUS, width=240, max_height=280)
    assert layout is not None and len(layout.points) >= 6
    for p in layout.points:
        assert 20 <= p.x <= layout.width - 20 and 20 <= p.y <= layout.height - 20, (p.names, p.x, p.y)
    # the frame is the Caucasus, not the whole of Eurasia: Russia's centroid and Moscow do not stretch it
    assert layout.lon_range[1] - layout.lon_range[0] < 12
    assert {p.entry.id for p, _ in layout.far} == {"russia", "moscow"}
    assert {p.entry.id: d for p, d in layout.far}["moscow"] in ("north", "north-west")
    # equal aspect: one degree of longitude is as wide as the Mercator stretch says
    (x0, _), (x1, _) = layout.project(45.0, 40.0), layout.project(46.0, 40.0)
    (_, ya), (_, yb) = layout.project(45.0, 40.0), layout.project(45.0, 41.0)
    assert abs((ya - yb) / (x1 - x0) - 1.31) < 0.02  # sec(40.5°) ≈ 1.315


def test_map_sets_regions_apart_and_merges_places_at_the_same_spot():
    layout = map_layout(CAUCASUS)
    drawn = {q.entry.id for p in layout.points for q in (p.place, *p.same_spot)}
    assert not drawn & REGION_SCALE
    assert {p.entry.id for p in layout.regions} == {"south-caucasus", "soviet-union"}
    az = next(p for p in layout.points if p.place.entry.id == "azerbaijan")
    assert [q.entry.id for q in az.same_spot] == ["azerbaijan-ssr"] and az.label == "Azerbaijan"
    assert az.count == 11


def test_map_labels_never_overlap_each_other_or_other_dots_and_stay_inside():
    layout = map_layout(CAUCASUS)
    labelled = [p for p in layout.points if p.label]
    assert {"Armenia", "Azerbaijan", "Baku"} <= {p.label for p in labelled}  # the most mentioned get names
    boxes = [_box(p) for p in labelled]
    for i, b in enumerate(boxes):
        assert b[0] >= 0 and b[2] <= layout.width and b[1] >= 0 and b[3] <= layout.height, labelled[i].label
        for j, c in enumerate(boxes):
            if i != j:
                assert not (b[0] < c[2] and c[0] < b[2] and b[1] < c[3] and c[1] < b[3]), (labelled[i].label, labelled[j].label)
        for q in layout.points:
            if q is not labelled[i]:
                r = q.radius
                assert not (b[0] < q.x + r and q.x - r < b[2] and b[1] < q.y + r and q.y - r < b[3]), (labelled[i].label, q.names)


def test_map_of_one_place_shows_its_surroundings_and_nothing_to_draw_is_none():
    layout = map_layout([place("baku", 40.41, 49.87, 3)])
    assert layout.lon_range[1] - layout.lon_range[0] >= 4
    assert layout.points[0].label == "Baku"
    assert 160 <= layout.height <= 280
    assert map_layout([place("soviet-union", 60.0, 85.0)]) is None
    assert map_layout([]) is None
    step, lons, lats = layout.graticule()
    assert lons and lats and all(layout.lon_range[0] <= x <= layout.lon_range[1] for x in lons)
