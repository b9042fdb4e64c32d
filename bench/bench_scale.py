"""Scale benchmark (issue 18, part 4): the pages and calls whose cost must stay linear, at the sizes of
the issue's table, in Streamlit's AppTest (no browser) unless the row says otherwise.

    .venv/bin/python bench/bench_scale.py                    # every row, 120 s per cell at most
    .venv/bin/python bench/bench_scale.py --rows terms,add   # some rows only
    .venv/bin/python bench/bench_scale.py --timeout 600
    .venv/bin/python bench/bench_scale.py --rows quiz,quiz_session,quiz_browser --repeat 5

Each cell runs in its own process (a fresh database in a temp dir, built through the app's own
repository functions) with a time limit, so a quadratic page shows as "> N s" instead of hanging the
run. Times are seconds, wall clock:

* page rows: the page is opened once (imports, the corpus, the caches), then the data is added, then
  a new session opens the page ("first": the caches keyed by the learner's glossary are cold) and
  reruns it twice ("warm": the best of the two reruns);
  (``quiz_session``: the session that opened the page reruns it, as after a click in the sidebar:
  AppTest's own start, about 0.2 s, is then not counted);
* ``quiz_browser``: ``streamlit run app.py`` and Chromium: the Library opened, the terms added, the
  Quiz clicked in the sidebar; seconds until its card count shows (first visit, second in brackets);
* ``add_personal_term``: one call with N terms already there (best of 5 calls);
* Progress: the page's figures for one learner with N reviews over the last 90 days.

The data: imported texts are curated sentences in a new order (about 2,000 characters each, every
body distinct), reviews are answers to the curated quiz cards (about 450 cards, 60 % right), personal
terms are made-up five-letter Arabic names with an English name and a description.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

#: row name -> (label, sizes, what the issue measured before, the goal)
ROWS: dict[str, tuple[str, tuple[int, ...], str]] = {
    "library": ("Library × imported texts (warm)", (1, 50, 200), "1: 0.02 s · 50: 0.18 · 200: 0.60"),
    "library_reviews": ("Library, 200 texts + N reviews (warm)", (100_000,), "24.5–27 s; goal < 0.5 s"),
    "terms": ("My terms × personal terms (warm)", (50, 100, 200, 400, 1_000, 10_000), "1k: > 400 s; goal 10k < 1 s"),
    "add": ("add_personal_term, one call × terms", (0, 1_000, 10_000), "0: 1.8 ms · 1k: 10 · 10k: 209; goal O(1)"),
    "quiz": ("Quiz first load × personal terms", (0, 1_000, 10_000), "0: 0.13 s · 1k: 0.6 · 10k: 21.9; goal 10k < 1 s"),
    "quiz_session": ("Quiz first load × personal terms, in the open session", (0, 10_000), "goal 10k < 1 s"),
    "quiz_browser": ("Quiz in Chromium, clicked from the Library: first visit", (0, 10_000), "(second visit in brackets)"),
    "glossary": ("Glossary page × personal terms (warm)", (1_000, 10_000), "1k: 0.17 s · 10k: 1.3"),
    "progress": ("Progress × reviews (warm)", (10_000, 100_000, 1_000_000), "10k: 0.27 s · 100k: 2.1 · 1M: 20; goal 1M < 2 s"),
}

PAGES = {
    "library": "app.py",
    "library_reviews": "app.py",
    "terms": "pages/6_My_terms.py",
    "quiz": "pages/3_Quiz.py",
    "quiz_session": "pages/3_Quiz.py",
    "glossary": "pages/2_Glossary.py",
    "progress": "pages/4_Progress.py",
}
NOW = datetime.now(UTC)
LETTERS = "بتثجحخدذرزسشصضطظعغفقكمنهي"


# --- building the data (in the cell's process) ---------------------------------------------------


def _learner(store):
    from bilingual.accounts import create_learner, list_learners

    found = list_learners(store)
    return found[0] if found else create_learner(store, "default")


def add_texts(store, owner: int, n: int) -> None:
    from bilingual.corpus import default_corpus
    from bilingual.imports.texts import save_text

    sentences = [s.ar for a in default_corpus() for s in a.sentences]
    rng = random.Random(7)
    for i in range(n):
        picked = rng.sample(sentences, 14)
        body = "\n\n".join(" ".join(picked[j : j + 2]) for j in range(0, 14, 2))
        save_text(store, f"{body}\n\nالنص {'ب' * (i % 7 + 1)}{'ت' * (i // 7 % 7 + 1)}{'ث' * (i // 49 + 1)}",
                  f"نص للقراءة {i}", owner=owner)


def add_reviews(store, pid: int, n: int, days: int = 90) -> None:
    """``n`` answers to the curated cards over the last ``days`` days, with the cards' states."""
    from fsrs import Card

    from bilingual.corpus import default_corpus
    from bilingual.glossary import default_glossary
    from bilingual.quiz import cards_for
    from bilingual.schedule.reviews import fsrs_id
    from bilingual.store import learner_data

    cards = cards_for(default_corpus(), default_glossary())
    rng = random.Random(11)
    span = days * 86400
    reviews = []
    for i in range(n):
        c = cards[i % len(cards)]
        at = NOW - timedelta(seconds=span * (n - i) / n)
        reviews.append({"card_id": c.id, "kind": c.kind, "article_id": c.article_id, "correct": int(rng.random() < 0.6),
                        "rating": 3, "answer": "x", "reviewed_at": at.strftime("%Y-%m-%dT%H:%M:%S.") + f"{at.microsecond // 1000:03d}Z"})
    states = []
    for j, c in enumerate(cards[: min(n, len(cards))]):
        due = NOW + timedelta(days=(j % 20) - 5)
        state = json.dumps(Card(card_id=fsrs_id(c.id), due=due, stability=float(j % 40)).to_dict())
        states.append({"card_id": c.id, "kind": c.kind, "article_id": c.article_id, "state": state,
                       "due": due.strftime("%Y-%m-%dT%H:%M:%S.000Z"), "created_at": reviews[0]["reviewed_at"]})
    for start in range(0, len(reviews), 50_000):
        with store.transaction():
            learner_data.load(store, pid, {"reviews": reviews[start : start + 50_000], "cards": states if start == 0 else []})


def term_fields(i: int) -> dict:
    rng = random.Random(i)
    ar = "".join(rng.choice(LETTERS) for _ in range(5)) + " " + "".join(rng.choice(LETTERS) for _ in range(4))
    return {"ar": ar, "en": f"Person {i}", "type": "person", "description": f"A made-up person number {i}."}


def add_terms(store, owner: int, n: int) -> None:
    """``n`` personal terms, written directly (one transaction), each a valid entry the page can show."""
    from bilingual.glossary import Entry
    from bilingual.store import terms

    keys_of = getattr(terms, "form_keys", None)  # the spellings' match keys (absent before issue 18)
    with store.transaction():
        for i in range(n):
            f = term_fields(i)
            entry = Entry(id=f"person-{i}", type="person", ar=f["ar"], en=f["en"], description=f["description"], origin="mine")
            raw = json.dumps({k: v for k, v in entry.to_dict().items() if k != "origin"}, ensure_ascii=False)
            if keys_of is None:
                terms.add(store, owner, entry.id, raw)
            else:
                terms.add(store, owner, entry.id, raw, keys_of(raw))


# --- one cell ------------------------------------------------------------------------------------


def _page_times(page: str, build, *, same_session: bool = False) -> tuple[float, float]:
    """(first, warm) of ``page`` after ``build()`` added the data; the first load in a new AppTest
    session, or with ``same_session`` in the session that opened the page before the data was added
    (a new AppTest session also pays AppTest's own start, about 0.2 s here: it scans the installed
    packages for Streamlit components and compiles the page, which a server does once)."""
    from streamlit.testing.v1 import AppTest

    def app() -> AppTest:
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=3600)
        if page != "app.py":
            at.switch_page(page)
        return at

    def timed(at: AppTest) -> float:
        t = time.perf_counter()
        at.run()
        dt = time.perf_counter() - t
        if at.exception:
            raise RuntimeError(f"{page}: {at.exception[0].message}")
        return dt

    opened = app()
    timed(opened)  # imports, the corpus, the curated glossary's caches
    build()
    at = opened if same_session else app()
    first = timed(at)
    warm = min(timed(at), timed(at))
    return first, warm


def cell(row: str, n: int) -> dict:
    from bilingual.store import Store

    store = Store()
    me = _learner(store)
    if row == "add":
        from bilingual.glossary import default_glossary
        from bilingual.imports.personal_terms import add_personal_term

        add_terms(store, me.id, n)
        times = []
        for k in range(5):
            t = time.perf_counter()
            add_personal_term(store, term_fields(n + 1 + k) | {"en": f"New person {k}"}, default_glossary(), owner=me.id)
            times.append(time.perf_counter() - t)
        return {"first": min(times), "warm": min(times)}

    def build() -> None:
        if row == "library":
            add_texts(store, me.id, n)
        elif row == "library_reviews":
            add_texts(store, me.id, 200)
            add_reviews(store, me.id, n)
        elif row in ("terms", "quiz", "quiz_session", "glossary", "quiz_browser"):
            add_terms(store, me.id, n)
        elif row == "progress":
            add_reviews(store, me.id, n)

    if row == "quiz_browser":
        return _browser_quiz(build)
    first, warm = _page_times(PAGES[row], build, same_session=row == "quiz_session")
    return {"first": first, "warm": warm}


def _browser_quiz(build) -> dict:
    """`streamlit run app.py` on this cell's data, the Library opened in Chromium, the data added, then
    the Quiz clicked in the sidebar: seconds until its card count shows (first visit, then a second
    visit after the Progress page)."""
    import socket

    from playwright.sync_api import sync_playwright

    from tests.pages.browser import CHROMIUM, CHROMIUM_ARGS, wait_healthy

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1",
                             "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
                             "--server.fileWatcherType", "none"], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    nav = '[data-testid="stSidebarNav"] a[href$="/{}"]'
    try:
        if not wait_healthy(url, proc):
            raise RuntimeError("the server did not start")
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page()
            page.goto(url)
            page.wait_for_selector(nav.format("Quiz"), timeout=120_000)
            time.sleep(4)  # the Library settled
            build()
            visits = []
            for _ in range(2):
                t = time.perf_counter()
                page.locator(nav.format("Quiz")).click()
                page.wait_for_selector("text=cards in this selection", timeout=120_000)
                visits.append(time.perf_counter() - t)
                page.locator(nav.format("Progress")).click()
                page.wait_for_timeout(3000)
            browser.close()
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    return {"first": visits[0], "warm": visits[1]}


# --- the table -----------------------------------------------------------------------------------


def run_cell(row: str, n: int, timeout: float) -> dict:
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        env = dict(os.environ, BILINGUAL_DATA_DIR=tmp, HOME=tmp, XDG_CACHE_HOME=tmp, STREAMLIT_BROWSER_GATHER_USAGE_STATS="false")
        env.pop("BILINGUAL_DATABASE_URL", None)
        try:
            proc = subprocess.run([sys.executable, __file__, "--cell", row, str(n)], env=env, cwd=ROOT, capture_output=True,
                                  text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return {"timeout": timeout}
        if proc.returncode != 0:
            return {"error": (proc.stderr.strip().splitlines() or ["?"])[-1]}
        return json.loads(proc.stdout.strip().splitlines()[-1])


def _spread(values: list[float]) -> str:
    """The median, with the range when there are several runs."""
    mid = statistics.median(values)
    return f"{mid:.2f} s" if len(values) == 1 else f"{mid:.2f} s ({min(values):.2f}–{max(values):.2f}, {len(values)} runs)"


def fmt(results: list[dict], row: str) -> str:
    for result in results:
        if "timeout" in result:
            return f"> {result['timeout']:.0f} s"
        if "error" in result:
            return f"error: {result['error']}"
    first = [r["first"] for r in results]
    warm = [r["warm"] for r in results]
    if row == "add":
        return f"{statistics.median(warm) * 1000:.1f} ms"
    if row in ("quiz", "quiz_session"):
        return _spread(first)
    if row == "quiz_browser":
        return f"{_spread(first)} [{statistics.median(warm):.2f} s]"
    return f"{_spread(warm)} (first {statistics.median(first):.2f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rows", default=",".join(ROWS), help=f"comma-separated, of {', '.join(ROWS)}")
    ap.add_argument("--timeout", type=float, default=120.0, help="seconds per cell (default 120)")
    ap.add_argument("--repeat", type=int, default=1, help="runs per cell, each in a new process (the median is shown)")
    ap.add_argument("--cell", nargs=2, metavar=("ROW", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.cell:
        print(json.dumps(cell(args.cell[0], int(args.cell[1]))))
        return 0
    print("| input | size | measured | the issue's figures |\n|---|---:|---|---|")
    for row in args.rows.split(","):
        label, sizes, before = ROWS[row]
        for i, n in enumerate(sizes):
            results = [run_cell(row, n, args.timeout) for _ in range(max(1, args.repeat))]
            print(f"| {label if i == 0 else ''} | {n:,} | {fmt(results, row)} | {before if i == 0 else ''} |", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
