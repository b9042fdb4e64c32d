"""The Your data page: a restore leaves a fresh form behind; the quiz cards export from here too."""

from __future__ import annotations

import csv
import io

import pytest
from streamlit.testing.v1 import AppTest

from bilingual.imports import texts as imported
from bilingual.quiz import export
from bilingual.store import Store
from bilingual.store import backup as bk
from tests.fixtures.learners import me
from tests.pages.apptest import app_on, shown

pytestmark = pytest.mark.usefixtures("fresh_caches")


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_after_a_restore_the_file_the_box_and_the_button_start_afresh(tmp_path):
    store = Store()
    imported.save_text(store, "زار لافروف باكو أمس. وقال إن الحدود هادئة.", title="قبل", owner=me(store))
    backup = bk.backup(store, tmp_path / "b.sqlite3").path.read_bytes()
    imported.save_text(store, "نص ثان عن موسكو.", title="بعد", owner=me(store))  # the backup has one text, the database two
    at = run(app_on("pages/7_Your_data.py"))
    at.file_uploader(key="restore_upload_0").set_value(("b.sqlite3", backup, "application/octet-stream"))
    run(at)
    assert any("is a sound backup" in i.value for i in at.info)
    assert at.button(key="restore_0").disabled
    at.checkbox(key="restore_confirm_0").check()
    run(at)
    at.button(key="restore_0").click()
    run(at)
    assert not at.error
    assert [t.title for t in imported.list_texts(Store(), owner=me(Store()))] == ["قبل"]
    # the outcome is said; the uploader is empty again, and no box or button is left from the last file
    assert any(s.value.startswith("Restored: ") for s in at.success)
    assert any("before-restore" in shown(m.value) for m in at.markdown)
    [uploader] = [u for u in at.file_uploader if u.key.startswith("restore_upload")]  # (the other one adds a learner)
    assert uploader.key == "restore_upload_1" and not uploader.value
    assert not [c for c in at.checkbox if c.key and c.key.startswith("restore_confirm")]
    assert not [b for b in at.button if b.key and b.key.startswith("restore_")]
    assert next(m.value for m in at.metric if m.label == "Imported texts") == "1"


def _csv(at: AppTest) -> list[dict]:
    n, _apkg, data = at.session_state["export_files"]
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == n
    return rows


def test_the_cards_export_here_with_reader_links_only_when_the_app_address_is_known(monkeypatch):
    monkeypatch.delenv(export.BASE_URL_ENV, raising=False)
    at = run(app_on("pages/7_Your_data.py"))
    assert any(export.BASE_URL_ENV in shown(c.value) and "no reader links" in c.value for c in at.caption)
    at.button(key="export_prepare").click()
    run(at)
    labels = [b.label for b in at.get("download_button")]
    assert any(lb.startswith("Download the Anki deck (") for lb in labels)
    assert any(lb.startswith("Download the CSV (") for lb in labels)
    _n, apkg, _csv_data = at.session_state["export_files"]
    assert apkg.startswith(b"PK")  # an Anki package is a zip
    rows = _csv(at)
    assert len(rows) > 100 and {r["reader_link"] for r in rows} == {""}
    assert "due" in rows[0]  # with the learner's progress columns

    monkeypatch.setenv(export.BASE_URL_ENV, "http://127.0.0.1:8501")
    at = run(app_on("pages/7_Your_data.py"))
    assert any("http://127.0.0.1:8501" in shown(c.value) for c in at.caption)
    at.button(key="export_prepare").click()
    run(at)
    links = [r["reader_link"] for r in _csv(at) if r["evidence"]]
    assert links and all(ln.startswith("http://127.0.0.1:8501/Reader?article=") for ln in links)
