"""Spaced repetition (FSRS) for quiz cards, learner profiles, and progress figures.

Each quiz card (``bilingual.quiz.QuizCard``) becomes a row in ``cards`` the first time a profile
answers it (``state`` = ``fsrs.Card.to_dict()`` as JSON, ``due`` = ISO 8601 UTC); every answer is a
row in ``reviews``. The rating comes from correctness: a wrong answer is always ``Again``; a right
one is ``Good`` unless the learner picks a self-rating (Again/Hard/Good/Easy).

Times are stored as fixed-width ISO 8601 UTC strings (``2024-05-01T09:30:00.000000Z``) so they sort
as text. "Today" (the daily new-card limit, reviews per day) is the local calendar day.

Sessions keep siblings (the drills of one glossary entry) from giving each other away, like
Anki's "bury siblings": at most one *new* card per entry per session, none of an entry answered
today (they wait until tomorrow; ``Session.buried`` counts them), and the session is ordered so two
cards of one entry, or with the same evidence sentence, are more than ``SIBLING_GAP`` (4) positions
apart where possible (``spread_siblings``, deterministic). Due reviews are never held back.

The running session (card ids, position, answers) is saved per profile in ``settings``
(``quiz.running.<profile>``) so reloading the Quiz page resumes it the same day.

A glossary term counts as **mastered** when at least one of its drill cards (ar-en, en-ar, cloze,
type) has FSRS stability ≥ 21 days or its last 3 or more answers were all correct.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import Iterable, Sequence

from fsrs import Card, Rating, Scheduler

from bilingual.arabic import INVISIBLE
from bilingual.quiz import GLOSSARY_KINDS, KINDS, QuizCard, filter_cards
from bilingual.store import Store

UTC = timezone.utc
DEFAULT_PROFILE = "default"
DEFAULT_NEW_PER_DAY = 20
DEFAULT_SESSION_SIZE = 10
MASTERED_STABILITY_DAYS = 21.0
MASTERED_STREAK = 3
#: cards of one glossary entry (or one evidence sentence) are more than this many positions apart
SIBLING_GAP = 4
RATING_NAMES = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}
_PROFILE_RE = re.compile(r"^[^\x00-\x1f\x7f]{1,40}$")


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    """Fixed-width, sortable ISO 8601 UTC."""
    if dt.tzinfo is None:
        raise ValueError("timezone-aware datetime expected")
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def day_start(now: datetime) -> datetime:
    """Start of the local calendar day containing ``now``, in UTC."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def make_scheduler(enable_fuzzing: bool = True) -> Scheduler:
    return Scheduler(enable_fuzzing=enable_fuzzing)


# --- profiles -------------------------------------------------------------------------------


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
    name = clean_profile_name(name)
    row = store.conn.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()
    if row:
        return int(row["id"])
    with store.transaction() as c:
        c.execute("INSERT OR IGNORE INTO profiles(name) VALUES (?)", (name,))
        return int(c.execute("SELECT id FROM profiles WHERE name = ?", (name,)).fetchone()["id"])


def list_profiles(store: Store) -> list[str]:
    return [r["name"] for r in store.query("SELECT name FROM profiles ORDER BY name COLLATE NOCASE")]


def new_limit(store: Store, profile: str) -> int:
    """The learner's daily limit of new cards (a setting per profile)."""
    value = store.get_setting(f"quiz.new_per_day.{clean_profile_name(profile)}")
    try:
        return max(0, int(value)) if value is not None else DEFAULT_NEW_PER_DAY
    except ValueError:
        return DEFAULT_NEW_PER_DAY


def set_new_limit(store: Store, profile: str, limit: int) -> None:
    store.set_setting(f"quiz.new_per_day.{clean_profile_name(profile)}", str(max(0, int(limit))))


# --- cards and reviews ----------------------------------------------------------------------


def fsrs_id(card_id: str) -> int:
    """A stable positive integer for fsrs.Card.card_id (never the creation time)."""
    import hashlib

    return int.from_bytes(hashlib.sha256(card_id.encode("utf-8")).digest()[:6], "big")


def new_fsrs_card(card_id: str, now: datetime) -> Card:
    return Card(card_id=fsrs_id(card_id), due=now)


def load_state(store: Store, pid: int, card_id: str) -> Card | None:
    row = store.conn.execute("SELECT state FROM cards WHERE profile_id = ? AND card_id = ?", (pid, card_id)).fetchone()
    return Card.from_dict(json.loads(row["state"])) if row else None


def rating_for(correct: bool, self_rating: Rating | int | None = None) -> Rating:
    """Wrong → Again; right → the self-rating if given, else Good."""
    if not correct:
        return Rating.Again
    return Rating(int(self_rating)) if self_rating is not None else Rating.Good


@dataclass(frozen=True)
class ReviewResult:
    review_id: int
    card_id: str
    correct: bool
    rating: Rating
    due: datetime
    reviewed_at: datetime
    prior_state: str | None  # the card's state JSON before this answer (None: it was new)


def _apply(fcard: Card, rating: Rating, when: datetime, sched: Scheduler) -> Card:
    updated, _log = sched.review_card(fcard, rating, review_datetime=when)
    return updated


def record_answer(
    store: Store,
    profile: str,
    card: QuizCard,
    correct: bool,
    answer: str = "",
    *,
    self_rating: Rating | int | None = None,
    now: datetime | None = None,
    scheduler: Scheduler | None = None,
) -> ReviewResult:
    """Schedule ``card`` after an answer and log the review, atomically."""
    when = (now or now_utc()).astimezone(UTC)
    sched = scheduler or make_scheduler()
    pid = profile_id(store, profile)
    rating = rating_for(correct, self_rating)
    with store.transaction() as c:
        row = c.execute("SELECT state FROM cards WHERE profile_id = ? AND card_id = ?", (pid, card.id)).fetchone()
        prior = row["state"] if row else None
        fcard = Card.from_dict(json.loads(prior)) if prior else new_fsrs_card(card.id, when)
        updated = _apply(fcard, rating, when, sched)
        state = json.dumps(updated.to_dict())
        c.execute(
            "INSERT INTO cards(profile_id, card_id, kind, article_id, state, due) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT(profile_id, card_id) DO UPDATE SET state = excluded.state, due = excluded.due, "
            "kind = excluded.kind, article_id = excluded.article_id",
            (pid, card.id, card.kind, card.article_id, state, iso(updated.due)),
        )
        cur = c.execute(
            "INSERT INTO reviews(profile_id, card_id, kind, article_id, correct, rating, answer, reviewed_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (pid, card.id, card.kind, card.article_id, int(bool(correct)), int(rating), answer or "", iso(when)),
        )
        review_id = int(cur.lastrowid)
    return ReviewResult(review_id, card.id, bool(correct), rating, updated.due, when, prior)


def amend_rating(
    store: Store,
    profile: str,
    card: QuizCard,
    result: ReviewResult,
    self_rating: Rating | int,
    *,
    scheduler: Scheduler | None = None,
) -> ReviewResult:
    """Replace the rating of the review ``result`` (the learner's self-rating after the feedback).

    The card is rescheduled from its state before that review, at the same review time; a wrong
    answer stays ``Again``.
    """
    sched = scheduler or make_scheduler()
    pid = profile_id(store, profile)
    rating = rating_for(result.correct, self_rating)
    fcard = Card.from_dict(json.loads(result.prior_state)) if result.prior_state else new_fsrs_card(card.id, result.reviewed_at)
    updated = _apply(fcard, rating, result.reviewed_at, sched)
    with store.transaction() as c:
        c.execute(
            "UPDATE cards SET state = ?, due = ? WHERE profile_id = ? AND card_id = ?",
            (json.dumps(updated.to_dict()), iso(updated.due), pid, card.id),
        )
        c.execute("UPDATE reviews SET rating = ? WHERE id = ? AND profile_id = ?", (int(rating), result.review_id, pid))
    return ReviewResult(result.review_id, card.id, result.correct, rating, updated.due, result.reviewed_at, result.prior_state)


def card_states(store: Store, profile: str) -> dict[str, Card]:
    pid = profile_id(store, profile)
    return {r["card_id"]: Card.from_dict(json.loads(r["state"])) for r in store.query("SELECT card_id, state FROM cards WHERE profile_id = ?", (pid,))}


def new_cards_today(store: Store, profile: str, now: datetime | None = None) -> int:
    """Cards this profile saw for the first time today (local day)."""
    pid = profile_id(store, profile)
    start = iso(day_start(now or now_utc()))
    row = store.conn.execute(
        "SELECT COUNT(*) AS n FROM (SELECT card_id, MIN(reviewed_at) AS first FROM reviews "
        "WHERE profile_id = ? GROUP BY card_id) WHERE first >= ?",
        (pid, start),
    ).fetchone()
    return int(row["n"])


def due_card_ids(store: Store, profile: str, now: datetime | None = None) -> list[str]:
    """Cards due at ``now``, most overdue first."""
    pid = profile_id(store, profile)
    rows = store.query(
        "SELECT card_id FROM cards WHERE profile_id = ? AND due <= ? ORDER BY due, card_id",
        (pid, iso(now or now_utc())),
    )
    return [r["card_id"] for r in rows]


@dataclass(frozen=True)
class Session:
    cards: tuple[QuizCard, ...]
    due: int  # how many of them are due reviews
    new: int  # how many are new
    due_total: int  # due cards matching the filters (before the size cut)
    new_left_today: int  # new cards still allowed today
    buried: int = 0  # new cards held back until tomorrow: a sibling was answered today or is in this session


def _entry_key(card: QuizCard) -> str | None:
    return card.entry_id or entry_of(card.id)


def _interleave(cards: Sequence[QuizCard], n: int, blocked: set[str]) -> list[QuizCard]:
    """Up to ``n`` new cards, round-robin across kinds (``KINDS`` order), catalog order within a kind.

    At most one card per glossary entry, and none of an entry in ``blocked``: a kind's turn takes
    its first card whose entry is still free, so a session mixes kinds *and* names.
    """
    by_kind: dict[str, list[QuizCard]] = defaultdict(list)
    for c in cards:
        by_kind[c.kind].append(c)
    queues = [by_kind[k] for k in (*KINDS, *sorted(set(by_kind) - set(KINDS))) if by_kind.get(k)]
    used = set(blocked)
    out: list[QuizCard] = []
    while len(out) < n and any(queues):
        for q in queues:
            if len(out) >= n:
                break
            while q:
                c = q.pop(0)
                e = _entry_key(c)
                if e is None or e not in used:
                    out.append(c)
                    if e is not None:
                        used.add(e)
                    break
    return out


def spread_siblings(cards: Sequence[QuizCard], gap: int = SIBLING_GAP) -> list[QuizCard]:
    """``cards`` reordered so that cards of the same glossary entry, and cards with the same
    evidence sentence, are more than ``gap`` positions apart where possible (deterministic).

    Greedy, position by position: the card placed is the one that is best on, in order,
    (1) distance to the last card of its entry (capped at ``gap + 1``: any free card is as good),
    (2) for entry-free cards, how many cards of its entry are still to place (so siblings that
    must be spread across the session start early), (3) distance to the last card with the same
    evidence sentence (capped), (4) the input order (due reviews first, most overdue first).
    When a constraint cannot be met (too many siblings for the session), the card goes as far from
    its siblings as the session allows.
    """
    cap = gap + 1
    remaining = list(enumerate(cards))
    entry_left: dict[str, int] = defaultdict(int)
    for _i, c in remaining:
        if _entry_key(c):
            entry_left[_entry_key(c)] += 1
    last_entry: dict[str, int] = {}
    last_evidence: dict[str, int] = {}
    out: list[QuizCard] = []
    while remaining:
        pos = len(out)

        def score(item: tuple[int, QuizCard]) -> tuple:
            i, c = item
            e = _entry_key(c)
            d_entry = min(pos - last_entry[e], cap) if e in last_entry else cap
            d_ev = min(pos - last_evidence[c.evidence], cap) if c.evidence in last_evidence else cap
            pressure = entry_left[e] - 1 if e and d_entry == cap else 0  # siblings still to place after it
            return (d_entry, pressure, d_ev, -i)

        best = max(remaining, key=score)
        remaining.remove(best)
        c = best[1]
        e = _entry_key(c)
        if e:
            last_entry[e] = pos
            entry_left[e] -= 1
        if c.evidence:
            last_evidence[c.evidence] = pos
        out.append(c)
    return out


def entries_answered_since(store: Store, profile: str, since: datetime) -> set[str]:
    """Glossary entries with a drill card answered by ``profile`` at or after ``since``."""
    pid = profile_id(store, profile)
    rows = store.query("SELECT DISTINCT card_id FROM reviews WHERE profile_id = ? AND reviewed_at >= ?", (pid, iso(since)))
    return {e for r in rows if (e := entry_of(r["card_id"]))}


def build_session(
    store: Store,
    profile: str,
    cards: Iterable[QuizCard],
    *,
    size: int = DEFAULT_SESSION_SIZE,
    new_per_day: int | None = None,
    article: str | None = None,
    kinds: Iterable[str] | None = None,
    now: datetime | None = None,
) -> Session:
    """Up to ``size`` cards: due reviews first (most overdue first), then new cards within today's limit.

    Siblings (the drills of one glossary entry: ar-en, en-ar, cloze, type) would give each other
    away, so, as Anki's "bury siblings" does:

    - a session introduces at most one new card per entry, and none of an entry that has a due
      card in the session or a card answered today (those new siblings wait until tomorrow);
    - the session is ordered by ``spread_siblings``: two cards of one entry, or with the same
      evidence sentence, are more than ``SIBLING_GAP`` positions apart where the session allows.

    Due reviews are never held back: a failed card comes back even if a sibling was seen today.
    """
    now = now or now_utc()
    pool = filter_cards(cards, article=article, kinds=kinds)
    by_id = {c.id: c for c in pool}
    due = [by_id[cid] for cid in due_card_ids(store, profile, now) if cid in by_id]
    limit = new_limit(store, profile) if new_per_day is None else max(0, new_per_day)
    left = max(0, limit - new_cards_today(store, profile, now))
    pid = profile_id(store, profile)
    seen = {r["card_id"] for r in store.query("SELECT card_id FROM cards WHERE profile_id = ?", (pid,))}
    chosen = due[:size]
    blocked = entries_answered_since(store, profile, day_start(now)) | {e for c in chosen if (e := _entry_key(c))}
    fresh_all = [c for c in pool if c.id not in seen]
    buried = sum(1 for c in fresh_all if _entry_key(c) in blocked)
    n_new = max(0, min(left, size - len(chosen)))
    chosen += _interleave(fresh_all, n_new, blocked)
    n_due = min(len(due), size)
    return Session(tuple(spread_siblings(chosen)), n_due, len(chosen) - n_due, len(due), left, buried)


# --- the running session (survives a page reload) --------------------------------------------


def _session_key(profile: str) -> str:
    return f"quiz.running.{clean_profile_name(profile)}"


def save_running_session(store: Store, profile: str, ids: Sequence[str], position: int, results: Sequence[bool],
                         *, now: datetime | None = None) -> None:
    """Remember ``profile``'s running session (card ids, position, answers so far) in the settings."""
    data = {"ids": list(ids), "i": int(position), "results": [bool(r) for r in results],
            "saved": iso(now or now_utc())}
    store.set_setting(_session_key(profile), json.dumps(data))


def clear_running_session(store: Store, profile: str) -> None:
    store.set_setting(_session_key(profile), "")


def load_running_session(store: Store, profile: str, *, now: datetime | None = None) -> dict | None:
    """``{"ids", "i", "results"}`` of ``profile``'s unfinished session saved today, else None.

    The position is the first unanswered card (an answer whose feedback was showing counts as
    done). Sessions from an earlier day, finished ones and damaged values are ignored.
    """
    raw = store.get_setting(_session_key(profile))
    if not raw:
        return None
    try:
        data = json.loads(raw)
        ids = [str(x) for x in data["ids"]]
        results = [bool(x) for x in data["results"]]
        i = max(int(data["i"]), len(results))
        saved = parse_iso(str(data["saved"]))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    if saved < day_start(now or now_utc()) or not ids or i >= len(ids) or len(results) > len(ids):
        return None
    return {"ids": ids, "i": i, "results": results}


def describe_due(due: datetime, now: datetime | None = None) -> str:
    """'now', 'in 10 minutes', 'in 3 hours', 'in 4 days', 'in 2 months' (rounded)."""
    seconds = (due - (now or now_utc())).total_seconds()
    if seconds < 30:
        return "now"
    for unit, size in (("month", 30 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "in 1 minute"


# --- progress ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ArticleProgress:
    cards_seen: int
    cards_total: int
    accuracy: float | None  # share of correct answers, None before any answer
    due_now: int


def article_progress(
    store: Store,
    profile: str,
    article_id: str,
    *,
    cards: Iterable[QuizCard] | None = None,
    now: datetime | None = None,
) -> ArticleProgress:
    """How far ``profile`` is with the quiz cards of one article (used by the library page)."""
    if cards is None:
        try:
            from bilingual.quiz import default_cards

            cards = default_cards()
        except Exception:  # a broken data file must not break the library page; `check` reports it
            cards = None
    pid = profile_id(store, profile)
    seen_rows = store.query("SELECT card_id, due FROM cards WHERE profile_id = ? AND article_id = ?", (pid, article_id))
    if cards is not None:
        ids = {c.id for c in cards if c.article_id == article_id}
        total = len(ids)
        seen_rows = [r for r in seen_rows if r["card_id"] in ids]
    else:
        total = len(seen_rows)
    cutoff = iso(now or now_utc())
    row = store.conn.execute(
        "SELECT COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ? AND article_id = ?", (pid, article_id)
    ).fetchone()
    acc = (row["ok"] or 0) / row["n"] if row["n"] else None
    return ArticleProgress(len(seen_rows), total, acc, sum(1 for r in seen_rows if r["due"] <= cutoff))


def review_rows(store: Store, profile: str) -> list[dict]:
    pid = profile_id(store, profile)
    return [
        dict(r)
        for r in store.query(
            "SELECT card_id, kind, article_id, correct, rating, answer, reviewed_at FROM reviews "
            "WHERE profile_id = ? ORDER BY reviewed_at, id",
            (pid,),
        )
    ]


def reviews_per_day(store: Store, profile: str, *, days: int = 30, now: datetime | None = None) -> list[dict]:
    """``[{date, reviews, correct, wrong}]`` for each local day of the last ``days`` days (zeros included)."""
    now = now or now_utc()
    today = now.astimezone().date()
    first = today - timedelta(days=days - 1)
    counts: dict = {first + timedelta(days=i): [0, 0] for i in range(days)}
    for r in review_rows(store, profile):
        d = parse_iso(r["reviewed_at"]).astimezone().date()
        if d in counts:
            counts[d][0] += 1
            counts[d][1] += int(r["correct"])
    return [{"date": d.isoformat(), "reviews": n, "correct": ok, "wrong": n - ok} for d, (n, ok) in counts.items()]


def accuracy_by(store: Store, profile: str, field: str) -> list[dict]:
    """``[{<field>, reviews, correct, accuracy}]`` grouped by ``article_id`` or ``kind``."""
    if field not in ("article_id", "kind"):
        raise ValueError("group by article_id or kind")
    pid = profile_id(store, profile)
    rows = store.query(
        f"SELECT {field} AS k, COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ? GROUP BY {field} ORDER BY {field}",
        (pid,),
    )
    return [{field: r["k"] or "", "reviews": r["n"], "correct": r["ok"] or 0, "accuracy": (r["ok"] or 0) / r["n"]} for r in rows]


def due_forecast(store: Store, profile: str, *, days: int = 14, now: datetime | None = None) -> list[dict]:
    """``[{date, due}]``: cards falling due on each of the coming local days (overdue count as today)."""
    now = now or now_utc()
    today = now.astimezone().date()
    out = {today + timedelta(days=i): 0 for i in range(days)}
    pid = profile_id(store, profile)
    for r in store.query("SELECT due FROM cards WHERE profile_id = ?", (pid,)):
        d = max(parse_iso(r["due"]).astimezone().date(), today)
        if d in out:
            out[d] += 1
    return [{"date": d.isoformat(), "due": n} for d, n in out.items()]


def streaks(store: Store, profile: str) -> dict[str, int]:
    """card id -> number of consecutive correct answers ending with the latest one."""
    out: dict[str, int] = {}
    broken: set[str] = set()
    for r in reversed(review_rows(store, profile)):
        cid = r["card_id"]
        if cid in broken:
            continue
        if r["correct"]:
            out[cid] = out.get(cid, 0) + 1
        else:
            out.setdefault(cid, 0)
            broken.add(cid)
    return out


@dataclass(frozen=True)
class MasteredTerm:
    entry_id: str
    card_ids: tuple[str, ...]
    best_stability: float
    best_streak: int


def entry_of(card_id: str) -> str | None:
    kind, _, rest = card_id.partition(":")
    return rest if kind in GLOSSARY_KINDS and rest else None


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
    r = store.conn.execute("SELECT COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ?", (pid,)).fetchone()
    seen = store.conn.execute("SELECT COUNT(*) AS n FROM cards WHERE profile_id = ?", (pid,)).fetchone()["n"]
    return Totals(r["n"], r["ok"] or 0, seen, len(due_card_ids(store, profile, now)), new_cards_today(store, profile, now))
