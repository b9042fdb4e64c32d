"""Your data: what this learner has, their own data to download (and bring back), and, on a laptop
with one learner, the whole database's backup and restore. Logic in ``bilingual.accounts.portable``
and ``bilingual.store.backup``.

A download holds the session's learner's data only, never another learner's.
"""

from __future__ import annotations

import streamlit as st

from bilingual.accounts import list_learners, server_mode
from bilingual.accounts import portable as pt
from bilingual.errors import AccountError, BackupError
from bilingual.store import Dialect
from bilingual.store import backup as bk
from bilingual.store import profiles as owned
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.style import page_setup

page_setup("Your data", "💾")
store = data.get_store()  # the login form or the chooser first; warns when a damaged database had to be moved aside
st.title("Your data")
me = data.learner()
shared = server_mode(store)
alone = not shared and len(list_learners(store)) == 1 and store.dialect is Dialect.SQLITE

st.markdown(
    f"The data of **{md(me.name)}**: quiz progress, imported texts, personal glossary terms and settings. "
    + ("They are kept on the class's server; nobody else's are shown here." if shared else
       "They are kept on this computer. Nothing is sent anywhere.")
)
if not shared:
    st.code(store.location, language=None)
counts = owned.owned_counts(store, me.id)
cols = st.columns(3)
cols[0].metric("Quiz reviews", f"{counts['reviews']:,}")
cols[1].metric("Imported texts", f"{counts['texts']:,}")
cols[2].metric("Personal terms", f"{counts['personal_terms']:,}")

st.header("Download your data")
st.write("One file with everything above (and nobody else's): keep it as a backup, or bring it to another computer or the class server.")
if st.button("Prepare my data", key="export_prepare"):
    st.session_state["export_file"] = (pt.export_filename(me), pt.export_bytes(store, me))
if "export_file" in st.session_state:
    name, blob = st.session_state["export_file"]
    st.download_button(f"Download {name}", data=blob, file_name=name, mime="application/json", key="export_download")

if not shared:
    st.header("Bring a learner's data here")
    st.write("Add a learner from a file made with “Download your data” (here, on another computer, or on a class server).")
    upload = st.file_uploader("Learner file (.json)", type=["json"], key="learner_upload")
    new_name = st.text_input("Under the name (optional: the file's name)", key="learner_upload_name", max_chars=40)
    if upload is not None and st.button("Add this learner", key="learner_upload_go"):
        try:
            added = pt.import_bytes(store, upload.getvalue(), name=new_name.strip() or None)
        except (BackupError, AccountError) as exc:
            st.error(md(f"Not added: {exc}"))
        else:
            st.success(md(f"Added the learner “{added.name}”. Choose them in the sidebar's Profile to continue as them."))

if alone:
    st.header("The whole database")
    st.write("With one learner on this computer, the database file can also be backed up whole (with the translation cache).")
    with st.expander("Start-up check and kept copies"):
        if store.report.ok:
            st.write("The database passed its integrity check when the app started.")
        else:
            st.write(md(store.report.message))
        if st.button("Check the database now"):
            result = store.check()
            (st.success if result == "ok" else st.error)(md(f"Integrity check: {result}"))
        kept = bk.kept_copies(store.path)
        if kept:
            st.write("Copies kept next to your database (delete them yourself when you no longer need them):")
            st.table([{"file": k.path.name, "kind": k.kind, "size (KB)": round(k.size / 1024)} for k in kept])
    status = bk.store_status(store)
    st.caption(f"{status.size / 1024:,.0f} KB, schema version {status.schema_version}: {status.summary()}.")
    if st.button("Prepare a backup"):
        try:
            st.session_state["backup_file"] = (bk.backup_filename(), bk.backup_bytes(store))
        except BackupError as exc:
            st.error(md(f"The backup could not be made: {exc}"))
    if "backup_file" in st.session_state:
        name, blob = st.session_state["backup_file"]
        st.download_button(f"Download {name}", data=blob, file_name=name, mime="application/vnd.sqlite3")

    st.subheader("Restore a backup")
    st.write(
        "Replace your data with a backup file made by this app. Your current data is kept as a "
        "`before-restore` copy next to it, so nothing is lost."
    )
    upload = st.file_uploader("Backup file", key="restore_upload")
    if upload is not None:
        blob = upload.getvalue()
        checked = st.session_state.get("restore_checked")
        if not checked or checked[0] != (upload.name, len(blob)):
            try:
                checked = ((upload.name, len(blob)), bk.inspect_bytes(blob, upload.name), None)
            except BackupError as exc:
                checked = ((upload.name, len(blob)), None, str(exc))
            st.session_state["restore_checked"] = checked
        _, info, refusal = checked
        if refusal:
            st.error(md(f"This file cannot be restored: {refusal}. Your data was not changed."))
        else:
            st.info(md(f"{upload.name} is a sound backup (schema {info.schema_version}) holding {info.summary()}."))
            sure = st.checkbox("Replace my current data with this backup", key="restore_confirm")
            if st.button("Restore", type="primary", disabled=not sure):
                try:
                    done = bk.restore_bytes(blob, store.path, upload.name)
                except BackupError as exc:
                    st.error(md(f"Refused: {exc}. Your data was not changed."))
                else:
                    st.cache_data.clear()
                    st.session_state.pop("restore_checked", None)
                    st.success(f"Restored: {done.summary()}.")
                    if done.previous:
                        st.write(md(f"Your previous data is kept as {done.previous}."))
                    if done.previous_damage:
                        st.warning(md(f"Your previous database was damaged ({done.previous_damage})."))
elif not store.report.ok:
    st.warning(md(store.report.message))
    kept = bk.kept_copies(store.path) if store.path else []
    if kept:
        st.table([{"file": k.path.name, "kind": k.kind, "size (KB)": round(k.size / 1024)} for k in kept])
