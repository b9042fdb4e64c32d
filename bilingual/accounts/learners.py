"""Learners: a name, a role (student or teacher) and, for an account, a password.

Local use needs no account: a profile is a name, created on first use. **Server mode** (a class on
one shared server) is on when ``BILINGUAL_ACCOUNTS=on`` or once any account with a password exists
(``python -m bilingual users add ...``); then every browser session must log in, and a profile
without a password cannot be used until ``users passwd`` gives it one.

Names are cleaned to one form (``names.clean_name``) and a name that looks like an existing one is
refused (``names.look_alike``). Removing a learner deletes everything they own (reviews, cards,
texts, terms, settings, reading log, login sessions, class memberships, the classes they teach).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from enum import StrEnum

from bilingual.accounts.names import clean_name, look_alike, name_key
from bilingual.accounts.passwords import hash_password
from bilingual.errors import AccountError
from bilingual.store import Store, utc_now
from bilingual.store import accounts as account_rows
from bilingual.store import profiles as profile_rows

__all__ = [
    "ACCOUNTS_ENV",
    "Learner",
    "Role",
    "check_new_name",
    "create_learner",
    "find_learner",
    "get_learner",
    "list_learners",
    "remove_learner",
    "server_mode",
    "set_password",
]

#: ``on`` turns server mode on before any account exists (it cannot turn it off once one does).
ACCOUNTS_ENV = "BILINGUAL_ACCOUNTS"


class Role(StrEnum):
    STUDENT = "student"
    TEACHER = "teacher"


@dataclass(frozen=True)
class Learner:
    id: int
    name: str
    role: Role = Role.STUDENT
    has_password: bool = False
    created_at: str = ""

    @property
    def is_teacher(self) -> bool:
        return self.role is Role.TEACHER


def _learner(row) -> Learner:
    try:
        role = Role(row["role"])
    except ValueError:
        role = Role.STUDENT
    return Learner(int(row["id"]), row["name"], role, bool(row["password_hash"]), row["created_at"] or "")


def server_mode(store: Store) -> bool:
    """True when every session must log in (see the module doc)."""
    if (os.environ.get(ACCOUNTS_ENV) or "").strip().lower() in {"1", "on", "true", "yes"}:
        return True
    return profile_rows.any_password(store) or profile_rows.any_teacher(store)


def get_learner(store: Store, pid: int) -> Learner | None:
    row = profile_rows.get(store, pid)
    return _learner(row) if row is not None else None


def find_learner(store: Store, name: str) -> Learner | None:
    """The learner called ``name``: exactly (once cleaned), else the one name equal to it case-insensitively."""
    try:
        exact = profile_rows.find(store, clean_name(name))
    except ValueError:
        return None
    if exact is not None:
        return get_learner(store, exact)
    key = name_key(name)
    matches = [r for r in profile_rows.all_rows(store) if r["name"].casefold() == key]
    return _learner(matches[0]) if len(matches) == 1 else None


def list_learners(store: Store) -> list[Learner]:
    """Every learner, by name (case-insensitively)."""
    return sorted((_learner(r) for r in profile_rows.all_rows(store)), key=lambda x: (x.name.casefold(), x.name))


def create_learner(store: Store, name: str, role: Role | str = Role.STUDENT, password: str | None = None) -> Learner:
    """A new learner; AccountError when the name is taken or looks like an existing one, or the password is weak."""
    role = Role(role)
    hashed = hash_password(password) if password is not None else None
    with store.transaction():
        clean = check_new_name(store, name)
        pid = profile_rows.create(store, clean, role.value, hashed)
    return get_learner(store, pid)


def check_new_name(store: Store, name: str) -> str:
    """Inside a transaction: ``name`` cleaned, if no learner has it or a name that looks like it
    (AccountError otherwise). Holds the profiles lock until commit, so two sessions creating
    look-alike names at once cannot both pass."""
    try:
        clean = clean_name(name)
    except ValueError as exc:
        raise AccountError(str(exc)) from None
    store.lock("profiles")
    existing = profile_rows.names(store)
    if clean in existing:
        raise AccountError(f"there is already a learner called “{clean}”")
    other = look_alike(clean, existing)
    if other is not None:
        raise AccountError(f"“{clean}” looks too much like the existing learner “{other}”; choose a name that looks different")
    return clean


def set_password(store: Store, learner: Learner, password: str | None, *, role: Role | str | None = None) -> None:
    """Set (or, with None, remove) the learner's password; every open login session of theirs ends."""
    hashed = hash_password(password) if password is not None else None
    with store.transaction():
        profile_rows.set_password(store, learner.id, hashed, Role(role).value if role is not None else None)
        account_rows.end_sessions_of(store, learner.id, utc_now())


def remove_learner(store: Store, learner: Learner) -> dict[str, int]:
    """Delete the learner and everything they own; returns {table: rows deleted} (what was removed)."""
    with store.transaction():
        counts = profile_rows.owned_counts(store, learner.id)
        if not profile_rows.delete(store, learner.id):
            raise AccountError(f"there is no learner called “{learner.name}”")
    return counts
