"""Your data: where it lives, a backup to download, a backup to restore. Logic in ``bilingual.store.backup``."""

from __future__ import annotations

import streamlit as st

from bilingual.errors import BackupError
from bilingual.store import backup as bk
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.style import page_setup

page_setup("Your data", "💾")
st.title("Your data")
store = data.get_store()  # warns at the top when a damaged database had to be moved aside

st.markdown(
    "Your progress, imported texts, personal glossary terms and cached translations are kept in one "
    "file on this computer. Nothing is sent anywhere."
)
status = bk.store_status(store)
st.code(str(store.path), language=None)
cols = st.columns(3)
cols[0].metric("Size", f"{status.size / 1024:,.0f} KB")
cols[1].metric("Quiz reviews", f"{status.counts.get('reviews', 0):,}")
cols[2].metric("Imported texts", f"{status.counts.get('texts', 0):,}")
st.caption(f"Schema version {status.schema_version}: {status.summary()}.")

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

st.header("Download a backup")
st.write("A consistent copy of everything above, safe to make while you keep using the app.")
if st.button("Prepare a backup"):
    try:
        st.session_state["backup_file"] = (bk.backup_filename(), bk.backup_bytes(store))
    except BackupError as exc:
        st.error(md(f"The backup could not be made: {exc}"))
if "backup_file" in st.session_state:
    name, data = st.session_state["backup_file"]
    st.download_button(f"Download {name}", data=data, file_name=name, mime="application/vnd.sqlite3")

st.header("Restore a backup")
st.write(
    "Replace your data with a backup file made by this app. Your current data is kept as a "
    "`before-restore` copy next to it, so nothing is lost."
)
upload = st.file_uploader("Backup file", key="restore_upload")
if upload is not None:
    data = upload.getvalue()
    checked = st.session_state.get("restore_checked")
    if not checked or checked[0] != (upload.name, len(data)):
        try:
            checked = ((upload.name, len(data)), bk.inspect_bytes(data, upload.name), None)
        except BackupError as exc:
            checked = ((upload.name, len(data)), None, str(exc))
        st.session_state["restore_checked"] = checked
    _, info, refusal = checked
    if refusal:
        st.error(md(f"This file cannot be restored: {refusal}. Your data was not changed."))
    else:
        st.info(md(f"{upload.name} is a sound backup (schema {info.schema_version}) holding {info.summary()}."))
        sure = st.checkbox("Replace my current data with this backup", key="restore_confirm")
        if st.button("Restore", type="primary", disabled=not sure):
            try:
                done = bk.restore_bytes(data, store.path, upload.name)
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
