"""Translating without waiting: background jobs that fill the cache call by call, the first call in
reading order, one job per text, resumable; and ``translate --all`` (structure only: random weights)."""

from __future__ import annotations

import threading
import time

from bilingual import translation
from bilingual.cli import main as cli_main
from bilingual.corpus import default_corpus
from bilingual.translation import engine as tr_engine
from bilingual.translation.service import plan_calls


def _wait(job: translation.Job, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while job.running and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not job.running, "the job did not finish"


def test_the_first_call_is_the_top_of_the_text_then_length_sorted_waves():
    lengths = [30, 5, 40, 10, 20, 8, 3]
    calls = plan_calls(lengths, wave=2, first=2)
    assert calls[0] == [0, 1]  # the first two sentences as the reader sees them
    rest = [j for c in calls[1:] for j in c]
    assert sorted(rest) == [2, 3, 4, 5, 6] and [lengths[j] for j in rest] == sorted(lengths[j] for j in rest)
    assert all(len(c) <= 2 for c in calls[1:])
    assert plan_calls(lengths, wave=4) == [[6, 1, 5, 3], [4, 0, 2]]  # without a first call: by length only


def test_a_job_fills_the_cache_sentence_by_sentence_and_is_not_started_twice(installed, store):
    art = max(default_corpus(), key=lambda a: a.sentence_count)
    sources = [s.ar for s in art.sentences]
    seen: list[int] = []
    real = tr_engine.Engine.translate_tokens
    gate = threading.Event()

    def slow(self, tokens, beam_size=4):  # one call at a time, each waiting for the test to look
        out = real(self, tokens, beam_size)
        seen.append(len(tokens))
        gate.wait(timeout=30)
        return out

    tr_engine.Engine.translate_tokens = slow
    try:
        job = translation.start_job(art.id, sources, store, installed, first=2)
        deadline = time.monotonic() + 60
        while not seen and time.monotonic() < deadline:
            time.sleep(0.02)
        assert translation.start_job(art.id, sources, store, installed) is job  # no second job for the same text
        assert translation.job_for(sources, installed) is job and job in translation.active_jobs()
        gate.set()
        _wait(job)
    finally:
        tr_engine.Engine.translate_tokens = real
    assert seen[0] == 2  # the first call: the first two sentences, in reading order
    cached = translation.cached_translations(store, sources, installed)
    assert set(cached) == set(sources) and all(cached.values())
    assert job.done == job.total == len(sources) and job.first_done is not None and job.error == ""


def test_an_interrupted_job_resumes_where_it_stopped(installed, store):
    art = default_corpus()[0]
    sources = list(dict.fromkeys(s.ar for s in art.sentences))
    first = translation.translate_sentences(sources[:3], store, model=installed)
    assert first.model_calls == 3
    job = translation.start_job(art.id, sources, store, installed)
    _wait(job)
    again = translation.translate_sentences(sources, store, model=installed)
    assert again.model_calls == 0 and again.cache_hits == len(sources)


def test_translate_all_pre_translates_the_library_and_resumes(installed, capsys):
    corpus = default_corpus()
    n = len({s.ar for a in corpus for s in a.sentences})
    assert cli_main(["translate", "--all", "--beam", "1"]) == 0
    out = capsys.readouterr().out
    assert f"{len(corpus)} articles, {n} sentences: 0 were already translated, {n} translated now" in out
    assert cli_main(["translate", "--all", "--beam", "1"]) == 0
    assert f"{n} were already translated, 0 translated now in 0 model call(s)" in capsys.readouterr().out
