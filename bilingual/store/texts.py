"""The learner's imported texts (table ``texts``): rows only; ``bilingual.imports.texts`` makes them articles."""

from __future__ import annotations

import sqlite3

from bilingual.store.db import Store, utc_now

__all__ = ["add", "delete", "find_by_body", "get", "newest_first", "rename"]

_COLUMNS = "id, title, source, date, body, created_at, updated_at"


def find_by_body(store: Store, body: str) -> sqlite3.Row | None:
    """A text with exactly this body (id, title), or None."""
    return store.one("SELECT id, title FROM texts WHERE body = ? LIMIT 1", (body,))


def add(store: Store, title: str, source: str, date: str, body: str) -> int:
    """Store a new text; returns its id."""
    now = utc_now()
    rows = store.execute(
        "INSERT INTO texts(title, source, date, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
        (title, source, date, body, now, now),
    ).fetchall()
    return int(rows[0][0])


def newest_first(store: Store) -> list[sqlite3.Row]:
    return store.query(f"SELECT {_COLUMNS} FROM texts ORDER BY id DESC")


def get(store: Store, text_id: int) -> sqlite3.Row | None:
    return store.one(f"SELECT {_COLUMNS} FROM texts WHERE id = ?", (int(text_id),))


def rename(store: Store, text_id: int, title: str) -> bool:
    """Change a text's title; False when there is no such text."""
    cur = store.execute("UPDATE texts SET title = ?, updated_at = ? WHERE id = ?", (title, utc_now(), int(text_id)))
    return cur.rowcount > 0


def delete(store: Store, text_id: int) -> bool:
    return store.execute("DELETE FROM texts WHERE id = ?", (int(text_id),)).rowcount > 0
