"""Progress figures from aggregated queries (issue 18, part 4) give what the review log says, at size:
the Library's figures for every article in two queries, the per-day counts and the streaks from
index ranges (timings are in ``bench/bench_scale.py``, not here)."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta

import pytest

from bilingual import schedule
from bilingual.quiz.cards import build_cards
from bilingual.schedule import article_progress, library_progress, profile_id
from bilingual.store import Store, learner_data
from tests.quiz.test_cards import load_world

NOW = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)


@pytest.fixture
def world(tmp_path, data_dir):
    corpus, glossary, qs = load_world(tmp_path / "world")
    cards = build_cards(corpus, glossary, qs)
    store = Store()
    pid = profile_id(store, "ana")
    rng = random.Random(5)
    reviews, states = [], {}
    for i in range(3000):  # 3,000 answers over 40 days, to every card, 60 % right
        c = cards[i % len(cards)]
        at = NOW - timedelta(days=40) + timedelta(seconds=i * 1150)
        reviews.append({"card_id": c.id, "kind": c.kind, "article_id": c.article_id, "correct": int(rng.random() < 0.6),
                        "rating": 3, "answer": "x", "reviewed_at": at.strftime("%Y-%m-%dT%H:%M:%S.000Z")})
        due = NOW + timedelta(hours=rng.randint(-48, 48))
        states[c.id] = {"card_id": c.id, "kind": c.kind, "article_id": c.article_id, "state": "{}",
                        "due": due.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "created_at": reviews[0]["reviewed_at"]}
    with store.transaction():
        learner_data.load(store, pid, {"reviews": reviews, "cards": list(states.values())})
    yield store, cards, reviews
    store.close()


def test_the_library_figures_equal_each_articles_own(world):
    store, cards, _ = world
    articles = sorted({c.article_id for c in cards if c.article_id})
    together = library_progress(store, "ana", articles, cards, now=NOW)
    assert together == {a: article_progress(store, "ana", a, cards, now=NOW) for a in articles}
    assert sum(p.cards_seen for p in together.values()) > 0


def test_reviews_per_day_count_every_answer_once(world):
    store, _, reviews = world
    days = schedule.reviews_per_day(store, "ana", days=60, now=NOW)
    by_day: dict[str, list[int]] = {}
    for r in reviews:
        d = datetime.strptime(r["reviewed_at"], "%Y-%m-%dT%H:%M:%S.000Z").replace(tzinfo=UTC).astimezone().date().isoformat()
        by_day.setdefault(d, [0, 0])
        by_day[d][0] += 1
        by_day[d][1] += r["correct"]
    assert {d["date"]: [d["reviews"], d["correct"]] for d in days if d["reviews"]} == by_day


def test_streaks_are_the_right_answers_since_the_last_wrong_one(world):
    store, _, reviews = world
    expected: dict[str, int] = {}
    for r in reviews:  # oldest first
        expected[r["card_id"]] = expected.get(r["card_id"], 0) + 1 if r["correct"] else 0
    assert schedule.streaks(store, "ana") == expected
