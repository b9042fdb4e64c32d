"""Widgets shared by several pages: the learner picker, the login form and the learner chooser,
the delete confirmation, the click catchers for highlighted names (Arabic and English), words and
hidden English."""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from bilingual.accounts import login, server_mode
from bilingual.errors import AccountError, LoginRefused
from bilingual.schedule import clean_profile_name, list_profiles
from bilingual.store import Store
from bilingual.text.sanitize import markdown_literal as md
from ui.state import begin_session, current_learner, end_session, guarded, select_profile

__all__ = ["confirm_delete", "learner_chooser", "login_form", "on_reveal", "on_term_click", "on_word_click", "profile_picker"]


def profile_picker(store: Store, key: str, *, allow_new: bool = False, help: str = "") -> str:
    """The sidebar's learner: in server mode who is signed in, with "Log out"; in local use a selector
    (and, with ``allow_new``, a "New profile" form). Returns the session's learner name."""
    learner = current_learner(store)
    if server_mode(store):
        st.caption(f"Signed in as **{md(learner.name)}** ({learner.role.value})")
        st.button("Log out", key=f"{key}_logout", on_click=guarded(end_session, "Logging out"), args=(store,))
        return learner.name
    select_key = f"{key}_select"
    names = list_profiles(store)
    st.session_state[select_key] = learner.name

    def _selected() -> None:
        select_profile(store, st.session_state[select_key])

    st.selectbox("Profile", names, key=select_key, on_change=guarded(_selected, "Your choice of learner"), help=help or None)
    if allow_new:
        new_key, error_key = f"{key}_new", f"{key}_error"

        def _create() -> None:
            try:
                name = clean_profile_name(st.session_state.get(new_key, ""))
                if name in names:
                    raise AccountError(f"there is already a learner called “{name}”")
                select_profile(store, name)
            except (ValueError, AccountError) as exc:
                st.session_state[error_key] = str(exc)
                return
            st.session_state[new_key] = ""
            st.session_state.pop(error_key, None)

        with st.popover("New profile"):
            st.text_input("Name", key=new_key, max_chars=40)
            st.button("Create", key=f"{key}_create", on_click=guarded(_create, "The new learner"))
        if st.session_state.get(error_key):
            st.error(md(st.session_state[error_key]))
    return current_learner(store).name


def login_form(store: Store) -> None:
    """The login page (server mode): name and password; a wrong one, or too many, says so."""
    st.title("Log in")
    st.caption("This reader is shared by a class: log in with the name and password your teacher gave you.")
    with st.form("login", clear_on_submit=True):
        name = st.text_input("Name", key="login_name", max_chars=40)
        password = st.text_input("Password", type="password", key="login_password", max_chars=200)
        submitted = st.form_submit_button("Log in", type="primary")
    if submitted:
        try:
            result = login(store, name, password)
        except LoginRefused as exc:
            st.error(md(str(exc)))
            return
        begin_session(result.learner, result.token, result.max_age)
        st.rerun()


def learner_chooser(store: Store, names: list[str], preselect: str | None) -> None:
    """Local use with several profiles: who is reading in this browser? (this browser's last choice first)."""
    st.title("Who is reading?")
    st.caption("Each browser works as one learner: their progress, settings, texts and terms. Choose yours.")
    index = names.index(preselect) if preselect in names else None
    choice = st.radio("Learner", names, index=index, key="learner_choice", format_func=md)
    if st.button("Continue", type="primary", key="learner_continue"):
        if choice is None:
            st.warning("Choose a learner first.")
        else:
            select_profile(store, choice)
            st.rerun()
    with st.expander("Someone new"):
        new = st.text_input("Name", key="learner_new", max_chars=40)
        if st.button("Create and continue", key="learner_create"):
            try:
                name = clean_profile_name(new)
                if name in names:
                    raise AccountError(f"There is already a learner called “{name}”: choose it above.")
                select_profile(store, name)
            except (ValueError, AccountError) as exc:
                st.error(md(str(exc)))
            else:
                st.rerun()


def confirm_delete(prefix: str, item: str, question: str, delete: Callable[[], None], *, place: object = st) -> None:
    """A "Delete…" button (in ``place``) that asks ``question`` before it calls ``delete`` and reruns.

    Widget keys: ``<prefix>_del_<item>``, ``<prefix>_del_yes_<item>``, ``<prefix>_del_no_<item>``.
    """
    asking = f"{prefix}_confirm_del_{item}"
    if not st.session_state.get(asking):
        if place.button("Delete…", key=f"{prefix}_del_{item}"):
            st.session_state[asking] = True
            st.rerun()
        return
    st.warning(question)
    yes, no, _ = st.columns([1, 1, 3])
    if yes.button("Yes, delete", type="primary", key=f"{prefix}_del_yes_{item}"):
        delete()
        st.session_state.pop(asking, None)
        st.rerun()
    if no.button("Cancel", key=f"{prefix}_del_no_{item}"):
        st.session_state.pop(asking, None)
        st.rerun()


# A click on a highlighted name, Arabic or English (or a reader link: the lemma concordance,
# "probably", a name a term card contains) opens its card in the same session instead of loading the
# page again; a click on any other Arabic word of the reader (a ``.w`` element) opens its word card;
# a click on a hidden sentence's "Show the English" (a ``<details>``, unfolded by the browser at once)
# reports it ("reveal"), so the rows drawn again keep it shown. The highlights and links stay real
# links (their href is the deep link), so a middle or ctrl-click still opens a new tab and the page
# works without this script. One listener is installed once; each mount of the component registers
# for its events ("open": links, "word": words, "reveal": hidden English), and a click only acts
# while the element that registered for it is on the page, so highlight links elsewhere keep their
# normal behaviour. A word click marks the word at once (``w-open``), before the server answers.
_CLICKS_JS = """
export default function (component) {
  const { setTriggerValue, parentElement, data } = component;
  const events = (data && data.events) || ["open"];
  const hosts = (window.__bilingualHosts = window.__bilingualHosts || {});
  for (const ev of events) hosts[ev] = { host: parentElement, set: setTriggerValue };
  if (!window.__bilingualClicks) {
    window.__bilingualClicks = true;
    const live = (ev) => hosts[ev] && hosts[ev].host.isConnected ? hosts[ev] : null;
    document.addEventListener("click", (e) => {
      if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
      if (!e.target.closest) return;
      const summary = e.target.closest(".reader .en-reveal > summary");
      if (summary) {
        const h = live("reveal"), row = summary.closest(".row[id]"), reader = summary.closest(".reader[data-article]");
        // the browser unfolds (or folds) it after this click: report the state it is going to
        if (h && row && reader) h.set("reveal", { article: reader.dataset.article, sentence: row.id, open: summary.parentElement.open ? "0" : "1" });
        return;
      }
      const a = e.target.closest("a.gl[href], a.reader-link[href]");
      if (a) {
        const h = live("open");
        if (!h) return;
        const href = a.getAttribute("href") || "";
        const q = new URLSearchParams(href.slice(href.indexOf("?") + 1));
        if (!q.get("term") && !q.get("word")) return;
        e.preventDefault();
        h.set("open", { article: q.get("article"), sentence: q.get("sentence"), term: q.get("term"), word: q.get("word") });
        return;
      }
      const w = e.target.closest(".reader .w[data-word]");
      const h = live("word");
      if (!w || !h) return;
      const row = w.closest(".row[id]"), reader = w.closest(".reader[data-article]");
      if (!row || !reader) return;
      e.preventDefault();
      document.querySelectorAll(".reader .w-open").forEach((x) => x.classList.remove("w-open"));
      w.classList.add("w-open");
      h.set("word", { article: reader.dataset.article, sentence: row.id, index: w.dataset.i, word: w.dataset.word });
    }, true);
  }
  return () => {
    for (const ev of events) if (hosts[ev] && hosts[ev].host === parentElement) delete hosts[ev];
  };
}
"""
_clicks: Callable[..., object] | None = None


def _mount(key: str, event: str, handle: Callable[[dict[str, str]], None], fields: tuple[str, ...]) -> None:
    global _clicks
    if _clicks is None:
        _clicks = st.components.v2.component("bilingual.term_clicks", js=_CLICKS_JS)

    def _changed() -> None:
        raw = getattr(st.session_state.get(key), event, None)
        if isinstance(raw, dict):
            handle({k: v[:200] for k in fields if isinstance(v := raw.get(k), str)})

    _clicks(key=key, data={"events": [event]}, **{f"on_{event}_change": _changed})


def on_term_click(key: str, handle: Callable[[dict[str, str]], None]) -> None:
    """Mount the link catcher; ``handle({"article", "sentence", "term", "word"})`` (the parameters the
    link has) runs as a callback, before the page's script, after a click on a highlighted name or a
    reader link. Values come from the browser: validate them."""
    _mount(key, "open", handle, ("article", "sentence", "term", "word"))


def on_word_click(key: str, handle: Callable[[dict[str, str]], None]) -> None:
    """Mount the word catcher; ``handle({"article", "sentence", "index", "word"})`` (``word``: the token
    as written) runs as a callback after a click on a plain Arabic word of the reader. Mount it inside
    the fragment that shows the word card: only that fragment reruns. Values come from the browser."""
    _mount(key, "word", handle, ("article", "sentence", "index", "word"))


def on_reveal(key: str, handle: Callable[[dict[str, str]], None]) -> None:
    """Mount the hidden-English catcher; ``handle({"article", "sentence", "open"})`` (``open``: "1" shown,
    "0" hidden again) runs as a callback after a click on a sentence's "Show the English". Mount it in
    a fragment (the browser has already unfolded the English; only the fragment reruns). Values come
    from the browser: validate them."""
    _mount(key, "reveal", handle, ("article", "sentence", "open"))
