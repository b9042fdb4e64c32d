"""Import your own Arabic text: paste or upload, preview the sentences and highlights, save, translate.

Thin page: validation, cleaning, segmentation and storage are in ``bilingual.imports``. Imported
text is untrusted: it is only ever shown through ``st.text``/widget values, escaped labels
(``markdown_literal``) or the escaped markup of ``bilingual.render``.
"""

from __future__ import annotations

from html import escape

import streamlit as st

from bilingual import render
from bilingual import translation as tr
from bilingual.errors import ImportRefused
from bilingual.imports import texts
from bilingual.imports.clean import MAX_CHARS, Cleaned
from bilingual.imports.decode import UPLOAD_TYPES, read_upload
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.style import page_setup
from ui.widgets import confirm_delete

PREVIEW_SENTENCES = 40


def _n(count: int, noun: str) -> str:
    """'1 paragraph', '3 paragraphs'."""
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


page_setup("Import", icon="📥")
store = data.get_store()  # first: the login form or the learner chooser, when needed
st.title("Import a text")
st.caption(
    f"Bring your own Arabic text: paste it or upload a .txt, .md or .html file (up to {MAX_CHARS:,} "
    "characters). It is kept in your own database, never in the app's files."
)
owner = data.learner().id  # every text here is this learner's own
glossary = data.get_glossary()


def show_sentences(article, mentions: dict, limit: int) -> None:
    rows = []
    for i, s in enumerate(article.sentences[:limit], start=1):
        rows.append(
            f'<div class="imp-row"><span class="imp-n">{i}</span>'
            f'<span class="ar" dir="rtl" lang="ar">{render.sentence_html(s.ar, mentions.get(s.id, []), glossary)}</span></div>'
        )
    st.html(  # highlight colours come from ui.style.page_setup's stylesheet
        "<style>.imp-row{display:flex;gap:.8rem;align-items:baseline;border-bottom:1px solid rgba(128,128,128,.15);"
        "padding:.2rem 0}.imp-n{color:#6b7280;font-size:.8rem;min-width:2rem}.imp-row .ar{flex:1}</style>"
        + "".join(rows)
    )
    if len(article.sentences) > limit:
        st.caption(f"… and {_n(len(article.sentences) - limit, 'more sentence')}.")


def translate_with_progress(text_id: int) -> None:
    article = texts.get_article(store, texts.article_id_for(text_id), reader=owner)
    if article is None:
        return
    bar = st.progress(0.0, text="Translating…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Translating: {done} / {total} sentences")

    run = tr.translate_article(store, article, progress)
    if run is not None:
        bar.progress(1.0, text=f"Translated {len(run.targets)} sentences ({run.cache_hits} were already done).")
        for warning in run.warnings:  # e.g. the cache could not be written: a full disk
            st.warning(md(warning))


def reader_link(text_id: int) -> None:
    # a relative URL built from an integer id only (works under a base URL path too)
    st.markdown(f"[Open in the reader ↗]({render.reader_href(texts.article_id_for(int(text_id)), page=render.READER_URL)})")


# --- add a text ---------------------------------------------------------------------------------

source_kind = st.radio("Text", ["Paste", "Upload a file"], horizontal=True, key="imp_kind")
raw_text, suggested_title, note = "", "", ""
if source_kind == "Paste":
    raw_text = st.text_area("Arabic text", height=220, key="imp_paste", placeholder="الصق النص العربي هنا")
else:
    up = st.file_uploader("File (.txt, .md, .html)", type=list(UPLOAD_TYPES), key="imp_file")
    if up is not None:
        try:
            upload = read_upload(up.getvalue(), up.name)
            raw_text, suggested_title = upload.text, upload.title
            if upload.converted:
                note = f"Converted from {upload.encoding_label} to UTF-8."
            if upload.kind == "html":
                note += " Only the page's text was kept (scripts, styles and markup dropped)."
        except ImportRefused as exc:
            st.error(md(f"Not imported: {exc}"))

c1, c2, c3 = st.columns([3, 2, 1])
title = c1.text_input("Title (optional)", key="imp_title", placeholder=suggested_title or "the first sentence is used")
source = c2.text_input("Source (optional)", key="imp_source", placeholder="outlet or web address")
date = c3.text_input("Date (optional)", key="imp_date", placeholder="YYYY-MM-DD")

b1, b2, _ = st.columns([1, 1, 4])
want_preview = b1.button("Preview", key="imp_preview_btn")
want_save = b2.button("Save", type="primary", key="imp_save_btn")

if want_preview or want_save:
    try:
        preview = texts.prepare(raw_text, glossary, title or suggested_title, source, date)
    except ImportRefused as exc:
        st.error(md(f"Not imported: {exc}"))
        preview = None
    if preview is not None:
        if note:
            st.info(md(note.strip()))
        if preview.removed:
            st.info(
                f"{sum(preview.removed.values())} invisible characters that could disguise the text were removed "
                f"({Cleaned(preview.text, preview.removed).removed_summary()})."
            )
        if want_save:
            text_id = None
            with data.saving("The text"):  # refused: the text stays in the form, to save again
                try:
                    text_id = texts.save_text(store, preview.text, preview.title, preview.source, preview.date, owner=owner)
                except ImportRefused as exc:
                    st.warning(md(str(exc)))
        if want_save and text_id is not None:
            st.session_state["imp_saved"] = text_id
            st.success(
                f"Saved as text {text_id}: {_n(len(preview.article.sentences), 'sentence')}, "
                f"{_n(preview.mention_count, 'glossary mention')} of {_n(len(preview.term_ids), 'term')}."
            )
            if tr.installed_model() is not None:
                translate_with_progress(text_id)
            else:
                st.caption("No translation model is installed: the reader will show the Arabic only.")
            reader_link(text_id)
        else:
            st.subheader("Preview")
            st.caption(
                f"{_n(len(preview.article.paragraphs), 'paragraph')}, {_n(len(preview.article.sentences), 'sentence')}, "
                f"{_n(preview.mention_count, 'glossary mention')} of {_n(len(preview.term_ids), 'term')}. Title: "
            )
            st.html(f'<div class="imp-title" dir="auto">{escape(preview.title)}</div>')
            show_sentences(preview.article, preview.mentions, PREVIEW_SENTENCES)

# --- my texts -----------------------------------------------------------------------------------

st.divider()
st.header("My texts")
my_texts = texts.list_texts(store, owner=owner)
if not my_texts:
    st.caption("Nothing imported yet.")
model = tr.installed_model()
for text in my_texts:
    article = texts.as_article(text)
    label = f"🏷️ mine · \u2068{md(text.title)}\u2069"  # the title in its own direction (FSI…PDI)
    with st.expander(label, expanded=st.session_state.get("imp_saved") == text.id):
        meta = [_n(len(article.sentences), "sentence"), _n(text.char_count, "character")]
        if text.date:
            meta.append(text.date)
        st.caption(" · ".join(md(m) for m in meta))
        if text.source:
            st.text(f"Source: {text.source}")
        reader_link(text.id)
        if model is not None:
            done, total = tr.translation_progress(store, article)
            if done < total:
                st.progress(done / total if total else 1.0, text=f"Machine translation: {done} / {total} sentences")
                if st.button("Translate the rest", key=f"imp_tr_{text.id}"):
                    translate_with_progress(text.id)
            else:
                st.caption(f"Machine translation: all {total} sentences done.")
        new_title = st.text_input("Title", value=text.title, key=f"imp_rename_{text.id}")
        r1, r2, _ = st.columns([1, 1, 3])
        if r1.button("Rename", key=f"imp_rename_btn_{text.id}") and new_title != text.title:
            renamed = None
            with data.saving("The new title"):
                try:
                    renamed = texts.rename_text(store, text.id, new_title, owner=owner)
                except ImportRefused as exc:
                    st.error(md(str(exc)))
            if renamed is not None:
                st.rerun()
        confirm_delete(
            "imp", str(text.id), "Delete this text and its machine translations? This cannot be undone (except from a backup).",
            data.guarded(lambda text_id=text.id: texts.delete_text(store, text_id, owner=owner), "The deletion of this text"),
            place=r2,
        )
