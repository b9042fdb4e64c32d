"""The fault matrix, command line: each command run as its own process against a database that is
damaged, in a read-only folder or on a full disk (``tests/fixtures/faults.py``: real faults, also as
root), while the app has the database open (a connection held by this test).

Every run: no traceback; a refused write exits non-zero with the pages' words ("The text could not be
saved: the disk is full. Nothing saved before is lost. ...") and writes nothing; a damaged file is
moved aside with a message and the command goes on with a fresh database; a command that only reads
works under a read-only folder.
"""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bilingual import paths
from bilingual.paths import REPO_ROOT
from bilingual.store import Store
from bilingual.store import backup as bk
from tests.fixtures import faults

TEXT = ("قال وزير الخارجية إن المحادثات ستستمر في موسكو. وأضاف أن الاتفاق جاهز للتوقيع قريبا. " * 600).strip()
COMMANDS = {
    "import": lambda tmp: ["import", str(tmp / "text.txt"), "--title", "A new text"],
    "users add": lambda tmp: ["users", "add", "sami", "--no-password"],
    "restore": lambda tmp: ["restore", str(tmp / "backup.sqlite3")],
    "export-learner": lambda tmp: ["export-learner", str(tmp / "out" / "me.json")],
}
#: fault -> command -> (exit code, what stderr says)
EXPECTED = {
    "damaged": {
        "import": (0, "was damaged"), "users add": (0, "was damaged"), "restore": (0, "was damaged"),
        "export-learner": (0, "was damaged"),
    },
    "read-only": {
        "import": (1, "error: The text could not be saved: your data folder {dir} is read-only. Nothing saved before is lost."),
        "users add": (1, "error: The change to the accounts could not be saved: your data folder {dir} is read-only. "
                         "Nothing saved before is lost."),
        "restore": (1, "error: "),
        "export-learner": (0, ""),
    },
    "disk-full": {
        "import": (1, "error: The text could not be saved: the disk is full. Nothing saved before is lost. "
                      "Free some space on the disk, then try again."),
        "users add": (1, "error: The change to the accounts could not be saved: the disk is full. Nothing saved before is lost."),
        "restore": (1, "error: "),
        "export-learner": (1, "error: "),
    },
}


def _counts(db: Path) -> dict:
    with sqlite3.connect(f"file:{db}?mode=ro", uri=True) as c:
        out = {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("texts", "profiles", "reviews")}
    c.close()
    return out


@pytest.mark.parametrize("command", list(COMMANDS))
@pytest.mark.parametrize("fault", list(EXPECTED))
def test_a_command_meets_a_fault(fault, command, data_dir, tmp_path):
    from bilingual.imports import texts
    from tests.fixtures.learners import me

    store = Store()
    texts.save_text(store, "نص قديم محفوظ من قبل.", "Saved before", owner=me(store))
    bk.backup(store, tmp_path / "backup.sqlite3")
    store.close()
    (tmp_path / "text.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "out").mkdir()
    db = paths.db_path()
    app = sqlite3.connect(db)  # the app, running: the -wal and -shm stay
    app.execute("SELECT count(*) FROM texts").fetchone()
    before = _counts(db)
    full = False
    if fault == "damaged":
        app.close()
        faults.damage(db)
    elif fault == "read-only":
        faults.read_only(db)
    else:
        app.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        full = True
    env = dict(os.environ, BILINGUAL_DATA_DIR=str(data_dir), PYTHONPATH=str(REPO_ROOT))
    try:
        proc = subprocess.run([sys.executable, "-c", _RUN_FULL if full else _RUN, *COMMANDS[command](tmp_path)], cwd=REPO_ROOT,
                              env=env, capture_output=True, text=True, timeout=300, preexec_fn=faults.preexec, input="")
    finally:
        if fault == "read-only":
            faults.writable(db)
        app.close()
    code, said = EXPECTED[fault][command]
    said = said.format(dir=data_dir)
    assert "Traceback" not in proc.stderr, proc.stderr
    assert proc.returncode == code, (proc.returncode, proc.stdout, proc.stderr)
    assert said in proc.stderr, proc.stderr
    if code:
        assert _counts(db) == before  # nothing half-done, nothing lost
    if fault == "damaged":
        tag = "before-restore" if command == "restore" else "corrupt"  # restore keeps the file it replaces
        kept = [p for p in data_dir.iterdir() if p.name.startswith(f"{db.name}.{tag}-") and not p.name.endswith(("-wal", "-shm"))]
        assert kept and kept[0].read_bytes().startswith(b"this is not a database")


#: the command, in this process (the CLI's own entry point: ``python -m bilingual``)
_RUN = "import sys; from bilingual.cli import main; sys.exit(main(sys.argv[1:]))"
#: the same on a full disk: the limit is set once Python is running (its start-up writes .pyc files)
_RUN_FULL = ("import sys; from tests.fixtures import faults; from bilingual.cli import main; "
             "import bilingual.cli.imports, bilingual.cli.users, bilingual.cli.backup; "
             "faults.disk_full(faults.FULL_LIMIT); sys.exit(main(sys.argv[1:]))")
