"""How much can batching gain at all on this machine? Fixed-length outputs (60 tokens, as a real model
that stops would give), beam 4, the Argos-size random model: one sentence per call vs a batch of 16,
for three CTranslate2 compute types.

    .venv/bin/python bench/batch_ceiling.py PACKAGE_DIR

PACKAGE_DIR is an unpacked base-size package (``bench_translate.py --keep`` prints one).
"""
import sys
import time
from pathlib import Path
import ctranslate2, sentencepiece as spm
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
PKG = Path(sys.argv[1])
from bilingual.corpus import load_corpus
sents = [s.ar for a in load_corpus() for s in a.sentences][:32]
sp = spm.SentencePieceProcessor(model_file=str(PKG / "sentencepiece.model"))
toks = [sp.encode(s, out_type=str) for s in sents]
L = 60
for ct in ["int8", "int8_float32", "float32"]:
    tr = ctranslate2.Translator(str(PKG / "model"), device="cpu", intra_threads=2, compute_type=ct)
    tr.translate_batch(toks[:2], beam_size=4, max_decoding_length=8)
    t = time.perf_counter()
    for tk in toks[:8]:
        tr.translate_batch([tk], beam_size=4, max_decoding_length=L, min_decoding_length=L)
    one = 8 / (time.perf_counter() - t)
    t = time.perf_counter()
    tr.translate_batch(toks[:16], beam_size=4, max_decoding_length=L, min_decoding_length=L)
    b16 = 16 / (time.perf_counter() - t)
    print(ct, f"one-per-call {one:.2f} sent/s, batch16 {b16:.2f} sent/s, ratio {b16/one:.1f}", flush=True)
