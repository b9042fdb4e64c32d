"""Quiz cards' scheduling state (table ``cards``) and the review log (table ``reviews``), per profile.

Times are fixed-width ISO 8601 UTC strings, so they compare and sort as text.
"""

from __future__ import annotations

from bilingual.store.base import Store, utc_now

__all__ = [
    "GROUPINGS",
    "accuracy_by",
    "add_review",
    "card_count",
    "card_dues",
    "card_rows",
    "counts_between",
    "card_state",
    "card_states",
    "cards_reviewed_since",
    "due_card_ids",
    "first_reviews_since",
    "latest_review_since",
    "review_counts",
    "review_log",
    "reviews_by_card",
    "save_card",
    "seen_card_ids",
    "set_card_state",
    "set_review_rating",
    "streaks",
]

#: Columns the review log can be grouped by.
GROUPINGS = ("article_id", "kind")


def card_state(store: Store, pid: int, card_id: str) -> str | None:
    """The card's FSRS state (JSON), None when the profile has never answered it."""
    value = store.scalar("SELECT state FROM cards WHERE profile_id = ? AND card_id = ?", (pid, card_id))
    return None if value is None else str(value)


def save_card(store: Store, pid: int, card_id: str, kind: str, article_id: str | None, state: str, due: str) -> None:
    store.execute(
        "INSERT INTO cards(profile_id, card_id, kind, article_id, state, due, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
        "ON CONFLICT(profile_id, card_id) DO UPDATE SET state = excluded.state, due = excluded.due, "
        "kind = excluded.kind, article_id = excluded.article_id",
        (pid, card_id, kind, article_id, state, due, utc_now()),
    )


def set_card_state(store: Store, pid: int, card_id: str, state: str, due: str) -> None:
    store.execute("UPDATE cards SET state = ?, due = ? WHERE profile_id = ? AND card_id = ?", (state, due, pid, card_id))


def add_review(
    store: Store, pid: int, card_id: str, kind: str, article_id: str | None, correct: bool, rating: int, answer: str, reviewed_at: str
) -> int:
    """Log one answer; returns the review's id."""
    rows = store.execute(
        "INSERT INTO reviews(profile_id, card_id, kind, article_id, correct, rating, answer, reviewed_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
        (pid, card_id, kind, article_id, int(bool(correct)), int(rating), answer or "", reviewed_at),
    ).fetchall()  # fetch all: a RETURNING statement is finished only when its rows are read
    return int(rows[0][0])


def latest_review_since(store: Store, pid: int, card_id: str, since: str):
    """The profile's latest review of the card at or after ``since`` (id, correct, rating, reviewed_at), or None."""
    return store.one(
        "SELECT id, correct, rating, answer, reviewed_at FROM reviews WHERE profile_id = ? AND card_id = ? AND reviewed_at >= ? "
        "ORDER BY reviewed_at DESC, id DESC LIMIT 1",
        (pid, card_id, since),
    )


def set_review_rating(store: Store, pid: int, review_id: int, rating: int) -> None:
    store.execute("UPDATE reviews SET rating = ? WHERE id = ? AND profile_id = ?", (int(rating), int(review_id), pid))


def card_states(store: Store, pid: int) -> dict[str, str]:
    """card id -> FSRS state JSON, for every card the profile has answered."""
    return {r["card_id"]: r["state"] for r in store.query("SELECT card_id, state FROM cards WHERE profile_id = ?", (pid,))}


def seen_card_ids(store: Store, pid: int) -> set[str]:
    return {r["card_id"] for r in store.query("SELECT card_id FROM cards WHERE profile_id = ?", (pid,))}


def card_count(store: Store, pid: int) -> int:
    return int(store.scalar("SELECT COUNT(*) FROM cards WHERE profile_id = ?", (pid,)))


def due_card_ids(store: Store, pid: int, now: str) -> list[str]:
    """Cards due at ``now``, most overdue first."""
    rows = store.query("SELECT card_id FROM cards WHERE profile_id = ? AND due <= ? ORDER BY due, card_id", (pid, now))
    return [r["card_id"] for r in rows]


def card_dues(store: Store, pid: int, article_id: str | None = None) -> list[tuple[str, str]]:
    """(card id, due) of the profile's cards (of one article when given)."""
    if article_id is None:
        rows = store.query("SELECT card_id, due FROM cards WHERE profile_id = ?", (pid,))
    else:
        rows = store.query("SELECT card_id, due FROM cards WHERE profile_id = ? AND article_id = ?", (pid, article_id))
    return [(r["card_id"], r["due"]) for r in rows]


def card_rows(store: Store, pid: int) -> list[tuple[str, str | None, str]]:
    """(card id, article id, due) of every card the profile has answered (one query: the Library)."""
    rows = store.query("SELECT card_id, article_id, due FROM cards WHERE profile_id = ?", (pid,))
    return [(r["card_id"], r["article_id"], r["due"]) for r in rows]


def first_reviews_since(store: Store, pid: int, since: str) -> int:
    """How many cards were answered for the first time at or after ``since``: the cards answered since
    then (an index range) without an answer before it (one index look-up each)."""
    return int(
        store.scalar(
            "SELECT COUNT(*) FROM (SELECT DISTINCT card_id FROM reviews WHERE profile_id = ? AND reviewed_at >= ?) AS recent "
            "WHERE NOT EXISTS (SELECT 1 FROM reviews r WHERE r.profile_id = ? AND r.card_id = recent.card_id AND r.reviewed_at < ?)",
            (pid, since, pid, since),
        )
    )


def counts_between(store: Store, pid: int, bounds: list[tuple[str, str]]) -> list[tuple[int, int]]:
    """(reviews, correct ones) of the profile in each [start, end) of ``bounds``, in one query (an index
    range per interval: the cost is the reviews inside them, not all of them)."""
    if not bounds:
        return []
    values = ", ".join("(?, ?, ?)" for _ in bounds)
    params: list = [p for i, (a, b) in enumerate(bounds) for p in (i, a, b)]
    rows = store.query(
        f"WITH span(i, lo, hi) AS (VALUES {values}) "
        "SELECT span.i AS i, (SELECT COUNT(*) FROM reviews r WHERE r.profile_id = ? AND r.reviewed_at >= span.lo AND r.reviewed_at < span.hi) AS n, "
        "(SELECT SUM(r.correct) FROM reviews r WHERE r.profile_id = ? AND r.reviewed_at >= span.lo AND r.reviewed_at < span.hi) AS ok "
        "FROM span ORDER BY span.i",
        (*params, pid, pid),
    )
    return [(int(r["n"]), int(r["ok"] or 0)) for r in rows]


def streaks(store: Store, pid: int) -> dict[str, int]:
    """card id -> consecutive correct answers ending with the latest one, for every card the profile
    has answered (index look-ups per card: the last wrong answer, then the right ones after it)."""
    rows = store.query(
        "SELECT c.card_id AS card_id, (SELECT COUNT(*) FROM reviews r WHERE r.profile_id = c.profile_id AND r.card_id = c.card_id "
        "AND r.correct = 1 AND r.reviewed_at > COALESCE((SELECT MAX(w.reviewed_at) FROM reviews w WHERE w.profile_id = c.profile_id "
        "AND w.card_id = c.card_id AND w.correct = 0), '')) AS streak FROM cards c WHERE c.profile_id = ?",
        (pid,),
    )
    return {r["card_id"]: int(r["streak"]) for r in rows}


def cards_reviewed_since(store: Store, pid: int, since: str) -> set[str]:
    rows = store.query("SELECT DISTINCT card_id FROM reviews WHERE profile_id = ? AND reviewed_at >= ?", (pid, since))
    return {r["card_id"] for r in rows}


def review_log(store: Store, pid: int) -> list[dict]:
    """Every review of the profile, oldest first."""
    return [
        dict(r)
        for r in store.query(
            "SELECT card_id, kind, article_id, correct, rating, answer, reviewed_at FROM reviews "
            "WHERE profile_id = ? ORDER BY reviewed_at, id",
            (pid,),
        )
    ]


def review_counts(store: Store, pid: int, article_id: str | None = None) -> tuple[int, int]:
    """(reviews, correct ones) of the profile (on one article when given)."""
    if article_id is None:
        row = store.one("SELECT COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ?", (pid,))
    else:
        row = store.one(
            "SELECT COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ? AND article_id = ?", (pid, article_id)
        )
    return int(row["n"]), int(row["ok"] or 0)


def accuracy_by(store: Store, pid: int, field: str) -> list[tuple[str, int, int]]:
    """(value of ``field``, reviews, correct) per value, sorted; ``field`` is one of GROUPINGS."""
    if field not in GROUPINGS:
        raise ValueError("group by article_id or kind")
    rows = store.query(
        f"SELECT {field} AS k, COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ? GROUP BY {field} ORDER BY {field}",
        (pid,),
    )
    return [(r["k"] or "", int(r["n"]), int(r["ok"] or 0)) for r in rows]


def reviews_by_card(store: Store, pid: int) -> dict[str, tuple[int, int]]:
    """card id -> (reviews, correct)."""
    rows = store.query(
        "SELECT card_id, COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ? GROUP BY card_id", (pid,)
    )
    return {r["card_id"]: (int(r["n"]), int(r["ok"] or 0)) for r in rows}
