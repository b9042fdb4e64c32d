"""Your data: where it lives, a backup to download, your quiz cards to export (Anki, CSV), a backup to restore.

Logic in ``bilingual.store.backup`` and ``bilingual.quiz.export``.
"""

from __future__ import annotations

import streamlit as st

from bilingual.errors import BackupError, DataError
from bilingual.quiz import export
from bilingual.store import backup as bk
from bilingual.text.sanitize import markdown_literal as md
from ui import data, state
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
    name, blob = st.session_state["backup_file"]
    st.download_button(f"Download {name}", data=blob, file_name=name, mime="application/vnd.sqlite3")

st.header("Export your quiz cards")
profile = state.current_profile(store)
st.write(
    "Every quiz card, for Anki (re-importing a newer deck updates the same notes instead of duplicating them) "
    f"or a spreadsheet (CSV, with the due dates, reviews and accuracy of profile “{md(profile)}”)."
)
app_url = export.base_url()
if app_url:
    st.caption(md(f"The CSV's reader links open {app_url}."))
else:
    st.caption(
        "The CSV has no reader links: the app's address is not known. Set "
        f"`{export.BASE_URL_ENV}` (for example `http://localhost:8501`) before starting the app to include them."
    )
if st.button("Prepare the export", key="export_prepare"):
    try:
        corpus, glossary = data.get_corpus(), data.get_glossary()
        cards = data.get_cards(corpus, glossary)
        st.session_state["export_files"] = (
            len(cards), export.apkg_bytes(cards, corpus, glossary), export.csv_bytes(cards, corpus, glossary, store=store, profile=profile)
        )
    except DataError as exc:
        st.error(md(f"The quiz cards could not be made: {exc}"))
if "export_files" in st.session_state:
    n, apkg, csv_data = st.session_state["export_files"]
    c1, c2 = st.columns(2)
    c1.download_button(f"Download the Anki deck ({n:,} cards)", apkg, file_name="arabic-english-reader.apkg",
                       mime="application/octet-stream", key="export_anki")
    c2.download_button(f"Download the CSV ({n:,} rows)", csv_data, file_name="arabic-english-reader.csv", mime="text/csv",
                       key="export_csv")

st.header("Restore a backup")
st.write(
    "Replace your data with a backup file made by this app. Your current data is kept as a "
    "`before-restore` copy next to it, so nothing is lost."
)
# After a restore the file, the ticked box and the button start afresh (new widget keys); the outcome stays.
restore_round = st.session_state.setdefault("restore_round", 0)
for kind, text in st.session_state.get("restore_result", ()):
    getattr(st, kind)(text)
upload = st.file_uploader("Backup file", key=f"restore_upload_{restore_round}")
if upload is not None:
    st.session_state.pop("restore_result", None)
    payload = upload.getvalue()
    checked = st.session_state.get("restore_checked")
    if not checked or checked[0] != (upload.name, len(payload)):
        try:
            checked = ((upload.name, len(payload)), bk.inspect_bytes(payload, upload.name), None)
        except BackupError as exc:
            checked = ((upload.name, len(payload)), None, str(exc))
        st.session_state["restore_checked"] = checked
    _, info, refusal = checked
    if refusal:
        st.error(md(f"This file cannot be restored: {refusal}. Your data was not changed."))
    else:
        st.info(md(f"{upload.name} is a sound backup (schema {info.schema_version}) holding {info.summary()}."))
        sure = st.checkbox("Replace my current data with this backup", key=f"restore_confirm_{restore_round}")
        if st.button("Restore", type="primary", disabled=not sure, key=f"restore_{restore_round}"):
            try:
                done = bk.restore_bytes(payload, store.path, upload.name)
            except BackupError as exc:
                st.error(md(f"Refused: {exc}. Your data was not changed."))
            else:
                st.cache_data.clear()
                st.session_state.pop("restore_checked", None)
                st.session_state.pop("export_files", None)  # made from the data before the restore
                result = [("success", f"Restored: {done.summary()}.")]
                if done.previous:
                    result.append(("write", md(f"Your previous data is kept as {done.previous}.")))
                if done.previous_damage:
                    result.append(("warning", md(f"Your previous database was damaged ({done.previous_damage}).")))
                st.session_state["restore_result"] = result
                st.session_state["restore_round"] = restore_round + 1
                st.rerun()
