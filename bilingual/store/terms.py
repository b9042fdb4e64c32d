"""Each learner's personal glossary terms (table ``personal_terms``: owner, id and the entry as JSON)."""

from __future__ import annotations

from bilingual.store.base import Store, utc_now

__all__ = ["add", "all_terms", "delete", "update"]


def all_terms(store: Store, owner: int) -> list[tuple[str, str]]:
    """(id, entry JSON) of every personal term of ``owner``, oldest first."""
    rows = store.query("SELECT id, entry FROM personal_terms WHERE profile_id = ? ORDER BY created_at, id", (int(owner),))
    return [(r["id"], r["entry"]) for r in rows]


def add(store: Store, owner: int, term_id: str, entry_json: str) -> None:
    now = utc_now()
    store.execute(
        "INSERT INTO personal_terms(profile_id, id, entry, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
        (int(owner), term_id, entry_json, now, now),
    )


def update(store: Store, owner: int, term_id: str, entry_json: str) -> bool:
    cur = store.execute(
        "UPDATE personal_terms SET entry = ?, updated_at = ? WHERE profile_id = ? AND id = ?", (entry_json, utc_now(), int(owner), term_id)
    )
    return cur.rowcount > 0


def delete(store: Store, owner: int, term_id: str) -> bool:
    return store.execute("DELETE FROM personal_terms WHERE profile_id = ? AND id = ?", (int(owner), term_id)).rowcount > 0
