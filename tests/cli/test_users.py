"""The command line for a class server: users, classes, assignments, the report, a learner's export."""

from __future__ import annotations

import io
import json
import subprocess
import sys

import pytest

from bilingual import accounts
from bilingual.accounts import sessions
from bilingual.cli import main
from bilingual.paths import REPO_ROOT
from bilingual.store import Store

ARTICLE = "lavrov-border-mission-2023"


def cli(capsys, monkeypatch, *argv: str, stdin: str = "") -> tuple[int, str, str]:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_teacher_creates_a_class_of_three_and_assigns_an_article(data_dir, capsys, monkeypatch):
    """The issue's "done when", from the command line."""
    assert cli(capsys, monkeypatch, "users", "add", "ms-t", "--role", "teacher", stdin="teacher-pass-1\n")[:2] == (
        0, "Added teacher “ms-t”. Server mode is on: every browser now logs in.\n")
    for name in ("amal", "bilal", "carla"):
        code, out, err = cli(capsys, monkeypatch, "users", "add", name, stdin=f"{name}-password\n")
        assert code == 0 and "password" not in out.replace("Server mode", "")
    code, out, _ = cli(capsys, monkeypatch, "class", "create", "Arabic 2", "--teacher", "ms-t", "--students", "amal", "bilal", "carla")
    assert code == 0 and out == "Created the class “Arabic 2” (teacher: ms-t).\nAdded to “Arabic 2”: amal, bilal, carla.\n"
    code, out, _ = cli(capsys, monkeypatch, "class", "assign", "Arabic 2", ARTICLE, "--due", "2026-12-15")
    assert code == 0 and out.startswith("Assigned “Lavrov:") and out.endswith(f"({ARTICLE}) to “Arabic 2”, due 2026-12-15.\n")
    code, out, _ = cli(capsys, monkeypatch, "class", "list")
    assert out.splitlines()[0] == "Arabic 2 (teacher ms-t): amal, bilal, carla"
    code, out, _ = cli(capsys, monkeypatch, "class", "report", "Arabic 2")
    rows = out.splitlines()
    assert len(rows) == 4 and rows[1].startswith(f"Arabic 2,amal,{ARTICLE},Lavrov:") and ",2026-12-15,no,0," in rows[1]
    code, out, _ = cli(capsys, monkeypatch, "users", "list")
    assert out.splitlines() == ["server mode: on (every browser logs in)", "amal\tstudent\tpassword", "bilal\tstudent\tpassword",
                                "carla\tstudent\tpassword", "ms-t\tteacher\tpassword"]
    store = Store()
    assert sessions.login(store, "amal", "amal-password").learner.name == "amal"


def test_users_refusals_passwd_and_remove(data_dir, capsys, monkeypatch):
    assert cli(capsys, monkeypatch, "users", "add", "alice", stdin="password-1\n")[0] == 0
    code, _, err = cli(capsys, monkeypatch, "users", "add", "\u0430lice", stdin="password-1\n")
    assert code == 2 and "looks too much like the existing learner “alice”" in err
    code, _, err = cli(capsys, monkeypatch, "users", "add", "bob", stdin="short\n")
    assert code == 2 and err == "error: a password has at least 8 characters\n"
    assert cli(capsys, monkeypatch, "users", "passwd", "ALICE", stdin="password-2\n")[1] == (
        "Changed the password of “alice”; their open logins have ended.\n")
    store = Store()
    assert sessions.login(store, "alice", "password-2")
    code, _, err = cli(capsys, monkeypatch, "users", "remove", "alice")
    assert code == 2 and "deletes “alice” and all their data" in err and "export-learner alice" in err
    assert accounts.find_learner(store, "alice") is not None
    code, out, _ = cli(capsys, monkeypatch, "users", "remove", "alice", "--yes")
    assert code == 0 and out == "Removed “alice” and their data: 1 login.\n"
    assert cli(capsys, monkeypatch, "users", "passwd", "nobody", stdin="password-3\n")[0] == 2


def test_a_password_is_read_from_a_pipe_and_never_echoed(data_dir):
    proc = subprocess.run([sys.executable, "-m", "bilingual", "users", "add", "piped", "--role", "teacher"], input="piped-password\n",
                          capture_output=True, text=True, cwd=REPO_ROOT, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert "piped-password" not in proc.stdout + proc.stderr
    assert sessions.login(Store(), "piped", "piped-password").learner.is_teacher


def test_export_and_import_a_learner(data_dir, tmp_path, capsys, monkeypatch):
    cli(capsys, monkeypatch, "users", "add", "ana", stdin="password-1\n")
    out_file = tmp_path / "ana.json"
    code, out, _ = cli(capsys, monkeypatch, "export-learner", "ana", str(out_file))
    assert code == 0 and out.startswith(f"Exported “ana” to {out_file}")
    assert json.loads(out_file.read_text())["learner"]["name"] == "ana"
    assert cli(capsys, monkeypatch, "export-learner", "ana", str(out_file))[0] == 1  # exists: not overwritten
    code, _, err = cli(capsys, monkeypatch, "import-learner", str(out_file))
    assert code == 2 and "already a learner" in err
    code, out, _ = cli(capsys, monkeypatch, "import-learner", str(out_file), "--as", "ana copy")
    assert code == 0 and out.startswith("Imported “ana copy” (student)")


@pytest.mark.parametrize("command", ["backup", "restore"])
def test_whole_database_backup_on_postgresql_points_to_pg_dump(pg_url, tmp_path, capsys, monkeypatch, command):
    monkeypatch.setenv("BILINGUAL_DATABASE_URL", pg_url)
    code, _, err = cli(capsys, monkeypatch, command, str(tmp_path / "x"))
    assert code == 1 and "pg_dump" in err and "export-learner" in err
