"""Scheduling with FSRS (fixed clock, no fuzzing), sessions, persistence and progress figures."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from fsrs import Rating, Scheduler, State

from bilingual import schedule
from bilingual.quiz.cards import build_cards
from bilingual.schedule import (
    amend_rating,
    article_progress,
    build_session,
    due_card_ids,
    profile_id,
    record_answer,
)
from bilingual.store import Store
from tests.quiz.test_cards import load_world

T0 = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
SCHED = Scheduler(enable_fuzzing=False)


@pytest.fixture
def cards(tmp_path):
    corpus, glossary, qs = load_world(tmp_path / "world")
    return build_cards(corpus, glossary, qs)


@pytest.fixture
def store(data_dir):
    s = Store()
    yield s
    s.close()


def card(cards, cid):
    return next(c for c in cards if c.id == cid)


def answer(store, c, correct, when, profile="ana", **kw):
    return record_answer(store, profile, c, correct, "x", now=when, scheduler=SCHED, **kw)


def test_profiles_are_created_on_first_use(store):
    a = profile_id(store, "ana")
    assert profile_id(store, "  ana ") == a
    assert profile_id(store, "Omar") != a
    assert schedule.list_profiles(store) == ["ana", "Omar"]
    with pytest.raises(ValueError):
        profile_id(store, "   ")


def test_right_and_wrong_answers_schedule_differently(store, cards):
    fact = card(cards, "fact:alpha-2023/q01")
    other = card(cards, "fact:alpha-2023/q02")
    good = answer(store, fact, True, T0)
    again = answer(store, other, False, T0)
    assert good.rating == Rating.Good and again.rating == Rating.Again
    # FSRS defaults, no fuzz: Again → 1 minute, Good → 10 minutes (learning steps)
    assert again.due == T0 + timedelta(minutes=1)
    assert good.due == T0 + timedelta(minutes=10)
    assert due_card_ids(store, "ana", T0 + timedelta(minutes=5)) == [other.id]
    assert due_card_ids(store, "ana", T0 + timedelta(minutes=11)) == [other.id, fact.id]
    # Good again after 10 minutes graduates the card to Review, due in days
    graduated = answer(store, fact, True, T0 + timedelta(minutes=11))
    state = schedule.card_states(store, "ana")[fact.id]
    assert state.state == State.Review
    assert graduated.due - (T0 + timedelta(minutes=11)) >= timedelta(days=1)


def test_scheduling_is_reproducible_with_a_fixed_clock(data_dir, tmp_path, cards):
    dues = []
    for run in range(2):
        s = Store(tmp_path / f"run{run}.sqlite3")
        c = card(cards, "ar-en:moscow")
        when = T0
        for correct in (True, True, False, True, True):
            r = answer(s, c, correct, when)
            when = r.due
        dues.append(schedule.card_states(s, "ana")[c.id].to_dict())
        s.close()
    assert dues[0] == dues[1]


def test_self_rating_is_used_when_right_and_ignored_when_wrong(store, cards):
    c1, c2 = card(cards, "ar-en:moscow"), card(cards, "ar-en:armenia")
    easy = answer(store, c1, True, T0, self_rating=Rating.Easy)
    assert easy.rating == Rating.Easy and easy.due - T0 >= timedelta(days=1)
    wrong = answer(store, c2, False, T0, self_rating=Rating.Easy)
    assert wrong.rating == Rating.Again


def test_amending_the_rating_reschedules_from_the_prior_state(store, cards):
    c = card(cards, "type:moscow")
    first = answer(store, c, True, T0)
    amended = amend_rating(store, "ana", c, first, Rating.Easy, scheduler=SCHED)
    direct = Scheduler(enable_fuzzing=False).review_card(schedule.new_fsrs_card(c.id, T0), Rating.Easy, review_datetime=T0)[0]
    assert amended.due == direct.due
    rows = store.query("SELECT rating FROM reviews")
    assert [r["rating"] for r in rows] == [int(Rating.Easy)]  # still one review, now rated Easy


def test_state_is_fsrs_json_and_survives_a_restart(data_dir, cards):
    s = Store()
    c = card(cards, "fact:alpha-2023/q02")
    r = answer(s, c, True, T0)
    s.close()
    s2 = Store()  # a new process opening the same path
    row = s2.query("SELECT * FROM cards")[0]
    state = json.loads(row["state"])
    assert set(state) >= {"card_id", "state", "stability", "difficulty", "due", "last_review"}
    assert row["kind"] == "fact" and row["article_id"] == "alpha-2023"
    assert schedule.card_states(s2, "ana")[c.id].due == r.due
    assert due_card_ids(s2, "ana", T0 + timedelta(hours=1)) == [c.id]
    rev = s2.query("SELECT * FROM reviews")[0]
    assert (rev["card_id"], rev["correct"], rev["rating"], rev["answer"]) == (c.id, 1, 3, "x")
    s2.close()


def test_profiles_keep_separate_progress(store, cards):
    c = card(cards, "ar-en:moscow")
    answer(store, c, False, T0, profile="ana")
    assert due_card_ids(store, "ana", T0 + timedelta(hours=1)) == [c.id]
    assert due_card_ids(store, "omar", T0 + timedelta(hours=1)) == []


def test_session_puts_due_cards_first_then_new_within_the_daily_limit(store, cards):
    seen = card(cards, "ar-en:moscow")
    answer(store, seen, False, T0)
    later = T0 + timedelta(hours=1)
    s = build_session(store, "ana", cards, size=5, new_per_day=3, now=later)
    assert s.cards[0].id == seen.id
    assert (s.due, s.new, len(s.cards)) == (1, 2, 3)  # one new card already introduced today
    assert len({c.kind for c in s.cards[1:]}) == 2  # new cards mix kinds
    # the limit counts per day: tomorrow three new ones again
    tomorrow = build_session(store, "ana", cards, size=10, new_per_day=3, now=T0 + timedelta(days=1))
    assert tomorrow.new == 3


def test_session_filters_by_article_and_kind(store, cards):
    s = build_session(store, "ana", cards, size=50, new_per_day=50, article="alpha-2023", kinds=["fact"], now=T0)
    assert [c.id for c in s.cards] == ["fact:alpha-2023/q01", "fact:alpha-2023/q02"]
    s = build_session(store, "ana", cards, size=50, new_per_day=50, kinds=["cloze", "type"], now=T0)
    assert {c.kind for c in s.cards} == {"cloze", "type"}


def test_new_limit_is_a_setting_per_profile(store):
    assert schedule.new_limit(store, "ana") == schedule.DEFAULT_NEW_PER_DAY
    schedule.set_new_limit(store, "ana", 5)
    assert schedule.new_limit(store, "ana") == 5
    assert schedule.new_limit(store, "omar") == schedule.DEFAULT_NEW_PER_DAY


def test_article_progress(store, cards):
    total = sum(1 for c in cards if c.article_id == "alpha-2023")
    p = article_progress(store, "ana", "alpha-2023", cards=cards, now=T0)
    assert (p.cards_seen, p.cards_total, p.accuracy, p.due_now) == (0, total, None, 0)
    answer(store, card(cards, "fact:alpha-2023/q01"), True, T0)
    answer(store, card(cards, "fact:alpha-2023/q02"), False, T0)
    p = article_progress(store, "ana", "alpha-2023", cards=cards, now=T0 + timedelta(minutes=5))
    assert (p.cards_seen, p.cards_total, p.accuracy, p.due_now) == (2, total, 0.5, 1)


def test_progress_figures(store, cards):
    moscow = card(cards, "ar-en:moscow")
    when = T0
    for correct in (True, True, True):
        when = answer(store, moscow, correct, when).due
    answer(store, card(cards, "ar-en:armenia"), False, T0)
    answer(store, card(cards, "fact:alpha-2023/q01"), True, T0 + timedelta(days=1))
    now = T0 + timedelta(days=2)
    per_day = schedule.reviews_per_day(store, "ana", days=7, now=now)
    assert len(per_day) == 7 and sum(d["reviews"] for d in per_day) == 5
    assert sum(d["correct"] for d in per_day) == 4
    by_kind = {r["kind"]: r for r in schedule.accuracy_by(store, "ana", "kind")}
    assert by_kind["ar-en"]["reviews"] == 4 and by_kind["ar-en"]["accuracy"] == 0.75
    assert schedule.accuracy_by(store, "ana", "article_id")[0]["article_id"] == "alpha-2023"
    forecast = schedule.due_forecast(store, "ana", days=30, now=now)
    assert sum(d["due"] for d in forecast) == 3
    mastered = schedule.mastered_terms(store, "ana")
    assert [m.entry_id for m in mastered] == ["moscow"]  # 3 right in a row; armenia was wrong
    assert mastered[0].best_streak == 3
    t = schedule.totals(store, "ana", now)
    assert (t.reviews, t.correct, t.cards_seen) == (5, 4, 3)


def test_stability_alone_can_master_a_term(store, cards):
    c = card(cards, "en-ar:brussels")
    answer(store, c, True, T0, self_rating=Rating.Easy)
    with store.transaction() as conn:  # pretend a long history: stability 30 days
        row = conn.execute("SELECT state FROM cards WHERE card_id = ?", (c.id,)).fetchone()
        st = json.loads(row["state"])
        st["stability"] = 30.0
        conn.execute("UPDATE cards SET state = ? WHERE card_id = ?", (json.dumps(st), c.id))
    assert [m.entry_id for m in schedule.mastered_terms(store, "ana")] == ["brussels"]


def test_due_times_read_naturally():
    assert schedule.describe_due(T0, T0) == "now"
    assert schedule.describe_due(T0 + timedelta(seconds=50), T0) == "in 1 minute"
    assert schedule.describe_due(T0 + timedelta(minutes=10), T0) == "in 10 minutes"
    assert schedule.describe_due(T0 + timedelta(days=3, hours=2), T0) == "in 3 days"
    assert schedule.describe_due(T0 + timedelta(days=65), T0) == "in 2 months"


# --- sessions: siblings apart (QA: four Sergei Lavrov cards in a row gave each other away) -------


LAVROV = ["ar-en:sergei-lavrov", "en-ar:sergei-lavrov", "cloze:sergei-lavrov", "type:sergei-lavrov"]


def positions(session, pred) -> list[int]:
    return [i for i, c in enumerate(session.cards) if pred(c)]


def test_a_fresh_session_has_one_card_per_name_and_mixes_kinds(store, cards):
    s = build_session(store, "ana", cards, size=50, new_per_day=50, now=T0)
    entries = [c.entry_id for c in s.cards if c.entry_id]
    assert len(entries) == len(set(entries))  # at most one new card per entry and session
    assert {c.kind for c in s.cards} == {"fact", "ar-en", "en-ar", "cloze", "type"}
    assert [c.id for c in s.cards][:3] == ["fact:alpha-2023/q01", "en-ar:nikol-pashinyan", "type:vladimir-putin"]
    assert s == build_session(store, "ana", cards, size=50, new_per_day=50, now=T0)  # deterministic


def test_due_siblings_are_spread_more_than_the_gap_apart(store, cards):
    for cid in LAVROV:  # all four drills of one name failed: all due together
        answer(store, card(cards, cid), False, T0)
    s = build_session(store, "ana", cards, size=20, new_per_day=50, now=T0 + timedelta(minutes=30))
    assert s.due == 4
    pos = positions(s, lambda c: c.entry_id == "sergei-lavrov")
    assert len(pos) == 4
    assert all(b - a > schedule.SIBLING_GAP for a, b in zip(pos, pos[1:], strict=False)), pos
    assert pos[0] == 0  # the siblings that need the room start early
    others = [c.entry_id for c in s.cards if c.entry_id and c.entry_id != "sergei-lavrov"]
    assert len(others) == len(set(others))


def test_spreading_does_what_it_can_when_the_session_is_too_small(store, cards):
    for cid in LAVROV:
        answer(store, card(cards, cid), False, T0)
    answer(store, card(cards, "ar-en:moscow"), False, T0)
    s = build_session(store, "ana", cards, size=5, new_per_day=0, now=T0 + timedelta(minutes=30))
    assert len(s.cards) == 5
    assert len(positions(s, lambda c: c.entry_id == "sergei-lavrov")) == 4  # due reviews are never dropped
    assert positions(s, lambda c: c.entry_id == "moscow")[0] in (1, 2, 3)  # the other name breaks the run


def test_cards_with_the_same_evidence_sentence_are_kept_apart():
    from dataclasses import replace

    from bilingual.quiz import QuizCard

    base = QuizCard(id="", kind="fact", article_id="a", evidence=None, entry_id=None, prompt_en="?", answer="x", answer_lang="en")
    deck = [replace(base, id=f"fact:a/q{i}", evidence="a/s001" if i < 2 else f"a/s{i:03}") for i in range(8)]
    out = schedule.spread_siblings(deck)
    pos = [i for i, c in enumerate(out) if c.evidence == "a/s001"]
    assert pos[1] - pos[0] > schedule.SIBLING_GAP
    assert sorted(c.id for c in out) == sorted(c.id for c in deck)
    assert schedule.spread_siblings(deck) == out


def test_new_siblings_of_a_name_answered_today_wait_until_tomorrow(store, cards):
    answer(store, card(cards, "ar-en:moscow"), True, T0, self_rating=Rating.Easy)  # due in days
    today = build_session(store, "ana", cards, size=50, new_per_day=50, now=T0 + timedelta(minutes=30))
    assert not [c.id for c in today.cards if c.entry_id == "moscow"]
    assert today.buried == 3  # en-ar, cloze and type of Moscow
    tomorrow = build_session(store, "ana", cards, size=50, new_per_day=50, now=T0 + timedelta(days=1))
    assert len([c for c in tomorrow.cards if c.entry_id == "moscow"]) == 1
    assert tomorrow.buried == 0


# --- the running session survives a reload ------------------------------------------------------


def test_running_session_is_saved_per_profile_and_resumes_at_the_next_card(store):
    assert schedule.load_running_session(store, "ana", now=T0) is None
    schedule.save_running_session(store, "ana", ["a", "b", "c"], 1, [True], now=T0)
    assert schedule.load_running_session(store, "ana", now=T0 + timedelta(minutes=5)) == {
        "ids": ["a", "b", "c"], "i": 1, "results": [True], "started": T0}
    # answered card 2, its feedback was showing: resume at card 3
    schedule.save_running_session(store, "ana", ["a", "b", "c"], 1, [True, False], now=T0)
    assert schedule.load_running_session(store, "ana", now=T0)["i"] == 2
    assert schedule.load_running_session(store, "omar", now=T0) is None
    # an old session is not resumed the next day; a finished or cleared one never
    assert schedule.load_running_session(store, "ana", now=T0 + timedelta(days=1)) is None
    schedule.save_running_session(store, "ana", ["a"], 1, [True], now=T0)
    assert schedule.load_running_session(store, "ana", now=T0) is None
    schedule.save_running_session(store, "ana", ["a", "b"], 0, [], now=T0)
    schedule.clear_running_session(store, "ana")
    assert schedule.load_running_session(store, "ana", now=T0) is None


@pytest.mark.parametrize("raw", ["{", "[]", '{"ids": 3}', '{"ids": ["a"], "i": "x", "results": [], "saved": "now"}'])
def test_a_damaged_saved_session_is_ignored(store, raw):
    from bilingual.store import profiles

    profiles.set_setting(store, schedule.profile_id(store, "ana"), "quiz.running", raw)
    assert schedule.load_running_session(store, "ana", now=T0) is None


def _feedback(card_id: str) -> schedule.Feedback:
    review = schedule.ReviewResult(7, card_id, False, Rating.Again, T0 + timedelta(minutes=10), T0, '{"state": 1}')
    return schedule.Feedback(card_id, False, "موسكو", "وموسكو", review, arabic=False)


def test_a_reload_while_the_feedback_shows_resumes_on_that_feedback(store):
    run = schedule.QuizRun("ana", ["a", "b", "c"], position=1, results=[True])
    run.answered(_feedback("b"))
    schedule.save_run(store, run)
    again = schedule.resume_run(store, "ana", run=2, now=T0 + timedelta(minutes=1))
    assert (again.position, again.results, again.current_id) == (1, [True, False], "b")
    assert again.feedback == run.feedback  # the answer, what was expected, the review and its due date
    assert again.feedback.review.prior_state == '{"state": 1}'
    again.advance()
    schedule.save_run(store, again)
    resumed = schedule.resume_run(store, "ana", now=T0 + timedelta(minutes=2))
    assert (resumed.position, resumed.feedback) == (2, None)


def test_the_last_cards_feedback_survives_a_reload_too(store):
    run = schedule.QuizRun("ana", ["a", "b"], position=1, results=[True])
    run.answered(_feedback("b"))
    schedule.save_run(store, run)
    again = schedule.resume_run(store, "ana", now=T0 + timedelta(minutes=1))
    assert again is not None and not again.done and again.feedback.card_id == "b"


@pytest.mark.parametrize("damage", [{"card_id": "c"}, {"review": {"rating": 9}}, {"review": None}, {"card_id": None}])
def test_a_damaged_saved_feedback_resumes_at_the_next_card(store, damage):
    good = _feedback("b").to_dict()
    schedule.save_running_session(store, "ana", ["a", "b", "c"], 1, [True, False], now=T0, feedback={**good, **damage})
    saved = schedule.load_running_session(store, "ana", now=T0)
    assert saved == {"ids": ["a", "b", "c"], "i": 2, "results": [True, False], "started": T0}
