"""Streamlit glue shared by app.py and pages/: cached resources, page setup, the learner profile.

Only layout and caching here; everything computed comes from the ``bilingual`` core package.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable

import streamlit as st

from bilingual import paths, render
from bilingual.concordance import CorpusIndex, build_index
from bilingual.corpus import Article, DataError, default_corpus
from bilingual.glossary import Glossary, default_glossary
from bilingual.store import Store, StoreError

#: Streamlit's own UI font first (its webfont), then system sans-serifs.
UI_FONT_STACK = "'Source Sans', 'Source Sans 3', 'Source Sans Pro', 'Noto Sans', sans-serif"
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
/* "Also mentioned in" links in the term card: left-aligned, wrapping, the count at the end stays visible */
[class*="st-key-also_"] button {{ justify-content: flex-start; text-align: left; }}
[class*="st-key-also_"] button p {{ text-align: left; }}
/* the places map keeps its aspect in a narrower side panel (scaled down, never clipped or stretched) */
.st-key-reader_side [data-testid="stVegaLiteChart"] svg.marks {{ max-width: 100%; height: auto; }}
.misses {{ margin: 0; padding-left: 1.1rem; font-size: .85rem; }}
/* "Arabic text": the Arabic font stack, only for Arabic-script letters (unicode-range) and a size larger
   (size-adjust), so a label or input that mixes Arabic and English keeps Latin letters in the UI font */
@font-face {{ font-family: "Arabic text"; size-adjust: 125%; unicode-range: U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF;
  src: local("Noto Naskh Arabic"), local("NotoNaskhArabic-Regular"), local("Amiri"), local("Amiri-Regular"), local("Noto Sans Arabic"), local("Scheherazade New"); }}
/* typed or pasted Arabic flows right-to-left, English stays left-to-right (each paragraph by its first strong letter) */
[data-testid="stTextArea"] textarea, [data-testid="stTextInput"] input, [data-testid="stChatInput"] textarea {{
  unicode-bidi: plaintext; text-align: start; font-family: "Arabic text", {UI_FONT_STACK}, {ARABIC_FONT_STACK}; }}
/* radio options (the quiz's Arabic choices): each label takes its own direction; Arabic letters larger */
[data-testid="stRadio"] label [data-testid="stMarkdownContainer"] p {{ unicode-bidi: plaintext; text-align: start;
  font-family: "Arabic text", {UI_FONT_STACK}, {ARABIC_FONT_STACK}; }}
/* the first sidebar entry is the library (app.py; without st.navigation its name comes from the file):
   show it as "Library" (the link and its target are unchanged) */
[data-testid="stSidebarNavLink"] span[label="app"] [data-testid="stMarkdownContainer"] {{ display: none; }}
/* (its ::after is taken: Streamlit reserves the bold width there) */
[data-testid="stSidebarNavLink"] span[label="app"]::before {{ content: "Library"; }}
</style>
"""


def page_setup(title: str, icon: str = "📰") -> None:
    """Page config and the shared CSS. Call first on every page."""
    try:
        st.set_page_config(page_title=f"{title} · Arabic–English reader", page_icon=icon, layout="wide")
    except st.errors.StreamlitAPIException:
        pass  # already set (e.g. in AppTest re-runs)
    st.markdown(BASE_CSS + render.highlight_css(ARABIC_FONT_STACK), unsafe_allow_html=True)
    _enter_page(title)


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
    from bilingual.glossary import merge
    from bilingual.importer import personal_entries

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


def article_progress(article_id: str):
    """The learner's quiz progress on an article (``schedule.ArticleProgress``)."""
    from bilingual.schedule import article_progress as progress

    return progress(get_store(), current_profile(), article_id)


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


def _enter_page(title: str) -> None:
    """Remember which page runs; on entering a page, forget the query values it saw on an earlier visit.

    Deep links (``?article=…&term=…``) must apply on the page they target even when the same
    value was seen before, on that page or on another one.
    """
    if st.session_state.get("_qp_page") != title:
        stale = [k for k in st.session_state if isinstance(k, str) and k.startswith(f"_qp_{title}:")]
        for k in stale:
            del st.session_state[k]
        st.session_state["_qp_page"] = title


def _qp_marker(param: str) -> str:
    """Per page and per parameter: the query value this page last applied (or wrote)."""
    return f"_qp_{st.session_state.get('_qp_page', '')}:{param}"


def sync_from_query(param: str, state_key: str, valid: Callable[[str], bool]) -> None:
    """Let a URL query parameter (deep link) set a widget's state when it changes or the page is entered."""
    value = st.query_params.get(param)
    marker = _qp_marker(param)
    if value is not None and valid(value) and (marker not in st.session_state or st.session_state[marker] != value):
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
        st.session_state[_qp_marker(k)] = v


# A click on a highlighted name opens its card in the same session instead of loading the page
# again. The highlight stays a real link (its href is the deep link), so a middle or ctrl-click
# still opens a new tab and the page works without this script. The listener is installed once;
# it only acts while the reader's own element is on the page, so highlight links elsewhere keep
# their normal behaviour.
_TERM_CLICKS_JS = """
export default function (component) {
  const { setTriggerValue, parentElement } = component;
  window.__bilingualTermHost = parentElement;
  window.__bilingualOpenTerm = setTriggerValue;
  if (!window.__bilingualTermClicks) {
    window.__bilingualTermClicks = true;
    document.addEventListener("click", (e) => {
      const host = window.__bilingualTermHost;
      if (!host || !host.isConnected) return;
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      const a = e.target.closest ? e.target.closest("a.gl[href]") : null;
      if (!a) return;
      const href = a.getAttribute("href") || "";
      const q = new URLSearchParams(href.slice(href.indexOf("?") + 1));
      if (!q.get("term")) return;
      e.preventDefault();
      window.__bilingualOpenTerm("open", { article: q.get("article"), sentence: q.get("sentence"), term: q.get("term") });
    }, true);
  }
  return () => { if (window.__bilingualTermHost === parentElement) window.__bilingualTermHost = null; };
}
"""
_term_clicks = None


def on_term_click(key: str, handle: Callable[[dict[str, str]], None]) -> None:
    """Mount the click catcher; ``handle({"article", "sentence", "term"})`` runs (as a callback, before
    the page's script) after a click on a highlighted name. Values come from the browser: validate them."""
    global _term_clicks
    if _term_clicks is None:
        _term_clicks = st.components.v2.component("bilingual.term_clicks", js=_TERM_CLICKS_JS)

    def _changed() -> None:
        raw = getattr(st.session_state.get(key), "open", None)
        if isinstance(raw, dict):
            handle({k: v[:200] for k in ("article", "sentence", "term") if isinstance(v := raw.get(k), str)})

    _term_clicks(key=key, on_open_change=_changed)


def find_english(text: str, glossary: Glossary, entry_ids) -> list:
    """English names of ``entry_ids`` found in a translation (for highlighting it)."""
    if not text or not entry_ids:
        return []
    from bilingual.matcher import find_english as find

    return find(text, glossary, list(entry_ids))


def places_chart(layout):
    """The reader's "Places on the map": an Altair chart drawn in the pixels ``concordance.map_layout``
    computed (Mercator, equal aspect): graticule, coarse sea outlines, dots sized by mentions, labels
    with a white halo. No base map and nothing fetched. Tooltips carry the Arabic name.
    """
    import altair as alt
    import pandas as pd

    from bilingual.concordance import SEA_LABELS, SEAS

    w, h = layout.width, layout.height
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
    layers = [
        alt.Chart(pd.DataFrame(lines)).mark_line(stroke="#cbd5e1", strokeWidth=0.6, clip=True).encode(x, y, detail="line:N", order="i:Q"),
        alt.Chart(pd.DataFrame(sea_rows)).mark_line(stroke="#7dd3fc", strokeWidth=1.4, clip=True)
        .encode(x, y, detail="sea:N", order="i:Q"),
    ]
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
        text = dict(align=align, baseline="middle", fontSize=12, font=font)
        layers.append(base.mark_text(**text, stroke="white", strokeWidth=3.5, strokeJoin="round", fill="white").encode(x, y, text="t:N"))
        layers.append(base.mark_text(**text, fill="#1f2937", fontWeight=600).encode(x, y, text="t:N"))
    return (
        alt.layer(*layers)
        # SVG (vega-embed reads usermeta.embedOptions): scales down with the CSS below and keeps hover exact
        .properties(width=w, height=h, background="#f8fafc", padding=0, usermeta={"embedOptions": {"renderer": "svg"}})
        .configure_view(stroke="#e5e7eb", strokeWidth=1)
    )


def places_caption(layout) -> str:
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
