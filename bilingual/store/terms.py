"""Each learner's personal glossary terms (table ``personal_terms``: owner, id and the entry as JSON)
and the match keys of their Arabic spellings (table ``personal_term_forms``), so that a new term's
spellings are checked by index, whatever the number of terms."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable

from bilingual.store.base import Store, utc_now

__all__ = [
    "add",
    "all_terms",
    "count",
    "delete",
    "fill_forms",
    "form_keys",
    "get",
    "holders_of",
    "ids_taken",
    "page",
    "refill_forms",
    "update",
]


def all_terms(store: Store, owner: int) -> list[tuple[str, str]]:
    """(id, entry JSON) of every personal term of ``owner``, oldest first."""
    rows = store.query("SELECT id, entry FROM personal_terms WHERE profile_id = ? ORDER BY created_at, id", (int(owner),))
    return [(r["id"], r["entry"]) for r in rows]


def page(store: Store, owner: int, offset: int, limit: int) -> list[tuple[str, str]]:
    """(id, entry JSON) of ``limit`` terms from ``offset`` on, newest first (one page of the list)."""
    rows = store.query(
        "SELECT id, entry FROM personal_terms WHERE profile_id = ? ORDER BY created_at DESC, id DESC LIMIT ? OFFSET ?",
        (int(owner), int(limit), int(offset)),
    )
    return [(r["id"], r["entry"]) for r in rows]


def count(store: Store, owner: int) -> int:
    return int(store.scalar("SELECT count(*) FROM personal_terms WHERE profile_id = ?", (int(owner),)))


def get(store: Store, owner: int, term_id: str) -> str | None:
    """The entry JSON of one term, or None."""
    value = store.scalar("SELECT entry FROM personal_terms WHERE profile_id = ? AND id = ?", (int(owner), term_id))
    return None if value is None else str(value)


def ids_taken(store: Store, owner: int, ids: Iterable[str]) -> set[str]:
    """Which of ``ids`` the owner's terms already use."""
    wanted = list(dict.fromkeys(ids))
    if not wanted:
        return set()
    marks = ",".join("?" * len(wanted))
    rows = store.query(f"SELECT id FROM personal_terms WHERE profile_id = ? AND id IN ({marks})", (int(owner), *wanted))
    return {r["id"] for r in rows}


def holders_of(store: Store, owner: int, form_keys: Iterable[str]) -> dict[str, str]:
    """{form key: id of the owner's term with that spelling} for the keys some term has."""
    keys = list(dict.fromkeys(k for k in form_keys if k))
    if not keys:
        return {}
    marks = ",".join("?" * len(keys))
    rows = store.query(
        f"SELECT form_key, term_id FROM personal_term_forms WHERE profile_id = ? AND form_key IN ({marks}) ORDER BY term_id",
        (int(owner), *keys),
    )
    out: dict[str, str] = {}
    for r in rows:
        out.setdefault(r["form_key"], r["term_id"])
    return out


def _set_forms(store: Store, owner: int, term_id: str, form_keys: Iterable[str]) -> None:
    store.execute("DELETE FROM personal_term_forms WHERE profile_id = ? AND term_id = ?", (int(owner), term_id))
    rows = [(int(owner), k, term_id) for k in dict.fromkeys(form_keys) if k]
    if rows:
        store.executemany("INSERT INTO personal_term_forms(profile_id, form_key, term_id) VALUES (?, ?, ?)", rows)


def add(store: Store, owner: int, term_id: str, entry_json: str, form_keys: Iterable[str] = ()) -> None:
    """Store a new term and its spellings' match keys, in one transaction."""
    now = utc_now()
    with store.transaction():
        store.execute(
            "INSERT INTO personal_terms(profile_id, id, entry, created_at, updated_at) VALUES (?, ?, ?, ?, ?)",
            (int(owner), term_id, entry_json, now, now),
        )
        _set_forms(store, owner, term_id, form_keys)


def update(store: Store, owner: int, term_id: str, entry_json: str, form_keys: Iterable[str] = ()) -> bool:
    with store.transaction():
        cur = store.execute(
            "UPDATE personal_terms SET entry = ?, updated_at = ? WHERE profile_id = ? AND id = ?",
            (entry_json, utc_now(), int(owner), term_id),
        )
        if cur.rowcount > 0:
            _set_forms(store, owner, term_id, form_keys)
        return cur.rowcount > 0


def delete(store: Store, owner: int, term_id: str) -> bool:
    """Delete one term (its spellings' keys go with it: ``ON DELETE CASCADE``)."""
    return store.execute("DELETE FROM personal_terms WHERE profile_id = ? AND id = ?", (int(owner), term_id)).rowcount > 0


def form_keys(entry_json: str) -> list[str]:
    """The match keys (``text.normalize.normalize``) of a stored entry's Arabic spellings."""
    from bilingual.text.normalize import normalize

    try:
        entry = json.loads(entry_json)
        forms = [entry.get("ar"), *(entry.get("ar_variants") or ()), *(entry.get("adjective_forms") or ())]
    except (ValueError, TypeError, AttributeError):
        return []
    return [k for k in dict.fromkeys(normalize(f) for f in forms if isinstance(f, str) and f) if k]


def refill_forms(store: Store, owner: int) -> None:
    """The match keys of every term of ``owner`` written anew (after terms were loaded row by row)."""
    for term_id, raw in all_terms(store, owner):
        _set_forms(store, owner, term_id, form_keys(raw))


def fill_forms(run: Callable[..., list]) -> None:
    """Migration step (schema 4): the match keys of every existing term's Arabic spellings."""
    for r in run("SELECT profile_id, id, entry FROM personal_terms"):
        for key in form_keys(r[2]):
            run("INSERT INTO personal_term_forms(profile_id, form_key, term_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (r[0], key, r[1]))
