"""A learner's own English translation of an imported text, sentence by sentence (table
``own_translations``): rows only, ``bilingual.imports.own_translation`` checks them. A row goes with
its text (``ON DELETE CASCADE``) and with its learner.
"""

from __future__ import annotations

from bilingual.store.base import Store, utc_now

__all__ = ["clear", "for_text", "set_sentence"]


def for_text(store: Store, pid: int, text_id: int) -> dict[str, str]:
    """sentence id -> the learner's English, for one text."""
    rows = store.query("SELECT sentence_id, english FROM own_translations WHERE profile_id = ? AND text_id = ?",
                       (int(pid), int(text_id)))
    return {r["sentence_id"]: r["english"] for r in rows}


def set_sentence(store: Store, pid: int, text_id: int, sentence_id: str, english: str) -> None:
    """Write the learner's English for one sentence ('' removes it)."""
    if not english:
        store.execute("DELETE FROM own_translations WHERE profile_id = ? AND text_id = ? AND sentence_id = ?",
                      (int(pid), int(text_id), sentence_id))
        return
    store.execute(
        "INSERT INTO own_translations(profile_id, text_id, sentence_id, english, updated_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(profile_id, text_id, sentence_id) DO UPDATE SET english = excluded.english, updated_at = excluded.updated_at",
        (int(pid), int(text_id), sentence_id, english, utc_now()),
    )


def clear(store: Store, pid: int, text_id: int) -> int:
    """Remove the learner's whole translation of a text; returns how many sentences it had."""
    return store.execute("DELETE FROM own_translations WHERE profile_id = ? AND text_id = ?", (int(pid), int(text_id))).rowcount
