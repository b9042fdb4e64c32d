"""Vocabulary in the pages: the words of a text (cached per text), the learner's statuses, the word
card's status buttons and "Save this word", the reader's vocabulary box ("N new words", "Mark the rest
of this page known"), the own-translation editor of an imported text, and the Library's figures.
Logic in ``bilingual.vocab`` and ``bilingual.imports.own_translation``; this lays it out."""

from __future__ import annotations

from html import escape

import streamlit as st

from bilingual.concordance import CorpusIndex
from bilingual.corpus import Article
from bilingual.errors import VocabRefused
from bilingual.imports.own_translation import YOUR_TRANSLATION, own_translation, set_own_sentence
from bilingual.imports.texts import is_imported
from bilingual.text.sanitize import markdown_literal as md
from bilingual.vocab import (
    KEYS,
    Status,
    TextStats,
    TextWords,
    default_status,
    forget_word,
    gloss_options,
    mark_known,
    save_word,
    saved_word,
    set_status,
    statuses,
    text_stats,
    text_words,
    underlines,
    untouched,
)
from bilingual.words.lexicon import is_loaded as lexicon_loaded
from bilingual.words.lookup import WordInfo
from ui import data, panels

__all__ = [
    "library_stats",
    "own_english",
    "reader_underlines",
    "text_box",
    "translation_editor",
    "word_actions",
    "words_of",
]


@st.cache_resource(show_spinner=False, max_entries=2048)
def _words(_article: Article, _index: CorpusIndex, key: tuple) -> TextWords:
    return text_words(_article, panels.lexicon(), _index.mentions)


def words_of(article: Article, index: CorpusIndex) -> TextWords:
    """The words of ``article`` with their lemmas (read once per text and glossary, then kept)."""
    return _words(article, index, (article.id, hash(article), index.glossary.key))


def _statuses() -> dict[str, int]:
    return statuses(data.get_store(), data.learner().id)


def reader_underlines(article: Article, index: CorpusIndex) -> dict[str, dict[int, str]]:
    """The reader's status underline classes for ``article`` (sentence id → word index → classes)."""
    return underlines(words_of(article, index), _statuses())


def own_english(article: Article) -> dict[str, str]:
    """The learner's own translation of an imported text (sentence id → English; {} for the others)."""
    return own_translation(data.get_store(), data.learner().id, article) if is_imported(article.id) else {}


def library_stats(articles: tuple[Article, ...], index: CorpusIndex) -> dict[str, TextStats]:
    """article id -> what it holds for the learner (distinct lemmas, new ones), for the Library."""
    marks = _statuses()
    with st.spinner("Reading the words of your library…"):
        return {a.id: text_stats(words_of(a, index), marks) for a in articles}


# --- the reader's vocabulary box ----------------------------------------------------------------


def text_box(article: Article, index: CorpusIndex) -> str:
    """How many words of the text are new to the learner, and "Mark the rest of this page known".
    While the dictionary is still loading (in the background) it says so and returns "waiting"; the
    first time it draws after that wait, "loaded now"; else ''. """
    st.markdown("**Your words in this text**")
    if not lexicon_loaded():
        st.caption("Counting the words of this text as soon as the dictionary has loaded…")
        st.session_state["_vocab_waited"] = True
        return "waiting"
    waited = st.session_state.pop("_vocab_waited", False)
    _text_figures(article, index)
    return "loaded now" if waited else ""


def _text_figures(article: Article, index: CorpusIndex) -> None:
    words = words_of(article, index)
    marks = _statuses()
    stats = text_stats(words, marks)
    rest = untouched(words, marks)
    share = f" ({stats.share_new:.0%} of its {stats.lemmas:,} words)" if stats.lemmas else ""
    st.html(f'<div class="vocab-count"><b>{stats.new:,}</b> new{escape(share)} · {stats.learning:,} learning · '
            f"{stats.known:,} known</div>")
    if not rest:
        return
    asking = f"vocab_rest_{article.id}"
    if not st.session_state.get(asking):
        if st.button(f"Mark the rest of this page known ({len(rest):,})", key="vocab_rest", icon=":material/done_all:",
                     help="Every new word you have not given a status (as LUTE does when you finish a page). "
                          "Names and numbers stay ignored."):
            st.session_state[asking] = True
            st.rerun()
        return
    st.warning(f"Mark the {len(rest):,} words of this text you have not marked as known?")
    yes, no = st.columns(2)
    if yes.button("Yes, mark them known", type="primary", key="vocab_rest_yes"):
        mark_known(data.get_store(), data.learner().id, rest)
        st.session_state.pop(asking, None)
        st.rerun()
    if no.button("Cancel", key="vocab_rest_no"):
        st.session_state.pop(asking, None)
        st.rerun()


# --- the word card: status and "Save this word" ------------------------------------------------

#: (label, key) of each status button; the key gives the status (``vocab.KEYS``)
#: in two rows, so each button is wide enough in the side panel to show its label beside its key
_BUTTONS = ((("1", "1"), ("2", "2"), ("3", "3"), ("4", "4")), (("New", "0"), ("Known", "k"), ("Ignore", "i")))

# 5 is "known" too (as in LUTE, where 5 is the last level): Streamlit gives a button one shortcut, so
# this presses the Known button on 5. A fixed script (no page data in it), added once.
_FIVE_IS_KNOWN = """<script>
(() => {
  if (window.__bilingualStatusKeys) return;
  window.__bilingualStatusKeys = true;
  document.addEventListener("keydown", (ev) => {
    if (ev.key !== "5" || ev.ctrlKey || ev.metaKey || ev.altKey || ev.repeat) return;
    const t = ev.target;
    if (t && (t.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(t.tagName))) return;
    const known = document.querySelector(".st-key-vocab_status_5 button");
    if (!known) return;
    ev.preventDefault();
    known.click();
  }, true);
})();
</script>"""


def word_actions(info: WordInfo, article: Article, sentence_id: str, index: int) -> None:
    """Under the word card: the lemma's status (buttons, keys 0–5, k, i) and saving the word with this sentence."""
    best = info.best
    if best is None:
        return
    store, me = data.get_store(), data.learner()
    key = best.lemma_key
    stored = statuses(store, me.id).get(key)
    current = Status(stored) if stored is not None else default_status(best.pos)
    st.html(f'<div class="src-label">Your status of this word (every spelling of its lemma): <b>{escape(current.label)}</b></div>')
    st.caption("Keys: 1–4 learning levels, k or 5 known, i ignore, 0 new again.")
    for row in _BUTTONS:
        for col, (label, shortcut) in zip(st.columns(len(row), gap="small"), row, strict=True):
            status = KEYS[shortcut]
            # a stable key per status (not per word): the "5" script finds the Known button by it
            if col.button(label, key=f"vocab_status_{int(status)}", shortcut=shortcut, width="stretch",
                          type="primary" if status is current else "secondary", help=f"{status.label} (key {shortcut}"
                          + (" or 5)" if status is Status.KNOWN else ")")):
                set_status(store, me.id, key, status)
                st.rerun()  # the whole page: the underlines and the counts change too
    st.html(_FIVE_IS_KNOWN, unsafe_allow_javascript=True)
    saved = saved_word(store, me.id, key)
    if saved is not None:
        where = "this sentence" if saved.uid == f"{article.id}/{sentence_id}" else saved.uid
        st.html(f'<div class="vocab-saved">Saved: <span class="ar" dir="rtl" lang="ar">{escape(saved.surface)}</span> · '
                f"{escape(saved.gloss)} <span class=\"meta\">({escape(where)}; in the Quiz)</span></div>")
        if st.button("Remove from my words", key="vocab_forget", type="tertiary"):
            forget_word(store, me.id, key)
            st.rerun()
    options = gloss_options(info.analyses)
    if not options:
        return
    here = f"{article.id}_{sentence_id}_{index}"  # the form's widgets are this word's
    with st.expander("Change the saved word" if saved is not None else "Save this word", expanded=saved is None), \
            st.form(key=f"vocab_save_{here}", border=False):
        pick = st.radio("Its meaning here", range(len(options)), key=f"vocab_gloss_{here}",
                        format_func=lambda i: md(options[i][1]))
        own = st.text_input("…or your own English", key=f"vocab_own_{here}", max_chars=200)
        go = st.form_submit_button("Save with this sentence", type="primary", icon=":material/bookmark_add:")
    if go:
        reading = info.analyses[options[pick][0]]
        try:
            save_word(store, me.id, article, sentence_id, index, reading, own.strip() or options[pick][1])
        except VocabRefused as exc:
            st.error(md(str(exc)))
            return
        st.rerun()


# --- the own-translation editor -----------------------------------------------------------------


def translation_editor(article: Article) -> None:
    """For an imported text: the learner's own English, sentence by sentence ("Save and next")."""
    store, me = data.get_store(), data.learner()
    mine = own_translation(store, me.id, article)
    sentences = article.sentences
    if not sentences:
        return
    ids = [s.id for s in sentences]
    with st.expander(f"{YOUR_TRANSLATION}: {len(mine)} of {len(ids)} sentences", icon=":material/edit_note:",
                     expanded=bool(st.session_state.get("own_open"))):
        st.caption("Translate the text yourself, sentence by sentence: it shows under each sentence, labelled "
                   f"“{YOUR_TRANSLATION}”, and the machine translation is compared with it (chrF).")
        pick_key = f"own_pick_{article.id}"
        if (after := st.session_state.pop(f"_own_next_{article.id}", None)) in ids:
            st.session_state[pick_key] = after
        if st.session_state.get(pick_key) not in ids:
            st.session_state[pick_key] = next((i for i in ids if i not in mine), ids[0])
        sid = st.selectbox("Sentence", ids, key=pick_key,
                           format_func=lambda i: f"{i}" + (" ✓" if i in mine else ""))
        st.html(f'<div class="ar" dir="rtl" lang="ar">{escape(article.sentence(sid).ar)}</div>')
        with st.form(key=f"own_form_{article.id}_{sid}", border=False):
            english = st.text_area("Your English", value=mine.get(sid, ""), key=f"own_en_{article.id}_{sid}", height=90)
            c1, c2 = st.columns(2)
            save_next = c1.form_submit_button("Save and next", type="primary")
            save = c2.form_submit_button("Save")
        if save or save_next:
            try:
                set_own_sentence(store, me.id, article.id, sid, english)
            except VocabRefused as exc:
                st.error(md(str(exc)))
                return
            if save_next and ids.index(sid) + 1 < len(ids):
                st.session_state[f"_own_next_{article.id}"] = ids[ids.index(sid) + 1]
            st.session_state["own_open"] = True
            st.rerun()
