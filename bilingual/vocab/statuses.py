"""Reading and setting a learner's word statuses (per lemma), in their own rows of the database.

Every change is logged (``word_status_log``), so the Progress page can draw the known words over
time. Marking the rest of a text known touches only the lemmas the learner never gave a status.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from bilingual.store import Store
from bilingual.store import vocab as rows
from bilingual.vocab.status import Status
from bilingual.vocab.text_words import TextWords, text_stats

__all__ = ["mark_known", "set_status", "set_status_if_new", "status_of", "statuses", "words_known"]


def statuses(store: Store, owner: int) -> dict[str, int]:
    """lemma key -> status number of every lemma the learner gave a status."""
    return rows.statuses(store, owner)


def status_of(store: Store, owner: int, lemma_key: str) -> Status | None:
    """The learner's stored status of one lemma (None: never set)."""
    value = rows.statuses(store, owner).get(lemma_key)
    return None if value is None else Status(value)


def set_status(store: Store, owner: int, lemma_key: str, status: Status) -> bool:
    """Give one lemma a status; False when it already had it."""
    return rows.set_statuses(store, owner, [(_checked(lemma_key), Status(status))]) > 0


def set_status_if_new(store: Store, owner: int, lemma_key: str, status: Status) -> bool:
    """Give a lemma ``status`` unless the learner has already moved it past new (saving a word makes it
    "learning 1", but never lowers a known word)."""
    current = status_of(store, owner, lemma_key)
    return current in (None, Status.NEW) and set_status(store, owner, lemma_key, status)


def mark_known(store: Store, owner: int, lemma_keys: Iterable[str]) -> int:
    """Mark known every lemma of ``lemma_keys`` the learner never gave a status; returns how many."""
    return rows.set_statuses(store, owner, [(_checked(k), Status.KNOWN) for k in lemma_keys], only_new=True)


def _checked(lemma_key: str) -> str:
    if not isinstance(lemma_key, str) or not lemma_key.strip() or len(lemma_key) > 200:
        raise ValueError(f"not a lemma key: {lemma_key!r}")
    return lemma_key


def words_known(texts: Callable[[str], TextWords | None]) -> Callable[[Store, int, str], int | None]:
    """The class report's "words known" (``classroom.report.WordsKnown``): how many distinct lemmas of
    an article the student has marked known; None for an article whose words are unknown here
    (``texts``: article id -> its words, ``text_words.texts_by_id``). Each student's statuses are read once."""
    seen: dict[int, dict[str, int]] = {}

    def known(store: Store, student: int, article_id: str) -> int | None:
        words = texts(article_id)
        if words is None:
            return None
        if student not in seen:
            seen[student] = rows.statuses(store, student)
        return text_stats(words, seen[student]).known

    return known
