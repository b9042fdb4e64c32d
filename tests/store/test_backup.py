"""Backup and restore: consistent copies while writing, round trips, refusals, the commands, the page."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from bilingual.store import SCHEMA_VERSION, Store
from bilingual.store import backup as bk
from bilingual.store import db as store_mod
from tests.pages.apptest import shown

ROOT = Path(__file__).resolve().parents[2]
BATCH = 10


def _profile(s: Store) -> None:
    with s.transaction() as c:
        c.execute("INSERT OR IGNORE INTO profiles(id, name) VALUES (1, 'default')")


def _add_batch(s: Store, batch: int, n: int = BATCH) -> None:
    with s.transaction() as c:
        c.executemany(
            "INSERT INTO reviews(profile_id, card_id, kind, correct, rating, answer, reviewed_at) "
            "VALUES (1, ?, 'key-fact', 1, 3, 'answer', '2026-01-01T00:00:00Z')",
            [(f"b{batch}",) for _ in range(n)],
        )


def _fill(s: Store) -> None:
    """Something in every table the learner cares about."""
    _profile(s)
    _add_batch(s, 0, 7)
    with s.transaction() as c:
        c.execute(
            "INSERT INTO cards(profile_id, card_id, kind, state, due) VALUES (1, 'c1', 'key-fact', '{}', '2026-01-02')"
        )
        c.execute("INSERT INTO texts(profile_id, title, body, created_at, updated_at) VALUES (1, 'نص', 'هذا نص مستورد', 'now', 'now')")
        c.execute("INSERT INTO personal_terms(profile_id, id, entry, created_at, updated_at) VALUES (1, 'my-term', '{\"ar\": \"مصطلح\"}', 'now', 'now')")
        c.execute("INSERT INTO mt_cache(model_key, source, target) VALUES ('m@1', 'مرحبا', 'hello')")
    s.set_setting("font", "large")


def _counts(path: Path) -> dict[str, int]:
    with sqlite3.connect(path) as c:
        return {t: c.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in ("reviews", "cards", "texts", "personal_terms", "mt_cache", "settings")}


@pytest.fixture
def live(data_dir) -> Store:
    s = Store()
    _fill(s)
    return s


# --- backup ---------------------------------------------------------------------------------------


def test_backup_is_a_self_contained_sound_copy(live, tmp_path):
    out_dir = tmp_path / "backups"
    info = bk.backup(live, out_dir / "out.sqlite3")
    assert info.path == out_dir / "out.sqlite3" and info.size == info.path.stat().st_size
    assert info.schema_version == SCHEMA_VERSION
    assert info.counts["reviews"] == 7 and info.counts["texts"] == 1 and info.counts["personal_terms"] == 1
    assert "7 quiz reviews" in info.summary() and "1 imported text," in info.summary()
    with sqlite3.connect(info.path) as c:
        assert c.execute("PRAGMA journal_mode").fetchone()[0] == "delete"  # one file, no -wal needed
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert [p.name for p in out_dir.iterdir()] == ["out.sqlite3"]  # no partial files left behind


def test_backup_refuses_to_overwrite_unless_forced(live, tmp_path):
    out = tmp_path / "out.sqlite3"
    out.write_bytes(b"an older backup")
    with pytest.raises(bk.BackupError, match="already exists"):
        bk.backup(live, out)
    assert out.read_bytes() == b"an older backup"
    bk.backup(live, out, overwrite=True)
    assert _counts(out)["reviews"] == 7


def test_backup_into_a_folder_gets_a_dated_name(live, tmp_path):
    info = bk.backup(live, tmp_path)
    assert info.path.parent == tmp_path and info.path.name.startswith("bilingual-backup-")


def test_backup_while_another_thread_writes_is_consistent(data_dir, tmp_path):
    s = Store()
    _profile(s)
    stop = threading.Event()
    written = []

    def writer():
        w = Store(s.path)  # a separate store/connection, like another app session
        i = 0
        while not stop.is_set():
            i += 1
            _add_batch(w, i)
            written.append(i)

    t = threading.Thread(target=writer)
    t.start()
    try:
        while len(written) < 20:
            time.sleep(0.01)
        infos = [bk.backup(s, tmp_path / f"b{k}.sqlite3") for k in range(5)]
    finally:
        stop.set()
        t.join()
    totals = []
    for info in infos:
        with sqlite3.connect(info.path) as c:
            assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            per_batch = dict(c.execute("SELECT card_id, count(*) FROM reviews GROUP BY card_id"))
        assert set(per_batch.values()) == {BATCH}  # every batch whole, none half-copied
        totals.append(sum(per_batch.values()))
    assert totals == sorted(totals) and totals[0] >= 20 * BATCH
    print(f"backups while writing: {totals} rows; writer committed {len(written)} batches")
    assert totals[-1] <= len(written) * BATCH


def test_backup_bytes_is_a_database(live):
    data = bk.backup_bytes(live)
    assert data.startswith(bk.SQLITE_MAGIC)


# --- restore --------------------------------------------------------------------------------------


def test_restore_round_trip_keeps_rows_and_the_previous_data(live, tmp_path):
    info = bk.backup(live, tmp_path / "b.sqlite3")
    before = _counts(info.path)
    seen_by_other_thread = {}
    with live.transaction() as c:  # the learner carries on, then wants the backup back
        c.execute("DELETE FROM reviews")
        c.execute("DELETE FROM texts")
        c.execute("INSERT INTO settings VALUES ('later', '1')")
    other = Store(live.path)  # e.g. another app session, already open during the restore
    assert other.query("SELECT count(*) FROM reviews")[0][0] == 0

    done = bk.restore(info.path)

    assert done.store_path == live.path and done.schema_version == SCHEMA_VERSION
    assert _counts(live.path) == before
    assert done.counts["reviews"] == 7
    # connections that were open see the restored data straight away
    assert live.query("SELECT count(*) FROM reviews")[0][0] == 7
    t = threading.Thread(target=lambda: seen_by_other_thread.update(n=other.query("SELECT count(*) FROM texts")[0][0]))
    t.start()
    t.join()
    assert seen_by_other_thread == {"n": 1}
    assert live.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert live.check() == "ok"
    # the data that was replaced is kept
    assert done.previous is not None and done.previous.name.startswith("bilingual.sqlite3.before-restore-")
    kept = _counts(done.previous)
    assert kept["reviews"] == 0 and kept["settings"] == 2
    assert [k.path for k in bk.kept_copies(live.path)] == [done.previous]
    # and a reopened store is fine
    live.close()
    assert Store(live.path).report.ok


def test_restore_bytes_round_trip(live):
    data = bk.backup_bytes(live)
    with live.transaction() as c:
        c.execute("DELETE FROM personal_terms")
    assert bk.inspect_bytes(data, "upload.sqlite3").counts["personal_terms"] == 1
    done = bk.restore_bytes(data, live.path, "upload.sqlite3")
    assert done.counts["personal_terms"] == 1
    assert live.query("SELECT id FROM personal_terms")[0][0] == "my-term"


def test_restore_into_an_empty_data_dir(live, tmp_path, monkeypatch):
    info = bk.backup(live, tmp_path / "b.sqlite3")
    fresh = tmp_path / "new-home" / "bilingual.sqlite3"
    done = bk.restore(info.path, fresh)
    assert done.previous is None and _counts(fresh)["reviews"] == 7
    assert Store(fresh).report.ok


def test_restore_migrates_an_older_backup_forward(live, tmp_path, monkeypatch):
    info = bk.backup(live, tmp_path / "v1.sqlite3")
    monkeypatch.setattr(store_mod, "MIGRATIONS", [*store_mod.MIGRATIONS, "ALTER TABLE texts ADD COLUMN lang TEXT NOT NULL DEFAULT 'ar';"])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    done = bk.restore(info.path, live.path)
    assert (done.source_version, done.schema_version) == (SCHEMA_VERSION, SCHEMA_VERSION + 1)
    with sqlite3.connect(live.path) as c:
        assert c.execute("SELECT lang FROM texts").fetchone()[0] == "ar"


def test_restore_over_a_damaged_database_keeps_its_bytes(live, tmp_path):
    info = bk.backup(live, tmp_path / "b.sqlite3")
    live.close()
    for suffix in ("-wal", "-shm"):
        Path(f"{live.path}{suffix}").unlink(missing_ok=True)
    live.path.write_bytes(b"garbage " * 1000)
    done = bk.restore(info.path, live.path)
    assert done.previous_damage and done.previous.read_bytes() == b"garbage " * 1000
    assert _counts(live.path)["reviews"] == 7


def _foreign_schema(path: Path) -> None:
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, flds TEXT)")  # e.g. someone else's database
        c.execute("INSERT INTO notes(flds) VALUES ('x')")


def _lookalike(path: Path) -> None:
    with sqlite3.connect(path) as c:
        c.execute("CREATE TABLE reviews (id INTEGER PRIMARY KEY)")
        c.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")


def _newer(path: Path) -> None:
    s = Store(path)
    s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    s.close()


def _damaged(path: Path) -> None:
    s = Store(path)
    _profile(s)
    for i in range(300):
        _add_batch(s, i)
    s.close()  # the store keeps a connection open while it is in use: a journal mode changes alone
    s.conn.execute("PRAGMA journal_mode = DELETE")
    s.close()
    pages = path.stat().st_size // 4096
    with open(path, "r+b") as fh:
        fh.seek(4096 * (pages // 2) + 8)
        fh.write(bytes(range(256)) * 12)


def _orphans(path: Path) -> None:
    s = Store(path)
    s.conn.execute("PRAGMA foreign_keys = OFF")
    s.conn.execute("INSERT INTO reviews(profile_id, card_id, kind, correct, rating, reviewed_at) VALUES (9, 'x', 'k', 1, 3, 'now')")
    s.close()


REFUSALS = [
    (lambda p: p.write_text("just some notes\n"), "not an SQLite database"),
    (lambda p: p.write_bytes(b""), "not an SQLite database"),
    (lambda p: p.write_bytes(bk.SQLITE_MAGIC + os.urandom(3000)), "damaged"),
    (_damaged, "damaged"),
    (_foreign_schema, "not a backup of this app"),
    (_lookalike, "not a backup of this app: it lacks"),
    (_newer, "newer version of the app"),
    (_orphans, "refer to rows that do not exist"),
]


@pytest.mark.parametrize("make, message", REFUSALS, ids=["text", "empty", "garbage-sqlite", "damaged", "foreign", "lookalike", "newer", "orphans"])
def test_restore_refuses_bad_files_and_changes_nothing(live, tmp_path, make, message):
    bad = tmp_path / "upload.sqlite3"
    make(bad)
    before = _counts(live.path)
    with pytest.raises(bk.BackupError, match=message):
        bk.restore(bad)
    with pytest.raises(bk.BackupError, match=message):
        bk.inspect(bad)
    assert _counts(live.path) == before
    assert bk.kept_copies(live.path) == []
    assert not [p for p in live.path.parent.iterdir() if ".restore-" in p.name]  # temp files cleaned up


def test_restore_refuses_a_missing_file(live, tmp_path):
    with pytest.raises(bk.BackupError, match="does not exist"):
        bk.restore(tmp_path / "nope.sqlite3")


# --- command line ---------------------------------------------------------------------------------


def _cli(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, BILINGUAL_DATA_DIR=str(data_dir))
    env.pop("BILINGUAL_DB", None)
    return subprocess.run(
        [sys.executable, "-m", "bilingual", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )


def test_cli_backup_and_restore(live, data_dir, tmp_path):
    out = tmp_path / "backup.sqlite3"
    r = _cli(data_dir, "backup", str(out))
    assert r.returncode == 0, r.stderr
    assert "Backed up" in r.stdout and "7 quiz reviews" in r.stdout
    assert _counts(out)["reviews"] == 7

    r = _cli(data_dir, "backup", str(out))
    assert r.returncode == 1 and "already exists" in r.stderr

    with live.transaction() as c:
        c.execute("DELETE FROM reviews")
    r = _cli(data_dir, "restore", str(out))
    assert r.returncode == 0, r.stderr
    assert "Restored" in r.stdout and "previous data is kept as" in r.stdout
    assert live.query("SELECT count(*) FROM reviews")[0][0] == 7

    junk = tmp_path / "junk.sqlite3"
    junk.write_text("not a backup")
    r = _cli(data_dir, "restore", str(junk))
    assert r.returncode == 1
    assert "refused" in r.stderr and "not an SQLite database" in r.stderr and "not changed" in r.stderr
    assert "Traceback" not in r.stderr
    assert live.query("SELECT count(*) FROM reviews")[0][0] == 7


def test_cli_backup_warns_when_the_database_was_moved_aside(data_dir, tmp_path):
    data_dir.mkdir(parents=True)
    (data_dir / "bilingual.sqlite3").write_bytes(b"not a database at all " * 50)
    r = _cli(data_dir, "backup", str(tmp_path / "b.sqlite3"))
    assert r.returncode == 0, r.stderr
    assert "warning:" in r.stderr and "was damaged" in r.stderr and ".corrupt-" in r.stderr
    assert "Traceback" not in r.stderr


# --- the page -------------------------------------------------------------------------------------


def test_your_data_page_shows_location_and_makes_a_backup(live):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "pages" / "7_Your_data.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert any(str(live.path) in c.value for c in at.code)
    assert any(m.value == "7" for m in at.metric)  # the learner's own reviews
    next(b for b in at.button if b.label == "Prepare a backup").click().run()  # one learner: the whole file too
    assert not at.exception and not at.error
    name, data = at.session_state["backup_file"]
    assert name.endswith(".sqlite3") and data.startswith(bk.SQLITE_MAGIC)
    next(b for b in at.button if b.label == "Prepare my data").click().run()
    name, data = at.session_state["mydata_file"]
    assert name.startswith("bilingual-learner-default-") and b'"format": "bilingual-learner"' in data


def test_restore_replaces_a_database_from_a_newer_version(live, tmp_path):
    """The way back after a downgrade: the app refuses the newer database, a restore of an older backup works."""
    info = bk.backup(live, tmp_path / "b.sqlite3")
    live.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    live.close()
    with pytest.raises(store_mod.StoreError, match="newer version"):
        Store(live.path)
    done = bk.restore(info.path, live.path)
    assert done.previous is not None
    with sqlite3.connect(done.previous) as c:
        assert c.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION + 1
    again = Store(live.path)
    assert again.report.ok and again.query("SELECT count(*) FROM reviews")[0][0] == 7


def test_your_data_page_tells_the_user_about_a_damaged_database(data_dir):
    from streamlit.testing.v1 import AppTest

    data_dir.mkdir(parents=True)
    (data_dir / "bilingual.sqlite3").write_bytes(b"scrambled " * 400)
    at = AppTest.from_file(str(ROOT / "pages" / "7_Your_data.py"), default_timeout=30)
    at.run()
    assert not at.exception
    assert any("damaged" in w.value and ".corrupt-" in shown(w.value) for w in at.warning)
    assert any("damaged" in str(t.value) for t in at.table)  # the kept copy is listed
