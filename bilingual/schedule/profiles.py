"""Learner profiles: a name (no password), created on first use, and per-profile settings."""

from __future__ import annotations

import re
import unicodedata

from bilingual.store import Store
from bilingual.store import profiles as profile_rows
from bilingual.text.charsets import INVISIBLE

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
_PROFILE_RE = re.compile(r"^[^\x00-\x1f\x7f]{1,40}$")


def clean_profile_name(name: str) -> str:
    """A profile name: 1–40 visible characters, surrounding spaces trimmed; ValueError otherwise.

    Bidi controls, zero-width and other invisible format characters are removed first, so a name
    cannot display reversed or look like another profile ("ad<U+200B>min" is "admin").
    """
    name = "".join(c for c in (name or "") if unicodedata.category(c) != "Cf" and c not in INVISIBLE)
    name = " ".join(name.split())
    if not _PROFILE_RE.match(name):
        raise ValueError("a profile name is 1 to 40 characters")
    return name


def profile_id(store: Store, name: str) -> int:
    """The id of profile ``name``, created on first use."""
    return profile_rows.ensure(store, clean_profile_name(name))


def list_profiles(store: Store) -> list[str]:
    return profile_rows.names(store)


def new_limit(store: Store, profile: str) -> int:
    """The learner's daily limit of new cards (a setting per profile)."""
    value = store.get_setting(f"quiz.new_per_day.{clean_profile_name(profile)}")
    try:
        return max(0, int(value)) if value is not None else DEFAULT_NEW_PER_DAY
    except ValueError:
        return DEFAULT_NEW_PER_DAY


def set_new_limit(store: Store, profile: str, limit: int) -> None:
    store.set_setting(f"quiz.new_per_day.{clean_profile_name(profile)}", str(max(0, int(limit))))
