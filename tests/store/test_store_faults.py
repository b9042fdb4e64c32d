"""The store while the app runs (``bilingual.store.faults``): each fault becomes one ``StoreFault``
with its kind, nothing is half-written, and the store recovers by itself once the fault is gone.

The pages and the command line under the same faults: ``tests/pages/test_faults.py``,
``tests/cli/test_cli_faults.py``.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import pytest

from bilingual.errors import FaultKind, StoreFault
from bilingual.imports import texts
from bilingual.store import Store, faults, files, schema
from bilingual.store import db as sqlite_store
from tests.fixtures import faults as harm
from tests.fixtures.learners import me


def _texts(store: Store) -> list[str]:
    return [t.title for t in texts.list_texts(store, owner=me(store))]


@pytest.fixture
def store(data_dir):
    s = Store(data_dir / "bilingual.sqlite3")
    texts.save_text(s, "نص محفوظ من قبل.", "Before", owner=me(s))
    yield s
    s.close()


def test_damaged_bytes_are_moved_aside_once_and_a_fresh_database_goes_on(store):
    store.close()  # the next request: a new connection (no page of the file cached)
    junk = harm.damage(store.path)
    assert _texts(store) == []  # a read goes on, on the fresh database
    (notice,) = store.notices
    assert notice.kind is FaultKind.DAMAGED and notice.moved_aside.read_bytes().startswith(junk[:64])
    assert "was damaged" in notice.message and "restore" in notice.message
    texts.save_text(store, "نص جديد بعد الإصلاح.", "After", owner=me(store))
    assert _texts(store) == ["After"] and len(store.notices) == 1


def test_a_write_that_meets_the_damage_is_refused_not_half_done(store):
    store.close()
    harm.damage(store.path)
    with pytest.raises(StoreFault) as caught, store.transaction():
        store.execute("INSERT INTO settings(key, value) VALUES ('a', 'b')")
    fault = caught.value
    assert fault.recovered and fault.write and fault.notice
    assert faults.message(fault, "Your answer").startswith("Your answer could not be saved: your database file was damaged.")
    assert store.scalar("SELECT count(*) FROM settings WHERE key = 'a'") == 0  # the retry works on the fresh file
    store.execute("INSERT INTO settings(key, value) VALUES ('a', 'b')")
    assert store.scalar("SELECT value FROM settings WHERE key = 'a'") == "b"


def test_a_deleted_file_is_recreated_and_its_old_journal_set_aside(store):
    harm.delete(store.path)
    assert _texts(store) == []
    (notice,) = store.notices
    assert notice.kind is FaultKind.DELETED and "was deleted" in notice.message
    assert store.path.exists() and store.check() == "ok"
    # the old file's -wal/-shm never meet the new file
    assert any(p.name.startswith(f"{store.path.name}.old-journal-") for p in store.path.parent.iterdir())
    texts.save_text(store, "نص جديد.", "After", owner=me(store))
    assert _texts(store) == ["After"]


def test_a_file_replaced_by_another_sound_database_is_used(store, tmp_path):
    other = Store(tmp_path / "other.sqlite3")
    texts.save_text(other, "نص في قاعدة أخرى.", "Other", owner=me(other))
    other.close()
    import os

    os.replace(tmp_path / "other.sqlite3", store.path)
    assert _texts(store) == ["Other"]
    (notice,) = store.notices
    assert notice.kind is FaultKind.REPLACED and "replaced by another file" in notice.message


def test_other_threads_follow_the_store_to_its_new_file(store):
    seen: list = []

    def reader() -> None:
        seen.append(_texts(store))
        time.sleep(0.3)
        seen.append(_texts(store))

    t = threading.Thread(target=reader)
    t.start()
    time.sleep(0.1)
    harm.delete(store.path)
    assert _texts(store) == []
    t.join()
    assert seen == [["Before"], []]


def test_busy_is_said_and_the_next_try_works(store, monkeypatch):
    monkeypatch.setattr(files, "BUSY_TIMEOUT_MS", 200)
    store.close()  # this thread's next connection takes the short timeout
    other = sqlite3.connect(store.path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    try:
        with pytest.raises(StoreFault) as caught:
            texts.save_text(store, "نص لن يحفظ الآن.", "Busy", owner=me(store))
        assert caught.value.kind is FaultKind.BUSY and caught.value.write
        assert "another program keeps the database busy" in faults.message(caught.value)
    finally:
        other.execute("ROLLBACK")
        other.close()
    texts.save_text(store, "نص يحفظ الآن.", "Later", owner=me(store))
    assert sorted(_texts(store)) == ["Before", "Later"]


def test_errors_that_are_bugs_stay_what_they_are(store):
    with pytest.raises(sqlite3.OperationalError):
        store.query("SELECT * FROM no_such_table_here")
    with pytest.raises(sqlite3.IntegrityError):
        store.execute("INSERT INTO profiles(id, name) VALUES (1, 'x')")
    assert store.notices == []


# --- migrations whose file is not there yet ---------------------------------------------------------


def test_a_migration_written_later_runs_on_a_database_that_skipped_it(data_dir, monkeypatch):
    scripts = list(sqlite_store.MIGRATIONS)
    gap = len(scripts) + 1  # a number whose file does not exist yet, before the next one
    later = "CREATE TABLE later_step (x INTEGER);"
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", [*scripts, "", "CREATE TABLE after_gap (x INTEGER);"])
    monkeypatch.setattr(sqlite_store, "SCHEMA_VERSION", gap + 1)
    s = Store(data_dir / "bilingual.sqlite3")
    assert s.schema_version() == gap + 1
    assert gap in schema.bits_to_numbers(s.scalar("PRAGMA application_id"))
    assert s.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'after_gap'") == 1
    s.close()
    # the missing file arrives (main gains it): it runs on the next start, once; the later one stays
    monkeypatch.setattr(sqlite_store, "MIGRATIONS", [*scripts, later, "CREATE TABLE after_gap (x INTEGER);"])
    again = Store(data_dir / "bilingual.sqlite3")
    assert again.schema_version() == gap + 1
    assert again.scalar("SELECT count(*) FROM sqlite_master WHERE name IN ('later_step', 'after_gap')") == 2
    assert gap not in schema.bits_to_numbers(again.scalar("PRAGMA application_id"))
    again.close()
    assert Store(data_dir / "bilingual.sqlite3").schema_version() == gap + 1  # nothing runs twice


@pytest.mark.postgres
def test_postgres_runs_a_late_migration_too(pg_url, monkeypatch):
    from bilingual.store import postgres

    scripts = list(postgres.PG_MIGRATIONS)
    monkeypatch.setattr(postgres, "PG_MIGRATIONS", [*scripts, "", "CREATE TABLE after_gap (x INTEGER);"])
    Store(pg_url).close()
    monkeypatch.setattr(postgres, "PG_MIGRATIONS", [*scripts, "CREATE TABLE later_step (x INTEGER);",
                                                    "CREATE TABLE after_gap (x INTEGER);"])
    again = Store(pg_url)
    assert again.schema_version() == len(scripts) + 2
    assert again.scalar("SELECT count(*) FROM information_schema.tables WHERE table_name IN ('later_step', 'after_gap')") == 2
    assert str(len(scripts) + 1) not in again.scalar("SELECT skipped FROM schema_version").split(",")
    again.close()


def test_migration_files_are_numbered_from_their_names(tmp_path):
    (tmp_path / "001_a.sql").write_text("A;")
    (tmp_path / "003_c.sql").write_text("C;")
    assert schema.load_migrations(tmp_path) == ["A;", "", "C;"]
    (tmp_path / "003_other.sql").write_text("D;")
    with pytest.raises(RuntimeError, match="out of sequence"):
        schema.load_migrations(tmp_path)


# --- PostgreSQL: the server goes away and comes back ------------------------------------------------


@pytest.mark.postgres
def test_postgres_server_gone_then_back_without_a_restart(own_cluster):
    store = Store(own_cluster.url)
    texts.save_text(store, "نص محفوظ من قبل.", "Before", owner=me(store))
    own_cluster.pause()
    try:
        started = time.monotonic()
        with pytest.raises(StoreFault) as read:
            _texts(store)
        assert read.value.kind is FaultKind.UNAVAILABLE and not read.value.write
        assert "the database server cannot be reached" in faults.message(read.value)
        with pytest.raises(StoreFault) as write:
            texts.save_text(store, "نص لن يحفظ.", "Lost?", owner=me(store))
        assert faults.refused(write.value, "The text") == (
            "The text could not be saved: the database server cannot be reached. Nothing saved before is lost. "
            "Try again once the server is back (ask whoever runs it).")
        assert time.monotonic() - started < 20  # said at once, not after the pool's long wait
    finally:
        own_cluster.resume()
    time.sleep(1.1)  # the store tries the server again at most once a second
    assert _texts(store) == ["Before"]
    texts.save_text(store, "نص بعد العودة.", "After", owner=me(store))
    assert sorted(_texts(store)) == ["After", "Before"]
    store.close()
