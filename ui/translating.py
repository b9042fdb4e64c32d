"""Machine translation without waiting, on the Reader: start a background job, show its progress while
the rows fill in (the page polls the cache), offer to pre-translate the curated library."""

from __future__ import annotations

import streamlit as st

from bilingual import translation as tr
from bilingual.corpus import Article
from bilingual.store import Store
from bilingual.text.sanitize import markdown_literal as md

__all__ = ["LIBRARY_LABEL", "controls", "job_covering", "library_sources", "progress_line"]

LIBRARY_LABEL = "the library"


def library_sources(curated: tuple[Article, ...]) -> list[str]:
    """Every distinct sentence of the curated articles, in reading order."""
    return list(dict.fromkeys(s.ar for a in curated for s in a.sentences))


def job_covering(article: Article, model: tr.ModelInfo, curated: tuple[Article, ...]) -> tr.Job | None:
    """The job translating this article right now: its own, or the library's when the article is curated."""
    own = tr.job_for([s.ar for s in article.sentences], model)
    if own is not None and own.running:
        return own
    if any(a.id == article.id for a in curated):
        lib = tr.job_for(library_sources(curated), model)
        if lib is not None and lib.running:
            return lib
    return None


def progress_line(job: tr.Job) -> None:
    """How far a running job is (shown while the rows fill in)."""
    what = "the whole library" if job.label == LIBRARY_LABEL else "this article"
    st.progress(job.done / max(job.total, 1), text=f"Translating {what}: {job.done} of {job.total} sentences. Keep reading; "
                "each sentence appears as soon as it is translated.")


def controls(store: Store, article: Article, model: tr.ModelInfo, cached: dict[str, str], curated: tuple[Article, ...],
             *, start_now: bool = False) -> tr.Job | None:
    """What is missing and the buttons that start the background jobs; the job covering this article.

    ``start_now`` starts this article's job without a click (an imported text opened on machine translation).
    """
    job = job_covering(article, model, curated)
    sources = [s.ar for s in article.sentences]
    missing = sum(1 for s in dict.fromkeys(sources) if s not in cached)
    if job is None and missing and start_now:
        job = tr.start_job(article.id, sources, store, model)
    if job is None and missing:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.info(f"{missing} of {len(set(sources))} sentences have no machine translation yet.")
        # started in the click's callback, before the page runs again: the decoder starts at once
        c2.button("Translate this article", icon=":material/translate:", key="mt_translate", type="primary",
                  on_click=tr.start_job, args=(article.id, sources, store, model))
    library = library_sources(curated)
    left = len(library) - len(tr.cached_translations(store, library, model)) if job is None else 0
    if left:
        with st.expander("Translate the whole library now", icon=":material/library_books:"):
            st.caption(f"{left} sentences of the curated articles have no machine translation yet. Translate them once, "
                       "in the background, and every article opens with its machine translation at once.")
            if st.button("Translate the library", key="mt_translate_library"):
                job = tr.start_job(LIBRARY_LABEL, library, store, model)
    finished = st.session_state.pop("_mt_job_warnings", None)
    for w in finished or []:
        st.warning(md(w))
    return job
