"""Streamlit glue shared by app.py and pages/: cached resources, page setup, the learner profile.

Only layout and caching here; everything computed comes from the ``bilingual`` core package.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from types import ModuleType

import streamlit as st

from bilingual import paths, render
from bilingual.concordance import CorpusIndex, build_index
from bilingual.corpus import Article, DataError, default_corpus
from bilingual.glossary import Glossary, default_glossary
from bilingual.store import Store, StoreError

ARABIC_FONT_STACK = "'Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic', 'Scheherazade New', 'Arial', sans-serif"

READER_PAGE = "pages/1_Reader.py"
GLOSSARY_PAGE = "pages/2_Glossary.py"
#: Page URL paths (Streamlit drops the number prefix), for links inside HTML markup.
READER_URL = "Reader"
GLOSSARY_URL = "Glossary"

BASE_CSS = f"""
<style>
.ar, [dir="rtl"] {{ font-family: {ARABIC_FONT_STACK}; direction: rtl; text-align: right; unicode-bidi: isolate; }}
.ar {{ font-size: var(--ar-size, 1.35rem); line-height: 2.0; }}
.en {{ line-height: 1.6; }}
.src-label {{ font-size: 0.72rem; color: #6b7280; text-transform: uppercase; letter-spacing: .04em; }}
.title-ar {{ font-size: 1.55rem; font-weight: 700; line-height: 1.8; }}
.meta {{ color: #6b7280; font-size: .9rem; }}
/* the reader's side panel (term card, terms, map) stays in view while the article scrolls */
div[data-testid="stColumn"]:has(.st-key-reader_side) {{ position: sticky; top: 3.75rem; align-self: flex-start;
  max-height: calc(100vh - 4.5rem); overflow-y: auto; }}
.st-key-reader_scroll {{ position: absolute; height: 0; overflow: hidden; }}
.misses {{ margin: 0; padding-left: 1.1rem; font-size: .85rem; }}
</style>
"""


def page_setup(title: str, icon: str = "📰") -> None:
    """Page config and the shared CSS. Call first on every page."""
    try:
        st.set_page_config(page_title=f"{title} · Arabic–English reader", page_icon=icon, layout="wide")
    except st.errors.StreamlitAPIException:
        pass  # already set (e.g. in AppTest re-runs)
    st.markdown(BASE_CSS + render.highlight_css(ARABIC_FONT_STACK), unsafe_allow_html=True)


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def get_store() -> Store:
    """The learner's database for this server process; tells the user if it had to be moved aside."""
    try:
        store = _store(str(paths.db_path()))
    except StoreError as exc:
        st.error(f"Your data could not be opened: {exc}")
        st.stop()
    if not store.report.ok:
        st.warning(store.report.message)
    return store


@st.cache_data(show_spinner=False)
def _corpus() -> tuple[Article, ...]:
    return default_corpus()


def get_corpus() -> tuple[Article, ...]:
    """The curated articles, or a clear message (never a traceback) when a data file is broken."""
    try:
        return _corpus()
    except DataError as exc:
        st.error(f"The corpus files have a problem: {exc}")
        st.stop()


def get_library() -> tuple[Article, ...]:
    """The curated articles followed by the learner's own imported texts (ids ``mine-<n>``)."""
    from bilingual.importer import imported_articles

    return get_corpus() + tuple(imported_articles(get_store()))


def is_mine(article: Article) -> bool:
    from bilingual.importer import is_imported

    return is_imported(article.id)


def get_glossary() -> Glossary:
    """The curated glossary merged with the learner's personal terms."""
    try:
        curated = default_glossary()
    except DataError as exc:
        st.error(f"The glossary file has a problem: {exc}")
        st.stop()
    except FileNotFoundError as exc:
        st.error(f"The glossary file is missing: {exc.filename}")
        st.stop()
    try:
        from bilingual.importer import personal_entries
    except ModuleNotFoundError:
        return curated
    from bilingual.glossary import merge

    return merge(curated, personal_entries(get_store()))


def current_profile() -> str:
    """The learner profile chosen in the sidebar (a local name, no password)."""
    return st.session_state.setdefault("profile", "default")


# --- glossary mentions across the corpus ------------------------------------------------------


@st.cache_resource(show_spinner="Finding glossary names in the articles…", max_entries=4)
def _index(_corpus: tuple[Article, ...], _glossary: Glossary, key: tuple[int, int]) -> CorpusIndex:
    return build_index(_corpus, _glossary)


def get_index(corpus: tuple[Article, ...] | None = None, glossary: Glossary | None = None) -> CorpusIndex:
    """Every corpus sentence annotated with glossary mentions (computed once per corpus+glossary)."""
    corpus = get_corpus() if corpus is None else corpus
    glossary = get_glossary() if glossary is None else glossary
    return _index(corpus, glossary, (hash(corpus), hash(glossary.entries)))


# --- optional feature modules (written by others; the pages degrade gracefully without them) ----


def translation() -> ModuleType | None:
    """``bilingual.translation`` if available (it never loads the model on import)."""
    try:
        from bilingual import translation as mod
    except ImportError:
        return None
    return mod


def article_progress(article_id: str):
    """The learner's quiz progress on an article (``schedule.ArticleProgress``) or None."""
    try:
        from bilingual.schedule import article_progress as progress
    except ImportError:
        return None
    try:
        return progress(get_store(), current_profile(), article_id)
    except Exception:  # noqa: BLE001 - progress is a nicety; never break the library over it
        return None


# --- preferences that survive a page reload (highlight links reload the page) -----------------


def persisted(key: str, default, valid: Callable[[object], bool] | None = None) -> Callable[[], None]:
    """Initialise ``st.session_state[key]`` from the learner's saved settings; returns the saver.

    Pass the returned function as the widget's ``on_change`` so the choice is remembered.
    """
    name = f"pref.{current_profile()}.{key}"
    if key not in st.session_state:
        raw = get_store().get_setting(name)
        value = default
        if raw is not None:
            try:
                value = json.loads(raw)
            except ValueError:
                value = default
        if valid is not None and not valid(value):
            value = default
        st.session_state[key] = value

    def save() -> None:
        get_store().set_setting(name, json.dumps(st.session_state.get(key)))

    return save


def sync_from_query(param: str, state_key: str, valid: Callable[[str], bool]) -> None:
    """Let a URL query parameter (deep link) set a widget's state when it changes."""
    value = st.query_params.get(param)
    marker = f"_qp_{param}"
    if value is not None and valid(value) and st.session_state.get(marker) != value:
        st.session_state[state_key] = value
    st.session_state[marker] = value


def set_query(**params: str | None) -> None:
    """Update the URL's query parameters (None removes one)."""
    for k, v in params.items():
        if v is None:
            if k in st.query_params:
                del st.query_params[k]
        else:
            st.query_params[k] = v
        st.session_state[f"_qp_{k}"] = v


def find_english(text: str, glossary: Glossary, entry_ids) -> list:
    """English names of ``entry_ids`` found in a translation (for highlighting it)."""
    if not text or not entry_ids:
        return []
    from bilingual.matcher import find_english as find

    return find(text, glossary, list(entry_ids))


def places_deck(places, *, height: int = 320):
    """A pydeck map of places (dots + English labels, tooltip with Arabic); no base map is fetched.

    pydeck turns every string argument into a JS expression; literal strings are quoted ("'pixels'").
    """
    import pydeck as pdk

    rows = []
    for p in places:
        bg, accent = render.TYPE_COLOURS.get(p.entry.type, render.TYPE_COLOURS["other"])
        rgb = [int(accent[i : i + 2], 16) for i in (1, 3, 5)]
        rows.append(
            {
                "name": p.entry.en,
                "ar": p.entry.ar,
                "count": p.count,
                "lat": p.lat,
                "lon": p.lon,
                "color": rgb + [210],
                "radius": 5 + min(p.count, 10) * 0.6,
            }
        )
    lats = [r["lat"] for r in rows]
    lons = [r["lon"] for r in rows]
    view = pdk.ViewState(
        latitude=(max(lats) + min(lats)) / 2, longitude=(max(lons) + min(lons)) / 2,
        zoom=fit_zoom(lats, lons, width=300, height=height),
    )
    dots = pdk.Layer(
        "ScatterplotLayer", rows, get_position="[lon, lat]", get_fill_color="color", get_radius="radius",
        radius_units="'pixels'", pickable=True, stroked=True, get_line_color=[255, 255, 255], line_width_min_pixels=1,
    )
    labels = pdk.Layer(
        "TextLayer", rows, get_position="[lon, lat]", get_text="name", get_size=13, get_color=[31, 41, 55],
        get_pixel_offset=[0, -9], font_family="'Source Sans Pro, Noto Sans, sans-serif'", get_text_anchor="'middle'", get_alignment_baseline="'bottom'", pickable=True,
    )
    # no base map (map_provider=None: nothing is fetched); "text" tooltips are inserted as text (never as HTML), so glossary strings cannot inject markup
    return pdk.Deck(
        layers=[_graticule(lats, lons), dots, labels], initial_view_state=view, map_provider=None,
        tooltip={"text": "{name}\n{ar}\nmentioned {count}×"},
    )


def _graticule(lats: list[float], lons: list[float], step: float = 2.0):
    """Faint latitude/longitude lines around the places, so a map without tiles still has a frame."""
    import math

    import pydeck as pdk

    lo_lat, hi_lat = math.floor(min(lats) / step - 3) * step, math.ceil(max(lats) / step + 3) * step
    lo_lon, hi_lon = math.floor(min(lons) / step - 4) * step, math.ceil(max(lons) / step + 4) * step
    paths = []
    lat = lo_lat
    while lat <= hi_lat:
        paths.append({"path": [[lo_lon, lat], [hi_lon, lat]]})
        lat += step
    lon = lo_lon
    while lon <= hi_lon:
        paths.append({"path": [[lon, lo_lat], [lon, hi_lat]]})
        lon += step
    return pdk.Layer("PathLayer", paths, get_path="path", get_color=[148, 163, 184, 90], width_min_pixels=1, pickable=False)


def fit_zoom(lats: list[float], lons: list[float], *, width: int, height: int, margin: float = 1.6) -> float:
    """A web-Mercator zoom that fits the points (with a margin) into a width×height map."""
    import math

    def y(lat: float) -> float:
        lat = max(-85.0, min(85.0, lat))
        return math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))

    lon_span = max(max(lons) - min(lons), 0.3) * margin
    y_span = max(y(max(lats)) - y(min(lats)), 0.3) * margin
    z = min(math.log2(width * 360 / (256 * lon_span)), math.log2(height * 360 / (256 * y_span)))
    return round(max(1.0, min(9.0, z)), 2)
