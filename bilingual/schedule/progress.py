"""Progress figures: per article, per day, per kind, the coming due dates, terms mastered, totals.

Every figure is an aggregated query on an index (``bilingual.store.reviews``): the cost grows with
the learner's cards and the days shown, not with every review ever made, and the Library asks once
for all its articles (``library_progress``), not once per article.

A glossary term counts as **mastered** when at least one of its drill cards (ar-en, en-ar, cloze,
type) has FSRS stability ≥ 21 days or its last 3 or more answers were all correct.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from bilingual.quiz.cards import QuizCard, entry_of
from bilingual.schedule.clock import UTC, iso, now_utc, parse_iso
from bilingual.schedule.profiles import profile_id
from bilingual.schedule.reviews import card_states
from bilingual.schedule.session import due_card_ids, new_cards_today
from bilingual.store import Store
from bilingual.store import reviews as log

__all__ = [
    "MASTERED_STABILITY_DAYS",
    "MASTERED_STREAK",
    "ArticleProgress",
    "MasteredTerm",
    "Totals",
    "accuracy_by",
    "article_progress",
    "due_forecast",
    "is_mastered",
    "library_progress",
    "mastered_terms",
    "review_rows",
    "reviews_per_day",
    "streaks",
    "totals",
]

MASTERED_STABILITY_DAYS = 21.0
MASTERED_STREAK = 3


@dataclass(frozen=True)
class ArticleProgress:
    cards_seen: int
    cards_total: int
    accuracy: float | None  # share of correct answers, None before any answer
    due_now: int


def article_progress(
    store: Store, profile: str, article_id: str, cards: Iterable[QuizCard], *, now: datetime | None = None
) -> ArticleProgress:
    """How far ``profile`` is with the quiz cards (of ``cards``) of one article (the library page): an
    imported text's cards include the drills of the names it contains (``QuizCard.belongs_to``)."""
    pid = profile_id(store, profile)
    ids = {c.id for c in cards if c.belongs_to(article_id)}
    if any(c.article_id != article_id for c in cards if c.id in ids):  # cards stored under another article too
        seen = [(cid, due) for cid, due in log.card_dues(store, pid) if cid in ids]
        answers = [v for cid, v in log.reviews_by_card(store, pid).items() if cid in ids]
        n, ok = sum(a for a, _ in answers), sum(b for _, b in answers)
    else:
        seen = [(cid, due) for cid, due in log.card_dues(store, pid, article_id) if cid in ids]
        n, ok = log.review_counts(store, pid, article_id)
    cutoff = iso(now or now_utc())
    return ArticleProgress(len(seen), len(ids), ok / n if n else None, sum(1 for _, due in seen if due <= cutoff))


def library_progress(
    store: Store, profile: str, article_ids: Iterable[str], cards: Iterable[QuizCard], *, now: datetime | None = None
) -> dict[str, ArticleProgress]:
    """``article_progress`` of every article in ``article_ids``, with two queries in all (the Library)."""
    pid = profile_id(store, profile)
    wanted = set(article_ids)
    ids: dict[str, set[str]] = defaultdict(set)
    owners: dict[str, list[str]] = defaultdict(list)  # card id -> the wanted articles it belongs to
    borrowed: set[str] = set()  # articles with cards stored under another article (an imported text's name drills)
    for c in cards:
        for aid in dict.fromkeys(((c.article_id,) if c.article_id else ()) + c.texts):
            if aid in wanted:
                ids[aid].add(c.id)
                owners[c.id].append(aid)
                if c.article_id != aid:
                    borrowed.add(aid)
    cutoff = iso(now or now_utc())
    seen: Counter = Counter()
    due: Counter = Counter()
    for cid, _aid, when in log.card_rows(store, pid):
        for aid in owners.get(cid, ()):
            seen[aid] += 1
            due[aid] += when <= cutoff
    answers = {k: (n, ok) for k, n, ok in log.accuracy_by(store, pid, "article_id")}
    by_card = log.reviews_by_card(store, pid) if borrowed else {}  # one more query, only for such texts
    out = {}
    for aid in wanted:
        if aid in borrowed:
            got = [by_card[c] for c in ids[aid] if c in by_card]
            n, ok = sum(a for a, _ in got), sum(b for _, b in got)
        else:
            n, ok = answers.get(aid, (0, 0))
        out[aid] = ArticleProgress(seen[aid], len(ids.get(aid, ())), ok / n if n else None, due[aid])
    return out


def review_rows(store: Store, profile: str) -> list[dict]:
    """Every review of ``profile``, oldest first."""
    return log.review_log(store, profile_id(store, profile))


def reviews_per_day(store: Store, profile: str, *, days: int = 30, now: datetime | None = None) -> list[dict]:
    """``[{date, reviews, correct, wrong}]`` for each local day of the last ``days`` days (zeros included)."""
    now = now or now_utc()
    today = now.astimezone().date()
    dates = [today - timedelta(days=days - 1 - i) for i in range(days)]
    starts = [datetime.combine(d, datetime.min.time()).astimezone() for d in (*dates, today + timedelta(days=1))]
    bounds = [(iso(a.astimezone(UTC)), iso(b.astimezone(UTC))) for a, b in zip(starts, starts[1:], strict=False)]
    counts = log.counts_between(store, profile_id(store, profile), bounds)
    return [{"date": d.isoformat(), "reviews": n, "correct": ok, "wrong": n - ok} for d, (n, ok) in zip(dates, counts, strict=True)]


def accuracy_by(store: Store, profile: str, field: str) -> list[dict]:
    """``[{<field>, reviews, correct, accuracy}]`` grouped by ``article_id`` or ``kind``."""
    rows = log.accuracy_by(store, profile_id(store, profile), field)
    return [{field: k, "reviews": n, "correct": ok, "accuracy": ok / n} for k, n, ok in rows]


def due_forecast(store: Store, profile: str, *, days: int = 14, now: datetime | None = None) -> list[dict]:
    """``[{date, due}]``: cards falling due on each of the coming local days (overdue count as today)."""
    now = now or now_utc()
    today = now.astimezone().date()
    out = {today + timedelta(days=i): 0 for i in range(days)}
    for _cid, due in log.card_dues(store, profile_id(store, profile)):
        d = max(parse_iso(due).astimezone().date(), today)
        if d in out:
            out[d] += 1
    return [{"date": d.isoformat(), "due": n} for d, n in out.items()]


def streaks(store: Store, profile: str) -> dict[str, int]:
    """card id -> number of consecutive correct answers ending with the latest one."""
    return log.streaks(store, profile_id(store, profile))


@dataclass(frozen=True)
class MasteredTerm:
    entry_id: str
    card_ids: tuple[str, ...]
    best_stability: float
    best_streak: int


def is_mastered(stability: float | None, streak: int) -> bool:
    return (stability or 0.0) >= MASTERED_STABILITY_DAYS or streak >= MASTERED_STREAK


def mastered_terms(store: Store, profile: str) -> list[MasteredTerm]:
    """Glossary terms with at least one mastered drill card (see the module doc for the rule)."""
    states = card_states(store, profile)
    runs = streaks(store, profile)
    per_entry: dict[str, list[tuple[str, float, int]]] = defaultdict(list)
    for cid, fcard in states.items():
        eid = entry_of(cid)
        if eid and is_mastered(fcard.stability, runs.get(cid, 0)):
            per_entry[eid].append((cid, fcard.stability or 0.0, runs.get(cid, 0)))
    return [
        MasteredTerm(eid, tuple(sorted(c for c, _, _ in hits)), max(s for _, s, _ in hits), max(n for _, _, n in hits))
        for eid, hits in sorted(per_entry.items())
    ]


@dataclass(frozen=True)
class Totals:
    reviews: int
    correct: int
    cards_seen: int
    due_now: int
    new_today: int


def totals(store: Store, profile: str, now: datetime | None = None) -> Totals:
    now = now or now_utc()
    pid = profile_id(store, profile)
    n, ok = log.review_counts(store, pid)
    return Totals(n, ok, log.card_count(store, pid), len(due_card_ids(store, profile, now)), new_cards_today(store, profile, now))
