"""Your data: what this learner has, their own data to download (and bring back), their quiz cards to
export (Anki, CSV), and, on a laptop with one learner, the whole database's backup and restore. Logic in
``bilingual.accounts.portable``, ``bilingual.quiz.export`` and ``bilingual.store.backup``.

A download holds the session's learner's data only, never another learner's. When the database file
was damaged, deleted or replaced (at start-up or while the app ran) and a fresh one was started, the
page offers to restore the newest backup (``bilingual.store.snapshots``: the app's daily copies and
the copies kept by earlier restores).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import streamlit as st

from bilingual.accounts import list_learners, server_mode
from bilingual.accounts import portable as pt
from bilingual.errors import AccountError, BackupError, DataError
from bilingual.quiz import export
from bilingual.store import Dialect, snapshots
from bilingual.store import backup as bk
from bilingual.store import profiles as owned
from bilingual.store.faults import RECOVERED_KINDS
from bilingual.text.sanitize import markdown_literal as md
from ui import data
from ui.style import page_setup

page_setup("Your data", "💾")
store = data.get_store()  # the login form or the chooser first; warns when a damaged database had to be moved aside
st.title("Your data")
me = data.learner()
shared = server_mode(store)
alone = not shared and len(list_learners(store)) == 1 and store.dialect is Dialect.SQLITE
# a damaged, deleted or replaced file was dealt with (and not restored from this page since)
lost = store.dialect is Dialect.SQLITE and any(
    n.kind in RECOVERED_KINDS and n.serial > st.session_state.get("restored_after", 0) for n in store.notices
)
newest = snapshots.newest_backup(store.path) if store.dialect is Dialect.SQLITE else None


def restore_from(source, label: str) -> None:
    """Restore ``source`` (a path) into the live database; the outcome stays on the page."""
    try:
        done = bk.restore(source, store.path)
    except BackupError as exc:
        st.error(md(f"Refused: {exc}. Your data was not changed."))
        return
    store.reopen()
    st.cache_data.clear()
    for key in ("restore_checked", "export_files", "mydata_file"):
        st.session_state.pop(key, None)  # made from the data before the restore
    result = [("success", md(f"Restored {label}: {done.summary()}.") if label else f"Restored: {done.summary()}.")]
    if done.previous:
        result.append(("write", md(f"Your previous data is kept as {done.previous}.")))
    if done.previous_damage:
        result.append(("warning", md(f"Your previous database was damaged ({done.previous_damage}).")))
    st.session_state["restore_result"] = result
    st.session_state["restored_after"] = store.notices[-1].serial if store.notices else 0
    st.session_state["restore_round"] = st.session_state.get("restore_round", 0) + 1
    st.rerun()


if (lost or not snapshots.has_work(store)) and newest is not None and not shared:
    with st.container(border=True, key="restore_newest"):
        st.subheader("Get your data back")
        st.write(md(
            f"Your newest backup is {newest.path.name} ({newest.path.parent}), holding {newest.summary()}. "
            "Restoring it replaces what is in the database now, which is kept as a `before-restore` copy."
        ))
        if st.button("Restore the newest backup", type="primary", key="restore_newest_go"):
            restore_from(newest.path, newest.path.name)
if not alone:
    for kind, text in st.session_state.pop("restore_result", ()):
        getattr(st, kind)(text)

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
if st.button("Prepare my data", key="mydata_prepare"):
    st.session_state["mydata_file"] = (pt.export_filename(me), pt.export_bytes(store, me))
if "mydata_file" in st.session_state:
    name, blob = st.session_state["mydata_file"]
    st.download_button(f"Download {name}", data=blob, file_name=name, mime="application/json", key="mydata_download")

st.header("Export your quiz cards")
profile = me.name
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

if not shared:
    st.header("Bring a learner's data here")
    st.write("Add a learner from a file made with “Download your data” (here, on another computer, or on a class server).")
    upload = st.file_uploader("Learner file (.json)", type=["json"], key="learner_upload")
    new_name = st.text_input("Under the name (optional: the file's name)", key="learner_upload_name", max_chars=40)
    if upload is not None and st.button("Add this learner", key="learner_upload_go"):
        added = None
        with data.saving("The learner"):
            try:
                added = pt.import_bytes(store, upload.getvalue(), name=new_name.strip() or None)
            except (BackupError, AccountError) as exc:
                st.error(md(f"Not added: {exc}"))
        if added is not None:
            st.success(md(f"Added the learner “{added.name}”. Choose them in the sidebar's Profile to continue as them."))

if alone:
    st.header("The whole database")
    st.write("With one learner on this computer, the database file can also be backed up whole (with the translation cache).")
    with st.expander("Checks and kept copies", expanded=lost):
        if store.report.ok:
            st.write("The database passed its integrity check when the app started.")
        for notice in store.notices:
            st.write(md(notice.message))
        if st.button("Check the database now"):
            result = store.check()
            (st.success if result == "ok" else st.error)(md(f"Integrity check: {result}"))
        kept = bk.kept_copies(store.path)
        if kept:
            st.write("Copies kept next to your database (delete them yourself when you no longer need them):")
            st.table([{"file": k.path.name, "kind": k.kind, "size (KB)": round(k.size / 1024)} for k in kept])
    status = bk.store_status(store)
    st.caption(f"{status.size / 1024:,.0f} KB, schema version {status.schema_version}: {status.summary()}.")
    if newest is not None and not snapshots.has_work(store):
        st.caption("This database holds no answers, texts or terms yet: to get your earlier work back, restore your newest "
                   "backup (above) rather than backing up this one.")
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
                with tempfile.TemporaryDirectory(prefix="bilingual-upload-") as tmp:
                    source = Path(tmp) / (Path(upload.name).name or "upload")
                    try:
                        source.write_bytes(payload)
                    except OSError as exc:
                        st.error(md(f"Refused: the file could not be read in ({exc.strerror or exc}). Your data was not changed."))
                    else:
                        restore_from(source, "")
elif store.notices or not store.report.ok:
    for notice in store.notices:
        st.warning(md(notice.message))
    kept = bk.kept_copies(store.path) if store.path else []
    if kept:
        st.table([{"file": k.path.name, "kind": k.kind, "size (KB)": round(k.size / 1024)} for k in kept])
