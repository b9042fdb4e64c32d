"""Cached data for the pages: the store, the session's learner, the corpus and the learner's library,
their glossary, the mentions index and the quiz cards. A broken data file or database is a message,
never a traceback. Everything learner-specific goes through ``learner()``: the session's learner,
never a value from the URL or a widget.

**The one place where a store fault becomes the learner's message** (the words are
``bilingual.store.faults``'):

* ``get_store()``, first on every page: the data must be readable (else one message, and the page
  stops: a PostgreSQL server that is down); what the store did by itself about its file (a damaged
  file set aside, a deleted one recreated) is said once per browser session, and the session starts
  again on the fresh database (its learner is chosen again);
* ``saving(what)`` around a write in a page: a refused write ("Your answer could not be saved: the
  disk is full. Nothing saved before is lost. …") is shown, and the page goes on: the form keeps what
  the learner typed, to try again; ``guarded(fn, what)`` does the same for a widget's callback.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import NamedTuple

import streamlit as st

from bilingual import paths
from bilingual.accounts import Learner
from bilingual.classroom import note_read
from bilingual.concordance import CorpusIndex, build_index
from bilingual.corpus import Article, default_corpus
from bilingual.errors import DataError, StoreError, StoreFault
from bilingual.glossary import Glossary, default_glossary, merge
from bilingual.imports.personal_terms import personal_entries
from bilingual.imports.texts import is_imported, readable_articles
from bilingual.quiz import QuizCard, cards_for, library_cards, questions_signature, vocabulary_cards
from bilingual.schedule import ArticleProgress
from bilingual.schedule import library_progress as progress_for
from bilingual.store import Store, snapshots
from bilingual.store.base import database_url
from bilingual.store.faults import RECOVERED_KINDS, refused, unreadable
from bilingual.text.sanitize import markdown_literal as md
from bilingual.vocab import saved_words
from ui.state import REFUSED_KEY, current_learner, guarded

__all__ = [
    "Reading",
    "Saved",
    "card_totals",
    "get_cards",
    "get_corpus",
    "get_curated_glossary",
    "get_glossary",
    "get_index",
    "get_library",
    "get_store",
    "guarded",
    "is_mine",
    "learner",
    "library_progress",
    "note_reading",
    "quiz_pool",
    "reading",
    "say_refused",
    "saving",
]

_SEEN = "_store_notices_seen"
#: how often a long-running app process tries its daily backup (``snapshots.daily_snapshot``)
_SNAPSHOT_EVERY = 3600.0
_snapshot_tried = {"at": 0.0}


@st.cache_resource(show_spinner=False)
def _store(path: str) -> Store:
    return Store(path)


def _open() -> Store:
    try:
        return _store(database_url() or str(paths.db_path()))
    except StoreError as exc:
        st.error(md(f"Your data could not be opened: {exc}"))
        st.stop()


def _daily_snapshot(store: Store) -> None:
    now = time.monotonic()
    if now - _snapshot_tried["at"] >= _SNAPSHOT_EVERY:
        _snapshot_tried["at"] = now
        snapshots.daily_snapshot(store)


def _tell_notices(store: Store) -> None:
    """What the store did about its file, said once per browser session; after a recovery while the
    session was open it starts again (its learner, quiz and settings were in the file set aside)."""
    seen = st.session_state.get(_SEEN)
    fresh = [n for n in store.notices if seen is None or n.serial > seen]
    if seen is not None and not fresh:
        return
    if seen is not None and any(n.kind in RECOVERED_KINDS for n in fresh):
        for key in list(st.session_state):
            if isinstance(key, str) and not key.startswith("_cookie"):
                del st.session_state[key]
    st.session_state[_SEEN] = store.notices[-1].serial if store.notices else 0
    for n in fresh:
        st.warning(md(n.message))


def _readable(store: Store) -> None:
    """Stop the page with one message when the data cannot be read (the store recovers what it can first)."""
    try:
        store.ping()
    except StoreFault as fault:
        _tell_notices(store)
        st.error(md(unreadable(fault)))
        st.stop()


def get_store() -> Store:
    """The database for this server process, once this session has its learner (the login form or
    the chooser stops the page until then); says once what the store did about a damaged, deleted or
    replaced file, and stops the page with a message when the data cannot be read."""
    store = _open()
    _readable(store)
    _tell_notices(store)
    _show_refused()
    _daily_snapshot(store)
    with saving("Your profile"):
        current_learner(store)
        return store
    st.stop()


def learner() -> Learner:
    """The learner of this browser session (see ``ui.state.current_learner``)."""
    return current_learner(_open())


def note_reading(article_id: str) -> None:
    """The learner opened ``article_id`` in the reader (the class page's "read"); written once per
    article and browser session, not on every rerun of the page. Reading goes on when it cannot be
    written (a full disk): it is tried again on the next visit."""
    if st.session_state.get("_noted_read") != article_id:
        try:
            note_read(_open(), learner(), article_id)
        except StoreFault:
            return
        st.session_state["_noted_read"] = article_id


# --- writes that may be refused -----------------------------------------------------------------------


@dataclass
class Saved:
    """The outcome of a ``saving`` block: ``fault`` is set when the store refused the write."""

    fault: StoreFault | None = None

    @property
    def ok(self) -> bool:
        return self.fault is None


def say_refused(fault: StoreFault, what: str) -> None:
    """Show that ``what`` could not be saved, why, and what to do (also when the fault met a read on
    the way to the write: the write did not happen)."""
    st.error(md(refused(fault, what)), icon=":material/error:")


@contextmanager
def saving(what: str) -> Iterator[Saved]:
    """Around one write: a refused write is said (``say_refused``) instead of a traceback, and the
    block's outcome is in the ``Saved`` it yields; nothing was half-written (every write is one transaction)."""
    outcome = Saved()
    try:
        yield outcome
    except StoreFault as fault:
        outcome.fault = fault
        say_refused(fault, what)


def _show_refused() -> None:
    """The refusals of the callbacks that ran before this page run (see ``guarded``)."""
    for fault, what in st.session_state.pop(REFUSED_KEY, ()):
        say_refused(fault, what)


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


def get_curated_glossary() -> Glossary:
    """The curated glossary alone (a clear message, never a traceback, when its file is broken)."""
    try:
        return default_glossary()
    except DataError as exc:
        st.error(md(f"The glossary file has a problem: {exc}"))
        st.stop()


def get_glossary() -> Glossary:
    """The curated glossary merged with the learner's personal terms."""
    return merge(get_curated_glossary(), personal_entries(get_store(), owner=learner().id))


@st.cache_resource(show_spinner="Finding glossary names in the articles…", max_entries=4)
def _index(_corpus: tuple[Article, ...], _glossary: Glossary, key: tuple[int, int]) -> CorpusIndex:
    return build_index(_corpus, _glossary)


def get_index(corpus: tuple[Article, ...] | None = None, glossary: Glossary | None = None) -> CorpusIndex:
    """Every corpus sentence annotated with glossary mentions (computed once per corpus+glossary)."""
    corpus = get_corpus() if corpus is None else corpus
    glossary = get_glossary() if glossary is None else glossary
    return _index(corpus, glossary, (hash(corpus), glossary.key))


@st.cache_resource(show_spinner="Preparing quiz cards…", max_entries=4)
def _cards(_corpus: tuple[Article, ...], _glossary: Glossary, key: tuple) -> tuple[QuizCard, ...]:
    return cards_for(_corpus, _glossary)


def get_cards(corpus: tuple[Article, ...] | None = None, glossary: Glossary | None = None) -> tuple[QuizCard, ...]:
    """Every quiz card of the curated corpus and the glossary (raises DataError for a broken questions file)."""
    corpus = get_corpus() if corpus is None else corpus
    glossary = get_glossary() if glossary is None else glossary
    return _cards(corpus, glossary, (hash(corpus), glossary.key, questions_signature()))


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


@st.cache_resource(show_spinner="Preparing the quiz cards of your texts…", max_entries=16)
def _library_cards(_cards: tuple[QuizCard, ...], _texts: tuple[Article, ...], _index: CorpusIndex, _glossary: Glossary,
                   key: tuple) -> tuple[QuizCard, ...]:
    return tuple(library_cards(_cards, _texts, _index, _glossary))


def quiz_pool(glossary: Glossary | None = None) -> tuple[tuple[QuizCard, ...], tuple[Article, ...]]:
    """Every quiz card of the learner (the curated ones, the names in their imported texts, their saved
    words) and the library they come from (raises DataError for a broken questions file); ``glossary``:
    the learner's (``get_glossary()``), when the page has it already."""
    corpus, library = get_corpus(), get_library()
    glossary = get_glossary() if glossary is None else glossary
    texts = library[len(corpus):]
    cards = _library_cards(get_cards(corpus, glossary), texts, get_index(library, glossary), glossary,
                           (hash(library), glossary.key, questions_signature()))
    return cards + tuple(vocabulary_cards(saved_words(get_store(), learner().id))), library


def library_progress(article_ids: list[str]) -> dict[str, ArticleProgress] | None:
    """The learner's quiz progress on each of these articles (of ``quiz_pool()``'s cards: an imported
    text's include the drills of the names it contains), in a few aggregated queries (the Library);
    None while a questions file is broken."""
    try:
        cards = quiz_pool()[0]
    except DataError:
        return None
    return progress_for(get_store(), learner().name, article_ids, cards)


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
