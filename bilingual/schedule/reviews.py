"""Answering a card: FSRS scheduling and the review log, per profile, atomically.

Each quiz card becomes a row in ``cards`` the first time a profile answers it (``state`` =
``fsrs.Card.to_dict()`` as JSON, ``due`` = ISO 8601 UTC); every answer is a row in ``reviews``.
The rating comes from correctness: a wrong answer is always ``Again``; a right one is ``Good``
unless the learner picks a self-rating (Again/Hard/Good/Easy).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime

from fsrs import Card, Rating, Scheduler

from bilingual.quiz.cards import QuizCard
from bilingual.schedule.clock import UTC, iso, now_utc, parse_iso
from bilingual.schedule.profiles import profile_id
from bilingual.store import Store
from bilingual.store import reviews as review_rows

__all__ = [
    "RATING_NAMES",
    "ReviewResult",
    "amend_rating",
    "card_states",
    "fsrs_id",
    "make_scheduler",
    "new_fsrs_card",
    "rating_for",
    "record_answer",
]

RATING_NAMES = {Rating.Again: "Again", Rating.Hard: "Hard", Rating.Good: "Good", Rating.Easy: "Easy"}


def make_scheduler(enable_fuzzing: bool = True) -> Scheduler:
    return Scheduler(enable_fuzzing=enable_fuzzing)


def fsrs_id(card_id: str) -> int:
    """A stable positive integer for fsrs.Card.card_id (never the creation time)."""
    return int.from_bytes(hashlib.sha256(card_id.encode("utf-8")).digest()[:6], "big")


def new_fsrs_card(card_id: str, now: datetime) -> Card:
    return Card(card_id=fsrs_id(card_id), due=now)


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
    #: True when the card had already been answered since ``once_since`` (another window of the same
    #: learner): nothing was recorded, this is that earlier review
    duplicate: bool = False


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
    once_since: datetime | None = None,
) -> ReviewResult:
    """Schedule ``card`` after an answer and log the review, atomically.

    With ``once_since`` (when the quiz run showing the card started), a card the learner already
    answered since then — in another window or browser of theirs — is not counted again: nothing is
    written and the earlier review comes back with ``duplicate=True``.
    """
    when = (now or now_utc()).astimezone(UTC)
    sched = scheduler or make_scheduler()
    pid = profile_id(store, profile)
    rating = rating_for(correct, self_rating)
    with store.transaction():
        store.lock(f"card:{pid}:{card.id}")  # PostgreSQL: two sessions answering one card take turns
        if once_since is not None:
            earlier = review_rows.latest_review_since(store, pid, card.id, iso(once_since.astimezone(UTC)))
            if earlier is not None:
                state = review_rows.card_state(store, pid, card.id)
                due = Card.from_dict(json.loads(state)).due if state else when
                return ReviewResult(int(earlier["id"]), card.id, bool(earlier["correct"]), Rating(int(earlier["rating"])), due,
                                    parse_iso(earlier["reviewed_at"]), None, duplicate=True)
        prior = review_rows.card_state(store, pid, card.id)
        fcard = Card.from_dict(json.loads(prior)) if prior else new_fsrs_card(card.id, when)
        updated = _apply(fcard, rating, when, sched)
        review_rows.save_card(store, pid, card.id, card.kind, card.article_id, json.dumps(updated.to_dict()), iso(updated.due))
        review_id = review_rows.add_review(store, pid, card.id, card.kind, card.article_id, correct, int(rating), answer, iso(when))
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
    if result.duplicate:
        return result  # that review was another window's: its rating stays
    sched = scheduler or make_scheduler()
    pid = profile_id(store, profile)
    rating = rating_for(result.correct, self_rating)
    fcard = Card.from_dict(json.loads(result.prior_state)) if result.prior_state else new_fsrs_card(card.id, result.reviewed_at)
    updated = _apply(fcard, rating, result.reviewed_at, sched)
    with store.transaction():
        review_rows.set_card_state(store, pid, card.id, json.dumps(updated.to_dict()), iso(updated.due))
        review_rows.set_review_rating(store, pid, result.review_id, int(rating))
    return ReviewResult(result.review_id, card.id, result.correct, rating, updated.due, result.reviewed_at, result.prior_state)


def card_states(store: Store, profile: str) -> dict[str, Card]:
    """card id -> FSRS card, for every card ``profile`` has answered."""
    pid = profile_id(store, profile)
    return {cid: Card.from_dict(json.loads(state)) for cid, state in review_rows.card_states(store, pid).items()}
