"""One learner's rows, table by table: read them all (``dump``) and write them back under another
profile id (``load``), for the portable per-learner export (``bilingual.accounts.portable``)."""

from __future__ import annotations

from bilingual.store import terms, vocab
from bilingual.store.base import Store

__all__ = ["COLUMNS", "dump", "insert_text", "load"]

#: The columns exported per table (the owner column ``profile_id`` is implied); rows in this order.
COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "learner_settings": (("key", "value"), "key"),
    "cards": (("card_id", "kind", "article_id", "state", "due", "created_at"), "card_id"),
    "reviews": (("card_id", "kind", "article_id", "correct", "rating", "answer", "reviewed_at"), "reviewed_at, id"),
    "texts": (("id", "title", "source", "date", "body", "created_at", "updated_at"), "id"),
    "personal_terms": (("id", "entry", "created_at", "updated_at"), "created_at, id"),
    "reading_log": (("article_id", "first_read_at", "last_read_at"), "article_id"),
    "word_statuses": (("lemma_key", "status", "updated_at"), "lemma_key"),
    "word_status_log": (("lemma_key", "status", "changed_at"), "changed_at, id"),
    "saved_words": (vocab.SAVED_COLUMNS, "created_at, lemma_key"),
    "own_translations": (("text_id", "sentence_id", "english", "updated_at"), "text_id, sentence_id"),
}


def dump(store: Store, pid: int) -> dict[str, list[dict]]:
    """{table: [row as dict]} of everything the profile owns (COLUMNS' tables)."""
    out = {}
    for table, (cols, order) in COLUMNS.items():
        rows = store.query(f"SELECT {', '.join(cols)} FROM {table} WHERE profile_id = ? ORDER BY {order}", (int(pid),))
        out[table] = [{c: r[c] for c in cols} for r in rows]
    return out


def insert_text(store: Store, pid: int, row: dict) -> int:
    """Insert one text for ``pid`` (a new id); returns the id."""
    rows = store.execute(
        "INSERT INTO texts(profile_id, title, source, date, body, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (int(pid), row["title"], row["source"], row["date"], row["body"], row["created_at"], row["updated_at"]),
    ).fetchall()
    return int(rows[0][0])


def load(store: Store, pid: int, tables: dict[str, list[dict]]) -> None:
    """Insert the rows of every COLUMNS table except ``texts`` (see ``insert_text``) for ``pid``."""
    for table, (cols, _order) in COLUMNS.items():
        if table == "texts" or not tables.get(table):
            continue
        marks = ", ".join("?" * (len(cols) + 1))
        store.executemany(
            f"INSERT INTO {table}(profile_id, {', '.join(cols)}) VALUES ({marks})",
            [(int(pid), *(row[c] for c in cols)) for row in tables[table]],
        )
    if tables.get("personal_terms"):
        terms.refill_forms(store, pid)  # the spellings' match keys (table personal_term_forms)
