"""Reader: sentence-aligned Arabic (right, RTL, three fifths of the row) and English (left), or the
Arabic above the English (the layout is remembered per learner); glossary names highlighted in both
languages, each a link to its card; the English may be hidden, sentence by sentence, to test oneself.

URL: ``?article=<id>&sentence=<sid>&term=<entry id>&word=<n>`` opens an article at a sentence
(highlighted, scrolled to) with a term's card, or the card of the sentence's n-th word, open in the
side panel. Every Arabic word is clickable: its card shows its parts, lemma and English glosses.
Renders from cache: the MT model is only loaded when a translation job starts ("Translate this
article", "Translate the library", or an imported text opened on machine translation); while a job
runs in the background the rows are redrawn twice a second from the cache, sentence by sentence;
the dictionary loads in the background and the vowel model only when "Vowel marks" is on. What is
shown is computed by ``bilingual.reader``; this page lays it out and routes events back.
"""

from __future__ import annotations

import json
from html import escape

import streamlit as st

from bilingual import header, reader, render
from bilingual import translation as tr
from bilingual.geo import map_layout, places_caption
from bilingual.glossary import ENTRY_TYPES, TYPE_LABELS
from bilingual.text.sanitize import markdown_literal as md
from bilingual.words import card as word_card
from bilingual.words import lexicon as words_lexicon
from bilingual.words.tokens import tokenize
from ui import GLOSSARY_PAGE, data, panels, state, translating
from ui.charts import places_chart
from ui.style import page_setup
from ui.widgets import on_reveal, on_term_click, on_word_click

page_setup("Reader", icon="📖")
corpus, glossary, index, store = data.reading()

articles = {a.id: a for a in corpus}
if not articles:
    st.info("There are no articles yet.")
    st.stop()
ENGLISH_MODES = [m.value for m in reader.EnglishMode]
LAYOUTS = [m.value for m in reader.Layout]
model = tr.installed_model()  # cheap: reads the package's metadata only

# --- which article (deep links set it) ------------------------------------------------------

state.sync_from_query("article", "reader_article", lambda v: v in articles)
st.session_state.setdefault("reader_article", next(iter(articles)))


def _article_changed() -> None:
    state.set_query(article=st.session_state["reader_article"], sentence=None, term=None, word=None)
    st.session_state["reader_term"] = None
    st.session_state["reader_pick"] = None
    st.session_state["reader_word"] = None


def _clicked_link(link: dict[str, str]) -> None:
    """A highlighted name or a reader link (lemma concordance, "probably") was clicked: the same as
    following its deep link, without a page load (the link is resolved below, as a typed URL is)."""
    for param in ("article", "sentence", "term", "word"):
        if link.get(param):
            st.query_params[param] = link[param]
    if link.get("term"):  # a name's card replaces the word card
        st.session_state["reader_word"] = None
        state.set_query(word=None)
    elif link.get("word"):
        st.session_state["reader_term"] = None
        state.set_query(term=None)


def _clicked_word(w: dict[str, str]) -> None:
    """A plain Arabic word was clicked: open its card (when the browser's word is really there)."""
    art = articles.get(w.get("article", ""))
    sent = art.sentence(w.get("sentence", "")) if art else None
    raw = w.get("index", "")
    if sent is None or not (raw.isascii() and raw.isdigit()):
        return
    tokens = tokenize(sent.ar)
    i = int(raw)
    if i < len(tokens) and tokens[i].text == w.get("word"):
        st.session_state["reader_word"] = {"article": art.id, "sentence": sent.id, "index": i}
        st.session_state["reader_term"] = None
        st.session_state["reader_pick"] = None
        state.set_query(term=None, word=None)


def _clicked_reveal(r: dict[str, str]) -> None:
    """A sentence's hidden English was shown or hidden again: remembered for this session, so the
    rows drawn again (a term click, a setting) keep it (the browser has already unfolded it)."""
    art = articles.get(r.get("article", ""))
    if art is None or art.sentence(r.get("sentence", "")) is None:
        return
    revealed = st.session_state.get("reader_revealed", {})
    shown = set(revealed.get(art.id, ()))
    if r.get("open") == "1":
        shown.add(r["sentence"])
    else:
        shown.discard(r["sentence"])
    st.session_state["reader_revealed"] = {**revealed, art.id: sorted(shown)}


def _hide_changed(save) -> None:
    st.session_state["reader_revealed"] = {}  # hiding again starts every sentence hidden
    save()


# --- sidebar: display settings (remembered per profile) -------------------------------------

with st.sidebar:
    st.subheader("Reading")
    aid = st.selectbox(
        "Article",
        list(articles),
        format_func=lambda i: ("Mine: " if data.is_mine(articles[i]) else "") + articles[i].display_title,
        key="reader_article",
        on_change=_article_changed,
    )
    save = state.persisted(store, "reader_english", reader.EnglishMode.REFERENCE.value, lambda v: v in ENGLISH_MODES)
    if st.session_state.get("_reader_en_article") != aid:
        st.session_state["_reader_en_article"] = aid
        switch = reader.english_on_article(
            articles[aid], reader.EnglishMode(st.session_state["reader_english"]), st.session_state.pop("_reader_en_restore", None)
        )
        st.session_state["reader_english"] = switch.mode.value
        if switch.restore is not None:
            st.session_state["_reader_en_restore"] = switch.restore
    english = reader.EnglishMode(st.radio(
        "English",
        ENGLISH_MODES,
        key="reader_english",
        on_change=save,
        help="Reference: a human-curated translation. Machine translation: Argos Translate, offline. Both: stacked.",
    ))
    save = state.persisted(store, "reader_hide_en", False, lambda v: isinstance(v, bool))
    hide_en = st.toggle(
        "Hide the English", key="reader_hide_en", on_change=_hide_changed, args=(save,),
        help="Test yourself: each sentence's English stays folded away until you click “Show the English” under it.",
    )
    save = state.persisted(store, "reader_layout", reader.Layout.SIDE.value, lambda v: v in LAYOUTS)
    row_layout = reader.Layout(st.radio(
        "Layout", LAYOUTS, key="reader_layout", on_change=save,
        help="Side by side: the Arabic on the right, three fifths of the row, the English on the left (a narrow "
             "window stacks them). Arabic above English: the Arabic has the whole width.",
    ))
    save = state.persisted(store, "reader_ar_size", 1.5, lambda v: isinstance(v, (int, float)) and 1.0 <= v <= 2.6)
    ar_size = st.slider("Arabic text size", 1.0, 2.6, step=0.1, key="reader_ar_size", on_change=save, format="%.1f rem")
    st.subheader("Highlights")
    enabled: set[str] = set()
    for t in ENTRY_TYPES:
        save = state.persisted(store, f"reader_hl_{t}", True, lambda v: isinstance(v, bool))
        if st.toggle(TYPE_LABELS[t], key=f"reader_hl_{t}", on_change=save):
            enabled.add(t)
    save = state.persisted(store, "reader_mark_chrf", False, lambda v: isinstance(v, bool))
    no_chrf = ("No machine translation: the model is not installed." if model is None
               else "This text has no reference translation to compare with." if not reader.has_reference(articles[aid]) else "")
    mark_chrf = st.toggle(
        "Mark low MT/reference agreement",
        key="reader_mark_chrf",
        on_change=save,
        disabled=bool(no_chrf),
        help=no_chrf or f"Flags sentences whose machine translation scores below {tr.LOW_CHRF:.0f} chrF against the reference.",
    ) and not no_chrf
    if no_chrf:
        st.caption(f"Mark low agreement: off. {no_chrf}")
    st.subheader("Words")
    save = state.persisted(store, "reader_vowels", False, lambda v: isinstance(v, bool))
    with_vowels = st.toggle(
        "Vowel marks", key="reader_vowels", on_change=save,
        help="Adds the short vowels (tashkeel) to the whole text, offline. " + word_card.VOWEL_SOURCE,
    )
    save = state.persisted(store, "reader_interlinear", False, lambda v: isinstance(v, bool))
    with_glosses = st.toggle(
        "Word glosses under the text", key="reader_interlinear", on_change=save, help=word_card.INTERLINEAR_SOURCE,
    )
    st.caption("Click any Arabic word for its parts, lemma and English glosses.")
    on_term_click("reader_term_clicks", _clicked_link)

# the dictionary loads in the background (once per server), so the first click on a word is quick
words_lexicon.preload(t.text for a in corpus for s in a.sentences for t in tokenize(s.ar))

article = articles[aid]
data.note_reading(article.id)  # the class page's "read"
link = reader.resolve_link(st.query_params.to_dict(), articles, glossary, article)
article_terms = index.article_terms(article)
term_ids = [tc.entry.id for tc in article_terms]
# the open term card (any glossary entry) and the pick in "Terms in this article" (one of its terms)
state.sync_from_query("term", "reader_term", lambda v: glossary.get(v) is not None)
if glossary.get(st.session_state.get("reader_term") or "") is None:
    st.session_state["reader_term"] = None
if st.session_state.get("reader_pick") != st.session_state["reader_term"]:
    st.session_state["reader_pick"] = st.session_state["reader_term"] if st.session_state["reader_term"] in term_ids else None

# the open word card: a word clicked, or the word a link names
st.session_state.setdefault("reader_word", None)
if link.word_index is not None:
    asked_word = {"article": article.id, "sentence": link.sentence_id, "index": link.word_index}
    if st.session_state.get("_reader_word_link") != asked_word:
        st.session_state["_reader_word_link"] = asked_word
        st.session_state["reader_word"] = asked_word
        if st.query_params.get("term") is None:
            st.session_state["reader_term"] = None
else:
    st.session_state["_reader_word_link"] = None
open_word = st.session_state.get("reader_word")
if not open_word or open_word.get("article") != article.id:
    open_word = None

if link.missing:
    st.warning(
        md(f"This link points to something that is not here: {', '.join(link.missing)}. Showing “{article.display_title}” instead."),
        icon=":material/link_off:",
    )
    # the URL now says what is shown, so a reload does not warn again
    state.set_query(article=article.id, sentence=link.sentence_id, term=st.session_state.get("reader_term"),
                    word=None if link.word_index is None else str(link.word_index))

# --- header ---------------------------------------------------------------------------------

st.html(header.header_html(article, glossary, ar_size=ar_size, href=lambda e: render.reader_href(article.id, term=e)))

# --- machine translation: status, install, translate ----------------------------------------

# a missing model never hides the reference: the rows show it and this says so, once
shown_en = reader.english_shown(article, english, model is not None)
if shown_en.notice:
    st.info(shown_en.notice, icon=":material/translate:")
job = None
if english.wants_mt:
    if model is None:
        with st.expander("Install the machine-translation model", expanded=not shown_en.reference, icon=":material/download:"):
            panels.install_panel()
    else:
        cached = tr.cached_translations(store, [s.ar for s in article.sentences], model)
        job = translating.controls(store, article, model, cached, data.get_corpus(), start_now=data.is_mine(article))

# --- rows (redrawn twice a second from the cache while a translation job runs) -----------------


page_run = st.session_state["_reader_page_run"] = st.session_state.get("_reader_page_run", 0) + 1


@st.fragment(run_every=0.5 if job is not None else None)
def _rows() -> None:
    current = translating.job_covering(article, model, data.get_corpus()) if model is not None else None
    mt = tr.cached_translations(store, [s.ar for s in article.sentences], model) if model else {}

    def draw() -> tuple[list, str]:
        view = reader.build_rows(
            article, index, glossary, english=english, mt=mt, model_installed=model is not None, enabled_types=enabled,
            focus_term=st.session_state.get("reader_term"), focus_sentence=link.sentence_id, mark_low_agreement=mark_chrf,
            vowelled=panels.vowelled(article) if with_vowels else None,
            glosses=panels.interlinear(article, index, glossary) if with_glosses else None,
            open_word=(open_word["sentence"], open_word["index"]) if open_word else None,
            hide_english=hide_en, revealed=st.session_state.get("reader_revealed", {}).get(article.id, ()),
        )
        html = render.reader_html(view.rows, article_id=article.id, ar_size=ar_size, interlinear=with_glosses, layout=row_layout.css)
        return view.misses, html

    # a timed rerun that finds no new translation sends the same rows, built once (the page's own
    # run number is in the key: any setting or click reruns the page and builds them again)
    misses, rows_html = state.memo("reader_rows", (page_run, sorted(mt.items())), draw)
    st.session_state["_reader_misses"] = misses
    if current is not None:
        translating.progress_line(current)
    st.html(render.legend_html(enabled))
    if with_vowels or with_glosses:
        st.caption(md(" ".join(src for on, src in ((with_vowels, word_card.VOWEL_SOURCE), (with_glosses, word_card.INTERLINEAR_SOURCE)) if on)))
    st.html(rows_html)
    if job is not None and current is None:  # the job has just finished: the whole page once more (MT checks, buttons)
        st.session_state["_mt_job_warnings"] = [*job.warnings, *([job.error] if job.error else [])]
        st.rerun()


main, side = st.columns([3.6, 1.1], gap="medium")
with main:
    _rows()
    if link.sentence_id:
        # scroll the deep-linked sentence into view once it is on the page (the id is validated above),
        # and keep it there while the rest of the page (side panel, map, fonts) settles (4 s)
        script = (
            "<script>(function(){var id=" + json.dumps(link.sentence_id) + ",n=0;"
            "(function go(){var el=window.parent.document.getElementById(id);"
            "if(el){var r=el.getBoundingClientRect(),h=window.parent.innerHeight;"
            "if(r.top<0||r.bottom>h){el.scrollIntoView({block:'center'});}}"
            "if(n++<40){setTimeout(go,100);}})();})();</script>"
        )
        with st.container(key="reader_scroll"):
            st.iframe(script, height=1)

# --- side panel: term card, terms list, map -------------------------------------------------

@st.fragment
def _word_panel() -> None:
    """The word card. A click on a word reruns only this fragment (the rows are not sent again); the
    browser marks the clicked word at once, and the term card below is hidden while a word card shows."""
    on_word_click("reader_word_clicks", _clicked_word)
    on_reveal("reader_reveal_clicks", _clicked_reveal)
    w = st.session_state.get("reader_word")
    if not w or w.get("article") != article.id:
        return
    if reader.name_at(article, w["sentence"], w["index"], index) is not None:
        return  # a word of a name (a deep link): its term card shows below
    info = reader.word_at(article, w["sentence"], w["index"], index, glossary, panels.lexicon())
    if info is None:
        return
    with st.container(border=True, key="word_card"):
        panels.word_card(info, article, w["sentence"], corpus, glossary)
        if st.button("Close", key="word_close", type="tertiary"):
            st.session_state["reader_word"] = None
            state.set_query(word=None)
            st.rerun()


with side, st.container(key="reader_side"):
    _word_panel()
    name = reader.name_at(article, open_word["sentence"], open_word["index"], index) if open_word else None
    term = name or (None if open_word else st.session_state.get("reader_term"))
    entry = glossary.get(term) if term else None
    if entry is not None:
        with st.container(border=True, key="term_card"):
            contains = reader.inner_names(entry, article, index, glossary, link.sentence_id)
            st.html(render.term_card_html(
                entry, contains=contains, href=lambda e: render.reader_href(article.id, link.sentence_id, e)))
            panels.also_mentioned_in(index, entry, article)
            st.page_link(GLOSSARY_PAGE, label="Open its term page", icon=":material/dictionary:", query_params={"term": entry.id})
            if st.button("Close", key="term_close", type="tertiary"):
                st.session_state["reader_term"] = None
                st.session_state["reader_pick"] = None
                st.session_state["reader_word"] = None
                state.set_query(term=None, word=None)
                st.rerun()

    # the map before the (long) list of terms, so it is in view with the term card
    layout = map_layout(index.places(article))
    if layout is not None:
        st.markdown("**Places on the map**")
        st.altair_chart(places_chart(layout), width="content", theme=None, key="reader_map")
        note = places_caption(layout)
        if note:
            st.caption(md(note))

    st.markdown("**Terms in this article**")
    if not article_terms:
        st.caption("No glossary names found.")
    else:
        def _term_changed() -> None:
            st.session_state["reader_term"] = st.session_state.get("reader_pick")
            state.set_query(term=st.session_state["reader_term"])

        counts = {tc.entry.id: tc.count for tc in article_terms}
        st.pills(
            "Terms in this article",
            term_ids,
            format_func=lambda e: md(f"{glossary.get(e).en} · {counts[e]}"),
            key="reader_pick",
            on_change=_term_changed,
            label_visibility="collapsed",
            wrap=True,
        )
    misses = st.session_state.get("_reader_misses") or {}
    if misses:
        st.markdown("**Machine translation may have garbled**")
        st.html(
            '<ul class="misses">'
            + "".join(
                f'<li><a href="#{escape(sid)}">{escape(sid)}</a>: {escape(", ".join(names))}</li>'
                for sid, names in misses.items()
            )
            + "</ul>"
        )
