"""Benchmark: vocabulary study (issue 14) — how many words get a lemma, what a text's "% new" costs,
the Library with 200 imported texts and 5,000 word statuses, the reader with status underlines.

- lemmas: every Arabic token of the curated seed articles (``corpus/articles``): how many get a
  lemma (the lexicon reads them: their best reading in the sentence), how many are left out as names
  or numbers (ignored by default), the distinct lemmas and distinct spellings (what grouping by lemma
  saves over LUTE's one-term-per-spelling);
- a text's "% new": ``vocab.text_words`` on each seed article (reading every word in its sentence, the
  lexicon loaded, forms not cached; then again with the forms cached), and ``vocab.text_stats`` against
  5,000 statuses (what the Library does per text once the words are cached);
- the Library: ``app.py`` in Streamlit's AppTest with 200 imported texts (10 seed sentences or more each) and
  5,000 lemma statuses for the learner: the first run (every text's words read) and warm reruns
  (median of 5);
- the reader: ``pages/1_Reader.py`` on the longest seed article, warm reruns (median of 10), status
  underlines off and on (with the same 5,000 statuses).

    .venv/bin/python bench/bench_vocab.py [--baseline /work/main]

``--baseline DIR``: the same Library (200 texts, no statuses) and reader in a checkout without vocabulary.
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

from bilingual.concordance import build_index  # noqa: E402
from bilingual.corpus import default_corpus  # noqa: E402
from bilingual.glossary import default_glossary  # noqa: E402
from bilingual.vocab import Status, text_stats, text_words  # noqa: E402
from bilingual.words.lexicon import Lexicon  # noqa: E402

N_TEXTS, N_STATUSES = 200, 5000

SEED_CHILD = r"""
import json, os, sys
root = {root!r}
sys.path.insert(0, root)
from bilingual.corpus import default_corpus
from bilingual.imports.texts import save_text
from bilingual.store import Store
from bilingual.store import profiles as settings
if {keys!r}:
    from bilingual.store import vocab as rows
from bilingual.schedule import DEFAULT_PROFILE, profile_id
store = Store()
pid = profile_id(store, DEFAULT_PROFILE)
sentences = [s.ar for a in default_corpus() for s in a.sentences if s.kind == "text"]
for n in range({n_texts}):  # each text different: its own first sentence and length (10 seed sentences or more)
    start, length = n % len(sentences), 10 + n // len(sentences)
    body = " ".join(sentences[(start + i) % len(sentences)] for i in range(length))
    save_text(store, body, title=f"Text {{n + 1}}", owner=pid)
if {keys!r}:
    keys = json.load(open({keys!r}))
    rows.set_statuses(store, pid, [(k, (5, 1, 2, 9)[i % 4]) for i, k in enumerate(keys)])
    settings.set_setting(store, pid, "pref.reader_statuses", json.dumps({underlines!r}))
store.close()
"""

PAGE_CHILD = r"""
import json, os, statistics, sys, time
root = {root!r}
os.chdir(root); sys.path.insert(0, root)
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(os.path.join(root, "app.py"), default_timeout=600)
if {page!r} != "app.py":
    at.switch_page({page!r})
for k, v in {params!r}.items():
    at.query_params[k] = v
t = time.perf_counter(); at.run(); first = time.perf_counter() - t
assert not at.exception, [e.value for e in at.exception]
for _ in range(2):
    at.run()
times = []
for _ in range({runs}):
    t = time.perf_counter(); at.run(); times.append(time.perf_counter() - t)
html = "".join(e.proto.body for e in at.get("html"))
print(json.dumps({{"first_s": first, "median_s": statistics.median(times), "min_s": min(times),
                  "underlined": html.count(" ws-"), "new_metrics": sum(1 for m in at.metric if m.label == "New to you")}}))
"""


def lemma_figures(articles, lexicon, index) -> dict:
    tokens = read = ignored = 0
    lemmas: set[str] = set()
    spellings: set[str] = set()
    for a in articles:
        words = text_words(a, lexicon, index.mentions)
        tokens += words.tokens
        read += len(words.words)
        ignored += sum(1 for w in words.words if w.default is Status.IGNORED)
        lemmas.update(w.key for w in words.words if w.default is not Status.IGNORED)
        by_place = {(s.id, t.index): t.text for s in a.sentences for t in _tokens(s.ar)}
        spellings.update(by_place[(w.sentence_id, w.index)] for w in words.words if w.default is not Status.IGNORED)
    return {"tokens": tokens, "with_lemma": read, "share_with_lemma": round(read / tokens, 4),
            "names_or_numbers_ignored": ignored, "distinct_lemmas": len(lemmas), "distinct_spellings_of_them": len(spellings)}


def _tokens(text: str):
    from bilingual.words.tokens import tokenize

    return tokenize(text)


def share_timings(articles, lexicon, index, statuses: dict[str, int]) -> dict:
    longest = max(articles, key=lambda a: a.word_count)
    t = time.perf_counter()
    words = text_words(longest, lexicon, index.mentions)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        text_words(longest, lexicon, index.mentions)
        warm.append(time.perf_counter() - t)
    stats = []
    for _ in range(50):
        t = time.perf_counter()
        text_stats(words, statuses)
        stats.append(time.perf_counter() - t)
    return {"article": longest.id, "words": longest.word_count, "lemmas": text_stats(words, {}).lemmas,
            "text_words_first_s": round(cold, 4), "text_words_forms_cached_best_s": round(min(warm), 4),
            "text_stats_5000_statuses_median_ms": round(statistics.median(stats) * 1000, 3)}


def page(data_dir: str, page_file: str, params: dict, runs: int, root: Path = ROOT) -> dict:
    env = dict(os.environ, BILINGUAL_DATA_DIR=data_dir)
    out = subprocess.run([sys.executable, "-c", PAGE_CHILD.format(root=str(root), page=page_file, params=params, runs=runs)],
                         env=env, capture_output=True, text=True, check=True)
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in json.loads(out.stdout.strip().splitlines()[-1]).items()}


def seed(data_dir: str, keys_file: str, n_texts: int, underlines: bool, root: Path = ROOT) -> None:
    """The learner's database: ``n_texts`` imported texts, and the statuses of ``keys_file`` ('' for none:
    a checkout without vocabulary)."""
    env = dict(os.environ, BILINGUAL_DATA_DIR=data_dir)
    subprocess.run([sys.executable, "-c", SEED_CHILD.format(root=str(root), n_texts=n_texts, keys=keys_file,
                                                          underlines=underlines)],
                   env=env, check=True)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--baseline", type=Path, help="a checkout without vocabulary (e.g. main): its Library with the same texts")
    args = ap.parse_args()
    articles = default_corpus()
    glossary = default_glossary()
    index = build_index(articles, glossary)
    lexicon = Lexicon.shared()
    results: dict = {"machine": {"cores": os.cpu_count(), "python": platform.python_version(),
                                 "load_start": os.getloadavg()[0]}}
    lexicon.analyse("والأمن")  # the lexicon loaded; no form of the articles read yet
    results["share"] = share_timings(articles, lexicon, index, {})
    results["lemmas"] = lemma_figures(articles, lexicon, index)
    print("lemmas:", results["lemmas"], flush=True)
    real = sorted({w.key for a in articles for w in text_words(a, lexicon, index.mentions).words})
    keys = real + [f"bench{n}/N" for n in range(N_STATUSES - len(real))]
    statuses = {k: (5, 1, 2, 9)[i % 4] for i, k in enumerate(keys)}
    results["share"] = share_timings(articles, lexicon, index, statuses) | {
        "text_words_first_s": results["share"]["text_words_first_s"]}
    print("a text's % new:", results["share"], flush=True)
    longest = max(articles, key=lambda a: a.word_count).id
    with tempfile.TemporaryDirectory(prefix="bench-vocab-") as tmp:
        keys_file = str(Path(tmp) / "keys.json")
        Path(keys_file).write_text(json.dumps(keys))
        library = str(Path(tmp) / "library")
        seed(library, keys_file, N_TEXTS, underlines=False)
        results["library"] = page(library, "app.py", {}, 5)
        print(f"library, {N_TEXTS} texts, {N_STATUSES} statuses:", results["library"], flush=True)
        if args.baseline:
            base = str(Path(tmp) / "baseline")
            seed(base, "", N_TEXTS, underlines=False, root=args.baseline)
            results["library, baseline"] = page(base, "app.py", {}, 5, root=args.baseline)
            print(f"library, {N_TEXTS} texts, baseline {args.baseline}:", results["library, baseline"], flush=True)
        for label, on in (("reader, underlines off", False), ("reader, underlines on", True)):
            where = str(Path(tmp) / label.replace(" ", "_").replace(",", ""))
            seed(where, keys_file, 0, underlines=on)
            results[label] = page(where, "pages/1_Reader.py", {"article": longest}, 10)
            print(f"{label} ({longest}):", results[label], flush=True)
        if args.baseline:
            base = str(Path(tmp) / "baseline-reader")
            seed(base, "", 0, underlines=False, root=args.baseline)
            results["reader, baseline"] = page(base, "pages/1_Reader.py", {"article": longest}, 10, root=args.baseline)
            print(f"reader, baseline {args.baseline} ({longest}):", results["reader, baseline"], flush=True)
    results["machine"]["load_end"] = os.getloadavg()[0]
    print(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
