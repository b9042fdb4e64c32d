"""The learner's personal glossary terms (table ``personal_terms``): id and the entry as JSON."""

from __future__ import annotations

from bilingual.store.db import Store, utc_now

__all__ = ["add", "all_terms", "delete", "update"]


def all_terms(store: Store) -> list[tuple[str, str]]:
    """(id, entry JSON) of every personal term, oldest first."""
    return [(r["id"], r["entry"]) for r in store.query("SELECT id, entry FROM personal_terms ORDER BY created_at, id")]


def add(store: Store, term_id: str, entry_json: str) -> None:
    now = utc_now()
    store.execute(
        "INSERT INTO personal_terms(id, entry, created_at, updated_at) VALUES (?, ?, ?, ?)", (term_id, entry_json, now, now)
    )


def update(store: Store, term_id: str, entry_json: str) -> bool:
    cur = store.execute("UPDATE personal_terms SET entry = ?, updated_at = ? WHERE id = ?", (entry_json, utc_now(), term_id))
    return cur.rowcount > 0


def delete(store: Store, term_id: str) -> bool:
    return store.execute("DELETE FROM personal_terms WHERE id = ?", (term_id,)).rowcount > 0
