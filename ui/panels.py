"""The reader's panels: installing the translation model, translating an article, the term card's
"Also mentioned in" links, and the word card (with its lemma concordance), plus the cached vowel
marks and interlinear glosses the reader shows."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path

import streamlit as st

from bilingual import reader, render
from bilingual import translation as tr
from bilingual.concordance import CorpusIndex
from bilingual.corpus import Article
from bilingual.glossary import Entry, Glossary
from bilingual.text.sanitize import markdown_literal as md
from bilingual.translation.install import Progress
from bilingual.words.card import lemma_lines_html, word_card_html
from bilingual.words.concordance import lemma_concordance
from bilingual.words.lexicon import Lexicon, is_loaded
from bilingual.words.lookup import WordInfo
from bilingual.words.vowels import vowelize
from ui import MY_TERMS_PAGE, state

__all__ = ["also_mentioned_in", "install_panel", "interlinear", "lexicon", "vowelled", "word_card"]


def _show_failure(failure: reader.InstallFailure) -> None:
    st.error(failure.headline, icon=":material/cloud_off:" if failure.offline else ":material/error:")
    st.caption(md(f"Details: {failure.detail}"))


def _install(run: Callable[[Progress], tr.ModelInfo], start: str, *, from_file: bool) -> reader.InstallFailure | None:
    """Run one install with a progress bar; rerun the page once installed, else say why."""
    bar = st.progress(0.0, text=start)
    try:
        info = run(lambda f, msg: bar.progress(min(1.0, max(0.0, f)), text=msg))
    except tr.InstallError as exc:
        bar.empty()
        return reader.install_failure(exc, from_file=from_file)
    st.success(md(f"Installed {info.name} {info.version}."))
    st.rerun()
    return None


def install_panel() -> None:
    """Install the model from the Argos index or from an uploaded .argosmodel file, with a progress bar.

    Before any button: the exact file, where it comes from (the Argos package index, its URL as
    text), its size and the command-line alternative, so a learner offline knows what to fetch.
    (That the model is not installed, the page says once, above the panel.)
    """
    st.caption("Everything else works without it: the reference translation, highlights, word cards, the quiz.")
    with st.container(border=True, key="mt_install_how"):
        st.markdown(
            f"**The file:** `{tr.MODEL_FILE_NAME}`, the Argos Translate Arabic→English package "
            f"({tr.APPROX_DOWNLOAD}, once). **Where it comes from:** the Argos package index, which lists "
            "its download links:"
        )
        st.code(tr.index_url(), language=None, wrap_lines=True)
        st.markdown(
            "**Install** below downloads it from there (it needs the internet). **Offline?** Fetch the file "
            "on a connected computer, then upload it here or install it from the command line:"
        )
        st.code(f"python -m bilingual model install --from-file {tr.MODEL_FILE_NAME}", language="bash", wrap_lines=True)
    failure: reader.InstallFailure | None = None
    c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
    with c1:
        if st.button("Install the translation model", icon=":material/download:", key="mt_install"):
            failure = _install(lambda progress: tr.install_from_index(progress=progress), "Starting…", from_file=False)
    with c2:
        up = st.file_uploader("…or upload an .argosmodel file", type=["argosmodel"], key="mt_upload")
        if up is not None and st.button("Install this file", key="mt_install_file"):
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(up.name).name
                path.write_bytes(up.getbuffer())
                failure = _install(lambda progress: tr.install_from_file(path, progress=progress), "Checking the file…", from_file=True)
    if failure is not None:
        _show_failure(failure)


def also_mentioned_in(index: CorpusIndex, entry: Entry, article: Article) -> None:
    """Links to the other articles that mention ``entry``, each opening at its first mention."""
    others = index.articles_mentioning(entry.id, exclude=article.id)
    if not others:
        st.caption("Not mentioned in the other articles.")
        return
    st.caption("Also mentioned in")

    def _open(other_id: str, sentence_id: str, term_id: str) -> None:
        # switch in place and rewrite the URL, so a reload shows the same article
        st.session_state["reader_article"] = other_id
        st.session_state["reader_term"] = term_id
        st.session_state["reader_pick"] = None
        state.set_query(article=other_id, sentence=sentence_id, term=term_id)

    for other, n in others:
        first = next(c.sentence.id for c in index.concordance(entry.id, article_id=other.id))
        st.button(
            md(f"{other.display_title} ({n}×)"), key=f"also_{other.id}", on_click=_open, args=(other.id, first, entry.id),
            icon=":material/menu_book:", type="tertiary", width="stretch",
            help=md(f"Open “{other.display_title}” at its first mention of {entry.en} ({first})."),
        )


# --- words: the dictionary, vowel marks, the interlinear line, the word card ------------------------


def lexicon() -> Lexicon:
    """The process's lexicon (the reader starts loading it in the background; this waits for it)."""
    if is_loaded():
        return Lexicon.shared()
    with st.spinner("Loading the dictionary…"):
        return Lexicon.shared()


@st.cache_data(show_spinner="Adding vowel marks…", max_entries=64)
def _vowelled(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(vowelize(t) for t in texts)


def vowelled(article: Article) -> dict[str, str]:
    """Each sentence of ``article`` with vowel marks added (computed once per text and server)."""
    texts = tuple(s.ar for s in article.sentences)
    return dict(zip(texts, _vowelled(texts), strict=True))


@st.cache_resource(show_spinner="Glossing every word…", max_entries=16)
def _glosses(_article: Article, _index: CorpusIndex, _glossary: Glossary, key: tuple) -> dict[str, dict[int, str]]:
    return reader.interlinear_glosses(_article, _index, _glossary, lexicon())


def interlinear(article: Article, index: CorpusIndex, glossary: Glossary) -> dict[str, dict[int, str]]:
    """The interlinear line's glosses for ``article`` (computed once per article and glossary)."""
    return _glosses(article, index, glossary, (article.id, hash(article), glossary.key))


def word_card(info: WordInfo, article: Article, sentence_id: str, library: tuple[Article, ...], glossary: Glossary) -> None:
    """The word card: its readings (segments with meanings, lemma, part of speech, glosses), a
    "probably" name, "Add as my term" (My terms, prefilled: ``reader.term_prefill``), and every
    sentence of the library with the same lemma (links into the reader)."""
    probably = glossary.get(info.probably.entry_id) if info.probably else None
    href = render.reader_href(article.id, sentence_id, probably.id) if probably else None
    st.html(word_card_html(info, probably=probably, probably_href=href))
    # the values travel as query parameters (Streamlit encodes them); My terms cleans them again
    st.page_link(MY_TERMS_PAGE, label="Add as my term", icon=":material/add_circle:", query_params=reader.term_prefill(info),
                 help="Opens My terms with this word filled in: your own term is highlighted in every text.")
    best = info.best
    if best is not None:
        lines = lemma_concordance(best.lemma_key, library, lexicon())
        st.html(lemma_lines_html(best.lemma, lines, current_uid=f"{article.id}/{sentence_id}"))
