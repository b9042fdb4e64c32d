"""Benchmark: offline MT throughput of our batched path against argostranslate-style calls.

Model: random weights with the Argos ar→en architecture (Transformer base: 6+6 layers, d_model 512,
8 heads, ffn 2048, 32k vocabulary, int8), built by tests/fixtures/tiny_argos.py in a child process
(building imports torch; the measuring process never does) and installed with
``bilingual.translation.install_from_file`` like a real package. Its end-of-sentence logit is
suppressed, so every call decodes exactly to its length bound (1.5 × longest source + 10 tokens,
the bound the app uses): all modes generate the same output per sentence up to the padding of
their batches, and the table reports the output tokens each mode produced.

With ``--output-tokens N`` every call decodes exactly N tokens per sentence instead, as a real model
that stops at about 1.3 × the source would (the seed sentences average 46 source tokens; N = 60).

Input: every sentence of the corpus (the seed articles), in corpus order. Modes, same process, same
model files:
- ours:        ``translation.translate_sentences(..., refresh=True)`` — the app's path (one CTranslate2
               worker per core with one thread each; length-sorted batches of up to CHUNK_SIZE, one
               per worker, decoded in parallel; SQLite cache written after each call);
- one call:    all sentences in a single synchronous ``translate_batch`` call on the app's translator
               (``max_batch_size=CHUNK_SIZE``; one length bound for everything);
- argos-style: one call per paragraph, ``max_batch_size=32, batch_type="tokens"``,
               ``length_penalty=0.2``, as argostranslate's ``apply_packaged_translation`` does, on a
               translator made with argostranslate's own settings (``inter_threads=1``,
               ``intra_threads=0`` i.e. CTranslate2's default, ``compute_type="auto"``);
- per-sentence: one ``translate_batch`` call per sentence, on that same translator.

    .venv/bin/python bench/bench_translate.py                       # beam 4 and beam 1, all modes
    .venv/bin/python bench/bench_translate.py --beams 4 --modes ours,argos-style --limit 40
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

MODES = ("ours", "one-call", "argos-style", "per-sentence")


def rss_mb() -> float:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_rss_mb() -> float:
    """Peak RSS since the last reset_peak() (VmHWM), else since the process started."""
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measured(fn):
    """(fn(), seconds, RSS after, peak RSS while it ran), RSS in MB."""
    reset_peak()
    t = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t, rss_mb(), peak_rss_mb()


def reset_peak() -> None:
    try:
        with open("/proc/self/clear_refs", "w") as fh:
            fh.write("5")  # resets VmHWM to the current RSS (Linux ≥ 4.0)
    except OSError:
        pass


def build(out_dir: Path) -> Path:
    """Build the base-size package in a child process (keeps torch out of this one)."""
    code = (
        "import sys, zipfile; sys.path.insert(0, sys.argv[2]);"
        "from pathlib import Path; from tests.fixtures.tiny_argos import build_package;"
        "print(build_package(Path(sys.argv[1]), layers=(6, 6), d_model=512, heads=8, ffn=2048, vocab_size=32000,"
        " never_stop=True, sp_vocab_size=4000, compression=zipfile.ZIP_STORED))"
    )
    out = subprocess.run([sys.executable, "-c", code, str(out_dir), str(ROOT)], capture_output=True, text=True, check=True)
    return Path(out.stdout.strip().splitlines()[-1])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--beams", default="4,1", help="beam sizes, comma-separated (default 4,1)")
    ap.add_argument("--modes", default=",".join(MODES), help=f"comma-separated subset of {','.join(MODES)}")
    ap.add_argument("--limit", type=int, default=0, help="only the first N sentences (default: all)")
    ap.add_argument("--repeat", type=int, default=2, help="rounds over all modes, interleaved; the best time per mode is reported (default 2)")
    ap.add_argument("--chunk", type=int, default=0, help="override translation.CHUNK_SIZE for the 'ours' mode")
    ap.add_argument("--sub-batch", type=int, default=0, help="override translation.engine.SUB_BATCH for the 'ours' mode")
    ap.add_argument("--keep", action="store_true", help="keep the built package and the work folder (printed)")
    ap.add_argument("--package", type=Path, help="an existing .argosmodel to use instead of building one")
    ap.add_argument("--output-tokens", type=int, default=0,
                    help="decode exactly N tokens per sentence in every mode (default: the app's bound, 1.5 × source + 10)")
    args = ap.parse_args()
    beams = [int(b) for b in args.beams.split(",")]
    modes = [m for m in args.modes.split(",") if m]

    work = Path(tempfile.mkdtemp(prefix="bench-translate-"))
    os.environ["BILINGUAL_DATA_DIR"] = str(work / "data")
    t = time.perf_counter()
    package = args.package or build(work / "built")
    build_s = time.perf_counter() - t

    from bilingual import translation
    from bilingual.corpus import default_corpus
    from bilingual.store import Store
    from bilingual.translation import engine as tr_engine

    if args.chunk:
        tr_engine.CHUNK_SIZE = args.chunk
    if args.sub_batch:
        tr_engine.SUB_BATCH = args.sub_batch

    rss_start = rss_mb()
    info, install_s, _rss, peak_install = measured(lambda: translation.install_from_file(package))

    articles = default_corpus()
    paragraphs = [[s.ar for s in p.sentences] for a in articles for p in a.paragraphs]
    sentences = [s for p in paragraphs for s in p]
    if args.limit:
        sentences = sentences[: args.limit]
        kept, out = args.limit, []
        for p in paragraphs:
            if kept <= 0:
                break
            out.append(p[:kept])
            kept -= len(out[-1])
        paragraphs = out

    rss_before_load = rss_mb()
    eng, load_s, rss_after_load, peak_load = measured(lambda: translation.get_engine(info))
    tr, sp = eng.translator, eng.sp
    import ctranslate2

    # argostranslate's own translator settings (argostranslate/settings.py defaults)
    argos_tr = ctranslate2.Translator(str(info.path / "model"), device="cpu", inter_threads=1, intra_threads=0, compute_type="auto")
    threads = tr_engine.available_cores()
    tokens = eng.encode(sentences)
    src_tokens = sum(len(x) for x in tokens)

    if args.output_tokens:  # the model never stops, so the bound is the output length
        translation.Engine.max_length = staticmethod(lambda batch: args.output_tokens)

    def bound(batch):
        return translation.Engine.max_length(batch)

    store = Store(work / "bench.sqlite3")

    def run_ours(beam):
        r = translation.translate_sentences(sentences, store, model=info, beam_size=beam, refresh=True)
        assert len(r.targets) == len(sentences)
        order = sorted(range(len(tokens)), key=lambda j: len(tokens[j]))
        produced = 0
        for c in range(0, len(order), eng.wave):
            wave = [tokens[j] for j in order[c : c + eng.wave]]
            produced += sum(bound([wave[j] for j in g]) * len(g) for g in eng.batches(wave))
        return r.batches, produced

    def run_one_call(beam):
        res = tr.translate_batch(tokens, beam_size=beam, max_batch_size=tr_engine.CHUNK_SIZE, replace_unknowns=True,
                                 max_decoding_length=bound(tokens), length_penalty=0.2)
        [sp.decode(r.hypotheses[0]) for r in res]
        return 1, sum(len(r.hypotheses[0]) for r in res)

    def run_argos(beam):
        calls = produced = 0
        for para in paragraphs:
            toks = [sp.encode(s, out_type=str) for s in para]
            res = argos_tr.translate_batch(toks, replace_unknowns=True, max_batch_size=32, batch_type="tokens", beam_size=beam,
                                     num_hypotheses=1, length_penalty=0.2, return_scores=True, max_decoding_length=bound(toks))
            " ".join(sp.decode(r.hypotheses[0]) for r in res)
            calls += 1
            produced += sum(len(r.hypotheses[0]) for r in res)
        return calls, produced

    def run_per_sentence(beam):
        produced = 0
        for s in sentences:
            toks = [sp.encode(s, out_type=str)]
            res = argos_tr.translate_batch(toks, beam_size=beam, replace_unknowns=True, max_decoding_length=bound(toks), length_penalty=0.2)
            sp.decode(res[0].hypotheses[0])
            produced += len(res[0].hypotheses[0])
        return len(sentences), produced

    runners = {"ours": run_ours, "one-call": run_one_call, "argos-style": run_argos, "per-sentence": run_per_sentence}
    for t_ in (tr, argos_tr):
        t_.translate_batch(tokens[:8], beam_size=4, max_decoding_length=8)  # warm-up
    reset_peak()
    best: dict[tuple[int, str], tuple[int, int, float]] = {}
    load_before = os.getloadavg()[0]
    for rnd in range(args.repeat):
        for beam in beams:
            for mode in (modes if rnd % 2 == 0 else modes[::-1]):  # alternate order between rounds
                t = time.perf_counter()
                calls, produced = runners[mode](beam)
                secs = time.perf_counter() - t
                if (beam, mode) not in best or secs < best[(beam, mode)][2]:
                    best[(beam, mode)] = (calls, produced, secs)
                print(f"  round {rnd + 1} beam {beam} {mode:<12} {len(sentences) / secs:6.2f} sent/s  {secs:7.2f} s  {calls} calls  {produced} output tokens", file=sys.stderr, flush=True)
    peak_translate = peak_rss_mb()
    load_after = os.getloadavg()[0]
    results = [(b, m, *best[(b, m)]) for b in beams for m in modes]

    print(f"# bench_translate: {len(sentences)} sentences ({src_tokens} source tokens) in {len(paragraphs)} paragraphs, {threads} threads; "
          + (f"exactly {args.output_tokens} output tokens per sentence" if args.output_tokens else "outputs run to the length bound"))
    print(f"machine: {platform.machine()}, {os.cpu_count()} cores ({threads} available), Python {platform.python_version()}, "
          f"ctranslate2 {__import__('ctranslate2').__version__}")
    print(f"package: {package.stat().st_size / 1e6:.1f} MB; build {build_s:.1f} s (child process); install_from_file {install_s:.2f} s")
    print(f"model load (translator + tokenizer): {load_s:.2f} s; RSS {rss_before_load:.0f} → {rss_after_load:.0f} MB (+{rss_after_load - rss_before_load:.0f})")
    print(f"peak RSS: install {peak_install:.0f} MB, load {peak_load:.0f} MB, translating {peak_translate:.0f} MB "
          f"(RSS at start {rss_start:.0f} MB; process peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB)")
    print(f"best of {args.repeat} interleaved rounds; 1-min load average {load_before:.1f} before, {load_after:.1f} after (the machine is shared)")
    print()
    print("| beam | mode | calls | output tokens | seconds | sentences/s | vs argos-style |")
    print("|---|---|---|---|---|---|---|")
    base = {b: s for b, m, _, _, s in results if m == "argos-style"}
    for beam, mode, calls, produced, secs in results:
        ratio = f"{base[beam] / secs:.1f}×" if beam in base else "–"
        print(f"| {beam} | {mode} | {calls} | {produced} | {secs:.2f} | {len(sentences) / secs:.2f} | {ratio} |")
    store.close()
    if args.keep:
        print(f"\n(work folder kept: {work}; package: {package})")
    else:
        import shutil

        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
