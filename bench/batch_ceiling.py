"""How much can batching gain at all on this machine, and which thread layout gets the most of it?

Fixed-length outputs (``--tokens``, default 60 per sentence, as a real model that stops at about
1.3 × the 46-token average source would), the Argos-size random model, all corpus sentences. For each
compute type and each CTranslate2 thread layout (workers × threads per worker): one sentence per call,
against every sentence in one call split into length-sorted batches of ``--batch`` (the workers decode
batches in parallel).

    .venv/bin/python bench/batch_ceiling.py PACKAGE_DIR
    .venv/bin/python bench/batch_ceiling.py PACKAGE_DIR --compute-types int8,int8_float32,float32 --layouts 1x2

PACKAGE_DIR is an unpacked base-size package (``bench_translate.py --keep`` prints one).
"""
import argparse
import os
import sys
import time
from pathlib import Path

import ctranslate2
import sentencepiece as spm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from bilingual.corpus import load_corpus  # noqa: E402

ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
ap.add_argument("package", type=Path)
ap.add_argument("--beam", type=int, default=4)
ap.add_argument("--tokens", type=int, default=60)
ap.add_argument("--batch", type=int, default=16)
ap.add_argument("--compute-types", default="int8")
ap.add_argument("--layouts", default="1x2,2x1", help="workers x threads per worker, comma-separated (1x2 = one worker with 2 threads)")
args = ap.parse_args()

sents = [s.ar for a in load_corpus() for s in a.sentences]
sp = spm.SentencePieceProcessor(model_file=str(args.package / "sentencepiece.model"))
toks = sorted((sp.encode(s, out_type=str) for s in sents), key=len)
L, B = args.tokens, args.beam
print(f"{len(toks)} sentences, beam {B}, exactly {L} output tokens each, batches of {args.batch}; load average {os.getloadavg()[0]:.1f}")
for ct in args.compute_types.split(","):
    for layout in args.layouts.split(","):
        workers, threads = (int(x) for x in layout.split("x"))
        tr = ctranslate2.Translator(str(args.package / "model"), device="cpu", compute_type=ct, inter_threads=workers, intra_threads=threads)
        tr.translate_batch(toks[:2], beam_size=B, max_decoding_length=8)
        t = time.perf_counter()
        for tk in toks:
            tr.translate_batch([tk], beam_size=B, max_decoding_length=L, min_decoding_length=L)
        one = len(toks) / (time.perf_counter() - t)
        t = time.perf_counter()
        tr.translate_batch(toks, beam_size=B, max_batch_size=args.batch, max_decoding_length=L, min_decoding_length=L)
        batched = len(toks) / (time.perf_counter() - t)
        print(f"| {ct} | {workers} × {threads} | {one:.2f} | {batched:.2f} | {batched / one:.1f}× |", flush=True)
        del tr
