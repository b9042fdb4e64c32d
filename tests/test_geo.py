"""The places map's country outlines: the stored Natural Earth file, projected into the map's pixels."""

from __future__ import annotations

import json

from bilingual.concordance import Place
from bilingual.geo import FOCUS_COUNTRIES, OUTLINES_FILE, load_countries, map_layout
from bilingual.glossary import Entry


def place(eid: str, lat: float, lon: float, count: int = 1) -> Place:
    return Place(Entry(eid, "place", "ا", eid.title(), description=".", lat=lat, lon=lon), count)


CAUCASUS = [place("armenia", 40.07, 45.04, 15), place("azerbaijan", 40.14, 47.58, 10), place("yerevan", 40.18, 44.5, 3),
            place("baku", 40.41, 49.87, 4), place("nakhchivan", 39.21, 45.41, 2), place("tbilisi", 41.72, 44.79, 1)]


def inside(x: float, y: float, ring) -> bool:
    """Even-odd ray casting: is (x, y) inside the closed ring?"""
    hit = False
    for (x0, y0), (x1, y1) in zip(ring, ring[1:], strict=False):
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            hit = not hit
    return hit


def test_the_outlines_file_is_natural_earth_with_the_six_countries_and_nakhchivan():
    data = json.loads(OUTLINES_FILE.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection" and "Natural Earth 1:110m" in data["source"]
    assert (OUTLINES_FILE.parent / "SOURCE.md").read_text(encoding="utf-8").count("public domain") >= 1
    box, countries = load_countries()
    by_name = {c.name: c for c in countries}
    assert set(FOCUS_COUNTRIES) <= set(by_name)
    azerbaijan = by_name["Azerbaijan"]
    assert len(azerbaijan.polygons) == 2  # the mainland and the Nakhchivan exclave
    assert any(inside(45.41, 39.21, poly[0]) for poly in azerbaijan.polygons)  # Nakhchivan city
    assert inside(44.5, 40.18, by_name["Armenia"].polygons[0][0])  # Yerevan
    assert not inside(45.41, 39.21, by_name["Armenia"].polygons[0][0])
    # every coordinate is inside the stated box (each country was clipped to it)
    lon0, lat0, lon1, lat1 = box
    assert all(lon0 <= x <= lon1 and lat0 <= y <= lat1 for c in countries for poly in c.polygons for ring in poly for x, y in ring)
    assert OUTLINES_FILE.stat().st_size < 40_000


def test_a_caucasus_frame_gets_the_outlines_in_its_own_pixels():
    layout = map_layout(CAUCASUS)
    outlines = {o.name: o for o in layout.outlines()}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran", "Turkey", "Russia"} <= set(outlines)
    assert outlines["Armenia"].focus and not any(o.focus for n, o in outlines.items() if n not in FOCUS_COUNTRIES)
    # the dots and the land agree: Yerevan's dot is inside Armenia, Nakhchivan's inside Azerbaijan's exclave
    dots = {p.place.entry.id: p for p in layout.points}
    assert inside(dots["yerevan"].x, dots["yerevan"].y, outlines["Armenia"].polygons[0][0])
    assert any(inside(dots["nakhchivan"].x, dots["nakhchivan"].y, poly[0]) for poly in outlines["Azerbaijan"].polygons)
    assert not inside(dots["nakhchivan"].x, dots["nakhchivan"].y, outlines["Armenia"].polygons[0][0])
    # far-off countries are not sent to the chart
    assert "Poland" not in outlines and "Egypt" not in outlines


def test_a_frame_beyond_the_outlines_box_gets_none():
    layout = map_layout([place("brussels", 50.85, 4.35, 3)])
    assert layout is not None and layout.outlines() == ()
