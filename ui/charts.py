"""Charts drawn with Altair (offline: nothing is fetched)."""

from __future__ import annotations

import math

import altair as alt
import pandas as pd

from bilingual import render
from bilingual.geo import SEA_LABELS, SEAS, MapLayout

__all__ = ["BORDER", "COUNTRY_FILLS", "OTHER_LAND", "SEA", "places_chart"]


#: Land of the countries the articles are about, one calm tone each; every other country; the sea.
COUNTRY_FILLS = {
    "Armenia": "#f6dcc4", "Azerbaijan": "#d5ead9", "Georgia": "#e3def3", "Turkey": "#f3ecc8", "Iran": "#e9e4dc",
    "Russia": "#dde7f0",
}
OTHER_LAND, SEA, BORDER = "#eceae6", "#e6f1f8", "#9aa5b1"


def _outline_layer(layout: MapLayout) -> alt.Chart | None:
    """The country outlines (already in pixels) as ``mark_geoshape`` through an identity projection:
    planar, so no ring-orientation trap and no fitting; the mark is clipped to the view."""
    outlines = layout.outlines()
    if not outlines:
        return None
    features = [
        {"type": "Feature", "properties": {"name": o.name, "fill": COUNTRY_FILLS.get(o.name, OTHER_LAND)},
         "geometry": {"type": "MultiPolygon", "coordinates": [[[list(pt) for pt in ring] for ring in poly] for poly in o.polygons]}}
        for o in outlines
    ]
    return (
        alt.Chart(alt.Data(values=features))
        .mark_geoshape(stroke=BORDER, strokeWidth=0.7, clip=True)
        .encode(fill=alt.Fill("properties.fill:N", scale=None), tooltip=[alt.Tooltip("properties.name:N", title="Country")])
        .project(type="identity", scale=1, translate=[0, 0])
    )


def places_chart(layout: MapLayout) -> alt.LayerChart:
    """The reader's "Places on the map": an Altair chart drawn in the pixels ``geo.map_layout``
    computed (Mercator, equal aspect): country outlines (Natural Earth 1:110m, from the repo) on a sea
    background, graticule, dots sized by mentions, labels with a white halo (beyond the outlines' box:
    coarse sea outlines instead). Nothing is fetched. Tooltips carry the Arabic name.
    """
    w, h = layout.width, layout.height
    land = _outline_layer(layout)
    x = alt.X("x:Q", scale=alt.Scale(domain=[0, w], nice=False, zero=False), axis=None)
    y = alt.Y("y:Q", scale=alt.Scale(domain=[0, h], nice=False, zero=False, reverse=True), axis=None)

    step, lons, lats = layout.graticule()
    lines, ticks = [], []
    for lon in lons:
        for i, lat in enumerate((layout.lat_range[0], layout.lat_range[1])):
            px, py = layout.project(lon, lat)
            lines.append({"line": f"m{lon}", "i": i, "x": px, "y": py})
        ticks.append({"x": layout.project(lon, layout.lat_range[0])[0] + 2, "y": h - 3, "t": f"{lon:g}°E"})
    for lat in lats:
        for i, lon in enumerate((layout.lon_range[0], layout.lon_range[1])):
            px, py = layout.project(lon, lat)
            lines.append({"line": f"p{lat}", "i": i, "x": px, "y": py})
        ticks.append({"x": 3, "y": layout.project(layout.lon_range[0], lat)[1] - 2, "t": f"{lat:g}°N"})
    sea_rows = [
        {"sea": name, "i": i, "x": px, "y": py}
        for name, coast in SEAS.items()
        for i, (px, py) in enumerate(layout.project(lon, lat) for lon, lat in coast)
    ]
    sea_names = []
    for name, (lon, lat) in SEA_LABELS.items():
        px, py = layout.project(lon, lat)
        if 30 <= px <= w - 30 and 10 <= py <= h - 10:
            sea_names.append({"x": px, "y": py, "t": name})

    dots = pd.DataFrame(
        [
            {"x": p.x, "y": p.y, "size": math.pi * p.radius**2, "name": p.names, "ar": " / ".join(q.entry.ar for q in (p.place, *p.same_spot)),
             "mentions": p.count, "colour": render.TYPE_COLOURS.get(p.place.entry.type, render.TYPE_COLOURS["other"])[1]}
            for p in layout.points
        ]
    )
    labels = pd.DataFrame(
        [{"x": p.label_x, "y": p.label_y, "t": p.label, "align": p.align} for p in layout.points if p.label]
        or [{"x": 0.0, "y": 0.0, "t": "", "align": "left"}]
    )
    font = "Source Sans Pro, Source Sans 3, Noto Sans, sans-serif"
    layers = [] if land is None else [land]
    layers.append(alt.Chart(pd.DataFrame(lines)).mark_line(stroke="#94a3b8" if land else "#cbd5e1", strokeWidth=0.5,
                                                           opacity=0.5 if land else 1.0, clip=True)
                  .encode(x, y, detail="line:N", order="i:Q"))
    if land is None:  # no outlines for this frame: the coarse coasts for orientation
        layers.append(alt.Chart(pd.DataFrame(sea_rows)).mark_line(stroke="#7dd3fc", strokeWidth=1.4, clip=True)
                      .encode(x, y, detail="sea:N", order="i:Q"))
    if sea_names:
        layers.append(alt.Chart(pd.DataFrame(sea_names)).mark_text(color="#0284c7", fontStyle="italic", fontSize=11, font=font, opacity=0.8).encode(x, y, text="t:N"))
    layers += [
        alt.Chart(pd.DataFrame(ticks)).mark_text(color="#94a3b8", fontSize=9, align="left", baseline="bottom", font=font).encode(x, y, text="t:N"),
        alt.Chart(dots).mark_circle(opacity=0.9, stroke="white", strokeWidth=1.2).encode(
            x, y, size=alt.Size("size:Q", scale=None), color=alt.Color("colour:N", scale=None),
            tooltip=[alt.Tooltip("name:N", title="Place"), alt.Tooltip("ar:N", title="Arabic"), alt.Tooltip("mentions:Q", title="Mentions")],
        ),
    ]
    for align in ("left", "right"):
        sub = labels[labels["align"] == align]
        if sub.empty:
            continue
        base = alt.Chart(sub)
        text = {"align": align, "baseline": "middle", "fontSize": 12, "font": font}
        layers.append(base.mark_text(**text, stroke="white", strokeWidth=3.5, strokeJoin="round", fill="white").encode(x, y, text="t:N"))
        layers.append(base.mark_text(**text, fill="#1f2937", fontWeight=600).encode(x, y, text="t:N"))
    return (
        alt.layer(*layers)
        # SVG (vega-embed reads usermeta.embedOptions): scales down with the CSS below and keeps hover exact
        # exactly the layout's pixels: padding as an object (Streamlit replaces a falsy 0 with its own) and no
        # autosize (a "fit" would shrink the view for a label touching the edge, moving the dots off the land)
        .properties(width=w, height=h, background=SEA if land is not None else "#f8fafc", padding={"left": 0, "top": 0, "right": 0, "bottom": 0},
                    autosize={"type": "none"},
                    usermeta={"embedOptions": {"renderer": "svg"}})
        .configure_view(stroke="#e5e7eb", strokeWidth=1)
    )
