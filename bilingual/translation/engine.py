"""The CTranslate2 + SentencePiece engine over an installed Argos package, loaded once per process.

Why not ``argostranslate.translate.translate()``: its sentence splitters download models at run
time, so it fails offline (see ../shared/notes/argos-offline.md). We run the package directly on our
own sentences: one English output per Arabic sentence, in batched calls. ``argostranslate`` itself
is never imported; ctranslate2 and sentencepiece are imported when the engine is first loaded.
"""

from __future__ import annotations

import os
import threading
import time

from bilingual.errors import ModelNotInstalled
from bilingual.translation.models import ModelInfo, how_to_install, installed_model, read_json

__all__ = [
    "CHUNK_SIZE",
    "SUB_BATCH",
    "DEFAULT_BEAM",
    "MAX_OUTPUT_MARGIN",
    "MAX_OUTPUT_RATIO",
    "MAX_OUTPUT_TOKENS",
    "Engine",
    "available_cores",
    "drop_engine",
    "get_engine",
    "loaded_engine",
]

DEFAULT_BEAM = 4
#: most sentences per batch (length-sorted). Each core decodes its own batch (one CTranslate2 worker
#: per core, one thread each), so a "wave" of up to cores × CHUNK_SIZE sentences is one model call;
#: the cache is written and progress reported after each wave. Why: BENCHMARKS.md.
CHUNK_SIZE = 16
#: sentences a worker decodes at once inside its batch (CTranslate2 runs a batch's sub-batches one
#: after the other): the decoder's memory grows with sub-batch × beam, its speed hardly does on one
#: thread. 8 keeps the app under its memory budget (16: ~100 MB more); BENCHMARKS.md has the measurements.
SUB_BATCH = 8
#: output length bound: at most ratio × source tokens + margin (a real model stops much earlier;
#: this only stops degenerate repetition, and random-weight test models that never stop)
MAX_OUTPUT_RATIO = 1.5
MAX_OUTPUT_MARGIN = 10
MAX_OUTPUT_TOKENS = 512



def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


class Engine:
    """A loaded package: CTranslate2 translator + SentencePiece processor."""

    def __init__(self, model: ModelInfo, threads: int | None = None):
        import ctranslate2
        import sentencepiece as spm

        t0 = time.perf_counter()
        self.model = model
        self.sp = spm.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
        #: one worker per core, one thread each: on small batches this beats one worker with a thread
        #: per core (the OpenMP threads wait on each other at every layer); see BENCHMARKS.md
        self.workers = threads or available_cores()
        self.translator = ctranslate2.Translator(
            str(model.path / "model"), device="cpu", inter_threads=self.workers, intra_threads=1
        )
        meta = read_json(model.path / "metadata.json") or {}
        prefix = meta.get("target_prefix") or ""
        self.target_prefix = [prefix] if prefix else None
        self.load_seconds = time.perf_counter() - t0
        self.calls = 0  # translate_batch calls
        self.sentences = 0  # sentences translated
        self.lock = threading.Lock()

    def encode(self, sources: list[str]) -> list[list[str]]:
        return [self.sp.encode(s, out_type=str) for s in sources]

    @staticmethod
    def max_length(tokens: list[list[str]]) -> int:
        longest = max((len(t) for t in tokens), default=0)
        return min(MAX_OUTPUT_TOKENS, int(longest * MAX_OUTPUT_RATIO) + MAX_OUTPUT_MARGIN)

    @property
    def wave(self) -> int:
        """Sentences per model call that keep every worker busy with a full batch."""
        return self.workers * CHUNK_SIZE

    def batches(self, tokens: list[list[str]]) -> list[list[int]]:
        """Indices of ``tokens`` split into length-sorted batches, as many as there are workers
        (more only when a batch would exceed ``CHUNK_SIZE``)."""
        order = sorted(range(len(tokens)), key=lambda j: len(tokens[j]))
        size = max(1, min(CHUNK_SIZE, -(-len(order) // self.workers)))
        return [order[c : c + size] for c in range(0, len(order), size)]

    def translate_tokens(self, tokens: list[list[str]], beam_size: int = DEFAULT_BEAM) -> list[str]:
        """One model call: the batches are decoded in parallel, one per worker, each with its own
        length bound. Returns one English string per tokenized source, in order."""
        if not tokens:
            return []
        groups = self.batches(tokens)
        hyps: list[list[str]] = [[] for _ in tokens]
        with self.lock:  # one call at a time: its batches already occupy every worker
            pending = []
            for group in groups:
                batch = [tokens[j] for j in group]
                results = self.translator.translate_batch(
                    batch,
                    target_prefix=[self.target_prefix] * len(batch) if self.target_prefix else None,
                    beam_size=beam_size,
                    max_batch_size=SUB_BATCH,
                    replace_unknowns=True,
                    max_decoding_length=self.max_length(batch),
                    length_penalty=0.2,
                    asynchronous=True,
                )
                pending.append((group, results))
            for group, results in pending:
                for j, r in zip(group, results, strict=False):
                    res = r.result()
                    hyps[j] = res.hypotheses[0] if res.hypotheses else []
            self.calls += 1
            self.sentences += len(tokens)
        out = []
        for hyp in hyps:
            if self.target_prefix and hyp[:1] == self.target_prefix:
                hyp = hyp[1:]
            out.append(self.sp.decode(hyp).strip())
        return out

    def translate(self, sources: list[str], beam_size: int = DEFAULT_BEAM) -> list[str]:
        return self.translate_tokens(self.encode(sources), beam_size)


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def get_engine(model: ModelInfo | None = None) -> Engine:
    """The loaded engine for ``model`` (default: the installed one), loaded once per process on first use."""
    global _ENGINE
    model = model or installed_model()
    if model is None:
        raise ModelNotInstalled(how_to_install())
    with _ENGINE_LOCK:
        if _ENGINE is None or _ENGINE.model.key != model.key or _ENGINE.model.path != model.path:
            _ENGINE = None  # release the old one before loading (one model in memory at a time)
            try:
                _ENGINE = Engine(model)
            except (RuntimeError, OSError, ValueError) as exc:
                raise ModelNotInstalled(
                    f"The installed model at {model.path} could not be loaded ({str(exc).splitlines()[0][:200]}). "
                    "Reinstall it with `python -m bilingual model install` (or `--from-file PATH.argosmodel`)."
                ) from None
        return _ENGINE


def loaded_engine() -> Engine | None:
    """The engine if one is loaded in this process (never loads one)."""
    return _ENGINE


def drop_engine() -> None:
    global _ENGINE
    with _ENGINE_LOCK:
        _ENGINE = None

