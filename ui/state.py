"""Browser-session state: the current learner profile, remembered preferences, and the URL's query
parameters (deep links) kept in step with widget state."""

from __future__ import annotations

import json
from collections.abc import Callable

import streamlit as st

from bilingual.schedule import DEFAULT_PROFILE, profile_id
from bilingual.store import Store

__all__ = ["LAST_PROFILE", "current_profile", "enter_page", "persisted", "select_profile", "set_query", "sync_from_query"]

#: The setting that remembers the profile chosen last.
LAST_PROFILE = "last_profile"


def current_profile(store: Store) -> str:
    """The learner profile of this browser session: the one chosen last when the session starts
    (whichever page it starts on), else the default profile."""
    if "profile" not in st.session_state:
        st.session_state["profile"] = store.get_setting(LAST_PROFILE) or DEFAULT_PROFILE
    return st.session_state["profile"]


def select_profile(store: Store, name: str) -> None:
    """Make ``name`` (already cleaned) the session's profile, created if new, and remember it."""
    profile_id(store, name)
    st.session_state["profile"] = name
    store.set_setting(LAST_PROFILE, name)


# --- preferences that survive a page reload ---------------------------------------------------


def persisted(store: Store, key: str, default: object, valid: Callable[[object], bool] | None = None) -> Callable[[], None]:
    """Initialise ``st.session_state[key]`` from the learner's saved settings; returns the saver.

    Pass the returned function as the widget's ``on_change`` so the choice is remembered.
    """
    name = f"pref.{current_profile(store)}.{key}"
    if key not in st.session_state:
        raw = store.get_setting(name)
        value = default
        if raw is not None:
            try:
                value = json.loads(raw)
            except ValueError:
                value = default
        if valid is not None and not valid(value):
            value = default
        st.session_state[key] = value

    def save() -> None:
        store.set_setting(name, json.dumps(st.session_state.get(key)))

    return save


def enter_page(title: str) -> None:
    """Remember which page runs; on entering a page, forget the query values it saw on an earlier visit.

    Deep links (``?article=…&term=…``) must apply on the page they target even when the same
    value was seen before, on that page or on another one.
    """
    if st.session_state.get("_qp_page") != title:
        stale = [k for k in st.session_state if isinstance(k, str) and k.startswith(f"_qp_{title}:")]
        for k in stale:
            del st.session_state[k]
        st.session_state["_qp_page"] = title


def _qp_marker(param: str) -> str:
    """Per page and per parameter: the query value this page last applied (or wrote)."""
    return f"_qp_{st.session_state.get('_qp_page', '')}:{param}"


def sync_from_query(param: str, state_key: str, valid: Callable[[str], bool]) -> None:
    """Let a URL query parameter (deep link) set a widget's state when it changes or the page is entered."""
    value = st.query_params.get(param)
    marker = _qp_marker(param)
    if value is not None and valid(value) and (marker not in st.session_state or st.session_state[marker] != value):
        st.session_state[state_key] = value
    st.session_state[marker] = value


def set_query(**params: str | None) -> None:
    """Update the URL's query parameters (None removes one)."""
    for k, v in params.items():
        if v is None:
            if k in st.query_params:
                del st.query_params[k]
        else:
            st.query_params[k] = v
        st.session_state[_qp_marker(k)] = v
