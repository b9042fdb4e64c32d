"""Login sessions (table ``login_sessions``) and failed login attempts (table ``login_failures``).

A session row is what a browser's signed cookie names: it can expire, and logout ends it, so a
copied cookie stops working too. Failed attempts are kept per case-folded name (never a password)
to rate-limit guessing.
"""

from __future__ import annotations

from bilingual.store.base import Store

__all__ = [
    "add_failure",
    "end_session",
    "end_sessions_of",
    "failures_since",
    "forget_failures",
    "get_session",
    "prune",
    "start_session",
]


def start_session(store: Store, session_id: str, pid: int, created_at: str, expires_at: str) -> None:
    store.execute(
        "INSERT INTO login_sessions(id, profile_id, created_at, expires_at) VALUES (?, ?, ?, ?)",
        (session_id, int(pid), created_at, expires_at),
    )


def get_session(store: Store, session_id: str):
    """(id, profile_id, created_at, expires_at, ended_at) of a login session, or None."""
    return store.one("SELECT id, profile_id, created_at, expires_at, ended_at FROM login_sessions WHERE id = ?", (session_id,))


def end_session(store: Store, session_id: str, when: str) -> bool:
    cur = store.execute("UPDATE login_sessions SET ended_at = ? WHERE id = ? AND ended_at IS NULL", (when, session_id))
    return cur.rowcount > 0


def end_sessions_of(store: Store, pid: int, when: str) -> int:
    """End every open session of a profile (after a password change); returns how many."""
    return store.execute("UPDATE login_sessions SET ended_at = ? WHERE profile_id = ? AND ended_at IS NULL", (when, int(pid))).rowcount


def add_failure(store: Store, name_key: str, when: str) -> None:
    store.execute("INSERT INTO login_failures(name_key, failed_at) VALUES (?, ?)", (name_key, when))


def failures_since(store: Store, name_key: str, since: str) -> list[str]:
    """When the failed attempts on ``name_key`` at or after ``since`` happened, oldest first."""
    rows = store.query("SELECT failed_at FROM login_failures WHERE name_key = ? AND failed_at >= ? ORDER BY failed_at", (name_key, since))
    return [r["failed_at"] for r in rows]


def forget_failures(store: Store, name_key: str) -> None:
    store.execute("DELETE FROM login_failures WHERE name_key = ?", (name_key,))


def prune(store: Store, before: str) -> None:
    """Drop failures and sessions that ended or expired before ``before``."""
    with store.transaction():
        store.execute("DELETE FROM login_failures WHERE failed_at < ?", (before,))
        store.execute("DELETE FROM login_sessions WHERE expires_at < ? OR ended_at < ?", (before, before))
