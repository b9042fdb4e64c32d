"""Cached data for the pages: the store, the session's learner, the corpus and the learner's library,
their glossary, the mentions index and the quiz cards. A broken data file or database is a message,
never a traceback. Everything learner-specific goes through ``learner()``: the session's learner,
never a value from the URL or a widget."""

from __future__ import annotations

from typing import NamedTuple

import streamlit as st

from bilingual import paths
from bilingual.accounts import Learner
from bilingual.classroom import note_read
from bilingual.concordance import CorpusIndex, build_index
from bilingual.corpus import Article, default_corpus
from bilingual.errors import DataError, StoreError
from bilingual.glossary import Glossary, default_glossary, merge
from bilingual.imports.personal_terms import personal_entries
from bilingual.imports.texts import is_imported, readable_articles
from bilingual.quiz import QuizCard, cards_for, questions_signature
from bilingual.schedule import ArticleProgress
from bilingual.schedule import article_progress as progress_of
from bilingual.store import Store
from bilingual.store.base import database_url
from bilingual.text.sanitize import markdown_literal as md
from ui.state import current_learner

__all__ = [
    "Reading",
    "article_progress",
    "card_totals",
    "get_cards",
    "get_corpus",
    "get_glossary",
    "get_index",
    "get_library",
    "get_store",
    "is_mine",
    "learner",
    "note_reading",
    "reading",
]


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def _open() -> Store:
    try:
        return _store(database_url() or str(paths.db_path()))
    except StoreError as exc:
        st.error(md(f"Your data could not be opened: {exc}"))
        st.stop()


def get_store() -> Store:
    """The database for this server process, once this session has its learner (the login form or
    the chooser stops the page until then); tells the user if the database had to be moved aside."""
    store = _open()
    if not store.report.ok:
        st.warning(md(store.report.message))
    current_learner(store)
    return store


def learner() -> Learner:
    """The learner of this browser session (see ``ui.state.current_learner``)."""
    return current_learner(_open())


def note_reading(article_id: str) -> None:
    """The learner opened ``article_id`` in the reader (the class page's "read"); written once per
    article and browser session, not on every rerun of the page."""
    if st.session_state.get("_noted_read") != article_id:
        note_read(_open(), learner(), article_id)
        st.session_state["_noted_read"] = article_id


@st.cache_data(show_spinner=False)
def _corpus() -> tuple[Article, ...]:
    return default_corpus()


def get_corpus() -> tuple[Article, ...]:
    """The curated articles, or a clear message (never a traceback) when a data file is broken."""
    try:
        return _corpus()
    except DataError as exc:
        st.error(md(f"The corpus files have a problem: {exc}"))
        st.stop()


def get_library() -> tuple[Article, ...]:
    """The curated articles followed by the texts the learner may read (ids ``mine-<n>``): their own,
    and those a teacher shared with their class."""
    return get_corpus() + tuple(readable_articles(get_store(), reader=learner().id))


def is_mine(article: Article) -> bool:
    return is_imported(article.id)


def get_glossary() -> Glossary:
    """The curated glossary merged with the learner's personal terms."""
    try:
        curated = default_glossary()
    except DataError as exc:
        st.error(md(f"The glossary file has a problem: {exc}"))
        st.stop()
    return merge(curated, personal_entries(get_store(), owner=learner().id))


@st.cache_resource(show_spinner="Finding glossary names in the articles…", max_entries=4)
def _index(_corpus: tuple[Article, ...], _glossary: Glossary, key: tuple[int, int]) -> CorpusIndex:
    return build_index(_corpus, _glossary)


def get_index(corpus: tuple[Article, ...] | None = None, glossary: Glossary | None = None) -> CorpusIndex:
    """Every corpus sentence annotated with glossary mentions (computed once per corpus+glossary)."""
    corpus = get_corpus() if corpus is None else corpus
    glossary = get_glossary() if glossary is None else glossary
    return _index(corpus, glossary, (hash(corpus), hash(glossary.entries)))


@st.cache_resource(show_spinner="Preparing quiz cards…", max_entries=4)
def _cards(_corpus: tuple[Article, ...], _glossary: Glossary, key: tuple) -> tuple[QuizCard, ...]:
    return cards_for(_corpus, _glossary)


def get_cards(corpus: tuple[Article, ...] | None = None, glossary: Glossary | None = None) -> tuple[QuizCard, ...]:
    """Every quiz card of the curated corpus and the glossary (raises DataError for a broken questions file)."""
    corpus = get_corpus() if corpus is None else corpus
    glossary = get_glossary() if glossary is None else glossary
    return _cards(corpus, glossary, (hash(corpus), hash(glossary.entries), questions_signature()))


class Reading(NamedTuple):
    """What the reading pages (Reader, Glossary) work on: the library, the glossary, its mentions, the store."""

    corpus: tuple[Article, ...]
    glossary: Glossary
    index: CorpusIndex
    store: Store


def reading() -> Reading:
    """The library (curated + imported), the merged glossary, the mentions index and the learner's store."""
    corpus = get_library()
    glossary = get_glossary()
    return Reading(corpus, glossary, get_index(corpus, glossary), get_store())


def article_progress(article_id: str) -> ArticleProgress | None:
    """The learner's quiz progress on an article; None while a questions file is broken (``check`` says why)."""
    try:
        cards = get_cards()
    except DataError:
        return None
    return progress_of(get_store(), learner().name, article_id, cards)


@st.cache_data(show_spinner=False, max_entries=4)
def _card_totals(key: tuple) -> dict[str, int]:
    totals: dict[str, int] = {}
    for card in cards_for(default_corpus(), default_glossary()):
        totals[card.article_id or ""] = totals.get(card.article_id or "", 0) + 1
    return totals


def card_totals() -> dict[str, int]:
    """article id -> how many quiz cards (curated questions and glossary drills) it has (for the class page)."""
    try:
        return _card_totals((hash(get_corpus()), questions_signature()))
    except DataError:
        return {}
