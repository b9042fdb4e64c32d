"""Account: who is signed in (or the login form), log out, change your password. In local use (no
accounts) it says so and how a class server turns them on."""

from __future__ import annotations

import streamlit as st

from bilingual.accounts import server_mode, set_password
from bilingual.accounts.passwords import check_password
from bilingual.errors import AccountError
from bilingual.store import profiles
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.state import end_session
from ui.style import page_setup

page_setup("Account", icon="🔑")
store = data.get_store()  # the login form, when nobody is signed in
me = data.learner()
st.title("Account")
if not server_mode(store):
    st.markdown(f"You are reading as **{md(me.name)}**. This reader runs without accounts (local use): each browser "
                "chooses its learner.")
    st.caption("For a class on a shared server, add accounts with `python -m bilingual users add NAME --role student|teacher`: "
               "from then on everyone logs in with a password.")
    st.stop()

st.markdown(f"Signed in as **{md(me.name)}** ({me.role.value}).")
st.button("Log out", type="primary", key="account_logout", on_click=data.guarded(end_session, "Logging out"), args=(store,))

st.subheader("Change your password")
with st.form("account_password", clear_on_submit=True):
    old = st.text_input("Current password", type="password", key="account_old")
    new = st.text_input("New password", type="password", key="account_new")
    again = st.text_input("New password again", type="password", key="account_again")
    go = st.form_submit_button("Change password")
if go:
    if not check_password(old, profiles.get(store, me.id)["password_hash"]):
        st.error("The current password is not right.")
    elif new != again:
        st.error("The two new passwords differ.")
    else:
        changed = False
        with data.saving("Your new password"):
            try:
                set_password(store, me, new)
                changed = True
            except AccountError as exc:
                st.error(md(str(exc)))
        if changed:
            data.guarded(end_session, "Logging out")(store)
            st.success("Password changed. Log in again with the new one.")
