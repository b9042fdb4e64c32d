"""The reader's "Places on the map": country outlines under the places, drawn offline.

The chart's spec (AppTest-free: ``ui.charts.places_chart``) and the chart in Chromium: the outlines
are SVG paths inside the map, nothing is fetched from outside 127.0.0.1, and the chart's hover
toolbar does not cover the "Places on the map" heading.
"""

from __future__ import annotations

import json

from bilingual.concordance import build_index
from bilingual.corpus import default_corpus
from bilingual.geo import map_layout
from bilingual.glossary import default_glossary
from tests.pages.browser import SHOTS, no_errors, open_page
from ui.charts import COUNTRY_FILLS, places_chart

ARTICLE = "lavrov-baku-peace-treaty-2023"


def _urls(node) -> list[str]:
    """Every "url" a Vega-Lite spec would load."""
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "url"] + [u for v in node.values() for u in _urls(v)]
    if isinstance(node, list):
        return [u for v in node for u in _urls(v)]
    return []


def test_the_chart_draws_the_outlines_first_from_inline_data():
    corpus = default_corpus()
    index = build_index(corpus, default_glossary())
    layout = map_layout(index.places(next(a for a in corpus if a.id == ARTICLE)))
    spec = places_chart(layout).to_dict()
    land = spec["layer"][0]
    assert land["mark"]["type"] == "geoshape" and land["mark"]["clip"] is True
    assert land["projection"] == {"type": "identity", "scale": 1, "translate": [0, 0]}  # pixels from geo.py
    names = {f["properties"]["name"] for f in land["data"]["values"]}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran", "Russia", "Turkey"} <= names
    assert {f["properties"]["fill"] for f in land["data"]["values"] if f["properties"]["name"] == "Armenia"} == {COUNTRY_FILLS["Armenia"]}
    assert _urls(spec) == []  # nothing to fetch: no data URL, no tiles, no vega_datasets
    assert spec["padding"] == {"left": 0, "top": 0, "right": 0, "bottom": 0} and spec["autosize"] == {"type": "none"}  # the layout's pixels
    assert [lyr["mark"]["type"] for lyr in spec["layer"]].count("circle") == 1  # the places, above the land
    json.dumps(spec)  # serialisable as sent to the browser


def test_the_map_in_chromium_has_country_outlines_under_the_places_and_a_visible_heading(page, server):
    open_page(page, f"{server}/Reader?article={ARTICLE}", ".reader .row")
    chart = page.locator('.st-key-reader_side [data-testid="stVegaLiteChart"]').first
    svg = chart.locator("svg.marks")
    svg.wait_for(timeout=30_000)
    page.wait_for_function(
        "() => document.querySelectorAll('.st-key-reader_side svg.marks .mark-shape path').length >= 6", timeout=30_000)
    shapes = svg.evaluate("el => [...el.querySelectorAll('.mark-shape path')].map(p => [p.getAttribute('fill'), p.getAttribute('d').length])")
    fills = {f for f, _ in shapes}
    assert {COUNTRY_FILLS["Armenia"], COUNTRY_FILLS["Azerbaijan"]} <= fills and all(n > 20 for _, n in shapes)
    # the land is drawn first (under the dots and labels)
    order = svg.evaluate("el => [...el.querySelectorAll('g.mark-shape, g.mark-symbol')].map(g => g.className.baseVal.split(' ')[0])")
    assert order.index("mark-shape") < order.index("mark-symbol")
    # the view is the whole chart: the land reaches its bottom edge (no band left by a shrunk view)
    view, width, height = svg.evaluate(
        "el => [el.querySelector('path.background').getAttribute('d'), el.getAttribute('width'), el.getAttribute('height')]")
    assert view.endswith(f"v{height}h-{width}Z"), view
    # hovering the map shows its toolbar above it, clear of the heading
    chart.scroll_into_view_if_needed()
    chart.hover()
    toolbar = page.locator('.st-key-reader_side [data-testid="stElementToolbar"]').first
    toolbar.wait_for(state="visible", timeout=10_000)
    heading = page.locator(".st-key-reader_side p", has_text="Places on the map").first.bounding_box()
    bar = toolbar.bounding_box()
    assert bar["y"] >= heading["y"] + heading["height"] - 0.5, (bar, heading)
    no_errors(page)
    page.mouse.move(0, 0)  # the screenshot without the tooltip
    page.wait_for_timeout(500)
    SHOTS.mkdir(parents=True, exist_ok=True)
    box = chart.bounding_box()
    page.screenshot(path=str(SHOTS / "places-map.png"),
                    clip={"x": box["x"] - 20, "y": heading["y"] - 10, "width": box["width"] + 40, "height": box["height"] + 200})
    assert page.outside == []
