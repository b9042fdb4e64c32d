"""Learner profiles (table ``profiles``: name, role, password hash) and each learner's own settings
(table ``learner_settings``)."""

from __future__ import annotations

from bilingual.store.base import Store, utc_now

__all__ = [
    "OWNED_TABLES",
    "all_rows",
    "any_password",
    "any_teacher",
    "create",
    "delete",
    "ensure",
    "find",
    "get",
    "get_setting",
    "names",
    "owned_counts",
    "set_password",
    "set_setting",
]

_COLUMNS = "id, name, role, password_hash, password_changed_at, created_at"
#: The tables holding a learner's own rows (all ``profile_id``; deleting the profile cascades to them).
OWNED_TABLES = ("cards", "reviews", "texts", "personal_terms", "learner_settings", "reading_log", "class_members", "login_sessions")


def find(store: Store, name: str) -> int | None:
    """The id of the profile called ``name`` (already cleaned), or None."""
    value = store.scalar("SELECT id FROM profiles WHERE name = ?", (name,))
    return None if value is None else int(value)


def get(store: Store, pid: int):
    """The profile's row (id, name, role, password_hash, password_changed_at, created_at), or None."""
    return store.one(f"SELECT {_COLUMNS} FROM profiles WHERE id = ?", (int(pid),))


def all_rows(store: Store) -> list:
    """Every profile's row, oldest first."""
    return store.query(f"SELECT {_COLUMNS} FROM profiles ORDER BY id")


def create(
    store: Store, name: str, role: str = "student", password_hash: str | None = None, *,
    created_at: str | None = None, password_changed_at: str | None = None,
) -> int:
    """A new profile; returns its id (the database refuses a name that is taken)."""
    now = utc_now()
    rows = store.execute(
        "INSERT INTO profiles(name, role, password_hash, password_changed_at, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id",
        (name, role, password_hash, password_changed_at or (now if password_hash else None), created_at or now),
    ).fetchall()
    return int(rows[0][0])


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
    return sorted((r["name"] for r in store.query("SELECT name FROM profiles")), key=lambda n: (n.casefold(), n))


def set_password(store: Store, pid: int, password_hash: str | None, role: str | None = None) -> bool:
    now = utc_now() if password_hash else None
    if role is None:
        cur = store.execute("UPDATE profiles SET password_hash = ?, password_changed_at = ? WHERE id = ?", (password_hash, now, int(pid)))
    else:
        cur = store.execute(
            "UPDATE profiles SET password_hash = ?, password_changed_at = ?, role = ? WHERE id = ?", (password_hash, now, role, int(pid))
        )
    return cur.rowcount > 0


def delete(store: Store, pid: int) -> bool:
    """Delete the profile and, through the foreign keys, every row it owns."""
    return store.execute("DELETE FROM profiles WHERE id = ?", (int(pid),)).rowcount > 0


def any_password(store: Store) -> bool:
    return store.scalar("SELECT count(*) FROM profiles WHERE password_hash IS NOT NULL") != 0


def any_teacher(store: Store) -> bool:
    return store.scalar("SELECT count(*) FROM profiles WHERE role = 'teacher'") != 0


def owned_counts(store: Store, pid: int) -> dict[str, int]:
    """{table: rows the profile owns} for every table in OWNED_TABLES (and the classes it teaches)."""
    out = {t: int(store.scalar(f"SELECT count(*) FROM {t} WHERE profile_id = ?", (int(pid),))) for t in OWNED_TABLES}
    out["classes"] = int(store.scalar("SELECT count(*) FROM classes WHERE teacher_id = ?", (int(pid),)))
    return out


# --- the learner's own settings -----------------------------------------------------------------


def get_setting(store: Store, pid: int, key: str, default: str | None = None) -> str | None:
    row = store.one("SELECT value FROM learner_settings WHERE profile_id = ? AND key = ?", (int(pid), key))
    return row["value"] if row else default


def set_setting(store: Store, pid: int, key: str, value: str) -> None:
    store.execute(
        "INSERT INTO learner_settings(profile_id, key, value) VALUES (?, ?, ?) "
        "ON CONFLICT(profile_id, key) DO UPDATE SET value = excluded.value",
        (int(pid), key, value),
    )
