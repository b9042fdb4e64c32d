"""The reader's "Places on the map": which places, where, and where their labels go.

No base map is fetched (the app is offline): the panel draws a Mercator frame fitted to the points,
country outlines from the repo's ``geodata/caucasus-region.geojson`` (Natural Earth 1:110m, public
domain: see ``geodata/SOURCE.md``) with the sea as background, a graticule and labelled dots. A frame
beyond the outlines' box (lon 20–70°E, lat 25–60°N) gets two coarse sea outlines for orientation
instead. Everything is computed here, in pixels (the outlines too), so the chart itself
(``ui.charts.places_chart``) only draws.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from bilingual.concordance import Place
from bilingual.paths import REPO_ROOT

__all__ = [
    "FOCUS_COUNTRIES",
    "OUTLINES_FILE",
    "REGION_SCALE",
    "SEAS",
    "SEA_LABELS",
    "Country",
    "MapLayout",
    "MapPoint",
    "Outline",
    "load_countries",
    "map_layout",
    "places_caption",
]

#: Country outlines (Natural Earth 1:110m, clipped to the box in its ``bbox``): source in geodata/SOURCE.md.
OUTLINES_FILE = REPO_ROOT / "geodata" / "caucasus-region.geojson"
#: The countries the articles are about: drawn in colour; the others in one neutral tone.
FOCUS_COUNTRIES = ("Armenia", "Azerbaijan", "Georgia", "Turkey", "Iran", "Russia")

#: Places too large to be a point (regions, former states): listed under the map, not drawn.
REGION_SCALE = frozenset({"south-caucasus", "soviet-union"})
#: The largest frame drawn (degrees); places beyond it are listed as "farther away".
MAX_LON_SPAN, MAX_LAT_SPAN = 16.0, 10.0
#: Places closer than this (degrees) are one dot (e.g. Azerbaijan and the Azerbaijan SSR).
SAME_SPOT = 0.08
#: Coarse coastlines (lon, lat) for orientation only; hand-drawn, a few dozen points each.
SEAS: dict[str, tuple[tuple[float, float], ...]] = {
    "Caspian Sea": (
        (47.50, 42.98), (48.29, 42.06), (48.60, 41.80), (49.20, 41.10), (49.80, 40.60), (50.37, 40.45),
        (49.95, 40.33), (49.40, 39.95), (49.45, 39.35), (48.87, 38.75), (48.88, 38.43), (49.47, 37.47),
        (50.00, 37.30), (50.66, 36.90), (51.50, 36.65), (52.65, 36.72), (54.00, 36.85), (53.98, 37.47),
        (53.90, 38.60), (52.97, 40.02), (52.90, 41.90), (51.15, 43.65), (50.30, 44.60), (51.50, 45.50),
        (53.00, 46.20), (51.90, 47.10), (50.00, 46.60), (48.00, 45.90), (47.40, 45.50), (47.10, 44.90),
        (47.10, 44.40), (47.50, 43.50), (47.50, 42.98),
    ),
    "Black Sea": (
        (41.63, 41.64), (41.67, 42.15), (41.00, 43.00), (39.72, 43.58), (39.07, 44.10), (37.77, 44.72),
        (37.30, 44.90), (36.60, 45.30), (35.40, 45.00), (34.40, 44.67), (33.50, 44.60), (33.30, 45.20),
        (32.50, 45.35), (31.80, 46.30), (30.75, 46.50), (30.20, 45.80), (29.70, 45.20), (28.65, 44.18),
        (27.95, 43.20), (27.50, 42.50), (28.00, 41.60), (29.05, 41.22), (30.50, 41.15), (31.80, 41.45),
        (33.30, 42.00), (35.15, 42.02), (36.33, 41.29), (37.88, 41.00), (39.72, 41.00), (40.52, 41.02),
        (41.42, 41.40), (41.63, 41.64),
    ),
}
#: Where each sea's name is written (lon, lat).
SEA_LABELS: dict[str, tuple[float, float]] = {"Caspian Sea": (51.2, 42.4), "Black Sea": (34.5, 43.4)}

LABEL_PX_PER_CHAR, LABEL_HEIGHT, LABEL_GAP = 6.8, 14.0, 4.0

Ring = tuple[tuple[float, float], ...]


@dataclass(frozen=True)
class Country:
    """One country of the outlines file: polygons of (lon, lat) rings (the first ring of each is its outside)."""

    name: str
    polygons: tuple[tuple[Ring, ...], ...]

    @property
    def focus(self) -> bool:
        return self.name in FOCUS_COUNTRIES


@dataclass(frozen=True)
class Outline:
    """A country as drawn: its polygons' rings in pixels of the map (y down)."""

    name: str
    focus: bool
    polygons: tuple[tuple[Ring, ...], ...]


@lru_cache(maxsize=2)
def load_countries(path: Path = OUTLINES_FILE) -> tuple[tuple[float, float, float, float], tuple[Country, ...]]:
    """The box the outlines cover (min lon, min lat, max lon, max lat) and the countries in it."""
    data = json.loads(path.read_text(encoding="utf-8"))
    countries = []
    for f in data["features"]:
        g = f["geometry"]
        polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
        countries.append(Country(f["properties"]["name"], tuple(tuple(tuple((x, y) for x, y in ring) for ring in poly) for poly in polys)))
    lon0, lat0, lon1, lat1 = data["bbox"]
    return (lon0, lat0, lon1, lat1), tuple(countries)


def _merc(lon: float, lat: float) -> tuple[float, float]:
    """Web-Mercator coordinates in degrees (x = longitude, y stretched towards the poles)."""
    lat = max(-85.0, min(85.0, lat))
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


@dataclass(frozen=True)
class MapPoint:
    place: Place  # the most mentioned place at this spot
    same_spot: tuple[Place, ...]  # others drawn as the same dot
    x: float  # pixels from the left
    y: float  # pixels from the top
    radius: float
    label: str | None  # None: no room for the name without covering another (the tooltip still has it)
    label_x: float = 0.0  # where the label is written: its left edge (align "left") or right edge ("right")
    label_y: float = 0.0  # its vertical middle
    align: str = "left"

    @property
    def names(self) -> str:
        return " / ".join(p.entry.en for p in (self.place, *self.same_spot))

    @property
    def count(self) -> int:
        return sum(p.count for p in (self.place, *self.same_spot))


@dataclass(frozen=True)
class MapLayout:
    width: int
    height: int
    points: tuple[MapPoint, ...]
    regions: tuple[Place, ...]  # region-scale places (not drawn)
    far: tuple[tuple[Place, str], ...]  # places outside the frame, with their compass direction ("north-west")
    lon_range: tuple[float, float]  # what the frame shows
    lat_range: tuple[float, float]
    center: tuple[float, float] = (0.0, 0.0)  # Mercator degrees
    scale: float = 1.0  # pixels per Mercator degree

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = _merc(lon, lat)
        return (self.width / 2 + (x - self.center[0]) * self.scale, self.height / 2 - (y - self.center[1]) * self.scale)

    def outlines(self, path: Path = OUTLINES_FILE) -> tuple[Outline, ...]:
        """The countries on this frame, projected to pixels; () when the frame goes beyond the box the
        outlines cover (there the missing land would read as sea)."""
        (lon0, lat0, lon1, lat1), countries = load_countries(path)
        if not (lon0 <= self.lon_range[0] and self.lon_range[1] <= lon1 and lat0 <= self.lat_range[0] and self.lat_range[1] <= lat1):
            return ()
        out = []
        for c in countries:
            polygons = []
            for poly in c.polygons:
                rings = tuple(tuple((round(x, 1), round(y, 1)) for x, y in (self.project(lon, lat) for lon, lat in ring)) for ring in poly)
                xs, ys = [x for x, _ in rings[0]], [y for _, y in rings[0]]
                if max(xs) >= 0 and min(xs) <= self.width and max(ys) >= 0 and min(ys) <= self.height:  # on the frame
                    polygons.append(rings)
            if polygons:
                out.append(Outline(c.name, c.focus, tuple(polygons)))
        return tuple(out)

    def graticule(self) -> tuple[float, list[float], list[float]]:
        """A step (degrees) and the meridians/parallels inside the frame."""
        span = max(self.lon_range[1] - self.lon_range[0], self.lat_range[1] - self.lat_range[0])
        step = next(s for s in (1.0, 2.0, 5.0, 10.0, 20.0) if span / s <= 8)
        lons = [k * step for k in range(math.ceil(self.lon_range[0] / step), math.floor(self.lon_range[1] / step) + 1)]
        lats = [k * step for k in range(math.ceil(self.lat_range[0] / step), math.floor(self.lat_range[1] / step) + 1)]
        return step, lons, lats


def _radius(count: int) -> float:
    return 4.0 + min(count, 10) * 0.45


Box = tuple[float, float, float, float]


def _label_boxes(x: float, y: float, r: float, text: str, width: int) -> list[tuple[Box, str]]:
    """Candidate label boxes around a dot, best first, each with the text alignment it needs."""
    w, h, g = len(text) * LABEL_PX_PER_CHAR, LABEL_HEIGHT, LABEL_GAP
    d = r * 0.7 + g  # diagonal offset
    centered = min(max(x - w / 2, 1.0), width - 1 - w)  # above/below, slid sideways to stay inside
    return [
        ((x + r + g, y - h / 2, x + r + g + w, y + h / 2), "left"),
        ((x - r - g - w, y - h / 2, x - r - g, y + h / 2), "right"),
        ((centered, y - r - g - h, centered + w, y - r - g), "left"),
        ((centered, y + r + g, centered + w, y + r + g + h), "left"),
        ((x + d, y - d - h, x + d + w, y - d), "left"),
        ((x + d, y + d, x + d + w, y + d + h), "left"),
        ((x - d - w, y - d - h, x - d, y - d), "right"),
        ((x - d - w, y + d, x - d, y + d + h), "right"),
    ]


def _overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _direction(from_lon: float, from_lat: float, to_lon: float, to_lat: float) -> str:
    angle = math.degrees(math.atan2(to_lat - from_lat, (to_lon - from_lon) * math.cos(math.radians((from_lat + to_lat) / 2))))
    names = ["east", "north-east", "north", "north-west", "west", "south-west", "south", "south-east"]
    return names[round(angle / 45) % 8]


def map_layout(
    places: Sequence[Place], *, width: int = 240, max_height: int = 280, min_height: int = 170, pad: float = 24.0
) -> MapLayout | None:
    """Fit a Mercator frame to the places (with padding) and place non-overlapping labels.

    Region-scale places are set apart; places that would stretch the frame beyond
    ``MAX_LON_SPAN``×``MAX_LAT_SPAN`` degrees (the most mentioned ones are framed first) are listed
    as far away, with their direction; places at the same spot share a dot. The height follows the
    frame's shape (between ``min_height`` and ``max_height``). None if nothing is left to draw.
    """
    regions = tuple(p for p in places if p.entry.id in REGION_SCALE)
    order = sorted((p for p in places if p.entry.id not in REGION_SCALE), key=lambda p: -p.count)
    groups: list[list[Place]] = []
    far: list[Place] = []
    lo_lon = lo_lat = math.inf
    hi_lon = hi_lat = -math.inf
    for p in order:
        same = next((g for g in groups if abs(g[0].lat - p.lat) < SAME_SPOT and abs(g[0].lon - p.lon) < SAME_SPOT), None)
        if same is not None:
            same.append(p)
            continue
        n_lo_lon, n_hi_lon = min(lo_lon, p.lon), max(hi_lon, p.lon)
        n_lo_lat, n_hi_lat = min(lo_lat, p.lat), max(hi_lat, p.lat)
        if groups and (n_hi_lon - n_lo_lon > MAX_LON_SPAN or n_hi_lat - n_lo_lat > MAX_LAT_SPAN):
            far.append(p)
            continue
        groups.append([p])
        lo_lon, hi_lon, lo_lat, hi_lat = n_lo_lon, n_hi_lon, n_lo_lat, n_hi_lat
    if not groups:
        return None
    # at least ~4 by 3 degrees, so one city or a tight cluster still shows its surroundings
    (x0, y0), (x1, y1) = _merc(lo_lon, lo_lat), _merc(hi_lon, hi_lat)
    cx, cy = (x0 + x1) / 2, (y0 + y1) / 2
    dx, dy = max(x1 - x0, 4.0), max(y1 - y0, 3.0)
    height = int(max(min_height, min(max_height, (width - 2 * pad) * dy / dx + 2 * pad)))
    scale = min((width - 2 * pad) / dx, (height - 2 * pad) / dy)
    half_w, half_h = width / 2 / scale, height / 2 / scale

    def lat_of(my: float) -> float:
        return math.degrees(2 * math.atan(math.exp(math.radians(my))) - math.pi / 2)

    frame = MapLayout(
        width, height, (), regions, (), (cx - half_w, cx + half_w), (lat_of(cy - half_h), lat_of(cy + half_h)), (cx, cy), scale
    )
    clat = lat_of(cy)
    far_dirs = tuple((p, _direction(cx, clat, p.lon, p.lat)) for p in far)
    dots = [(*frame.project(g[0].lon, g[0].lat), _radius(sum(p.count for p in g))) for g in groups]
    taken: list[Box] = []
    points = []
    for i, (g, (x, y, r)) in enumerate(zip(groups, dots, strict=True)):
        name = g[0].entry.en
        chosen = None
        for box, align in _label_boxes(x, y, r, name, width):
            inside = box[0] >= 1 and box[1] >= 1 and box[2] <= width - 1 and box[3] <= height - 1
            if not inside or any(_overlaps(box, t) for t in taken):
                continue
            if any(_overlaps(box, (ox - orr, oy - orr, ox + orr, oy + orr)) for j, (ox, oy, orr) in enumerate(dots) if j != i):
                continue
            chosen = (box, align)
            break
        if chosen is None:
            points.append(MapPoint(g[0], tuple(g[1:]), x, y, r, None))
            continue
        box, align = chosen
        taken.append(box)
        lx = box[0] if align == "left" else box[2]
        points.append(MapPoint(g[0], tuple(g[1:]), x, y, r, name, lx, (box[1] + box[3]) / 2, align))
    return MapLayout(width, height, tuple(points), regions, far_dirs, frame.lon_range, frame.lat_range, (cx, cy), scale)


def places_caption(layout: MapLayout) -> str:
    """Plain text under the map: places drawn without a label, far away, or too large to be a point."""
    parts = []
    unlabelled = [p.names for p in layout.points if not p.label]
    if unlabelled:
        parts.append("Also on the map (hover the dots): " + ", ".join(unlabelled) + ".")
    if layout.far:
        parts.append("Farther away: " + ", ".join(f"{p.entry.en} ({d})" for p, d in layout.far) + ".")
    if layout.regions:
        parts.append("Regions: " + ", ".join(p.entry.en for p in layout.regions) + ".")
    return " ".join(parts)
