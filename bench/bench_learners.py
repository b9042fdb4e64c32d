"""Learners and classrooms: quiz answers written per second by 8 and 32 concurrent writers, SQLite vs
PostgreSQL, and the class page's figures for 30 students x 400 cards.

    .venv/bin/python bench/bench_learners.py [--reviews 300] [--repeat 2]

Each writer is a process (an app process, or a session of one) answering quiz cards for its own
learner through the app's own path, ``schedule.record_answer`` (FSRS, the card's state and the review
in one transaction, with the card lock). All writers start together on a barrier after opening the
store; the rate is all reviews / (first start .. last finish). PostgreSQL is a throw-away cluster on
127.0.0.1 (tests/fixtures/pgcluster.py) with its **default, durable** settings (fsync on,
synchronous_commit on); SQLite is the app's file (WAL, synchronous FULL, busy timeout 30 s).

The class page: a class of 30 students with 5 assigned articles, each student with 400 cards and two
reviews per card (24,000 reviews in all) and a reading log; ``class_report`` timed cold (first call)
and warm (best of 5), on both back ends, plus the whole page (AppTest run of pages/8_Class.py, SQLite).
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("BILINGUAL_BCRYPT_ROUNDS", "4")

from bilingual import accounts, schedule  # noqa: E402
from bilingual.accounts import Role  # noqa: E402
from bilingual.classroom import add_students, assign, class_report, create_class  # noqa: E402
from bilingual.quiz.cards import QuizCard  # noqa: E402
from bilingual.store import Store, classes, reviews  # noqa: E402
from tests.fixtures.pgcluster import start_cluster  # noqa: E402

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def _card(i: int, article: str = "bench") -> QuizCard:
    return QuizCard(id=f"fact:{article}/q{i}", kind="fact", article_id=article, evidence="", entry_id=None,
                    prompt_en="?", answer="A", options=(), answer_lang="en")


def _writer(location: str, worker: int, n: int, barrier, out) -> None:
    store = Store(location)
    name = f"writer {worker}"
    schedule.profile_id(store, name)
    barrier.wait(timeout=120)
    t = time.perf_counter()
    for i in range(n):
        schedule.record_answer(store, name, _card(i), i % 3 != 0, "A", now=T0 + timedelta(seconds=i))
    out.put((t, time.perf_counter()))
    store.close()


def writers(location: str, count: int, n: int) -> float:
    """Reviews per second with ``count`` writer processes answering ``n`` cards each."""
    ctx = mp.get_context("spawn")
    barrier, out = ctx.Barrier(count), ctx.Queue()
    procs = [ctx.Process(target=_writer, args=(location, w, n, barrier, out)) for w in range(count)]
    for p in procs:
        p.start()
    spans = [out.get(timeout=600) for _ in procs]
    for p in procs:
        p.join()
        assert p.exitcode == 0
    store = Store(location)
    total = int(store.scalar("SELECT count(*) FROM reviews"))
    store.close()
    assert total == count * n, (total, count * n)
    return total / (max(e for _, e in spans) - min(s for s, _ in spans))


def build_class(store: Store, students: int = 30, cards: int = 400, articles: int = 5) -> object:
    teacher = accounts.create_learner(store, "teacher", Role.TEACHER, "teacher-pass")
    people = [accounts.create_learner(store, f"student {i:02d}", Role.STUDENT, None) for i in range(students)]
    klass = create_class(store, "Bench class", teacher)
    add_students(store, klass, people)
    names = [f"article-{a}" for a in range(articles)]
    for a in names:
        assign(store, klass, a, by=teacher, known_articles=set(names))
    per_article = cards // articles
    for p in people:
        with store.transaction():
            for i in range(cards):
                art = names[i // per_article]
                cid = f"fact:{art}/q{i}"
                reviews.save_card(store, p.id, cid, "fact", art, "{}", "2026-03-05T00:00:00.000000Z")
                for k in range(2):
                    reviews.add_review(store, p.id, cid, "fact", art, (i + k) % 4 != 0, 3, "", f"2026-03-0{1 + k}T10:00:00.000000Z")
        for art in names[:3]:
            classes.note_read(store, p.id, art)
    return klass


def class_timings(location: str) -> dict:
    store = Store(location)
    klass = build_class(store)
    totals = {f"article-{a}": 80 for a in range(5)}
    t = time.perf_counter()
    report = class_report(store, klass, totals)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        class_report(store, klass, totals)
        warm.append(time.perf_counter() - t)
    cells = len(report.cells)
    store.close()
    return {"cells": cells, "cold_s": round(cold, 4), "warm_best_s": round(min(warm), 4), "warm_median_s": round(sorted(warm)[2], 4)}


def page_timing(data_dir: Path) -> dict:
    """The whole Class page (AppTest, SQLite): log in as the teacher, then rerun it warm."""
    from streamlit.testing.v1 import AppTest

    os.environ["BILINGUAL_DATA_DIR"] = str(data_dir)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.switch_page("pages/8_Class.py")
    at.run()
    at.text_input(key="login_name").input("teacher")
    at.text_input(key="login_password").input("teacher-pass")
    next(b for b in at.button if b.label == "Log in").click().run()
    assert at.dataframe, "the class table did not render"
    runs = []
    for _ in range(5):
        t = time.perf_counter()
        at.run()
        runs.append(time.perf_counter() - t)
    assert len(at.dataframe[0].value) == 150
    return {"page_warm_best_s": round(min(runs), 4), "page_warm_median_s": round(sorted(runs)[2], 4)}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--reviews", type=int, default=300, help="reviews per writer")
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    results: dict = {"machine": {"cores": os.cpu_count(), "python": sys.version.split()[0]}}
    with tempfile.TemporaryDirectory(prefix="bench-learners-") as tmp, start_cluster(Path(tmp) / "pg") as cluster:
        n = 0
        for count in (8, 32):
            for backend in ("sqlite", "postgresql"):
                rates = []
                for _ in range(args.repeat):
                    n += 1
                    loc = cluster.create_database(f"w{n}") if backend == "postgresql" else str(Path(tmp) / f"w{n}.sqlite3")
                    Store(loc).close()  # created and migrated before the writers start, as the app does
                    rates.append(writers(loc, count, args.reviews))
                results[f"{backend} {count} writers (reviews/s)"] = [round(r) for r in rates]
                print(f"{backend:10} {count:2} writers x {args.reviews}: {', '.join(f'{r:,.0f}' for r in rates)} reviews/s", flush=True)
        sqlite_dir = Path(tmp) / "class"
        sqlite_dir.mkdir()
        results["class sqlite"] = class_timings(str(sqlite_dir / "bilingual.sqlite3"))
        print("class page figures, SQLite:", results["class sqlite"], flush=True)
        results["class postgresql"] = class_timings(cluster.create_database("classbench"))
        print("class page figures, PostgreSQL:", results["class postgresql"], flush=True)
        results["class page sqlite"] = page_timing(sqlite_dir)
        print("the whole Class page (AppTest, SQLite):", results["class page sqlite"], flush=True)
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
