"""Translating sentences with the cache: what the reader, the importer and the command line call.

The cache (``bilingual.store.mt_cache``) is keyed by the model's key and the exact source sentence;
a beam size other than the default gets its own key (``<key>|beam=N``) so outputs of different
decoders never mix. A cached sentence costs no model call; the rest go to the model sorted by
length, and each call's results are cached as soon as it completes, so an interrupted run resumes.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from bilingual.corpus import Article
from bilingual.errors import ModelNotInstalled, StoreError
from bilingual.store import Store, mt_cache
from bilingual.translation.engine import DEFAULT_BEAM, get_engine
from bilingual.translation.models import ModelInfo, how_to_install, installed_model

__all__ = [
    "TranslationRun",
    "plan_calls",
    "cache_key",
    "cached_translations",
    "sentence_sources",
    "translate_article",
    "translate_sentences",
    "translation_progress",
]


def cache_key(model: ModelInfo, beam_size: int = DEFAULT_BEAM) -> str:
    return model.key if beam_size == DEFAULT_BEAM else f"{model.key}|beam={beam_size}"


def cached_translations(store: Store, sources: list[str], model: ModelInfo | None = None, *, beam_size: int = DEFAULT_BEAM) -> dict[str, str]:
    """Cached translations of ``sources`` ({source: target}); never loads the model; {} without one."""
    model = model or installed_model()
    if model is None or not sources:
        return {}
    try:
        return mt_cache.lookup(store, cache_key(model, beam_size), sources)
    except StoreError:  # the page says why the store cannot be read; the text shows without its MT
        return {}


@dataclass
class TranslationRun:
    targets: list[str]
    #: sentences the model translated in this run (cache misses, each distinct sentence once)
    model_calls: int
    #: input sentences answered from the cache
    cache_hits: int
    model: ModelInfo
    #: translate_batch calls made
    batches: int = 0
    seconds: float = 0.0
    #: set when the cache could not be read or written (the translations are still returned)
    cache_warning: str = ""
    warnings: list[str] = field(default_factory=list)


def translate_sentences(
    sources: list[str],
    store: Store,
    *,
    model: ModelInfo | None = None,
    beam_size: int = DEFAULT_BEAM,
    refresh: bool = False,
    progress: Callable[[int, int], None] | None = None,
    reading_order_first: int = 0,
) -> TranslationRun:
    """Translate ``sources`` sentence by sentence: ``targets[i]`` is the English for ``sources[i]``.

    Cached sentences cost no model call; the rest go to the model sorted by length, in calls of up
    to ``Engine.wave`` sentences (a batch per core), each call's results cached as soon as it
    completes. ``refresh`` ignores the cache and overwrites it. ``progress(done, total)`` after each call.
    ``reading_order_first=N`` makes the first call the first N untranslated sentences in reading
    order (a short call, so the top of the text can be read while the rest is translated).
    """
    t0 = time.perf_counter()
    model = model or installed_model()
    if model is None:
        raise ModelNotInstalled(how_to_install())
    if beam_size < 1:
        raise ValueError("beam_size must be at least 1")
    key = cache_key(model, beam_size)
    total = len(sources)
    run = TranslationRun(targets=[""] * total, model_calls=0, cache_hits=0, model=model)

    found: dict[str, str] = {}
    if not refresh:
        try:
            found = mt_cache.lookup(store, key, [s for s in sources if s.strip()])
        except StoreError as exc:
            run.cache_warning = f"the translation cache could not be read ({exc}); translating without it"
    todo: dict[str, list[int]] = {}
    for i, s in enumerate(sources):
        if not s.strip():
            continue  # nothing to translate
        if s in found:
            run.targets[i] = found[s]
            run.cache_hits += 1
        else:
            todo.setdefault(s, []).append(i)
    done = total - sum(len(v) for v in todo.values())
    if progress is not None:
        progress(done, total)
    if todo:
        eng = get_engine(model)
        uniq = list(todo)
        toks = eng.encode(uniq)
        for chunk in plan_calls([len(t) for t in toks], eng.wave, reading_order_first):
            outs = eng.translate_tokens([toks[j] for j in chunk], beam_size)
            run.batches += 1
            run.model_calls += len(chunk)
            pairs = []
            for j, target in zip(chunk, outs, strict=False):
                for i in todo[uniq[j]]:
                    run.targets[i] = target
                done += len(todo[uniq[j]])
                pairs.append((uniq[j], target))
            _save(store, key, pairs, run)
            if progress is not None:
                progress(done, total)
    run.seconds = time.perf_counter() - t0
    if run.cache_warning:
        run.warnings.append(run.cache_warning)
    return run


def plan_calls(lengths: list[int], wave: int, first: int = 0) -> list[list[int]]:
    """Indices of the sentences (in reading order, with these token lengths) for each model call:
    the first ``first`` as one call, then the rest sorted by length in calls of up to ``wave``."""
    head = list(range(min(first, len(lengths))))
    rest = sorted(range(len(head), len(lengths)), key=lambda j: lengths[j])
    return ([head] if head else []) + [rest[c : c + wave] for c in range(0, len(rest), wave)]


def _save(store: Store, key: str, pairs: list[tuple[str, str]], run: TranslationRun) -> None:
    if run.cache_warning.startswith("the translation cache could not be written"):
        return
    try:
        mt_cache.save(store, key, pairs)
    except StoreError as exc:
        run.cache_warning = f"the translation cache could not be written ({exc}); these translations will be recomputed next time"



def sentence_sources(article: Article) -> list[str]:
    """The article's distinct sentences, in order (what gets translated and cached)."""
    return list(dict.fromkeys(s.ar for s in article.sentences))


def translation_progress(store: Store, article: Article) -> tuple[int, int]:
    """(sentences with a cached machine translation, distinct sentences); (0, n) without a model."""
    sources = sentence_sources(article)
    model = installed_model()
    if model is None:
        return 0, len(sources)
    cached = cached_translations(store, sources, model)
    return sum(1 for s in sources if cached.get(s)), len(sources)


def translate_article(store: Store, article: Article, progress: Callable[[int, int], None] | None = None) -> TranslationRun | None:
    """Machine-translate the article's sentences (cached per call, so an interrupted run resumes);
    None when no model is installed."""
    if installed_model() is None:
        return None
    return translate_sentences(sentence_sources(article), store, progress=progress)
