"""Glossary: search names in Arabic (normalized, clitic-tolerant), English or romanization; a term's
card and its concordance (every corpus sentence that mentions it, each linking into the reader).

URL: ``?term=<entry id>`` opens a term; ``?q=<query>`` pre-fills the search.
"""

from __future__ import annotations

from html import escape

import streamlit as st

import webui
from bilingual import render
from bilingual import translation as tr
from bilingual.corpus import REFERENCE_LABEL
from bilingual.glossary import ENTRY_TYPES, search

webui.page_setup("Glossary", icon="📚")
corpus = webui.get_library()
glossary = webui.get_glossary()
index = webui.get_index(corpus, glossary)
store = webui.get_store()
articles = {a.id: a for a in corpus}
ALL = "__all__"

webui.sync_from_query("q", "gl_query", lambda v: True)
webui.sync_from_query("term", "gl_term", lambda v: glossary.get(v) is not None)
st.session_state.setdefault("gl_term", None)

st.title("Glossary")
corpus_counts = {tc.entry.id: tc.count for tc in index.corpus_terms()}
st.caption(f"{len(glossary)} names: people, places, organizations, agreements and events in the articles.")

left, right = st.columns([1.15, 2.4], gap="large")

with left:
    query = st.text_input(
        "Search",
        key="gl_query",
        placeholder="أذربيجان · Azerbaijan · Adharbayjan",
        help="Arabic with or without hamza, vowels or an attached و/ب/ل/ف/ك/ال; English; romanization.",
        on_change=lambda: webui.set_query(q=st.session_state.get("gl_query") or None),
    )
    types = st.pills(
        "Type", list(ENTRY_TYPES), selection_mode="multi", format_func=lambda t: render.TYPE_LABELS[t], key="gl_types",
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

    def _pick(entry_id: str) -> None:
        st.session_state["gl_term"] = entry_id
        webui.set_query(term=entry_id)

    with st.container(height=560, key="gl_results"):
        for e in hits:
            n = corpus_counts.get(e.id, 0)
            st.button(
                f"{e.en}" + (f" ({n})" if n else "") + f" · {e.ar}",
                key=f"gl_hit_{e.id}",
                on_click=_pick,
                args=(e.id,),
                type="primary" if e.id == st.session_state.get("gl_term") else "tertiary",
                width="stretch",
                help=f"{render.TYPE_LABELS.get(e.type, e.type)}: {e.description}",
            )
        if not hits:
            st.info("No term matches. Try fewer letters, or the English name.")

with right:
    term = st.session_state.get("gl_term")
    entry = glossary.get(term) if term else None
    if entry is None and len(hits) == 1:
        entry = hits[0]
    if entry is None:
        st.info("Choose a term on the left to see its description and every sentence that mentions it.")
        st.stop()

    head, ar = st.columns([1.3, 1], vertical_alignment="center")
    with head:
        st.html(
            f"<div>{render.type_badge_html(entry.type)}</div>"
            f'<h2 style="margin:.2rem 0 0">{escape(entry.en)}{" (" + escape(entry.acronym) + ")" if entry.acronym else ""}</h2>'
            + (f'<div class="meta"><i>{escape(entry.romanization)}</i></div>' if entry.romanization else "")
        )
    with ar:
        st.html(f'<div class="ar title-ar" dir="rtl" lang="ar" style="font-size:2rem">{escape(entry.ar)}</div>')
    st.html(f'<p style="font-size:1.05rem">{escape(entry.description)}</p>')

    facts = []
    other_ar = [f for f in entry.ar_forms if f != entry.ar]
    if other_ar:
        facts.append(
            '<div class="src-label">Arabic spellings</div><div class="ar" dir="rtl" lang="ar">'
            + " · ".join(escape(f) for f in other_ar) + "</div>"
        )
    other_en = [f for f in entry.en_forms if f != entry.en]
    if other_en:
        facts.append(f'<div class="src-label">English forms</div><div>{escape(" · ".join(other_en))}</div>')
    if entry.lat is not None and entry.lon is not None:
        facts.append(f'<div class="src-label">Coordinates</div><div>{entry.lat:.2f}, {entry.lon:.2f}</div>')
    if entry.origin != "curated":
        facts.append('<div class="src-label">Source</div><div>Your personal term</div>')
    if facts:
        st.html("".join(f'<div style="margin-bottom:.5rem">{f}</div>' for f in facts))

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
            st.markdown(f"**{escape(ln.article.display_title)}** · {escape(ln.article.outlet_en or ln.article.outlet)}, {escape(ln.article.date)}")
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
            render.english_html(en, webui.find_english(en, glossary, ids), glossary, focus_entry=entry.id) if en else
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
                webui.READER_PAGE,
                label=f"Open in the reader at {ln.sentence.id}",
                icon=":material/menu_book:",
                query_params={"article": ln.article.id, "sentence": ln.sentence.id, "term": entry.id},
            )
