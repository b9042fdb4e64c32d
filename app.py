"""Library: every article with its titles, outlet, date, counts (words, distinct lemmas, the share new
to this learner) and quiz progress (``PER_PAGE`` at a time); the way into the reader."""

from __future__ import annotations

from html import escape

import streamlit as st

from bilingual.header import outlet_html
from bilingual.render import READER_URL, reader_href
from bilingual.text.sanitize import markdown_literal as md
from ui import READER_PAGE, data
from ui import vocab as vocab_ui
from ui.style import page_setup

#: cards on one page of the Library
PER_PAGE = 40

page_setup("Library")
corpus = data.get_library()
glossary = data.get_glossary()
index = data.get_index(corpus, glossary)

st.title("Library")
st.caption(
    f"{len(corpus)} texts · {sum(a.word_count for a in corpus):,} Arabic words · "
    f"{len(glossary)} glossary terms. Read side by side, hover any name, quiz yourself on what you read."
)

# a page of cards at a time: the Library costs the same with 10 or 1,000 imported texts
pages = max(1, -(-len(corpus) // PER_PAGE))
page = 1
if pages > 1:
    c1, c2 = st.columns([1, 3], vertical_alignment="bottom")
    page = int(c1.number_input(f"Page (of {pages:,})", min_value=1, max_value=pages, step=1, key="library_page"))
    c2.caption(f"Texts {(page - 1) * PER_PAGE + 1:,}–{min(page * PER_PAGE, len(corpus)):,} of {len(corpus):,}.")
shown = list(enumerate(corpus))[(page - 1) * PER_PAGE : page * PER_PAGE]
# every shown article's quiz progress in two queries (not a scan of the review log per article)
progress_by = data.library_progress([a.id for _, a in shown])
words = vocab_ui.library_stats(tuple(a for _, a in shown), index)  # distinct lemmas, % new: the shown texts'
for n, art in shown:
    # keyed by position too: unique even if a curated id ever equalled an imported one (mine-<n>)
    with st.container(border=True, key=f"card-{n}-{art.id}"):
        left, right = st.columns([1, 1], gap="large")
        mine = data.is_mine(art)
        outlet_href = lambda e, aid=art.id: reader_href(aid, term=e, page=READER_URL)  # noqa: E731
        with left:
            # the title isolated in its own direction (FSI…PDI): an Arabic title of an imported text reads
            # right to left, its "…" after its last word, even after the English badge
            st.markdown(f"#### {':violet-badge[mine] ' if mine else ''}\u2068{md(art.display_title)}\u2069")
            date = art.date + (" (date inferred)" if art.date_inferred else "")
            # the outlet a highlight of its glossary entry: it opens the reader on this text with the entry's card
            meta = [outlet_html(art.outlet_en or art.outlet, art.outlet_entry, glossary, href=outlet_href),
                    f'<span title="{escape(art.date_note)}">{escape(date)}</span>' if date else "",
                    "titles by the editors" if art.title_editorial else ""]
            if any(meta):  # an imported text without source or date has no meta line (no stray "·")
                st.html(f'<div class="meta">{" · ".join(m for m in meta if m)}</div>')
        if not mine:  # an imported text has one title and one source, both on the left
            right.html(
                f'<div class="ar title-ar" dir="rtl" lang="ar">{escape(art.title_ar)}</div>'
                f'<div class="ar meta" dir="rtl" lang="ar">{outlet_html(art.outlet, art.outlet_entry, glossary, href=outlet_href)}</div>'
            )
        stats = st.columns([1, 1, 1.1, 1, 1, 1.8, 1.6], vertical_alignment="center")
        stats[0].metric("Words", f"{art.word_count:,}")
        stats[1].metric("Sentences", art.sentence_count)
        stats[2].metric("Glossary terms", index.term_total(art))
        mine_words = words[art.id]
        stats[3].metric("Lemmas", f"{mine_words.lemmas:,}", help="Different words to learn: each lemma once, "
                        "whatever its spellings (وبالأمن، الأمن، أمن: one). Names and numbers are left out.")
        stats[4].metric("New to you", "–" if mine_words.share_new is None else f"{mine_words.share_new:.0%}",
                        help=f"{mine_words.new:,} of its {mine_words.lemmas:,} lemmas you have not marked yet "
                             f"({mine_words.learning:,} learning, {mine_words.known:,} known). Mark words on their card in the reader.")
        progress = None if progress_by is None else progress_by[art.id]
        with stats[5]:
            if progress is None:
                st.caption("Quiz progress unavailable: a questions file has a problem (run `python -m bilingual check`)")
            elif not progress.cards_total:
                st.caption("No quiz cards for this article yet")
            else:
                seen = progress.cards_seen / progress.cards_total
                acc = f" · {progress.accuracy:.0%} correct" if progress.cards_seen and progress.accuracy is not None else ""
                due = f" · {progress.due_now} due now" if progress.due_now else ""
                st.progress(min(1.0, seen), text=f"Quiz: {progress.cards_seen}/{progress.cards_total} cards seen{acc}{due}")
        with stats[6]:
            st.page_link(READER_PAGE, label="Read side by side", icon=":material/menu_book:", query_params={"article": art.id})
