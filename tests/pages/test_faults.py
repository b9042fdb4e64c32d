"""The fault matrix, pages: the learner's database harmed while the app runs (``tests/fixtures/faults.py``).

* damaged (bytes overwritten in place), replaced (another file put in its place), deleted, on every
  learner's page: the page opened, the file harmed, the page run again in the same process: no
  traceback, the page is drawn, one message saying what happened and what the app did (said once,
  not on the next run), the harmed bytes kept aside, and "Your data" restores the newest backup
  without a restart;
* read-only folder and full disk (in a child process, real faults also as root): reading keeps
  working on every page; an answer, a text, a term and a setting are refused in plain words, nothing
  is written, what the learner typed stays in the form, and the same click saves it once the fault
  is gone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilingual.paths import REPO_ROOT
from tests.fixtures import faults
from tests.pages.apptest import app_on, shown

PAGES = (
    "app.py",
    "pages/1_Reader.py",
    "pages/2_Glossary.py",
    "pages/3_Quiz.py",
    "pages/4_Progress.py",
    "pages/5_Import.py",
    "pages/6_My_terms.py",
    "pages/7_Your_data.py",
)
HARM = {"damaged": faults.damage, "replaced": faults.replace, "deleted": faults.delete}
SAID = {
    "damaged": "was damaged",
    "replaced": "replaced by a file that is not a sound database",
    "deleted": "was deleted or emptied while the app was running",
}
TEXT = "قال وزير الخارجية إن المحادثات ستستمر في موسكو. وأضاف أن الاتفاق جاهز للتوقيع قريبا."


def _open(page: str) -> AppTest:
    return app_on(page) if page != "app.py" else AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)


def _seed():
    """The learner's work (a text, a term, an answer) and today's automatic backup of it."""
    from bilingual import quiz, schedule
    from bilingual.corpus import default_corpus
    from bilingual.glossary import default_glossary
    from bilingual.imports import personal_terms, texts
    from bilingual.store import snapshots
    from ui import data as ui_data

    store = ui_data._store(str(_db()))  # the app's own store object (as the pages have it)
    from tests.fixtures.learners import me

    owner = me(store)
    texts.save_text(store, TEXT, "A text saved before", owner=owner)
    personal_terms.add_personal_term(store, {"ar": "كمال بهجت", "en": "Kamal Bahgat", "type": "person", "description": "A made-up person."}, default_glossary(),
                                     owner=owner)
    schedule.record_answer(store, "default", quiz.cards_for(default_corpus(), default_glossary())[0], True, "x")
    assert snapshots.daily_snapshot(store) is not None
    return store


def _db() -> Path:
    from bilingual import paths

    return paths.db_path()


def _messages(at) -> list[str]:
    return [w.value for w in at.warning] + [e.value for e in at.error]


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("fault", list(HARM))
def test_a_harmed_database_is_said_once_and_the_page_goes_on(fault, page, fresh_caches):
    store = _seed()
    at = _open(page)
    at.run()
    assert not at.exception, [e.message for e in at.exception]
    title = [t.value for t in at.title]
    db = store.path
    harmed = HARM[fault](db)

    at.run()
    assert not at.exception, [e.message for e in at.exception]
    said = [m for m in _messages(at) if SAID[fault] in shown(m)]
    assert len(said) == 1, _messages(at)
    assert [t.value for t in at.title] == title  # the page is drawn, on the fresh database
    assert "Traceback" not in " ".join(_messages(at))
    if harmed is not None:  # the harmed bytes are kept aside, never overwritten
        kept = [p for p in db.parent.iterdir() if p.name.startswith(f"{db.name}.corrupt-") and p.suffix not in ("-wal", "-shm")]
        assert any(p.read_bytes().startswith(harmed[:64]) for p in kept), kept
    at.run()
    assert not at.exception and not [m for m in _messages(at) if SAID[fault] in shown(m)]  # said once

    if page == "pages/7_Your_data.py":  # the way back, without a restart: the newest backup
        from bilingual.imports import texts

        assert texts.list_texts(store, owner=_owner(store)) == []
        at.button(key="restore_newest_go").click().run()
        assert not at.exception, [e.message for e in at.exception]
        assert [t.title for t in texts.list_texts(store, owner=_owner(store))] == ["A text saved before"]
        assert any("Restored" in s.value for s in at.success)


def _owner(store) -> int:
    from tests.fixtures.learners import me

    return me(store)


# --- read-only and disk full, in a child process -----------------------------------------------------


@pytest.fixture
def child_data_dir(tmp_path, monkeypatch) -> Path:
    d = tmp_path / "userdata"
    d.mkdir()
    monkeypatch.setenv("BILINGUAL_DATA_DIR", str(d))
    return d


def _child(kind: str, data_dir: Path) -> dict:
    env = dict(os.environ, BILINGUAL_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO_ROOT))
    proc = subprocess.run([sys.executable, "-m", "tests.pages.fault_child", kind], cwd=REPO_ROOT, env=env,
                          capture_output=True, text=True, timeout=600, preexec_fn=faults.preexec)
    assert proc.returncode == 0, proc.stderr[-3000:]
    return json.loads(proc.stdout.strip().splitlines()[-1])


REASON = {"read-only": "is read-only", "disk-full": "the disk is full"}


@pytest.mark.parametrize("kind", ["read-only", "disk-full"])
def test_reading_goes_on_and_writes_are_refused_then_saved(kind, child_data_dir):
    out = _child(kind, child_data_dir)
    assert "crash" not in out, out
    before, steps = out["before"], out["steps"]
    assert before["reviews"] == 1 and before["texts"] == 1 and before["personal_terms"] == 1
    for name, seen in steps.items():
        assert seen["exceptions"] == [], (name, seen["exceptions"])
        assert not any("Traceback" in m for m in seen["errors"] + seen["warnings"]), name
    for page in ("app.py", "pages/1_Reader.py", "pages/2_Glossary.py", "pages/4_Progress.py", "pages/7_Your_data.py"):
        assert steps[page]["drawn"] > 3, page  # drawn
        assert not [e for e in steps[page]["errors"] if "cannot be read" in e], (page, steps[page]["errors"])

    def refused(step: str, what: str) -> None:
        msgs = [shown(m) for m in steps[step]["errors"]]
        assert any(m.startswith(f"{what} could not be saved") and REASON[kind] in m and "Nothing saved before is lost." in m
                   for m in msgs), (step, msgs)

    refused("quiz answer", "Your answer")
    answered = steps["quiz answer"]
    assert answered["after"]["reviews"] == 1 and answered["kept"] and answered["kept"][0]  # not written; still chosen
    assert steps["quiz answer again"]["after"]["reviews"] == 2 and steps["quiz answer again"]["feedback"]
    assert not [e for e in steps["quiz answer again"]["errors"] if "could not be saved" in e]

    refused("setting", "Your new-cards setting")
    assert steps["setting"]["after"]["new_limit"] is None
    assert steps["setting again"]["after"]["new_limit"] == "8"

    refused("import", "The text")
    assert steps["import"]["after"]["texts"] == 1 and "نص جديد" in steps["import"]["kept"]
    assert steps["import again"]["after"]["texts"] == 2 and steps["import again"]["success"]

    refused("term", "Your term")
    assert steps["term"]["after"]["personal_terms"] == 1 and steps["term"]["kept"] == "سامي الجابري"
    assert steps["term again"]["after"]["personal_terms"] == 2 and steps["term again"]["success"]


# --- PostgreSQL: the server goes away while the app runs, and comes back ----------------------------


@pytest.mark.postgres
def test_every_page_says_the_server_is_gone_then_works_again(own_cluster, fresh_caches, monkeypatch):
    import time

    monkeypatch.setenv("BILINGUAL_DATABASE_URL", own_cluster.url)
    sessions = {page: _open(page) for page in PAGES}
    titles = {}
    for page, at in sessions.items():
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])
        titles[page] = [t.value for t in at.title]
    own_cluster.pause()
    try:
        for page, at in sessions.items():
            at.run()
            assert not at.exception, (page, [e.message for e in at.exception])
            assert any("Your data cannot be read right now: the database server cannot be reached." in shown(m)
                       for m in _messages(at)), (page, _messages(at))
    finally:
        own_cluster.resume()
    time.sleep(1.1)  # the store tries the server again at most once a second
    for page, at in sessions.items():
        at.run()
        assert not at.exception, (page, [e.message for e in at.exception])
        assert [t.value for t in at.title] == titles[page] and not [m for m in _messages(at) if "cannot be read" in m], page
