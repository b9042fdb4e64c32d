"""Browser-session state: who is learning in this browser session, their remembered preferences, and
the URL's query parameters (deep links) kept in step with widget state.

The learner is a property of the browser session, never a shared setting. ``current_learner``:

* **server mode** (``accounts.server_mode``): the session's login token (from the login form, or the
  browser's signed ``bilingual_session`` cookie at the start of a session) names the learner; it is
  checked on every run, so logout, expiry or a password change take effect at once. Without one the
  page shows the login form and stops.
* **local use**: with one profile the session opens on it (``default`` is created when there is
  none); with several it asks, preselecting this browser's last choice (the ``bilingual_learner``
  cookie: remembered per browser, not in the shared database), and stops until one is chosen.

Nothing a URL or another session says can change the learner: only the login form, the chooser and
the sidebar's profile picker do, and switching learner forgets everything the session held.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, TypeVar
from urllib.parse import unquote

import streamlit as st

from bilingual.accounts import Learner, create_learner, get_learner, list_learners, resolve, server_mode
from bilingual.errors import StoreFault
from bilingual.schedule import DEFAULT_PROFILE
from bilingual.store import Store
from bilingual.store import profiles as learner_settings

__all__ = [
    "CHOICE_COOKIE",
    "LEARNER_KEY",
    "REFUSED_KEY",
    "SESSION_COOKIE",
    "begin_session",
    "browser_cookie",
    "current_learner",
    "current_profile",
    "end_session",
    "enter_page",
    "guarded",
    "memo",
    "persisted",
    "select_profile",
    "set_query",
    "sync_from_query",
]

LEARNER_KEY = "learner"
#: the writes of widget callbacks the store refused, said at the top of the next page run (``ui.data``)
REFUSED_KEY = "_store_refused"
#: server mode: the signed login token (``bilingual.accounts.sessions``)
SESSION_COOKIE = "bilingual_session"
_T = TypeVar("_T")

#: local use: the learner this browser chose last (a preselection, nothing more)
CHOICE_COOKIE = "bilingual_learner"
_TOKEN = "_login_token"
_COOKIE_OPS = "_cookie_ops"


# --- cookies: read from the request, written by a small script in the page -------------------

_COOKIE_JS = """
export default function (component) {
  const { data } = component;
  const secure = location.protocol === "https:" ? "; Secure" : "";
  for (const op of (data && data.ops) || []) {
    const value = op.value === null ? "" : encodeURIComponent(op.value);
    const age = op.value === null ? 0 : op.max_age;
    document.cookie = `${op.name}=${value}; Max-Age=${age}; Path=/; SameSite=Strict${secure}`;
  }
}
"""
_cookie_writer: Callable[..., object] | None = None


def browser_cookie(name: str) -> str | None:
    """A cookie the browser sent when this session started (None when absent)."""
    try:
        value = st.context.cookies.get(name)
    except Exception:  # no browser (a bare script run)
        return None
    return unquote(value) if value else None


def _set_cookie(name: str, value: str | None, max_age: int = 365 * 86400) -> None:
    """Queue a cookie write (None deletes it); the next page run sends it to the browser once."""
    st.session_state.setdefault(_COOKIE_OPS, []).append({"name": name, "value": value, "max_age": int(max_age)})


def _flush_cookies() -> bool:
    """Send the queued cookie writes to the browser (True when there were any)."""
    global _cookie_writer
    ops = st.session_state.pop(_COOKIE_OPS, None)
    if not ops:
        return False
    if _cookie_writer is None:
        _cookie_writer = st.components.v2.component("bilingual.cookies", js=_COOKIE_JS)
    _cookie_writer(data={"ops": ops}, key=f"_cookies_{abs(hash(json.dumps(ops)))}")
    return True


# --- the session's learner ----------------------------------------------------------------------


def _forget_session() -> None:
    """Everything this browser session held (quiz, widget values, preferences) goes: the next learner starts clean."""
    for key in list(st.session_state):
        if key != _COOKIE_OPS:
            del st.session_state[key]


def begin_session(learner: Learner, token: str | None = None, max_age: int = 0) -> None:
    """Make ``learner`` this session's (after a login, or a choice in local use); forgets what the session held."""
    _forget_session()
    st.session_state[LEARNER_KEY] = learner
    st.session_state["profile"] = learner.name
    if token is not None:
        st.session_state[_TOKEN] = token
        _set_cookie(SESSION_COOKIE, token, max_age)
    else:
        _set_cookie(CHOICE_COOKIE, learner.name)


def end_session(store: Store) -> None:
    """Log out (server mode: the login session ends on the server too) and forget the session's state."""
    from bilingual.accounts import logout

    logout(store, st.session_state.get(_TOKEN))
    _forget_session()
    st.session_state[_TOKEN] = ""  # not the cookie's (now dead) token again
    _set_cookie(SESSION_COOKIE, None)


def current_learner(store: Store) -> Learner:
    """The learner of this browser session; shows the login form or the chooser (and stops the page)
    while there is none (see the module doc)."""
    flushed = _flush_cookies()
    learner = st.session_state.get(LEARNER_KEY)
    if server_mode(store):
        token = st.session_state.get(_TOKEN)
        if token is None:
            token = st.session_state[_TOKEN] = browser_cookie(SESSION_COOKIE) or ""
        found = resolve(store, token) if token else None
        if found is None:
            if learner is not None:
                _forget_session()
                st.session_state[_TOKEN] = ""
            if browser_cookie(SESSION_COOKIE) and not flushed:
                # a dead login (logged out, expired, or the browser reloaded before the logout's
                # script ran): this session clears it, so it is never sent again
                _set_cookie(SESSION_COOKIE, None)
                _flush_cookies()
            from ui.widgets import login_form

            login_form(store)
            st.stop()
        if learner is None or learner.id != found.id:
            st.session_state[LEARNER_KEY] = found
            st.session_state["profile"] = found.name
        return found
    if learner is not None and get_learner(store, learner.id) is not None:
        return learner
    everyone = list_learners(store)
    if len(everyone) <= 1:
        chosen = everyone[0] if everyone else _default_learner(store)
        st.session_state[LEARNER_KEY] = chosen
        st.session_state["profile"] = chosen.name
        return chosen
    from ui.widgets import learner_chooser

    learner_chooser(store, [x.name for x in everyone], browser_cookie(CHOICE_COOKIE))
    st.stop()


def _default_learner(store: Store) -> Learner:
    from bilingual.errors import AccountError

    try:
        return create_learner(store, DEFAULT_PROFILE)
    except AccountError:  # another session created it a moment ago
        return next(x for x in list_learners(store) if x.name == DEFAULT_PROFILE)


def current_profile(store: Store) -> str:
    """The name of this session's learner (the scheduler and progress functions take names)."""
    return current_learner(store).name


def select_profile(store: Store, name: str) -> None:
    """Local use: make ``name`` (an existing learner, or a new one created now) the session's learner."""
    learner = next((x for x in list_learners(store) if x.name == name), None)
    if learner is None:
        learner = create_learner(store, name)
    if st.session_state.get(LEARNER_KEY) != learner:
        begin_session(learner)


# --- preferences that survive a page reload ---------------------------------------------------


def persisted(store: Store, key: str, default: object, valid: Callable[[object], bool] | None = None) -> Callable[[], None]:
    """Initialise ``st.session_state[key]`` from the learner's saved settings; returns the saver.

    Pass the returned function as the widget's ``on_change`` so the choice is remembered (for this
    learner only).
    """
    learner = current_learner(store)
    name = f"pref.{key}"
    if key not in st.session_state:
        raw = learner_settings.get_setting(store, learner.id, name)
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
        learner_settings.set_setting(store, learner.id, name, json.dumps(st.session_state.get(key)))

    return guarded(save, "Your setting")


def guarded(fn: Callable[..., Any], what: str) -> Callable[..., Any]:
    """``fn`` for a widget's callback (``on_click``/``on_change``): a write the store refuses
    (``StoreFault``) is said at the top of the page run that follows (``ui.data.get_store``), instead
    of a traceback; ``what`` names it ("Your rating")."""

    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except StoreFault as fault:
            st.session_state.setdefault(REFUSED_KEY, []).append((fault, what))
            return None

    return run


def memo(name: str, key: object, compute: Callable[[], _T]) -> _T:
    """What ``compute`` gave the last time this session asked with an equal ``key``; computed again
    (and kept instead) when the key differs. For a fragment that reruns on a timer and mostly finds
    nothing new (the Reader's rows while a translation runs)."""
    held = st.session_state.get(f"_memo.{name}")
    if held is not None and held[0] == key:
        return held[1]
    value = compute()
    st.session_state[f"_memo.{name}"] = (key, value)
    return value


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
