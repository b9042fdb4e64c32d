"""Learner names: one normal form (Unicode NFKC), and no two names that look alike.

``clean_name`` is the one rule for a name as stored: NFKC (so ``é`` typed precomposed or as ``e`` +
combining accent, or a full-width ``Ａ``, is one name), invisible and bidi-control characters
removed, spaces collapsed, 1–40 visible characters. ``look_alike`` finds an existing name that a
person could not tell apart from a new one — the same letters in another case, or in another script
(Latin ``alice`` and ``аlice`` with a Cyrillic а), ``rn`` for ``m``, ``1`` for ``l`` — with the
Unicode confusables data of the ``confusables`` package (UTS #39 confusables.txt).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from bilingual.text.charsets import INVISIBLE

__all__ = ["MAX_NAME", "clean_name", "look_alike", "name_key"]

MAX_NAME = 40
_NAME_RE = re.compile(r"^[^\x00-\x1f\x7f-\x9f]{1," + str(MAX_NAME) + "}$")


def clean_name(name: str) -> str:
    """A learner name: NFKC, invisible characters removed, spaces collapsed; ValueError when it is
    not 1 to 40 visible characters."""
    text = unicodedata.normalize("NFKC", name or "")
    text = "".join(c for c in text if unicodedata.category(c) != "Cf" and c not in INVISIBLE)
    text = " ".join(text.split())
    if not _NAME_RE.match(text):
        raise ValueError(f"a profile name is 1 to {MAX_NAME} characters")
    return text


def name_key(name: str) -> str:
    """The name as compared when logging in and rate-limiting: cleaned and case-folded."""
    try:
        return clean_name(name).casefold()
    except ValueError:
        return " ".join((name or "").split()).casefold()[:200]


def look_alike(name: str, existing: Iterable[str]) -> str | None:
    """The first of ``existing`` that looks like ``name`` (already cleaned), or None."""
    from confusables import is_confusable  # 2.7 MB of Unicode data: loaded on first use

    key = name.casefold()
    for other in existing:
        other_key = other.casefold()
        if other_key == key or is_confusable(key, other_key):
            return other
    return None
