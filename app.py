"""Library: every article with its titles, outlet, date and counts; the way into the reader."""

from __future__ import annotations

import streamlit as st

import webui

webui.page_setup("Library")
st.title("Library")
corpus = webui.get_corpus()
for art in corpus:
    with st.container(border=True):
        st.markdown(f'<div class="ar" dir="rtl" lang="ar">{st.html if False else ""}</div>', unsafe_allow_html=True)
