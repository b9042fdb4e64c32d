"""Reader: sentence-aligned Arabic (right, RTL) and English (left), glossary names highlighted in both.

URL: ``?article=<id>&sentence=<sid>&term=<entry id>`` opens an article at a sentence (highlighted,
scrolled to) with a term's card open in the side panel. Renders from cache: the MT model is only
loaded when the learner presses "Translate this article".
"""

from __future__ import annotations

import json
import tempfile
from html import escape
from pathlib import Path

import streamlit as st

import webui
from bilingual import render
from bilingual import translation as tr
from bilingual.concordance import map_layout
from bilingual.corpus import REFERENCE_LABEL
from bilingual.glossary import ENTRY_TYPES

webui.page_setup("Reader", icon="📖")
corpus = webui.get_library()
glossary = webui.get_glossary()
index = webui.get_index(corpus, glossary)
store = webui.get_store()

articles = {a.id: a for a in corpus}
if not articles:
    st.info("There are no articles yet.")
    st.stop()

EN_REF, EN_MT, EN_BOTH = "Reference", "Machine translation", "Both"
LOW_CHRF = 35.0

# --- which article, sentence, term (deep links set them) ------------------------------------

# a deep link that names something missing says so (once), then falls back to what exists
_missing: list[str] = []
_asked = st.query_params.get("article")
if _asked is not None and _asked not in articles:
    _missing.append(f"article “{_asked}”")
webui.sync_from_query("article", "reader_article", lambda v: v in articles)
st.session_state.setdefault("reader_article", next(iter(articles)))


def _article_changed() -> None:
    webui.set_query(article=st.session_state["reader_article"], sentence=None, term=None)
    st.session_state["reader_term"] = None
    st.session_state["reader_pick"] = None


def _clicked_term(link: dict[str, str]) -> None:
    """A highlighted name was clicked: the same as following its deep link, without a page load
    (the checks below validate what the browser sent, as they do for a typed URL)."""
    for param in ("article", "sentence", "term"):
        if link.get(param):
            st.query_params[param] = link[param]


# --- sidebar: display settings (remembered per profile) -------------------------------------

with st.sidebar:
    st.subheader("Reading")
    aid = st.selectbox(
        "Article",
        list(articles),
        format_func=lambda i: ("Mine: " if webui.is_mine(articles[i]) else "") + (articles[i].display_title),
        key="reader_article",
        on_change=_article_changed,
    )
    save = webui.persisted("reader_english", EN_REF, lambda v: v in (EN_REF, EN_MT, EN_BOTH))
    # a text without any reference translation (the learner's imports) opens on machine translation;
    # the learner's own choice comes back on an article that has one
    _has_ref = any(articles[aid].reference.get(s.id) for s in articles[aid].sentences)
    if st.session_state.get("_reader_en_article") != aid:
        st.session_state["_reader_en_article"] = aid
        _restore = st.session_state.pop("_reader_en_restore", None)
        if not _has_ref and st.session_state.get("reader_english") == EN_REF:
            st.session_state["_reader_en_restore"] = EN_REF
            st.session_state["reader_english"] = EN_MT
        elif _has_ref and _restore is not None and st.session_state.get("reader_english") == EN_MT:
            st.session_state["reader_english"] = _restore
    english = st.radio(
        "English",
        [EN_REF, EN_MT, EN_BOTH],
        key="reader_english",
        on_change=save,
        help="Reference: a human-curated translation. Machine translation: Argos Translate, offline. Both: stacked.",
    )
    save = webui.persisted("reader_ar_size", 1.5, lambda v: isinstance(v, (int, float)) and 1.0 <= v <= 2.6)
    ar_size = st.slider("Arabic text size", 1.0, 2.6, step=0.1, key="reader_ar_size", on_change=save, format="%.1f rem")
    st.subheader("Highlights")
    enabled: set[str] = set()
    for t in ENTRY_TYPES:
        save = webui.persisted(f"reader_hl_{t}", True, lambda v: isinstance(v, bool))
        if st.toggle(render.TYPE_LABELS[t], key=f"reader_hl_{t}", on_change=save):
            enabled.add(t)
    save = webui.persisted("reader_mark_chrf", False, lambda v: isinstance(v, bool))
    mark_chrf = st.toggle(
        "Mark low MT/reference agreement",
        key="reader_mark_chrf",
        on_change=save,
        help=f"Flags sentences whose machine translation scores below {LOW_CHRF:.0f} chrF against the reference.",
    )
    webui.on_term_click("reader_term_clicks", _clicked_term)

article = articles[aid]
sentences = article.sentences
sentence_ids = {s.id for s in sentences}
focus_sid = st.query_params.get("sentence")
if focus_sid is not None and focus_sid not in sentence_ids:
    _missing.append(f"sentence “{focus_sid}”" + ("" if _missing else f" in “{article.display_title}”"))
focus_sid = focus_sid if focus_sid in sentence_ids and (_asked is None or _asked in articles) else None
_asked_term = st.query_params.get("term")
if _asked_term is not None and glossary.get(_asked_term) is None:
    _missing.append(f"term “{_asked_term}”")
article_terms = index.article_terms(article)
term_ids = [tc.entry.id for tc in article_terms]
# the open term card (any glossary entry) and the pick in "Terms in this article" (one of its terms)
webui.sync_from_query("term", "reader_term", lambda v: glossary.get(v) is not None)
if glossary.get(st.session_state.get("reader_term") or "") is None:
    st.session_state["reader_term"] = None
if st.session_state.get("reader_pick") != st.session_state["reader_term"]:
    st.session_state["reader_pick"] = st.session_state["reader_term"] if st.session_state["reader_term"] in term_ids else None

if _missing:
    st.warning(f"This link points to something that is not here: {', '.join(_missing)}. Showing “{article.display_title}” instead.", icon=":material/link_off:")
    # the URL now says what is shown, so a reload does not warn again
    webui.set_query(
        article=article.id, sentence=None if _asked is not None and _asked not in articles else focus_sid,
        term=st.session_state.get("reader_term"),
    )

# --- header ---------------------------------------------------------------------------------

head_en, head_ar = st.columns(2, gap="large")
with head_en:
    st.markdown(f"## {escape(article.display_title)}")
    date = article.date + (" (date inferred)" if article.date_inferred else "")
    st.markdown(
        f'<div class="meta">{escape(article.outlet_en or article.outlet)} · {escape(date)} · '
        f"{article.word_count:,} words · {article.sentence_count} sentences</div>",
        unsafe_allow_html=True,
    )
with head_ar:
    st.markdown(
        f'<div class="ar title-ar" dir="rtl" lang="ar" style="font-size:{ar_size * 1.15:.2f}rem">{escape(article.title_ar)}</div>'
        f'<div class="ar meta" dir="rtl" lang="ar">{escape(article.outlet)}</div>',
        unsafe_allow_html=True,
    )

# --- machine translation: status, install, translate ----------------------------------------

want_mt = english in (EN_MT, EN_BOTH)
has_reference = any(article.reference.get(s.id) for s in sentences)
if not has_reference and english in (EN_REF, EN_BOTH):
    st.info(
        "This text has no reference translation (only the curated articles have one). "
        "Choose **Machine translation** under *English* in the sidebar to read it with an English version.",
        icon=":material/translate:",
    )
model = tr.installed_model()
mt: dict[str, str] = tr.cached_translations(store, [s.ar for s in sentences], model) if model else {}
uncached = [s for s in sentences if s.ar not in mt]


def _install_failed(exc: Exception, *, from_file: bool) -> None:
    """A failed install, full width: what happened in plain words, what to do, the technical detail small."""
    detail = str(exc)
    if detail.startswith("Could not read the Argos package index") or detail.startswith("Could not download the model"):
        what = "Could not reach the Argos package index (no internet?)" if detail.startswith("Could not read the Argos package index") else "Could not download the model (no internet?)"
        st.error(
            f"{what}. Download the .argosmodel file elsewhere and upload it here, or run "
            "`python -m bilingual model install --from-file FILE`.",
            icon=":material/cloud_off:",
        )
    elif from_file:
        st.error("That file could not be installed as the translation model.", icon=":material/error:")
    else:
        st.error(
            "The translation model could not be installed. Upload an .argosmodel file instead, or run "
            "`python -m bilingual model install --from-file FILE`.",
            icon=":material/error:",
        )
    st.caption(f"Details: {detail}")


def _install_panel() -> None:
    st.warning(
        "The machine-translation model is not installed, so the machine-translation slot is empty. "
        f"Install the Arabic→English Argos model ({tr.APPROX_DOWNLOAD}) from the internet, or upload an "
        "`.argosmodel` file you already have."
    )
    failed: tuple[Exception, bool] | None = None
    c1, c2 = st.columns([1, 2], vertical_alignment="bottom")
    with c1:
        if st.button("Install the translation model", icon=":material/download:", key="mt_install"):
            bar = st.progress(0.0, text="Starting…")
            try:
                info = tr.install_from_index(progress=lambda f, msg: bar.progress(min(1.0, max(0.0, f)), text=msg))
            except tr.InstallError as exc:
                bar.empty()
                failed = (exc, False)
            else:
                st.success(f"Installed {info.name} {info.version}.")
                st.rerun()
    with c2:
        up = st.file_uploader("…or upload an .argosmodel file", type=["argosmodel"], key="mt_upload")
        if up is not None and st.button("Install this file", key="mt_install_file"):
            bar = st.progress(0.0, text="Checking the file…")
            with tempfile.TemporaryDirectory() as tmp:
                path = Path(tmp) / Path(up.name).name
                path.write_bytes(up.getbuffer())
                try:
                    info = tr.install_from_file(path, progress=lambda f, msg: bar.progress(min(1.0, max(0.0, f)), text=msg))
                except tr.InstallError as exc:
                    bar.empty()
                    failed = (exc, True)
                else:
                    st.success(f"Installed {info.name} {info.version}.")
                    st.rerun()
    if failed is not None:
        _install_failed(failed[0], from_file=failed[1])


if want_mt:
    if model is None:
        with st.expander("Machine translation: model not installed", expanded=True, icon=":material/warning:"):
            _install_panel()
    elif uncached:
        c1, c2 = st.columns([3, 1], vertical_alignment="center")
        c1.info(f"{len(uncached)} of {len(sentences)} sentences have no machine translation yet.")
        if c2.button("Translate this article", icon=":material/translate:", key="mt_translate", type="primary"):
            bar = st.progress(0.0, text="Loading the model…")
            run = tr.translate_sentences(
                [s.ar for s in sentences],
                store,
                model=model,
                progress=lambda done, total: bar.progress(done / max(total, 1), text=f"Translated {done} of {total} sentences"),
            )
            for w in run.warnings:
                st.warning(w)
            st.rerun()

# --- rows -----------------------------------------------------------------------------------

focus_term = st.session_state.get("reader_term")
rows: list[str] = []
misses_by_sentence: dict[str, list[str]] = {}
for n, s in enumerate(sentences, 1):
    ms = list(index.mentions(s))
    ids = list(dict.fromkeys(m.entry_id for m in ms))
    ar_html = render.sentence_html(
        s.ar, ms, glossary, enabled_types=enabled, focus_entry=focus_term,
        term_href=lambda e, sid=s.id: render.reader_href(article.id, sid, e),
    )
    blocks: list[render.EnglishBlock] = []
    ref = article.reference.get(s.id)
    target = mt.get(s.ar)
    if english in (EN_REF, EN_BOTH) and has_reference:
        if ref:
            en_ms = webui.find_english(ref, glossary, ids)
            blocks.append(render.EnglishBlock(REFERENCE_LABEL, render.english_html(ref, en_ms, glossary, enabled_types=enabled, focus_entry=focus_term), "en-ref"))
        else:
            blocks.append(render.EnglishBlock(REFERENCE_LABEL, render.note_html("No reference translation for this sentence."), "en-ref"))
    flags: list[str] = []
    if target and tr:
        misses = [c.english for c in tr.glossary_checks(target, ms, glossary) if not c.found]
        if misses:
            misses_by_sentence[s.id] = misses
            flags.append("MT misses: " + ", ".join(misses))
        if mark_chrf and ref:
            score = tr.chrf(target, ref)
            if score < LOW_CHRF:
                flags.append(f"Low agreement with the reference (chrF {score:.0f})")
    if want_mt:
        label = tr.MT_LABEL
        if target:
            en_ms = webui.find_english(target, glossary, ids)
            body = render.english_html(target, en_ms, glossary, enabled_types=enabled, focus_entry=focus_term)
        elif model is None:
            body = render.note_html("Machine translation unavailable: the model is not installed (see above).")
        else:
            body = render.note_html("Not translated yet: press “Translate this article”.")
        blocks.append(render.EnglishBlock(label, body, "en-mt", tuple(flags)))
    rows.append(render.row_html(s.id, ar_html, blocks, kind=s.kind, focused=s.id == focus_sid, number=str(n)))

main, side = st.columns([3.3, 1.2], gap="large")
with main:
    st.html(render.legend_html(enabled))
    st.html(f'<div class="reader" style="--ar-size:{ar_size:.2f}rem">{"".join(rows)}</div>')
    if focus_sid:
        # scroll the deep-linked sentence into view once it is on the page (the id is validated above),
        # and keep it there while the rest of the page (side panel, map, fonts) settles (4 s)
        script = (
            "<script>(function(){var id=" + json.dumps(focus_sid) + ",n=0;"
            "(function go(){var el=window.parent.document.getElementById(id);"
            "if(el){var r=el.getBoundingClientRect(),h=window.parent.innerHeight;"
            "if(r.top<0||r.bottom>h){el.scrollIntoView({block:'center'});}}"
            "if(n++<40){setTimeout(go,100);}})();})();</script>"
        )
        with st.container(key="reader_scroll"):
            st.iframe(script, height=1)

# --- side panel: term card, terms list, map -------------------------------------------------

with side, st.container(key="reader_side"):
    term = st.session_state.get("reader_term")
    entry = glossary.get(term) if term else None
    if entry is not None:
        with st.container(border=True, key="term_card"):
            st.html(
                f'<div>{render.type_badge_html(entry.type)}</div>'
                f'<div style="font-size:1.25rem;font-weight:700;margin-top:.3rem">{escape(entry.en)}'
                f'{" (" + escape(entry.acronym) + ")" if entry.acronym else ""}</div>'
                f'<div class="ar" dir="rtl" lang="ar" style="font-size:1.5rem">{escape(entry.ar)}</div>'
                + (f'<div class="meta"><i>{escape(entry.romanization)}</i></div>' if entry.romanization else "")
                + f'<p style="margin:.5rem 0">{escape(entry.description)}</p>'
            )
            forms = [f for f in entry.ar_forms if f != entry.ar]
            if forms:
                st.html(
                    '<div class="src-label">Other spellings</div><div class="ar" dir="rtl" lang="ar">'
                    + " · ".join(escape(f) for f in forms) + "</div>"
                )
            others = index.articles_mentioning(entry.id, exclude=article.id)
            if others:
                st.caption("Also mentioned in")

                def _open(other_id: str, sentence_id: str, term_id: str) -> None:
                    # switch in place and rewrite the URL, so a reload shows the same article
                    st.session_state["reader_article"] = other_id
                    st.session_state["reader_term"] = term_id
                    st.session_state["reader_pick"] = None
                    webui.set_query(article=other_id, sentence=sentence_id, term=term_id)

                for other, n in others:
                    first = next(c.sentence.id for c in index.concordance(entry.id, article_id=other.id))
                    st.button(
                        f"{other.display_title} ({n}×)", key=f"also_{other.id}", on_click=_open, args=(other.id, first, entry.id),
                        icon=":material/menu_book:", type="tertiary", width="stretch",
                        help=f"Open “{other.display_title}” at its first mention of {entry.en} ({first}).",
                    )
            else:
                st.caption("Not mentioned in the other articles.")
            st.page_link(webui.GLOSSARY_PAGE, label="Open its term page", icon=":material/dictionary:", query_params={"term": entry.id})
            if st.button("Close", key="term_close", type="tertiary"):
                st.session_state["reader_term"] = None
                st.session_state["reader_pick"] = None
                webui.set_query(term=None)
                st.rerun()

    # the map before the (long) list of terms, so it is in view with the term card
    layout = map_layout(index.places(article))
    if layout is not None:
        st.markdown("**Places on the map**")
        st.altair_chart(webui.places_chart(layout), width="content", theme=None, key="reader_map")
        note = webui.places_caption(layout)
        if note:
            st.caption(note)

    st.markdown("**Terms in this article**")
    if not article_terms:
        st.caption("No glossary names found.")
    else:
        def _term_changed() -> None:
            st.session_state["reader_term"] = st.session_state.get("reader_pick")
            webui.set_query(term=st.session_state["reader_term"])

        counts = {tc.entry.id: tc.count for tc in article_terms}
        st.pills(
            "Terms in this article",
            term_ids,
            format_func=lambda e: f"{glossary.get(e).en} · {counts[e]}",
            key="reader_pick",
            on_change=_term_changed,
            label_visibility="collapsed",
            wrap=True,
        )
    if misses_by_sentence:
        st.markdown("**Machine translation may have garbled**")
        st.html(
            '<ul class="misses">'
            + "".join(
                f'<li><a href="#{escape(sid)}">{escape(sid)}</a>: {escape(", ".join(names))}</li>'
                for sid, names in misses_by_sentence.items()
            )
            + "</ul>"
        )

