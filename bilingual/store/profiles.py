"""Learner profiles: names and ids."""

from __future__ import annotations

from bilingual.store.db import Store, utc_now

__all__ = ["ensure", "find", "names"]


def find(store: Store, name: str) -> int | None:
    """The id of the profile called ``name`` (already cleaned), or None."""
    value = store.scalar("SELECT id FROM profiles WHERE name = ?", (name,))
    return None if value is None else int(value)


def ensure(store: Store, name: str) -> int:
    """The id of profile ``name``, created if it does not exist yet (safe when two sessions race)."""
    found = find(store, name)
    if found is not None:
        return found
    with store.transaction():
        store.execute("INSERT INTO profiles(name, created_at) VALUES (?, ?) ON CONFLICT(name) DO NOTHING", (name, utc_now()))
        return int(store.scalar("SELECT id FROM profiles WHERE name = ?", (name,)))


def names(store: Store) -> list[str]:
    """Every profile name, case-insensitively sorted."""
    return [r["name"] for r in store.query("SELECT name FROM profiles ORDER BY name COLLATE NOCASE")]
