"""Import your own Arabic text: paste or upload, preview the sentences and highlights, save, translate.

Thin page: validation, cleaning, segmentation and storage are in ``bilingual.importer``. Imported
text is untrusted: it is only ever shown through ``st.text``/widget values, escaped labels
(``importer.markdown_literal``) or the escaped markup of ``bilingual.render``.
"""

from __future__ import annotations

from html import escape

import streamlit as st

import webui
from bilingual import importer

PREVIEW_SENTENCES = 40

webui.page_setup("Import", icon="📥")
st.title("Import a text")
st.caption(
    f"Bring your own Arabic text: paste it or upload a .txt, .md or .html file (up to {importer.MAX_CHARS:,} "
    "characters). It is kept in your own database, never in the app's files."
)
store = webui.get_store()
glossary = webui.get_glossary()

try:
    from bilingual import render
except ModuleNotFoundError:  # the UI engineer's module; plain escaped text until it exists
    render = None  # type: ignore[assignment]


def sentence_markup(text: str, mentions: list) -> str:
    if render is not None:
        return render.sentence_html(text, mentions, glossary)
    return escape(text)


def show_sentences(article, mentions: dict, limit: int) -> None:
    rows = []
    for i, s in enumerate(article.sentences[:limit], start=1):
        rows.append(
            f'<div class="imp-row"><span class="imp-n">{i}</span>'
            f'<span class="ar" dir="rtl" lang="ar">{sentence_markup(s.ar, mentions.get(s.id, []))}</span></div>'
        )
    st.html(  # highlight colours come from webui.page_setup's stylesheet
        "<style>.imp-row{display:flex;gap:.8rem;align-items:baseline;border-bottom:1px solid rgba(128,128,128,.15);"
        "padding:.2rem 0}.imp-n{color:#6b7280;font-size:.8rem;min-width:2rem}.imp-row .ar{flex:1}</style>"
        + "".join(rows)
    )
    if len(article.sentences) > limit:
        st.caption(f"… and {len(article.sentences) - limit} more sentences.")


def translate_with_progress(text_id: int) -> None:
    text = importer.get_text(store, text_id)
    if text is None:
        return
    article = importer.as_article(text)
    bar = st.progress(0.0, text="Translating…")

    def progress(done: int, total: int) -> None:
        bar.progress(done / total if total else 1.0, text=f"Translating: {done} / {total} sentences")

    run = importer.translate_article(store, article, progress)
    if run is not None:
        bar.progress(1.0, text=f"Translated {len(run.targets)} sentences ({run.cache_hits} were already done).")


def reader_link(text_id: int) -> None:
    # relative URL built from an integer id only (works under a base URL path too)
    st.markdown(f"[Open in the reader ↗]({webui.READER_URL}?article={importer.article_id_for(int(text_id))})")


# --- add a text ---------------------------------------------------------------------------------

source_kind = st.radio("Text", ["Paste", "Upload a file"], horizontal=True, key="imp_kind")
raw_text, suggested_title, note = "", "", ""
if source_kind == "Paste":
    raw_text = st.text_area("Arabic text", height=220, key="imp_paste", placeholder="الصق النص العربي هنا")
else:
    up = st.file_uploader("File (.txt, .md, .html)", type=list(importer.UPLOAD_TYPES), key="imp_file")
    if up is not None:
        try:
            upload = importer.read_upload(up.getvalue(), up.name)
            raw_text, suggested_title = upload.text, upload.title
            if upload.converted:
                note = f"Converted from {upload.encoding_label} to UTF-8."
            if upload.kind == "html":
                note += " Only the page's text was kept (scripts, styles and markup dropped)."
        except importer.ImportRefused as exc:
            st.error(f"Not imported: {exc}")

c1, c2, c3 = st.columns([3, 2, 1])
title = c1.text_input("Title (optional)", key="imp_title", placeholder=suggested_title or "the first line is used")
source = c2.text_input("Source (optional)", key="imp_source", placeholder="outlet or web address")
date = c3.text_input("Date (optional)", key="imp_date", placeholder="YYYY-MM-DD")

b1, b2, _ = st.columns([1, 1, 4])
want_preview = b1.button("Preview", key="imp_preview_btn")
want_save = b2.button("Save", type="primary", key="imp_save_btn")

if want_preview or want_save:
    try:
        preview = importer.prepare(raw_text, glossary, title or suggested_title, source, date)
    except importer.ImportRefused as exc:
        st.error(f"Not imported: {exc}")
        preview = None
    if preview is not None:
        if note:
            st.info(note.strip())
        if preview.removed:
            st.info(
                f"{sum(preview.removed.values())} invisible characters that could disguise the text were removed "
                f"({importer.Cleaned(preview.text, preview.removed).removed_summary()})."
            )
        if want_save:
            try:
                text_id = importer.save_text(store, preview.text, preview.title, preview.source, preview.date)
            except importer.ImportRefused as exc:
                st.warning(str(exc))
                text_id = None
        if want_save and text_id is not None:
            st.session_state["imp_saved"] = text_id
            st.success(
                f"Saved as text {text_id}: {len(preview.article.sentences)} sentences, "
                f"{preview.mention_count} glossary mentions of {len(preview.term_ids)} terms."
            )
            if importer.translation_model() is not None:
                translate_with_progress(text_id)
            else:
                st.caption("No translation model is installed: the reader will show the Arabic only.")
            reader_link(text_id)
        else:
            st.subheader("Preview")
            st.caption(
                f"{len(preview.article.paragraphs)} paragraphs, {len(preview.article.sentences)} sentences, "
                f"{preview.mention_count} glossary mentions of {len(preview.term_ids)} terms. Title: "
            )
            st.text(preview.title)
            show_sentences(preview.article, preview.mentions, PREVIEW_SENTENCES)

# --- my texts -----------------------------------------------------------------------------------

st.divider()
st.header("My texts")
texts = importer.list_texts(store)
if not texts:
    st.caption("Nothing imported yet.")
model = importer.translation_model()
for text in texts:
    article = importer.as_article(text)
    label = f"🏷️ mine · {importer.markdown_literal(text.title)}"
    with st.expander(label, expanded=st.session_state.get("imp_saved") == text.id):
        meta = [f"{len(article.sentences)} sentences", f"{text.char_count:,} characters"]
        if text.date:
            meta.append(text.date)
        st.caption(" · ".join(importer.markdown_literal(m) for m in meta))
        if text.source:
            st.text(f"Source: {text.source}")
        reader_link(text.id)
        if model is not None:
            done, total = importer.translation_progress(store, article)
            if done < total:
                st.progress(done / total if total else 1.0, text=f"Machine translation: {done} / {total} sentences")
                if st.button("Translate the rest", key=f"imp_tr_{text.id}"):
                    translate_with_progress(text.id)
            else:
                st.caption(f"Machine translation: all {total} sentences done.")
        new_title = st.text_input("Title", value=text.title, key=f"imp_rename_{text.id}")
        r1, r2, _ = st.columns([1, 1, 3])
        if r1.button("Rename", key=f"imp_rename_btn_{text.id}") and new_title != text.title:
            try:
                importer.rename_text(store, text.id, new_title)
                st.rerun()
            except importer.ImportRefused as exc:
                st.error(str(exc))
        confirm_key = f"imp_confirm_del_{text.id}"
        if not st.session_state.get(confirm_key):
            if r2.button("Delete…", key=f"imp_del_{text.id}"):
                st.session_state[confirm_key] = True
                st.rerun()
        else:
            st.warning("Delete this text and its machine translations? This cannot be undone (except from a backup).")
            d1, d2, _ = st.columns([1, 1, 3])
            if d1.button("Yes, delete", type="primary", key=f"imp_del_yes_{text.id}"):
                importer.delete_text(store, text.id)
                st.session_state.pop(confirm_key, None)
                st.rerun()
            if d2.button("Cancel", key=f"imp_del_no_{text.id}"):
                st.session_state.pop(confirm_key, None)
                st.rerun()
