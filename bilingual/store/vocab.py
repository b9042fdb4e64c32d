"""A learner's vocabulary: word statuses per lemma (``word_statuses``), their history
(``word_status_log``) and the words they saved with a sentence (``saved_words``). Rows only;
``bilingual.vocab`` gives them their meaning. Every query takes the owner's profile id.
"""

from __future__ import annotations

from collections.abc import Iterable

from bilingual.store.base import Store, utc_now

__all__ = [
    "SAVED_COLUMNS",
    "delete_saved",
    "get_saved",
    "lemmas_with_status",
    "save",
    "saved_rows",
    "set_statuses",
    "status_log",
    "statuses",
]

SAVED_COLUMNS = ("lemma_key", "lemma", "surface", "article_id", "sentence_id", "token_index", "sentence", "gloss",
                 "created_at", "updated_at")


def statuses(store: Store, pid: int) -> dict[str, int]:
    """lemma key -> status number, for every lemma the learner gave a status."""
    return {r["lemma_key"]: int(r["status"]) for r in store.query(
        "SELECT lemma_key, status FROM word_statuses WHERE profile_id = ?", (int(pid),))}


def set_statuses(store: Store, pid: int, changes: Iterable[tuple[str, int]], *, only_new: bool = False) -> int:
    """Give each lemma its status (and log the change); ``only_new``: leave the lemmas that already
    have one alone. Returns how many lemmas changed."""
    pid = int(pid)
    now = utc_now()
    with store.transaction():
        store.lock(f"vocab:{pid}")
        current = statuses(store, pid)
        rows = [(key, int(status)) for key, status in dict(changes).items()
                if current.get(key) != int(status) and not (only_new and key in current)]
        if not rows:
            return 0
        store.executemany(
            "INSERT INTO word_statuses(profile_id, lemma_key, status, updated_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(profile_id, lemma_key) DO UPDATE SET status = excluded.status, updated_at = excluded.updated_at",
            [(pid, key, status, now) for key, status in rows],
        )
        store.executemany(
            "INSERT INTO word_status_log(profile_id, lemma_key, status, changed_at) VALUES (?, ?, ?, ?)",
            [(pid, key, status, now) for key, status in rows],
        )
    return len(rows)


def status_log(store: Store, pid: int) -> list[tuple[str, int, str]]:
    """(lemma key, status, changed at) of every status change of the learner, oldest first."""
    rows = store.query(
        "SELECT lemma_key, status, changed_at FROM word_status_log WHERE profile_id = ? ORDER BY changed_at, id", (int(pid),))
    return [(r["lemma_key"], int(r["status"]), r["changed_at"]) for r in rows]


def lemmas_with_status(store: Store, pids: Iterable[int], status: int) -> dict[int, set[str]]:
    """profile id -> the lemma keys with ``status``, for several learners at once (the class page)."""
    ids = sorted({int(p) for p in pids})
    out: dict[int, set[str]] = {p: set() for p in ids}
    if not ids:
        return out
    marks = ", ".join("?" * len(ids))
    for r in store.query(
        f"SELECT profile_id, lemma_key FROM word_statuses WHERE status = ? AND profile_id IN ({marks})", (int(status), *ids)
    ):
        out[int(r["profile_id"])].add(r["lemma_key"])
    return out


# --- saved words --------------------------------------------------------------------------------


def saved_rows(store: Store, pid: int) -> list:
    """Every word the learner saved, oldest first."""
    return store.query(
        f"SELECT {', '.join(SAVED_COLUMNS)} FROM saved_words WHERE profile_id = ? ORDER BY created_at, lemma_key", (int(pid),))


def get_saved(store: Store, pid: int, lemma_key: str):
    return store.one(f"SELECT {', '.join(SAVED_COLUMNS)} FROM saved_words WHERE profile_id = ? AND lemma_key = ?",
                     (int(pid), lemma_key))


def save(store: Store, pid: int, row: dict) -> None:
    """Save (or update: the same lemma keeps its first date) one word of the learner."""
    now = utc_now()
    store.execute(
        "INSERT INTO saved_words(profile_id, lemma_key, lemma, surface, article_id, sentence_id, token_index, sentence, gloss, "
        "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(profile_id, lemma_key) DO UPDATE SET "
        "lemma = excluded.lemma, surface = excluded.surface, article_id = excluded.article_id, sentence_id = excluded.sentence_id, "
        "token_index = excluded.token_index, sentence = excluded.sentence, gloss = excluded.gloss, updated_at = excluded.updated_at",
        (int(pid), row["lemma_key"], row["lemma"], row["surface"], row["article_id"], row["sentence_id"], int(row["token_index"]),
         row["sentence"], row["gloss"], now, now),
    )


def delete_saved(store: Store, pid: int, lemma_key: str) -> bool:
    return store.execute("DELETE FROM saved_words WHERE profile_id = ? AND lemma_key = ?", (int(pid), lemma_key)).rowcount > 0

