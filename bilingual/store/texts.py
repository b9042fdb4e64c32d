"""Imported texts (table ``texts``), each owned by a learner (``profile_id``): rows only;
``bilingual.imports.texts`` makes them articles.

A learner reads their own texts and the texts assigned to a class they belong to (``readable``);
only the owner renames or deletes one.
"""

from __future__ import annotations

from bilingual.store.base import Store, utc_now

__all__ = ["add", "delete", "find_by_body", "get", "get_readable", "newest_first", "readable", "rename", "sources_of_others"]

_COLUMNS = "t.id, t.profile_id, t.title, t.source, t.date, t.body, t.created_at, t.updated_at"
#: texts shared with a class the reader belongs to (or teaches)
_SHARED = (
    "t.id IN (SELECT a.text_id FROM assignments a WHERE a.text_id IS NOT NULL AND a.class_id IN "
    "(SELECT m.class_id FROM class_members m WHERE m.profile_id = ? UNION SELECT c.id FROM classes c WHERE c.teacher_id = ?))"
)


def find_by_body(store: Store, owner: int, body: str):
    """The owner's text with exactly this body (id, title), or None."""
    return store.one("SELECT id, title FROM texts WHERE profile_id = ? AND body = ? LIMIT 1", (int(owner), body))


def add(store: Store, owner: int, title: str, source: str, date: str, body: str) -> int:
    """Store a new text of ``owner``; returns its id."""
    now = utc_now()
    rows = store.execute(
        "INSERT INTO texts(profile_id, title, source, date, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (int(owner), title, source, date, body, now, now),
    ).fetchall()
    return int(rows[0][0])


def newest_first(store: Store, owner: int) -> list:
    """The owner's own texts, newest first."""
    return store.query(f"SELECT {_COLUMNS} FROM texts t WHERE t.profile_id = ? ORDER BY t.id DESC", (int(owner),))


def readable(store: Store, reader: int) -> list:
    """Every text ``reader`` may read: their own, then those shared with their classes; newest first."""
    pid = int(reader)
    return store.query(
        f"SELECT {_COLUMNS} FROM texts t WHERE t.profile_id = ? OR {_SHARED} ORDER BY (t.profile_id = ?) DESC, t.id DESC",
        (pid, pid, pid, pid),
    )


def get(store: Store, owner: int, text_id: int):
    """The owner's text ``text_id``, or None (also when it belongs to someone else)."""
    return store.one(f"SELECT {_COLUMNS} FROM texts t WHERE t.id = ? AND t.profile_id = ?", (int(text_id), int(owner)))


def get_readable(store: Store, reader: int, text_id: int):
    """Text ``text_id`` if ``reader`` may read it (their own, or shared with their class), else None."""
    pid = int(reader)
    return store.one(f"SELECT {_COLUMNS} FROM texts t WHERE t.id = ? AND (t.profile_id = ? OR {_SHARED})", (int(text_id), pid, pid, pid))


def rename(store: Store, owner: int, text_id: int, title: str) -> bool:
    """Change the owner's text's title; False when the owner has no such text."""
    cur = store.execute(
        "UPDATE texts SET title = ?, updated_at = ? WHERE id = ? AND profile_id = ?", (title, utc_now(), int(text_id), int(owner))
    )
    return cur.rowcount > 0


def delete(store: Store, owner: int, text_id: int) -> bool:
    return store.execute("DELETE FROM texts WHERE id = ? AND profile_id = ?", (int(text_id), int(owner))).rowcount > 0


def sources_of_others(store: Store, text_id: int) -> list[str]:
    """The bodies of every other text (any owner): their sentences keep their cached translations."""
    return [r["body"] for r in store.query("SELECT body FROM texts WHERE id <> ?", (int(text_id),))]
