"""Benchmark: how long a learner waits for machine translation, ours against argostranslate's own path.

From a cold process (a new interpreter, the model installed but not loaded, nothing cached), the
longest curated article, beam 4:

- ours:        the reader's path: ``translation.start_job`` in a background thread (the first call the
               first sentences in reading order, then length-sorted waves, one CTranslate2 worker per
               core), the page polling the cache; time to the first translated sentence and to all;
- argos-reader: ``argostranslate.translate.translate()`` paragraph by paragraph, as a page would show
               them (this article has one sentence per paragraph), configured to run offline (spaCy
               sentence splitter with a blank pipeline in its cache, see ../shared/notes/argos-offline.md);
- argos-whole: the whole article in one ``translate()`` call: nothing to read until it returns.

Model: random weights with the Argos ar→en architecture (Transformer base, int8; built by
tests/fixtures/tiny_argos.py in a child process), end-of-sentence suppressed, every sentence decoded to
exactly ``--output-tokens`` tokens in every mode (argostranslate passes no length bound, so its calls
are given the same bound: equal work, the comparison is of the paths). Each mode runs ``--repeat``
times in a fresh process; the best is reported, with the peak RSS (VmHWM) of the process.

    .venv/bin/python bench/bench_streaming.py                   # all modes, 60 tokens, 2 rounds
    .venv/bin/python bench/bench_streaming.py --modes ours --with-words
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

MODES = ("ours", "argos-reader", "argos-whole")


def peak_rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def emit(**kw: object) -> None:
    print("RESULT " + json.dumps(kw), flush=True)


# --- the timed children ---------------------------------------------------------------------------


def child_ours(article: list[str], tokens: int, with_words: bool) -> None:
    from bilingual import translation
    from bilingual.store import Store
    from bilingual.translation import engine as tr_engine

    if tokens:
        tr_engine.Engine.max_length = staticmethod(lambda batch: tokens)
    if with_words:  # the reader with the word lexicon and the vowel model loaded too
        from bilingual.words import lexicon, vowels  # noqa: F401 - loaded for their memory

        lexicon.load()
        vowels.load()
    store = Store()
    model = translation.installed_model()
    job = translation.start_job("bench", article, store, model)
    first = None
    while True:
        cached = translation.cached_translations(store, article, model)
        if first is None and cached:
            first = time.time()
        if len(cached) == len(set(article)) or not job.running:
            break
        time.sleep(0.02)
    emit(first=first, all=time.time(), error=job.error, rss=peak_rss_mb())


def child_argos(paragraphs: list[list[str]], tokens: int, whole: bool) -> None:
    import ctranslate2

    real = ctranslate2.Translator

    class SameLength:  # every call decodes exactly `tokens` tokens, as ours does
        def __init__(self, *a: object, **k: object):
            self._t = real(*a, **k)

        def translate_batch(self, *a: object, **k: object):
            if tokens:
                k["max_decoding_length"] = tokens
            return self._t.translate_batch(*a, **k)

        def __getattr__(self, name: str) -> object:
            return getattr(self._t, name)

    ctranslate2.Translator = SameLength
    from argostranslate import translate

    if whole:
        out = translate.translate("\n".join(" ".join(p) for p in paragraphs), "ar", "en")
        assert out
        now = time.time()
        emit(first=now, all=now, error="", rss=peak_rss_mb())
        return
    first = None
    for p in paragraphs:
        assert translate.translate(" ".join(p), "ar", "en")
        first = first or time.time()
    emit(first=first, all=time.time(), error="", rss=peak_rss_mb())


# --- set-up and the parent ------------------------------------------------------------------------


def argos_env(root: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ARGOS_")}
    dirs = {"HOME": "home", "XDG_DATA_HOME": "xdg-data", "XDG_CONFIG_HOME": "xdg-config", "XDG_CACHE_HOME": "xdg-cache",
            "ARGOS_PACKAGES_DIR": "argos-packages"}
    for var, sub in dirs.items():
        env[var] = str(root / sub)
        (root / sub).mkdir(parents=True, exist_ok=True)
    env.update(ARGOS_CHUNK_TYPE="SPACY", ARGOS_DEVICE_TYPE="cpu", PYTHONUNBUFFERED="1")
    return env


def prepare_argos(root: Path, package: Path) -> dict[str, str]:
    """argostranslate's own install, and the spaCy cache that keeps its sentence splitting offline."""
    env = argos_env(root)
    code = (
        "import sys, spacy; from pathlib import Path; t = Path(sys.argv[1]) / 'argos-translate' / 'spacy';"
        "t.parent.mkdir(parents=True, exist_ok=True); spacy.blank('xx').to_disk(t); (t / 'senter').mkdir();"
        "(t / 'senter' / 'model').touch(); import argostranslate.package as p; p.install_from_path(Path(sys.argv[2]))"
    )
    subprocess.run([sys.executable, "-c", code, env["XDG_CACHE_HOME"], str(package)], env=env, check=True, capture_output=True)
    return env


def prepare_ours(root: Path, package: Path) -> dict[str, str]:
    env = {**os.environ, "BILINGUAL_DATA_DIR": str(root / "data"), "HOME": str(root / "home"), "PYTHONUNBUFFERED": "1"}
    env.pop("BILINGUAL_DB", None)
    code = "import sys; from pathlib import Path; from bilingual import translation; translation.install_from_file(Path(sys.argv[1]))"
    subprocess.run([sys.executable, "-c", code, str(package)], env=env, check=True, capture_output=True, cwd=ROOT)
    return env


def run_child(mode: str, env: dict[str, str], args: argparse.Namespace, db: Path | None) -> dict:
    if db is not None and db.exists():  # ours starts with nothing cached
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db}{suffix}").unlink(missing_ok=True)
    argv = [sys.executable, __file__, "--child", mode, "--output-tokens", str(args.output_tokens)]
    if args.with_words:
        argv.append("--with-words")
    t0 = time.time()
    out = subprocess.run(argv, env=env, cwd=ROOT, capture_output=True, text=True, timeout=3600)
    if out.returncode != 0:
        raise SystemExit(f"{mode} failed:\n{out.stderr[-3000:]}")
    result = json.loads(next(ln for ln in out.stdout.splitlines() if ln.startswith("RESULT "))[7:])
    return {"first": result["first"] - t0, "all": result["all"] - t0, "rss": result["rss"], "error": result["error"]}


def longest_article() -> list[list[str]]:
    from bilingual.corpus import default_corpus

    art = max(default_corpus(), key=lambda a: a.sentence_count)
    return [[s.ar for s in p.sentences] for p in art.paragraphs]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--modes", default=",".join(MODES))
    ap.add_argument("--output-tokens", type=int, default=60, help="tokens decoded per sentence in every mode (default 60)")
    ap.add_argument("--repeat", type=int, default=2, help="fresh processes per mode; the best is reported (default 2)")
    ap.add_argument("--with-words", action="store_true", help="ours: also load the word lexicon and the vowel model")
    ap.add_argument("--package", type=Path, help="a built .argosmodel (default: build the base-size proxy)")
    ap.add_argument("--child", choices=MODES, help=argparse.SUPPRESS)
    args = ap.parse_args()
    paragraphs = longest_article()
    if args.child == "ours":
        child_ours([s for p in paragraphs for s in p], args.output_tokens, args.with_words)
        return 0
    if args.child:
        child_argos(paragraphs, args.output_tokens, whole=args.child == "argos-whole")
        return 0

    from bench_translate import build

    work = Path(tempfile.mkdtemp(prefix="bench-streaming-"))
    try:
        package = args.package or build(work / "built")
        envs = {"ours": prepare_ours(work / "ours", package)}
        if any(m.startswith("argos") for m in args.modes.split(",")):
            envs["argos"] = prepare_argos(work / "argos", package)
        db = work / "ours" / "data" / "bilingual.sqlite3"
        best: dict[str, dict] = {}
        for rnd in range(args.repeat):
            for mode in args.modes.split(","):
                r = run_child(mode, envs["ours" if mode == "ours" else "argos"], args, db if mode == "ours" else None)
                print(f"  round {rnd + 1} {mode:<13} first {r['first']:6.2f} s  all {r['all']:6.2f} s  peak RSS {r['rss']:.0f} MB",
                      file=sys.stderr, flush=True)
                if mode not in best or r["all"] < best[mode]["all"]:
                    best[mode] = r
        n = sum(len(p) for p in paragraphs)
        print(f"# bench_streaming: longest article, {n} sentences in {len(paragraphs)} paragraphs, beam 4, "
              f"{args.output_tokens} output tokens per sentence{', word lexicon + vowel model loaded' if args.with_words else ''}")
        print(f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
              f"best of {args.repeat} cold processes per mode; 1-min load average {os.getloadavg()[0]:.1f}")
        print()
        print("| mode | first sentence (s) | whole article (s) | peak RSS (MB) |")
        print("|---|---|---|---|")
        for mode, r in best.items():
            print(f"| {mode} | {r['first']:.2f} | {r['all']:.2f} | {r['rss']:.0f} |" + (f" error: {r['error']}" if r["error"] else ""))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
