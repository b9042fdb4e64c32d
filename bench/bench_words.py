"""Benchmark: every word readable — analysis + ranking, vowel marks, the reader with word elements,
the memory the lexicon and the vowel model add, and (``--browser``) a click on a word in Chromium.

Input: a 1,000-word Arabic text made of the seed articles' sentences in corpus order (cut at the
sentence that reaches 1,000 words), the longest seed article for the reader. Timings are wall
seconds, best of ``--repeat`` (median for the reruns), on one core's worth of work (onnxruntime runs
on one thread).

- analyse + rank: ``words.read_text`` (sentences, glossary mentions, every token's readings ranked
  in context, display rows, "probably" hints), with an empty analysis cache ("cold": the lexicon is
  loaded, no form seen) and again with the forms cached ("warm");
- vowels: ``words.vowels.Vowelizer.vowelize`` on the same text, model loaded;
- reader rerun: ``pages/1_Reader.py`` in Streamlit's AppTest on the longest seed article, after
  three warm-up runs: this branch (every Arabic word an element), this branch with vowel marks and
  the interlinear line on, and ``--baseline DIR`` (a checkout without word elements, e.g. main);
- RSS: ``VmRSS`` after minus before, each in a fresh interpreter: loading the lexicon
  (``Lexicon.load()`` + one word) and the vowel model (one sentence);
- coverage: the distinct Arabic word forms of the seed files (``../shared/seeds/*.txt``): how many
  the lexicon reads (as is, and with its respellings), how many of the rest are glossary names (the
  matcher on the word alone) or get a "probably" hint, and what is left;
- ``--browser``: the app served on 127.0.0.1, Debian Chromium; time from a click on a plain word
  to its card showing its gloss, over ``--clicks`` words of the longest article.

    .venv/bin/python bench/bench_words.py
    .venv/bin/python bench/bench_words.py --baseline /work/main --browser
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("TT_ORT_THREADS", "1")

from bilingual.corpus import default_corpus  # noqa: E402
from bilingual.glossary import default_glossary  # noqa: E402
from bilingual.text.normalize import count_words  # noqa: E402

RSS_CHILD = r"""
import json, os, sys, time
sys.path.insert(0, {root!r})
os.environ.setdefault("TT_ORT_THREADS", "1")
def rss():
    for line in open("/proc/self/status"):
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
before = rss(); t = time.perf_counter()
if {what!r} == "lexicon":
    from bilingual.words.lexicon import Lexicon
    Lexicon.load().analyse("والأمن")
else:
    from bilingual.words.vowels import Vowelizer
    Vowelizer().vowelize("قال وزير الخارجية الروسي إن روسيا مستعدة.")
print(json.dumps({{"seconds": time.perf_counter() - t, "rss_mb": (rss() - before) / 1024}}))
"""

RERUN_CHILD = r"""
import json, os, statistics, sys, tempfile, time
root = {root!r}
os.chdir(root); sys.path.insert(0, root)
os.environ["BILINGUAL_DATA_DIR"] = tempfile.mkdtemp()
os.environ.setdefault("TT_ORT_THREADS", "1")
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(os.path.join(root, "app.py"), default_timeout=120)
at.switch_page("pages/1_Reader.py")
at.query_params["article"] = {article!r}
at.run()
for key in {toggles!r}:
    at.toggle(key=key).set_value(True)
    at.run()
assert not at.exception, [e.value for e in at.exception]
for _ in range(3):
    at.run()
times = []
for _ in range({runs}):
    t = time.perf_counter(); at.run(); times.append(time.perf_counter() - t)
html = "".join(e.proto.body for e in at.get("html"))
print(json.dumps({{"median": statistics.median(times), "min": min(times), "words": html.count('data-word="')}}))
"""


def thousand_words() -> str:
    out, n = [], 0
    for a in default_corpus():
        for s in a.sentences:
            out.append(s.ar)
            n += count_words(s.ar)
            if n >= 1000:
                return "\n".join(out)
    return "\n".join(out)


def best_of(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def child(code: str) -> dict:
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=600)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_analysis(text: str, repeat: int) -> None:
    from bilingual.words.lexicon import Lexicon
    from bilingual.words.loader import load_analyzer
    from bilingual.words.lookup import read_text

    analyzer = load_analyzer()
    glossary = default_glossary()
    read_text("قال", Lexicon(analyzer), glossary)  # the glossary's matcher and hints built
    cold = best_of(lambda: read_text(text, Lexicon(analyzer), glossary), repeat)
    warm_lexicon = Lexicon(analyzer)
    words = read_text(text, warm_lexicon, glossary)
    warm = best_of(lambda: read_text(text, warm_lexicon, glossary), repeat)
    n = len(words)
    print(f"analyse + rank {n} Arabic tokens ({count_words(text)} words, {len({w.token.text for w in words})} distinct forms):")
    print(f"  empty analysis cache: {cold:.3f} s ({cold / n * 1000:.3f} ms/token); forms cached: {warm:.3f} s ({warm / n * 1000:.3f} ms/token)")


def bench_coverage() -> None:
    from bilingual.matcher import annotate
    from bilingual.paths import SEEDS_DIR
    from bilingual.words.lexicon import Lexicon
    from bilingual.words.lookup import read_sentence
    from bilingual.words.tokens import tokenize

    lexicon, glossary = Lexicon.shared(), default_glossary()
    forms = {t.text for f in sorted(SEEDS_DIR.glob("*.txt")) for t in tokenize(f.read_text(encoding="utf-8"))}
    raw = {w for w in forms if lexicon.analyse_raw(w)}
    read = {w for w in forms if lexicon.analyse(w)}
    rest = forms - read
    names = {w for w in rest if annotate(w, glossary)}
    hinted = {w for w in rest - names if read_sentence(w, lexicon, glossary)[0].probably}
    left = rest - names - hinted
    n = len(forms)
    print(f"coverage of the seeds' {n} distinct Arabic forms: lexicon as is {len(raw)} ({100 * len(raw) / n:.1f} %), "
          f"with respellings {len(read)} ({100 * len(read) / n:.1f} %); of the other {len(rest)}: glossary names {len(names)}, "
          f"'probably' hints {len(hinted)}, nothing {len(left)} ({' '.join(sorted(left))}); "
          f"something for {n - len(left)} ({100 * (n - len(left)) / n:.1f} %)")


def bench_vowels(text: str, repeat: int) -> None:
    from bilingual.words.tokens import strip_harakat
    from bilingual.words.vowels import Vowelizer, marks_after

    v = Vowelizer()
    v.vowelize("قال.")
    t = best_of(lambda: v.vowelize(text), repeat)
    print(f"vowel marks on {count_words(text)} words ({text.count(chr(10)) + 1} sentences): {t:.3f} s ({t / count_words(text) * 1000:.3f} ms/word)")
    # accuracy against the marks the authors wrote (mostly shadda and tanween): strip them, vowel the
    # sentence, count the written marks the model puts back on the same letter (sukun not counted;
    # fathatan written before a final alef counts on either letter)
    agree = total = changed = 0
    sentences = [s.ar for a in default_corpus() for s in a.sentences]
    for ar in sentences:
        out = v.vowelize(strip_harakat(ar))
        changed += strip_harakat(out) != strip_harakat(ar)
        for (c, m), (_, written) in zip(marks_after(out), marks_after(ar), strict=True):
            for mark in written.replace("\u0652", ""):
                total += 1
                agree += mark in m or (mark == "\u064b" and c == "ا")
    print(f"vowel marks: the authors' own {total} marks put back on the same letter: {agree} ({100 * agree / total:.1f} %); "
          f"letters changed in {changed} of {len(sentences)} sentences")


def bench_rss() -> None:
    for what in ("lexicon", "vowels"):
        runs = [child(RSS_CHILD.format(root=str(ROOT), what=what)) for _ in range(3)]
        print(f"load {what} (fresh interpreter, median of 3): {statistics.median(r['seconds'] for r in runs):.2f} s, "
              f"RSS added {statistics.median(r['rss_mb'] for r in runs):.0f} MB")


def bench_reader(article: str, runs: int, baseline: str | None) -> None:
    cases = [("this branch (word elements)", str(ROOT), ()),
             ("this branch, vowel marks + interlinear on", str(ROOT), ("reader_vowels", "reader_interlinear"))]
    if baseline:
        cases.insert(0, (f"baseline {baseline} (no word elements)", baseline, ()))
    for label, root, toggles in cases:
        r = child(RERUN_CHILD.format(root=root, article=article, toggles=list(toggles), runs=runs))
        print(f"reader rerun, {article}, {label}: median {r['median']:.3f} s (min {r['min']:.3f}), {r['words']} word elements")


def bench_browser(article: str, clicks: int) -> None:
    import socket

    from playwright.sync_api import sync_playwright

    from tests.pages.browser import CHROMIUM, CHROMIUM_ARGS, settle, wait_healthy

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    home = tempfile.mkdtemp()
    env = dict(os.environ, HOME=home, BILINGUAL_DATA_DIR=os.path.join(home, "data"))
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url, proc)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            t = time.perf_counter()
            page.goto(f"{url}/Reader?article={article}")
            page.wait_for_selector(".reader .w", timeout=60_000)
            page.wait_for_function("() => window.__bilingualHosts && window.__bilingualHosts.word", timeout=60_000)
            loaded = time.perf_counter() - t
            words = page.locator(".reader .w")
            n = words.count()
            times = []
            for i in range(clicks):
                w = words.nth((i * 37 + 5) % n)
                w.scroll_into_view_if_needed()
                surface = w.get_attribute("data-word")
                t = time.perf_counter()
                w.click()
                page.wait_for_function(
                    "w => (document.querySelector('.st-key-word_card .word-surface') || {}).innerText === w", arg=surface,
                    timeout=60_000,
                )
                times.append(time.perf_counter() - t)
                settle(page)
            browser.close()
        print(f"browser: page shown in {loaded:.2f} s; click → word card, {clicks} words: first {times[0]:.3f} s, "
              f"then median {statistics.median(times[1:]):.3f} s, max {max(times[1:]):.3f} s")
    finally:
        proc.terminate()
        proc.wait(timeout=20)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--runs", type=int, default=10, help="reader reruns measured")
    ap.add_argument("--baseline", help="a checkout without word elements (e.g. /work/main) for the reader rerun")
    ap.add_argument("--browser", action="store_true", help="also time clicks on words in Chromium")
    ap.add_argument("--clicks", type=int, default=12)
    args = ap.parse_args()
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"load average {os.getloadavg()[0]:.1f}")
    text = thousand_words()
    longest = max(default_corpus(), key=lambda a: a.word_count)
    bench_rss()
    bench_coverage()
    bench_analysis(text, args.repeat)
    bench_vowels(text, args.repeat)
    bench_reader(longest.id, args.runs, args.baseline)
    if args.browser:
        bench_browser(longest.id, args.clicks)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
