"""Glossary: search names in Arabic (normalized, clitic-tolerant), English or romanization; a term's
card and its concordance (every corpus sentence that mentions it, each linking into the reader).

URL: ``?term=<entry id>`` opens a term; ``?q=<query>`` pre-fills the search.
"""

from __future__ import annotations

import streamlit as st

from bilingual import render
from bilingual import translation as tr
from bilingual.corpus import REFERENCE_LABEL
from bilingual.glossary import ENTRY_TYPES, TYPE_LABELS, exact_match, search
from bilingual.matcher import find_english
from bilingual.text.sanitize import markdown_literal as md
from ui import READER_PAGE, data, state
from ui.style import page_setup

page_setup("Glossary", icon="📚")
corpus, glossary, index, store = data.reading()
articles = {a.id: a for a in corpus}
#: terms listed at most (the count above says how many match)
SHOWN = 200
ALL = "__all__"

state.sync_from_query("q", "gl_query", lambda v: True)
state.sync_from_query("term", "gl_term", lambda v: glossary.get(v) is not None)
st.session_state.setdefault("gl_term", None)

st.title("Glossary")
corpus_counts = {tc.entry.id: tc.count for tc in index.corpus_terms()}
st.caption(f"{len(glossary)} names: people, places, organizations, agreements and events in the articles.")

left, right = st.columns([1.15, 2.4], gap="large")


def _new_query() -> None:
    # a new search shows its own best match, not the term picked for the previous one
    st.session_state["gl_term"] = None
    state.set_query(q=st.session_state.get("gl_query") or None, term=None)


def _pick(entry_id: str) -> None:
    st.session_state["gl_term"] = entry_id
    state.set_query(term=entry_id)


with left:
    query = st.text_input(
        "Search",
        key="gl_query",
        placeholder="أذربيجان · Azerbaijan · Adharbayjan",
        help="Arabic with or without hamza, vowels or an attached و/ب/ل/ف/ك/ال; English; romanization.",
        on_change=_new_query,
    )
    types = st.pills(
        "Type", list(ENTRY_TYPES), selection_mode="multi", format_func=lambda t: TYPE_LABELS[t], key="gl_types",
        wrap=True, width="stretch",
    )
    art_filter = st.selectbox(
        "Article",
        [ALL, *articles],
        format_func=lambda a: "All articles" if a == ALL else articles[a].display_title,
        key="gl_article",
    )
    hits = search(glossary, query or "")
    if types:
        hits = [e for e in hits if e.type in types]
    if art_filter != ALL:
        in_article = index.entries_in(art_filter)
        hits = [e for e in hits if e.id in in_article]
    if not query:
        hits.sort(key=lambda e: (-corpus_counts.get(e.id, 0), e.en))
    st.caption(f"{len(hits)} of {len(glossary)} terms")

    # the term shown on the right: the one picked, else the only hit or the one the query names exactly
    # (وأذربيجان → Azerbaijan among the 8 names containing it)
    entry = glossary.get(st.session_state.get("gl_term") or "")
    if entry is None:
        entry = hits[0] if len(hits) == 1 else exact_match(hits, query or "")

    with st.container(height=560, key="gl_results"):
        if len(hits) > SHOWN:  # thousands of personal terms: the page stays quick, the search narrows
            st.caption(f"The first {SHOWN} are listed: type a few letters or choose a type to find the others.")
        for e in hits[:SHOWN]:
            n = corpus_counts.get(e.id, 0)
            # English and Arabic each on its own line: a label never breaks between (or inside) the two names
            st.button(
                md(f"{e.en}" + (f" ({n})" if n else "")) + "  \n" + md(e.ar),
                key=f"gl_hit_{e.id}",
                on_click=_pick,
                args=(e.id,),
                type="primary" if entry is not None and e.id == entry.id else "tertiary",
                width="stretch",
                help=md(f"{e.en} · {e.ar} — {TYPE_LABELS.get(e.type, e.type)}: {e.description}"),
            )
        if not hits:
            st.info("No term matches. Try fewer letters, or the English name.")

with right:
    if entry is None:
        st.info("Choose a term on the left to see its description and every sentence that mentions it.")
        st.stop()

    st.html(render.term_card_html(entry, full=True))

    mentioned = index.articles_mentioning(entry.id)
    lines = index.concordance(entry.id, article_id=None if art_filter == ALL else art_filter)
    st.subheader(f"In the articles · {sum(n for _, n in mentioned)} mentions in {len(mentioned)} of {len(corpus)}")
    if not lines:
        st.caption("This term is not mentioned in " + ("the corpus." if art_filter == ALL else "this article."))

    mt: dict[str, str] = {}
    if lines:
        model = tr.installed_model()
        if model is not None:
            mt = tr.cached_translations(store, [ln.sentence.ar for ln in lines], model)

    current = None
    for ln in lines:
        if ln.article.id != current:
            current = ln.article.id
            st.markdown(f"**{md(ln.article.display_title)}** · {md(ln.article.outlet_en or ln.article.outlet)}, {md(ln.article.date)}")
        ids = list(dict.fromkeys(m.entry_id for m in ln.mentions))
        ar_html = render.sentence_html(ln.sentence.ar, list(ln.mentions), glossary, focus_entry=entry.id)
        ref = ln.article.reference.get(ln.sentence.id)
        if ref:
            label, en = REFERENCE_LABEL, ref
        elif ln.sentence.ar in mt:
            label, en = tr.MT_LABEL, mt[ln.sentence.ar]
        else:
            label, en = "", ""
        en_html = (
            render.english_html(en, find_english(en, glossary, ids), glossary, focus_entry=entry.id) if en else
            render.note_html("No translation available.")
        )
        with st.container(key=f"conc_{ln.sentence.uid.replace('/', '_')}"):
            st.html(
                render.row_html(
                    f"c-{ln.sentence.uid}", ar_html,
                    [render.EnglishBlock(label or "Translation", en_html, "en-ref")],
                    kind="text",
                )
            )
            st.page_link(
                READER_PAGE,
                label=md(f"Open in the reader at {ln.sentence.id}"),
                icon=":material/menu_book:",
                query_params={"article": ln.article.id, "sentence": ln.sentence.id, "term": entry.id},
            )
