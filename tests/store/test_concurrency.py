"""Many writers at once (app sessions, CLI jobs, several app processes): every review lands, nobody sees
"database is locked" — on SQLite and on PostgreSQL."""

from __future__ import annotations

import multiprocessing as mp
import threading
import time
import traceback
from collections import Counter
from pathlib import Path

from bilingual.store import Store, profiles, reviews, utc_now

WORKERS = 8
REVIEWS = 500


def _write_reviews(path: str, worker: int, start, errors) -> None:
    """One writer: opens the store (maybe creating it), then 500 reviews, each in its own transaction."""
    try:
        start.wait(timeout=60)
        s = Store(path if path.startswith("postgresql://") else Path(path))
        pid = profiles.ensure(s, "default")
        for i in range(REVIEWS):
            with s.transaction():
                reviews.add_review(s, pid, f"w{worker}-{i}", "fact", None, i % 2 == 1, 3, f"answer {i}", utc_now())
        s.close()
    except BaseException:  # report everything to the parent, which fails the test
        errors.put(f"worker {worker}: {traceback.format_exc()}")


def _check(path: Path | str) -> None:
    s = Store(path)
    assert s.check() == "ok"
    assert s.query("SELECT count(*) FROM reviews")[0][0] == WORKERS * REVIEWS
    ids = [r[0] for r in s.query("SELECT card_id FROM reviews")]
    per_worker = Counter(cid.split("-")[0] for cid in ids)
    assert per_worker == {f"w{w}": REVIEWS for w in range(WORKERS)}
    assert len(set(ids)) == WORKERS * REVIEWS
    s.close()


def _run_all(workers: list) -> float:
    """Start every worker (process or thread), wait for all; the seconds it took."""
    t0 = time.perf_counter()
    for w in workers:
        w.start()
    for w in workers:
        w.join(timeout=120)
    return time.perf_counter() - t0


def _eight_processes(path: Path | str) -> float:
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    start, errors = ctx.Barrier(WORKERS), ctx.Queue()
    procs = [ctx.Process(target=_write_reviews, args=(str(path), w, start, errors)) for w in range(WORKERS)]
    elapsed = _run_all(procs)
    problems = []
    while not errors.empty():
        problems.append(errors.get())
    assert not problems, "\n".join(problems)
    assert [p.exitcode for p in procs] == [0] * WORKERS
    _check(path)
    return elapsed


def test_eight_processes_writing_at_once(data_dir):
    path = data_dir / "bilingual.sqlite3"  # not created yet: the processes also race to create and migrate it
    elapsed = _eight_processes(path)
    print(f"{WORKERS} processes x {REVIEWS} reviews: {WORKERS * REVIEWS} rows in {elapsed:.1f}s")


def test_eight_processes_writing_at_once_to_postgresql(pg_url):
    """Eight app processes on one PostgreSQL database (empty: they also race to migrate it), each with its pool."""
    elapsed = _eight_processes(pg_url)
    print(f"PostgreSQL: {WORKERS} processes x {REVIEWS} reviews: {WORKERS * REVIEWS} rows in {elapsed:.1f}s")


class _ListQueue(list):
    def put(self, item: str) -> None:
        self.append(item)


def test_eight_threads_sharing_one_store(data_dir):
    path = data_dir / "bilingual.sqlite3"
    Store(path).close()
    start, errors = threading.Barrier(WORKERS), _ListQueue()
    elapsed = _run_all([threading.Thread(target=_write_reviews, args=(str(path), w, start, errors)) for w in range(WORKERS)])
    assert not errors, "\n".join(errors)
    _check(path)
    print(f"{WORKERS} threads x {REVIEWS} reviews: {WORKERS * REVIEWS} rows in {elapsed:.1f}s")


def test_one_store_object_used_from_eight_threads(data_dir):
    """The app's case: one cached Store, each Streamlit session thread writing through it."""
    s = Store(data_dir / "bilingual.sqlite3")
    pid = profiles.ensure(s, "default")
    errors: list[str] = []
    start = threading.Barrier(WORKERS)

    def work(worker: int) -> None:
        try:
            start.wait()
            for i in range(REVIEWS):
                with s.transaction():
                    reviews.add_review(s, pid, f"w{worker}-{i}", "fact", None, True, 3, "", utc_now())
        except BaseException:
            errors.append(traceback.format_exc())

    _run_all([threading.Thread(target=work, args=(w,)) for w in range(WORKERS)])
    assert not errors, "\n".join(errors)
    _check(s.path)
