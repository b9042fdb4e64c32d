"""Learner profiles as the scheduler uses them: by name, created on first use, with their quiz settings."""

from __future__ import annotations

from bilingual.accounts.names import clean_name
from bilingual.errors import AccountError
from bilingual.store import Store
from bilingual.store import profiles as profile_rows

__all__ = [
    "DEFAULT_NEW_PER_DAY",
    "DEFAULT_PROFILE",
    "clean_profile_name",
    "list_profiles",
    "new_limit",
    "profile_id",
    "set_new_limit",
]

DEFAULT_PROFILE = "default"
DEFAULT_NEW_PER_DAY = 20
#: A profile name, cleaned (``bilingual.accounts.names.clean_name``: NFKC, no invisible characters, 1–40 characters).
clean_profile_name = clean_name


def profile_id(store: Store, name: str) -> int:
    """The id of profile ``name``, created on first use (refused, AccountError, when it looks like another learner's name)."""
    clean = clean_profile_name(name)
    found = profile_rows.find(store, clean)
    if found is not None:
        return found
    from bilingual.accounts.learners import create_learner

    try:
        return create_learner(store, clean).id
    except AccountError:
        found = profile_rows.find(store, clean)  # another session created it a moment ago
        if found is None:
            raise
        return found


def list_profiles(store: Store) -> list[str]:
    return profile_rows.names(store)


def new_limit(store: Store, profile: str) -> int:
    """The learner's daily limit of new cards (a setting per profile)."""
    value = profile_rows.get_setting(store, profile_id(store, profile), "quiz.new_per_day")
    try:
        return max(0, int(value)) if value is not None else DEFAULT_NEW_PER_DAY
    except ValueError:
        return DEFAULT_NEW_PER_DAY


def set_new_limit(store: Store, profile: str, limit: int) -> None:
    profile_rows.set_setting(store, profile_id(store, profile), "quiz.new_per_day", str(max(0, int(limit))))
