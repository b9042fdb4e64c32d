"""Streamlit glue shared by app.py and pages/: cached resources, page setup, the learner profile.

Only layout and caching here; everything computed comes from the ``bilingual`` core package.
"""

from __future__ import annotations

import streamlit as st

from bilingual import paths
from bilingual.corpus import Article, DataError, default_corpus
from bilingual.glossary import Glossary, default_glossary
from bilingual.store import Store, StoreError

ARABIC_FONT_STACK = "'Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic', 'Scheherazade New', 'Arial', sans-serif"

BASE_CSS = f"""
<style>
.ar, [dir="rtl"] {{ font-family: {ARABIC_FONT_STACK}; direction: rtl; text-align: right; unicode-bidi: isolate; }}
.ar {{ font-size: var(--ar-size, 1.35rem); line-height: 2.0; }}
.en {{ line-height: 1.6; }}
.src-label {{ font-size: 0.72rem; color: #6b7280; text-transform: uppercase; letter-spacing: .04em; }}
</style>
"""


def page_setup(title: str, icon: str = "📰") -> None:
    """Page config and the shared CSS. Call first on every page."""
    try:
        st.set_page_config(page_title=f"{title} · Arabic–English reader", page_icon=icon, layout="wide")
    except st.errors.StreamlitAPIException:
        pass  # already set (e.g. in AppTest re-runs)
    st.markdown(BASE_CSS, unsafe_allow_html=True)


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
        st.warning(
            f"Your database was damaged ({store.report.reason}). It was kept as {store.report.moved_aside} "
            "and a fresh one was started."
        )
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


def get_glossary() -> Glossary:
    """The curated glossary merged with the learner's personal terms."""
    try:
        curated = default_glossary()
    except DataError as exc:
        st.error(f"The glossary file has a problem: {exc}")
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
