"""Translating in the background: the reader asks for an article, a worker thread translates it
call by call into the cache, and the page shows each sentence as soon as its call is done.

One job per text and model at a time: asking again while a job runs returns that job, so two clicks,
two browser tabs or two learners reading the same article never translate it twice. Nothing is kept
only in the job: every finished call is in the cache (``bilingual.store.mt_cache``), so leaving the
page, a reload or a restart loses nothing already translated, and asking again resumes.
"""

from __future__ import annotations

import hashlib
import threading
import time
from dataclasses import dataclass, field

from bilingual.errors import BilingualError
from bilingual.store import Store
from bilingual.translation.engine import DEFAULT_BEAM, available_cores
from bilingual.translation.models import ModelInfo
from bilingual.translation.service import cache_key, translate_sentences

__all__ = ["Job", "active_jobs", "job_for", "start_job"]


@dataclass
class Job:
    """A text being translated in the background (read its fields; the worker updates them)."""

    key: str
    label: str
    total: int
    done: int = 0
    started: float = field(default_factory=time.monotonic)
    first_done: float | None = None  # seconds after the start when the first call's sentences were cached
    finished: float | None = None  # seconds after the start when the last one was
    error: str = ""  # the job stopped: why
    warnings: list[str] = field(default_factory=list)  # it finished, but e.g. the cache could not be written
    thread: threading.Thread | None = field(default=None, repr=False)

    @property
    def running(self) -> bool:
        return self.finished is None and not self.error


_JOBS: dict[str, Job] = {}
_LOCK = threading.Lock()


def _job_key(sources: list[str], model: ModelInfo, beam_size: int) -> str:
    digest = hashlib.sha256("\n".join(sources).encode("utf-8")).hexdigest()[:16]
    return f"{cache_key(model, beam_size)}|{digest}"


def job_for(sources: list[str], model: ModelInfo, beam_size: int = DEFAULT_BEAM) -> Job | None:
    """The job for this text and model (running or finished in this process), or None."""
    with _LOCK:
        return _JOBS.get(_job_key(sources, model, beam_size))


def active_jobs() -> list[Job]:
    with _LOCK:
        return [j for j in _JOBS.values() if j.running]


def start_job(
    label: str, sources: list[str], store: Store, model: ModelInfo, *, beam_size: int = DEFAULT_BEAM, first: int | None = None
) -> Job:
    """Translate ``sources`` in a background thread; the running job for the same text and model if there is one.

    The first model call takes the first ``first`` sentences in reading order (default: one per
    core), so the top of the text is readable after one short call.
    """
    key = _job_key(sources, model, beam_size)
    with _LOCK:
        job = _JOBS.get(key)
        if job is not None and job.running:
            return job
        job = _JOBS[key] = Job(key, label, len(sources))
    first = available_cores() if first is None else first

    baseline: list[int] = []  # sentences already in the cache when the job started

    def progress(done: int, total: int) -> None:
        if not baseline:
            baseline.append(done)
        elif job.first_done is None and done > baseline[0]:
            job.first_done = time.monotonic() - job.started
        job.done = done

    def work() -> None:
        try:
            run = translate_sentences(sources, store, model=model, beam_size=beam_size, progress=progress, reading_order_first=first)
            job.warnings = list(run.warnings)
        except BilingualError as exc:
            job.error = str(exc)
        except Exception as exc:  # the worker must always end with a state the page can show
            job.error = f"the translation stopped: {type(exc).__name__}: {exc}"
        finally:
            job.finished = time.monotonic() - job.started

    job.thread = threading.Thread(target=work, name=f"translate {label}", daemon=True)
    job.thread.start()
    return job
