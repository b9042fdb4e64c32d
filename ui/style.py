"""The app's look: fonts, the shared stylesheet, page setup. Layout only."""

from __future__ import annotations

from contextlib import suppress

import streamlit as st

from bilingual import render
from bilingual.words.card import word_card_css
from ui import state

__all__ = ["ARABIC_FONT_STACK", "BASE_CSS", "UI_FONT_STACK", "page_setup"]

#: Streamlit's own UI font first (its webfont), then system sans-serifs.
UI_FONT_STACK = "'Source Sans', 'Source Sans 3', 'Source Sans Pro', 'Noto Sans', sans-serif"
ARABIC_FONT_STACK = "'Noto Naskh Arabic', 'Amiri', 'Noto Sans Arabic', 'Scheherazade New', 'Arial', sans-serif"

BASE_CSS = f"""
<style>
.ar, [dir="rtl"] {{ font-family: {ARABIC_FONT_STACK}; direction: rtl; text-align: right; unicode-bidi: isolate; }}
.ar {{ font-size: var(--ar-size, 1.35rem); line-height: 2.0; }}
.en {{ line-height: 1.6; }}
.src-label {{ font-size: 0.72rem; color: #6b7280; text-transform: uppercase; letter-spacing: .04em; }}
.title-ar {{ font-size: 1.55rem; font-weight: 700; line-height: 1.8; }}
.meta {{ color: #6b7280; font-size: .9rem; }}
/* the Reader: the reading area has the page's width (narrow side margins), the header starts under the toolbar */
[data-testid="stMainBlockContainer"]:has(.reader) {{ padding-left: 2.25rem; padding-right: 1.5rem; padding-top: 3.4rem; }}
/* its compact header: the titles side by side (two lines at most each, the whole title in the hover
   text), then one line of outlet, date and counts */
.rhead {{ display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); column-gap: 1.3rem; align-items: end; }}
.rhead.rhead-one {{ grid-template-columns: minmax(0, 1fr); }}
h1.rhead-en {{ font-size: 1.3rem; font-weight: 700; line-height: 1.3; margin: 0; padding: 0;
  display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical; overflow: hidden; }}
.rhead-ar {{ font-weight: 700; line-height: 1.6; display: -webkit-box; -webkit-line-clamp: 2; -webkit-box-orient: vertical;
  overflow: hidden; }}
.rhead-line {{ grid-column: 1 / -1; display: flex; flex-wrap: wrap; justify-content: space-between; align-items: baseline;
  gap: 0 1.2rem; margin-top: .2rem; }}
.rhead-outlet {{ font-size: .95rem; line-height: 1.5; color: #6b7280; margin-left: auto; }}
.rhead .gl {{ color: inherit; }}
/* the reader's side panel (term card, terms, map) stays in view while the article scrolls */
div[data-testid="stColumn"]:has(.st-key-reader_side) {{ position: sticky; top: 3.75rem; align-self: flex-start;
  max-height: calc(100vh - 4.5rem); overflow-y: auto; min-width: 13.5rem; }}
/* (the reading column gives way to it rather than the panel wrapping below the article) */
div[data-testid="stHorizontalBlock"]:has(> div[data-testid="stColumn"] .st-key-reader_side) {{ flex-wrap: nowrap; }}
div[data-testid="stHorizontalBlock"]:has(> div[data-testid="stColumn"] .st-key-reader_side) > div[data-testid="stColumn"]:not(:has(.st-key-reader_side)) {{ min-width: 0; }}
.st-key-reader_scroll {{ position: absolute; height: 0; overflow: hidden; }}
/* a word card replaces the term card (a word click reruns only the word card's fragment) */
.st-key-reader_side:has(.st-key-word_card) .st-key-term_card {{ display: none; }}
/* the click catchers take no room */
[class*="st-key-reader_word_clicks"], [class*="st-key-reader_term_clicks"], [class*="st-key-reader_reveal_clicks"] {{ display: none; }}
/* "Also mentioned in" links in the term card: left-aligned, wrapping, the count at the end stays visible */
[class*="st-key-also_"] button {{ justify-content: flex-start; text-align: left; }}
[class*="st-key-also_"] button p {{ text-align: left; }}
/* the places map keeps its aspect in a narrower side panel (scaled down, never clipped or stretched) */
.st-key-reader_side [data-testid="stVegaLiteChart"] svg.marks {{ max-width: 100%; height: auto; }}
/* the chart's hover toolbar sits above the chart: room for it, so it never covers "Places on the map" */
.st-key-reader_side [data-testid="stElementContainer"]:has([data-testid="stVegaLiteChart"]) {{ margin-top: 1.9rem; }}
/* glossary search results: English on the first line, Arabic on the second, each in its own direction;
   a name longer than the column ends in "…" instead of breaking (the full name is in the hover help) */
.st-key-gl_results button {{ justify-content: flex-start; text-align: left; }}
.st-key-gl_results button > div {{ justify-content: flex-start; min-width: 0; width: 100%; }}
.st-key-gl_results button > div > span, .st-key-gl_results button [data-testid="stMarkdownContainer"] {{ min-width: 0; max-width: 100%;
  justify-content: flex-start; }}
.st-key-gl_results button p {{ text-align: left; unicode-bidi: plaintext; line-height: 1.45; white-space: nowrap;
  overflow: hidden; text-overflow: ellipsis; font-family: "Arabic text", {UI_FONT_STACK}, {ARABIC_FONT_STACK}; }}
.misses {{ margin: 0; padding-left: 1.1rem; font-size: .85rem; }}
/* "Arabic text": the Arabic font stack, only for Arabic-script letters (unicode-range) and a size larger
   (size-adjust), so a label or input that mixes Arabic and English keeps Latin letters in the UI font */
@font-face {{ font-family: "Arabic text"; size-adjust: 125%; unicode-range: U+0600-06FF, U+0750-077F, U+08A0-08FF, U+FB50-FDFF, U+FE70-FEFF;
  src: local("Noto Naskh Arabic"), local("NotoNaskhArabic-Regular"), local("Amiri"), local("Amiri-Regular"), local("Noto Sans Arabic"), local("Scheherazade New"); }}
/* typed or pasted Arabic flows right-to-left, English stays left-to-right (each paragraph by its first strong letter) */
[data-testid="stTextArea"] textarea, [data-testid="stTextInput"] input, [data-testid="stChatInput"] textarea {{
  unicode-bidi: plaintext; text-align: start; font-family: "Arabic text", {UI_FONT_STACK}, {ARABIC_FONT_STACK}; }}
/* radio options (the quiz's Arabic choices): each label takes its own direction; Arabic letters larger */
[data-testid="stRadio"] label [data-testid="stMarkdownContainer"] p {{ unicode-bidi: plaintext; text-align: start;
  font-family: "Arabic text", {UI_FONT_STACK}, {ARABIC_FONT_STACK}; }}
/* the first sidebar entry is the library (app.py; without st.navigation its name comes from the file):
   show it as "Library" (the link and its target are unchanged) */
[data-testid="stSidebarNavLink"] span[label="app"] [data-testid="stMarkdownContainer"] {{ display: none; }}
/* (its ::after is taken: Streamlit reserves the bold width there) */
[data-testid="stSidebarNavLink"] span[label="app"]::before {{ content: "Library"; }}
</style>
"""


def page_setup(title: str, icon: str = "📰") -> None:
    """Page config and the shared CSS. Call first on every page."""
    with suppress(st.errors.StreamlitAPIException):  # already set (e.g. in AppTest re-runs)
        st.set_page_config(page_title=f"{title} · Arabic–English reader", page_icon=icon, layout="wide")
    st.markdown(BASE_CSS + render.highlight_css(ARABIC_FONT_STACK) + word_card_css(ARABIC_FONT_STACK), unsafe_allow_html=True)
    state.enter_page(title)
