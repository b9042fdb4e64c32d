"""A quiz session: which cards, in which order, and the running session a reload resumes.

Sessions keep siblings (the drills of one glossary entry) from giving each other away, like
Anki's "bury siblings": at most one *new* card per entry per session, none of an entry answered
today (they wait until tomorrow; ``Session.buried`` counts them), and the session is ordered so two
cards of one entry, or with the same evidence sentence, are more than ``SIBLING_GAP`` (4) positions
apart where possible (``spread_siblings``, deterministic). Due reviews are never held back.

The running session (``QuizRun``: card ids, position, answers, the feedback on screen, when it started)
is saved in the learner's own settings (``quiz.running``) so reloading the Quiz page resumes it the
same day, on the feedback if it was showing.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from fsrs import Rating

from bilingual.quiz.cards import KINDS, QuizCard, entry_of, filter_cards
from bilingual.schedule.clock import day_start, iso, now_utc, parse_iso
from bilingual.schedule.profiles import new_limit, profile_id
from bilingual.schedule.reviews import ReviewResult
from bilingual.store import Store
from bilingual.store import profiles as profile_rows
from bilingual.store import reviews as review_rows

__all__ = [
    "DEFAULT_SESSION_SIZE",
    "SIBLING_GAP",
    "Feedback",
    "QuizRun",
    "Session",
    "build_session",
    "clear_running_session",
    "due_card_ids",
    "entries_answered_since",
    "load_running_session",
    "resume_run",
    "save_run",
    "new_cards_today",
    "save_running_session",
    "spread_siblings",
]

DEFAULT_SESSION_SIZE = 10
#: cards of one glossary entry (or one evidence sentence) are more than this many positions apart
SIBLING_GAP = 4


def new_cards_today(store: Store, profile: str, now: datetime | None = None) -> int:
    """Cards this profile saw for the first time today (local day)."""
    pid = profile_id(store, profile)
    return review_rows.first_reviews_since(store, pid, iso(day_start(now or now_utc())))


def due_card_ids(store: Store, profile: str, now: datetime | None = None) -> list[str]:
    """Cards due at ``now``, most overdue first."""
    return review_rows.due_card_ids(store, profile_id(store, profile), iso(now or now_utc()))


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

        def score(item: tuple[int, QuizCard], pos: int = pos) -> tuple:
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
    return {e for cid in review_rows.cards_reviewed_since(store, pid, iso(since)) if (e := entry_of(cid))}


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
    seen = review_rows.seen_card_ids(store, profile_id(store, profile))
    chosen = due[:size]
    blocked = entries_answered_since(store, profile, day_start(now)) | {e for c in chosen if (e := _entry_key(c))}
    fresh_all = [c for c in pool if c.id not in seen]
    buried = sum(1 for c in fresh_all if _entry_key(c) in blocked)
    n_new = max(0, min(left, size - len(chosen)))
    chosen += _interleave(fresh_all, n_new, blocked)
    n_due = min(len(due), size)
    return Session(tuple(spread_siblings(chosen)), n_due, len(chosen) - n_due, len(due), left, buried)


# --- the running session (survives a page reload) --------------------------------------------


@dataclass
class Feedback:
    """The answer just given to the current card, shown until the learner moves on."""

    card_id: str
    correct: bool
    expected: str
    response: str
    review: ReviewResult
    arabic: bool = False  # a key fact asked in Arabic
    note: str = ""  # why an almost-right answer is wrong (``quiz.answers.Verdict.note``)

    def to_dict(self) -> dict:
        r = self.review
        return {"card_id": self.card_id, "correct": self.correct, "expected": self.expected, "response": self.response,
                "arabic": self.arabic, "note": self.note, "review": {"id": r.review_id, "card_id": r.card_id, "correct": r.correct,
                "rating": int(r.rating), "due": iso(r.due), "at": iso(r.reviewed_at), "prior": r.prior_state,
                "duplicate": r.duplicate}}

    @classmethod
    def from_dict(cls, d: dict) -> Feedback:
        """Raises ValueError, TypeError or KeyError on a damaged value."""
        r = d["review"]
        prior = r["prior"]
        review = ReviewResult(int(r["id"]), str(r["card_id"]), bool(r["correct"]), Rating(int(r["rating"])),
                              parse_iso(str(r["due"])), parse_iso(str(r["at"])), None if prior is None else str(prior),
                              duplicate=bool(r.get("duplicate", False)))
        return cls(str(d["card_id"]), bool(d["correct"]), str(d["expected"]), str(d["response"]), review, bool(d["arabic"]),
                   str(d.get("note") or ""))


@dataclass
class QuizRun:
    """A session being answered: its cards, how far the learner is, what was answered.

    ``run`` numbers the sessions of a browser session (it keys the widgets, so a new session starts
    with empty forms); ``resumed`` says the run was restored from the store after a reload.
    """

    profile: str
    ids: list[str]
    position: int = 0
    results: list[bool] = field(default_factory=list)
    feedback: Feedback | None = None
    buried: int = 0
    run: int = 0
    resumed: bool = False
    #: when the run started (an answer to one of its cards counts once, ``record_answer(once_since=...)``)
    started: datetime = field(default_factory=now_utc)

    @property
    def done(self) -> bool:
        return self.position >= len(self.ids)

    @property
    def current_id(self) -> str | None:
        return None if self.done else self.ids[self.position]

    def answered(self, feedback: Feedback) -> None:
        self.feedback = feedback
        self.results.append(feedback.correct)

    def advance(self) -> None:
        self.position += 1
        self.feedback = None
        self.resumed = False


def save_run(store: Store, run: QuizRun) -> None:
    """Remember the run so a reload resumes it (forgotten once it is finished)."""
    if run.done:
        clear_running_session(store, run.profile)
    else:
        feedback = run.feedback.to_dict() if run.feedback is not None else None
        save_running_session(store, run.profile, run.ids, run.position, run.results, feedback=feedback, started=run.started)


def resume_run(store: Store, profile: str, *, run: int = 0, now: datetime | None = None) -> QuizRun | None:
    """``profile``'s unfinished run of today, from the store (None when there is none), showing the
    feedback that was on screen, if any."""
    saved = load_running_session(store, profile, now=now)
    if saved is None:
        return None
    feedback = Feedback.from_dict(saved["feedback"]) if saved.get("feedback") else None
    return QuizRun(profile, saved["ids"], saved["i"], saved["results"], feedback=feedback, run=run, resumed=True,
                   started=saved["started"])


_RUNNING = "quiz.running"


def save_running_session(store: Store, profile: str, ids: Sequence[str], position: int, results: Sequence[bool],
                         *, now: datetime | None = None, feedback: dict | None = None,
                         started: datetime | None = None) -> None:
    """Remember ``profile``'s running session (card ids, position, answers so far, the feedback on
    screen as ``Feedback.to_dict()``, when it started) in their settings."""
    now = now or now_utc()
    data = {"ids": list(ids), "i": int(position), "results": [bool(r) for r in results],
            "saved": iso(now), "started": iso(started or now)}
    if feedback is not None:
        data["feedback"] = feedback
    profile_rows.set_setting(store, profile_id(store, profile), _RUNNING, json.dumps(data))


def clear_running_session(store: Store, profile: str) -> None:
    profile_rows.set_setting(store, profile_id(store, profile), _RUNNING, "")


def load_running_session(store: Store, profile: str, *, now: datetime | None = None) -> dict | None:
    """``{"ids", "i", "results", "started"}`` of ``profile``'s unfinished session saved today, else None.

    The position is the first unanswered card, or the card whose feedback was showing: then
    ``"feedback"`` is added (a ``Feedback.to_dict()``; a damaged one is dropped and the session resumes at
    the next card). Sessions from an earlier day, finished ones and damaged values are ignored.
    """
    raw = profile_rows.get_setting(store, profile_id(store, profile), _RUNNING)
    if not raw:
        return None
    try:
        data = json.loads(raw)
        ids = [str(x) for x in data["ids"]]
        results = [bool(x) for x in data["results"]]
        i = max(int(data["i"]), len(results))
        saved = parse_iso(str(data["saved"]))
        started = parse_iso(str(data.get("started") or data["saved"]))
    except (ValueError, TypeError, KeyError, AttributeError):
        return None
    feedback = data.get("feedback")
    if _feedback_fits(feedback, ids, int(data["i"]), results):
        i = int(data["i"])  # still on the answered card: its feedback shows again
    else:
        feedback = None
    if saved < day_start(now or now_utc()) or not ids or i >= len(ids) or len(results) > len(ids):
        return None
    return {"ids": ids, "i": i, "results": results, "started": started, **({"feedback": feedback} if feedback else {})}


def _feedback_fits(feedback: object, ids: Sequence[str], position: int, results: Sequence[bool]) -> bool:
    """A saved feedback is for the card at ``position``, answered last, and readable."""
    if not isinstance(feedback, dict) or not 0 <= position < len(ids) or len(results) != position + 1:
        return False
    try:
        return Feedback.from_dict(feedback).card_id == ids[position]
    except (ValueError, TypeError, KeyError, AttributeError):
        return False
