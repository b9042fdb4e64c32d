"""A learner's portable export: everything one learner owns, as one JSON file, for a backup of
their own data or to move them between a laptop (SQLite) and a class server (PostgreSQL).

It holds the learner's name, role and password hash (never a password), their settings, quiz cards
and reviews, imported texts, personal terms and reading log; nothing of any other learner, and not
the shared translation cache or the classes (a teacher's). Importing creates a new learner (under
the exported name or another one) with new text ids; references to the texts (``mine-<n>``) in
cards, reviews and the reading log follow them, so nothing is lost.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, datetime

from bilingual.accounts.learners import Learner, Role, check_new_name, get_learner
from bilingual.errors import BackupError
from bilingual.store import Store, learner_data, profiles
from bilingual.store.db import utc_stamp

__all__ = ["FORMAT", "VERSION", "export_bytes", "export_filename", "export_learner", "import_bytes", "import_learner", "summary"]

FORMAT = "bilingual-learner"
VERSION = 1
_ARTICLE_PREFIX = "mine-"
_LABELS = {
    "learner_settings": "settings", "cards": "quiz cards", "reviews": "quiz reviews", "texts": "imported texts",
    "personal_terms": "personal terms", "reading_log": "articles opened",
}


def export_learner(store: Store, learner: Learner) -> dict:
    """The learner's data as a JSON-ready dict."""
    row = profiles.get(store, learner.id)
    if row is None:
        raise BackupError(f"there is no learner called “{learner.name}”")
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "learner": {k: row[k] for k in ("name", "role", "password_hash", "password_changed_at", "created_at")},
        "tables": learner_data.dump(store, learner.id),
    }


def export_bytes(store: Store, learner: Learner) -> bytes:
    return json.dumps(export_learner(store, learner), ensure_ascii=False, indent=1).encode("utf-8")


def export_filename(learner: Learner) -> str:
    safe = "".join(c if c.isascii() and c.isalnum() else "-" for c in learner.name).strip("-") or "learner"
    return f"bilingual-learner-{safe}-{utc_stamp()}.json"


def summary(data: dict) -> str:
    """'12 quiz reviews, 3 imported texts, …' for an export."""
    tables = data.get("tables") or {}
    return ", ".join(f"{len(tables.get(t) or [])} {label}" for t, label in _LABELS.items())


def _checked(data: object) -> dict:
    bad = "this file is not a learner export of this app"
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError(bad)
    if not isinstance(data.get("version"), int) or data["version"] > VERSION:
        raise BackupError("this learner export was made by a newer version of the app; update the app to import it")
    learner, tables = data.get("learner"), data.get("tables")
    if not isinstance(learner, dict) or not isinstance(learner.get("name"), str) or not isinstance(tables, dict):
        raise BackupError(bad)
    for table, (cols, _order) in learner_data.COLUMNS.items():
        rows = tables.get(table, [])
        if not isinstance(rows, list) or any(not isinstance(r, dict) or not set(cols) <= set(r) for r in rows):
            raise BackupError(f"{bad} (its {table} are incomplete)")
    return data


_TEXT_IN_CARD = re.compile(r"(?<=:)mine-\d+(?=/)")


def _moved(row: dict, ids: dict[str, str]) -> dict:
    """The row with its text references (``article_id``, a card id like ``cloze:mine-3/s001``) renumbered."""
    out = dict(row)
    if isinstance(out.get("article_id"), str):
        out["article_id"] = ids.get(out["article_id"], out["article_id"])
    if isinstance(out.get("card_id"), str):
        out["card_id"] = _TEXT_IN_CARD.sub(lambda m: ids.get(m.group(0), m.group(0)), out["card_id"])
    return out


def import_learner(store: Store, data: dict, *, name: str | None = None) -> Learner:
    """Create a learner from an export (``name`` overrides the exported name); AccountError when the
    name is taken or looks like an existing one, BackupError when the data is not an export."""
    data = _checked(data)
    who = data["learner"]
    tables = data["tables"]
    try:
        role = Role(who.get("role") or "student").value
    except ValueError:
        role = Role.STUDENT.value
    with store.transaction():
        clean = check_new_name(store, name or who["name"])
        pid = profiles.create(
            store, clean, role, who.get("password_hash") or None,
            created_at=who.get("created_at") or None, password_changed_at=who.get("password_changed_at") or None,
        )
        ids = {}
        for text in tables.get("texts", []):
            ids[f"{_ARTICLE_PREFIX}{text['id']}"] = f"{_ARTICLE_PREFIX}{learner_data.insert_text(store, pid, text)}"
        rest = {t: [_moved(r, ids) for r in tables.get(t, [])] for t in learner_data.COLUMNS if t != "texts"}
        learner_data.load(store, pid, rest)
    return get_learner(store, pid)


def import_bytes(store: Store, raw: bytes, *, name: str | None = None) -> Learner:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError):
        raise BackupError("this file is not a learner export of this app (not JSON)") from None
    return import_learner(store, data, name=name)
