"""Shared by the page tests: Streamlit's caches emptied around each test."""

from __future__ import annotations

import pytest
import streamlit as st


@pytest.fixture
def fresh_caches(data_dir):
    """A fresh database (``data_dir``) and no cached corpus, glossary or store from another test."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()
