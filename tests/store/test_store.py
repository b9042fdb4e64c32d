"""The learner's database: schema and migrations, SQLite settings, and what happens to a bad file."""

from __future__ import annotations

import os
import sqlite3
import threading
from pathlib import Path

import pytest

from bilingual import paths
from bilingual.store import SCHEMA_VERSION, Store, StoreError, files
from bilingual.store import db as store

TABLES = {"profiles", "cards", "reviews", "texts", "personal_terms", "mt_cache", "settings"}


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def _add_reviews(s: Store, n: int) -> None:
    with s.transaction() as c:
        c.execute("INSERT OR IGNORE INTO profiles(id, name) VALUES (1, 'default')")
        c.executemany(
            "INSERT INTO reviews(profile_id, card_id, kind, correct, rating, answer, reviewed_at) "
            "VALUES (1, ?, 'key-fact', 1, 3, ?, '2026-01-01T00:00:00Z')",
            [(f"card-{i}", "جواب " * 20) for i in range(n)],
        )


def _count(s: Store, table: str = "reviews") -> int:
    return s.query(f"SELECT count(*) FROM {table}")[0][0]


def _siblings(path: Path, tag: str) -> list[Path]:
    return sorted(p for p in path.parent.iterdir() if p.name.startswith(f"{path.name}.{tag}-"))


# --- location, schema, migrations -----------------------------------------------------------------


def test_default_location_is_the_data_dir_from_the_environment(data_dir):
    s = Store()
    assert s.path == data_dir / "bilingual.sqlite3" == paths.db_path()
    assert s.path.is_file()


def test_fresh_database_is_migrated_from_version_zero(data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / "db.sqlite3"
    raw = sqlite3.connect(path)  # an empty database at schema version 0
    assert raw.execute("PRAGMA user_version").fetchone()[0] == 0
    raw.close()
    s = Store(path)
    assert s.report.ok
    assert s.schema_version() == SCHEMA_VERSION == len(store.MIGRATIONS)
    assert _tables(s.conn) >= TABLES


def test_reopening_is_idempotent_and_keeps_data(data_dir):
    s = Store(data_dir / "db.sqlite3")
    _add_reviews(s, 5)
    s.set_setting("theme", "dark")
    s.close()
    for _ in range(3):
        again = Store(data_dir / "db.sqlite3")
        assert again.report.ok
        assert again.schema_version() == SCHEMA_VERSION
        assert _count(again) == 5
        assert again.get_setting("theme") == "dark"
        again.close()


def test_a_new_migration_is_applied_forward_on_open(data_dir, monkeypatch):
    path = data_dir / "db.sqlite3"
    s = Store(path)
    _add_reviews(s, 3)
    s.close()
    extra = "ALTER TABLE texts ADD COLUMN lang TEXT NOT NULL DEFAULT 'ar';"
    monkeypatch.setattr(store, "MIGRATIONS", [*store.MIGRATIONS, extra])
    monkeypatch.setattr(store, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    s = Store(path)
    assert s.schema_version() == SCHEMA_VERSION + 1
    assert "lang" in {r[1] for r in s.conn.execute("PRAGMA table_info(texts)")}
    assert _count(s) == 3


def test_database_from_a_newer_version_is_refused_not_moved(data_dir):
    path = data_dir / "db.sqlite3"
    s = Store(path)
    _add_reviews(s, 2)
    s.conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 3}")
    s.close()
    before = path.read_bytes()
    with pytest.raises(StoreError, match="newer version of the app") as exc:
        Store(path)
    assert f"schema {SCHEMA_VERSION + 3}" in str(exc.value)
    assert path.read_bytes() == before
    assert _siblings(path, "corrupt") == []


# --- SQLite settings ------------------------------------------------------------------------------


def test_wal_mode_foreign_keys_and_busy_timeout(data_dir):
    s = Store(data_dir / "db.sqlite3")
    seen = {}

    def other_thread():
        c = s.conn  # each thread gets its own connection with the same settings
        seen["fk"] = c.execute("PRAGMA foreign_keys").fetchone()[0]
        seen["busy"] = c.execute("PRAGMA busy_timeout").fetchone()[0]
        seen["same"] = c is s.conn

    t = threading.Thread(target=other_thread)
    t.start()
    t.join()
    assert s.conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert s.conn.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert s.conn.execute("PRAGMA busy_timeout").fetchone()[0] == store.BUSY_TIMEOUT_MS
    assert seen == {"fk": 1, "busy": store.BUSY_TIMEOUT_MS, "same": True}


def test_foreign_keys_are_enforced(data_dir):
    s = Store(data_dir / "db.sqlite3")
    with pytest.raises(sqlite3.IntegrityError), s.transaction() as c:
        c.execute(
            "INSERT INTO reviews(profile_id, card_id, kind, correct, rating, reviewed_at) "
            "VALUES (42, 'x', 'k', 1, 3, 'now')"
        )
    assert _count(s) == 0


def test_transaction_is_all_or_nothing_and_nests(data_dir):
    s = Store(data_dir / "db.sqlite3")
    _add_reviews(s, 1)
    with pytest.raises(RuntimeError), s.transaction() as c:
        c.execute("INSERT INTO settings VALUES ('a', '1')")
        c.execute("INSERT INTO settings VALUES ('b', '2')")
        raise RuntimeError("boom")
    assert _count(s, "settings") == 0
    with s.transaction() as c:
        c.execute("INSERT INTO settings VALUES ('outer', '1')")
        with pytest.raises(ValueError), s.transaction() as inner:
            inner.execute("INSERT INTO settings VALUES ('inner', '1')")
            raise ValueError
        s.set_setting("nested", "yes")  # set_setting inside a transaction becomes a savepoint
    assert {r[0] for r in s.query("SELECT key FROM settings")} == {"outer", "nested"}
    assert not s.conn.in_transaction


def test_check_reports_ok(data_dir):
    assert Store(data_dir / "db.sqlite3").check() == "ok"


# --- damaged files --------------------------------------------------------------------------------


def _valid_db_with_rows(path: Path, n: int = 3000) -> None:
    s = Store(path)
    _add_reviews(s, n)
    s.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    s.close()
    assert not Path(f"{path}-wal").exists() or Path(f"{path}-wal").stat().st_size == 0


def _garbage(path: Path) -> None:
    path.write_bytes(b"this is not a database, just some text somebody saved here\n" * 100)


def _truncated(path: Path) -> None:
    _valid_db_with_rows(path)
    size = path.stat().st_size
    with open(path, "r+b") as fh:
        fh.truncate(size // 2 + 123)


def _bad_page(path: Path) -> None:
    _valid_db_with_rows(path)
    page_size = 4096
    pages = path.stat().st_size // page_size
    with open(path, "r+b") as fh:  # scribble over a b-tree page in the middle of the reviews table
        fh.seek(page_size * (pages // 2) + 8)
        fh.write(bytes(range(256)) * 12)


def _bad_header_magic(path: Path) -> None:
    _valid_db_with_rows(path, 100)
    with open(path, "r+b") as fh:
        fh.write(b"SQLite format 4\x00")


@pytest.mark.parametrize("damage", [_garbage, _truncated, _bad_page, _bad_header_magic])
def test_damaged_database_is_moved_aside_and_a_fresh_one_started(data_dir, damage):
    path = data_dir / "bilingual.sqlite3"
    data_dir.mkdir(parents=True, exist_ok=True)
    damage(path)
    original = path.read_bytes()

    s = Store(path)  # never a crash

    assert not s.report.ok
    assert s.report.reason
    moved = s.report.moved_aside
    assert moved is not None and moved.name.startswith("bilingual.sqlite3.corrupt-") and moved.name.endswith("Z")
    assert moved.read_bytes() == original  # the learner's bytes are kept, untouched
    assert str(moved) in s.report.message and "fresh" in s.report.message
    # the fresh database works
    assert s.check() == "ok"
    assert s.schema_version() == SCHEMA_VERSION
    _add_reviews(s, 2)
    assert _count(s) == 2
    s.close()
    # and is not treated as damaged next time
    again = Store(path)
    assert again.report.ok and _count(again) == 2
    assert _siblings(path, "corrupt") == [moved]


def test_damaged_wal_goes_aside_with_its_database(data_dir):
    path = data_dir / "bilingual.sqlite3"
    _valid_db_with_rows(path, 50)
    Path(f"{path}-wal").unlink(missing_ok=True)
    os.mkdir(f"{path}-wal")  # a journal that cannot be read as a file
    original = path.read_bytes()
    s = Store(path)
    assert not s.report.ok and "journal" in s.report.reason
    moved = s.report.moved_aside
    assert Path(f"{moved}-wal").is_dir()
    assert moved.read_bytes() == original
    assert _count(s) == 0
    _add_reviews(s, 1)
    assert _count(s) == 1


def test_garbage_after_the_last_commit_in_the_wal_loses_nothing(data_dir):
    path = data_dir / "bilingual.sqlite3"
    s = Store(path)
    _add_reviews(s, 20)
    wal = Path(f"{path}-wal")
    assert wal.stat().st_size > 0
    with open(wal, "ab") as fh:  # a torn write at the end of the journal
        fh.write(os.urandom(5000))
    s2 = Store(path)
    assert s2.report.ok
    assert _count(s2) == 20 and s2.check() == "ok"


def test_moving_aside_never_overwrites(data_dir, monkeypatch):
    monkeypatch.setattr(files, "utc_stamp", lambda: "20260101T000000Z")
    data_dir.mkdir(parents=True)
    path = data_dir / "bilingual.sqlite3"
    taken = data_dir / "bilingual.sqlite3.corrupt-20260101T000000Z"
    taken.write_bytes(b"an earlier damaged file")
    _garbage(path)
    s = Store(path)
    assert s.report.moved_aside == data_dir / "bilingual.sqlite3.corrupt-20260101T000000Z-2"
    assert taken.read_bytes() == b"an earlier damaged file"
    s.close()
    _garbage(path)
    s = Store(path)
    assert s.report.moved_aside == data_dir / "bilingual.sqlite3.corrupt-20260101T000000Z-3"


def test_empty_file_is_a_new_database_not_damage(data_dir):
    data_dir.mkdir(parents=True)
    (data_dir / "bilingual.sqlite3").write_bytes(b"")
    s = Store(data_dir / "bilingual.sqlite3")
    assert s.report.ok and s.schema_version() == SCHEMA_VERSION


# --- where the data cannot live -------------------------------------------------------------------


def test_data_dir_that_cannot_be_created_is_a_clear_error(tmp_path, monkeypatch):
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("a file where the data directory should be")
    monkeypatch.setenv(paths.DATA_DIR_ENV, str(blocker / "data"))
    with pytest.raises(StoreError, match="cannot create the data directory") as exc:
        Store()
    assert paths.DATA_DIR_ENV in str(exc.value)


def test_database_path_that_is_a_directory_is_a_clear_error(data_dir):
    (data_dir / "bilingual.sqlite3").mkdir(parents=True)
    with pytest.raises(StoreError, match="is not a file"):
        Store(data_dir / "bilingual.sqlite3")


_OPEN = """import sys
from bilingual.store import Store, StoreError
try:
    Store(sys.argv[1])
except StoreError as exc:
    print(exc)
    sys.exit(3)
"""


def test_read_only_data_dir_is_a_clear_error(data_dir):
    """For real, also as root (CI): opened in a child without root's file-mode overrides."""
    import subprocess
    import sys

    from bilingual.paths import REPO_ROOT
    from tests.fixtures.faults import preexec

    data_dir.mkdir(parents=True)
    data_dir.chmod(0o500)
    try:
        proc = subprocess.run([sys.executable, "-c", _OPEN, str(data_dir / "bilingual.sqlite3")], cwd=REPO_ROOT, capture_output=True,
                              text=True, timeout=120, preexec_fn=preexec, env={**os.environ, "PYTHONPATH": str(REPO_ROOT)})
    finally:
        data_dir.chmod(0o700)
    assert proc.returncode == 3, proc.stdout + proc.stderr
    assert "not writable" in proc.stdout and not (data_dir / "bilingual.sqlite3").exists()


def test_unwritable_data_dir_is_a_clear_error(data_dir, monkeypatch):
    """Simulated for root too: the write probe in the data directory fails."""
    data_dir.mkdir(parents=True)

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(files.tempfile, "mkstemp", refuse)
    with pytest.raises(StoreError, match="not writable .*Permission denied"):
        Store(data_dir / "bilingual.sqlite3")
    assert not (data_dir / "bilingual.sqlite3").exists()


def _open_and_write(path: str, worker: int, start, out) -> None:
    start.wait(timeout=30)
    s = Store(Path(path))
    with s.transaction() as c:
        c.execute("INSERT INTO settings VALUES (?, 'x')", (f"w{worker}",))
    out.put(str(s.report.moved_aside or ""))


def test_several_processes_opening_a_damaged_database_move_it_aside_once(data_dir):
    import multiprocessing as mp

    data_dir.mkdir(parents=True)
    path = data_dir / "bilingual.sqlite3"
    _garbage(path)
    ctx = mp.get_context("fork" if "fork" in mp.get_all_start_methods() else "spawn")
    start, out = ctx.Barrier(4), ctx.Queue()
    procs = [ctx.Process(target=_open_and_write, args=(str(path), w, start, out)) for w in range(4)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(60)
    assert [p.exitcode for p in procs] == [0] * 4
    reports = [out.get(timeout=5) for _ in procs]
    moved = [r for r in reports if r]
    assert len(moved) == 1 and _siblings(path, "corrupt") == [Path(moved[0])]
    s = Store(path)
    assert {r[0] for r in s.query("SELECT key FROM settings")} == {"w0", "w1", "w2", "w3"}  # all on the fresh one
