"""Benchmark: the app itself, as a learner uses it: `streamlit run app.py` with the model installed,
the Reader opened in Chromium on the longest curated article, "Translate this article" pressed. Reports
the time until the first machine-translated row shows and until all do (as the browser sees them), and
the server process's peak RSS (VmHWM) with the model loaded, translating at beam 4; with
``--vowels`` the vowel model is loaded too (the word lexicon is always loaded: the Reader preloads it).

Model: the base-size random-weight proxy of bench_translate.py, end-of-sentence suppressed; the server
is started through a launcher that makes every sentence decode exactly ``--output-tokens`` tokens (a
real model stops at about 1.3 × the source; the seed sentences average 46 source tokens).

    .venv/bin/python bench/bench_app.py                 # 60 tokens, vowel model off
    .venv/bin/python bench/bench_app.py --vowels
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

LAUNCHER = """
import sys
from bilingual.translation import engine
tokens = int(sys.argv.pop(1))
engine.Engine.max_length = staticmethod(lambda batch: tokens)
from streamlit.web import cli
sys.argv = ["streamlit", "run", "app.py", *sys.argv[1:]]
sys.exit(cli.main())
"""
ROWS_JS = """() => [...document.querySelectorAll('.reader .row')].map(r => {
  const mt = r.querySelector('.en-mt .en'); return !!mt && !mt.querySelector('.muted') && mt.textContent.trim().length > 0; })"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def vm(pid: int, field: str) -> float:
    with open(f"/proc/{pid}/status") as fh:
        for line in fh:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--output-tokens", type=int, default=60)
    ap.add_argument("--vowels", action="store_true", help="turn on vowel marks first (loads the vowel model)")
    ap.add_argument("--package", type=Path)
    args = ap.parse_args()
    from bench_translate import build
    from playwright.sync_api import sync_playwright

    from bilingual.corpus import default_corpus
    from tests.pages.browser import CHROMIUM, CHROMIUM_ARGS, wait_healthy

    work = Path(tempfile.mkdtemp(prefix="bench-app-"))
    env = {**os.environ, "BILINGUAL_DATA_DIR": str(work / "data"), "HOME": str(work / "home")}
    env.pop("BILINGUAL_DB", None)
    proc = None
    try:
        package = args.package or build(work / "built")
        subprocess.run([sys.executable, "-c", "import sys; from pathlib import Path; from bilingual import translation;"
                        "translation.install_from_file(Path(sys.argv[1]))", str(package)], env=env, cwd=ROOT, check=True)
        port = free_port()
        proc = subprocess.Popen([sys.executable, "-c", LAUNCHER, str(args.output_tokens), "--server.address", "127.0.0.1",
                                 "--server.port", str(port), "--server.headless", "true", "--browser.gatherUsageStats", "false",
                                 "--server.fileWatcherType", "none"], cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        url = f"http://127.0.0.1:{port}"
        wait_healthy(url, proc)
        art = max(default_corpus(), key=lambda a: a.sentence_count)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(f"{url}/Reader?article={art.id}")
            page.wait_for_selector(".reader .row", timeout=120_000)
            page.get_by_text("Machine translation", exact=True).first.click()
            page.wait_for_selector("text=Translate this article", timeout=60_000)
            if args.vowels:
                page.get_by_text("Vowel marks", exact=True).click()
                page.wait_for_timeout(3000)
            time.sleep(3)  # the page settled, the lexicon preloaded
            rss_before = vm(proc.pid, "VmRSS")
            page.get_by_role("button", name="Translate this article").click()
            t0 = time.monotonic()
            first = None
            while True:
                done = sum(page.evaluate(ROWS_JS))
                if done and first is None:
                    first = time.monotonic() - t0
                if done == art.sentence_count:
                    break
                if time.monotonic() - t0 > 1800:
                    raise SystemExit("the article was not translated in 30 minutes")
                time.sleep(0.1)
            whole = time.monotonic() - t0
            browser.close()
        peak = vm(proc.pid, "VmHWM")
        print(f"# bench_app: the Reader in Chromium, {art.id} ({art.sentence_count} sentences), beam 4, "
              f"{args.output_tokens} output tokens per sentence; vowel model {'loaded' if args.vowels else 'not loaded'}, word lexicon loaded")
        print(f"machine: {os.cpu_count()} cores; 1-min load average {os.getloadavg()[0]:.1f}")
        print()
        print("| first translated row shown | all rows shown | server RSS before | server peak RSS |")
        print("|---|---|---|---|")
        print(f"| {first:.2f} s | {whole:.2f} s | {rss_before:.0f} MB | {peak:.0f} MB |")
    finally:
        if proc is not None:
            proc.terminate()
            proc.wait(timeout=30)
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
