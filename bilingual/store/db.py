"""The embedded back end of the learner's database: one SQLite file for progress, imported texts,
personal terms, accounts and classes, and the MT cache (``SqliteStore``; ``Store()`` picks it when
no PostgreSQL URL is set).

WAL mode, foreign keys on, a busy timeout so concurrent sessions wait, a schema version with
forward migrations (``migrations/NNN_*.sql``) applied when the store is opened. Every query the
features need is a small function in the repository modules next to this one
(``bilingual.store.reviews``, ``texts``, ``terms``, ``mt_cache``, ``profiles``); nothing outside
``bilingual/store/`` writes SQL. Timestamps are written by Python (``utc_now``), not by SQL.

Opening is defensive: a file that is not a database, fails ``PRAGMA integrity_check`` or whose
journal cannot be read is moved aside (``<name>.corrupt-<UTC timestamp>``, with its ``-wal`` and
``-shm``; nothing is ever overwritten), a fresh database is started and ``Store.report`` says what
happened so the app and the command line can tell the user. A database written by a newer
version of the app, or a data directory we cannot write to, raises ``StoreError`` instead.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from bilingual import paths
from bilingual.errors import StoreError
from bilingual.store.base import Dialect, OpenReport, Store, database_url_hint, utc_now

__all__ = [
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "SIDE_FILES",
    "OpenReport",
    "SqliteStore",
    "Store",
    "connect",
    "database_url_hint",
    "file_lock",
    "free_sibling",
    "integrity_problems",
    "is_corruption",
    "migrate",
    "move_aside",
    "newer_version_message",
    "utc_now",
    "utc_stamp",
]

BUSY_TIMEOUT_MS = 30_000
#: Suffixes of the files SQLite keeps next to a WAL-mode database.
SIDE_FILES = ("-wal", "-shm")

MIGRATIONS_DIR = Path(__file__).with_name("migrations")


def load_migrations(directory: Path = MIGRATIONS_DIR) -> list[str]:
    """The SQL scripts ``NNN_*.sql`` in order: script i takes the schema from version i to i + 1."""
    files = sorted(directory.glob("[0-9][0-9][0-9]_*.sql"))
    for n, f in enumerate(files, start=1):
        if int(f.name[:3]) != n:
            raise RuntimeError(f"migration {f.name} is out of sequence (expected {n:03d}_...)")
    return [f.read_text(encoding="utf-8") for f in files]


#: Forward migrations: MIGRATIONS[i] takes the schema from version i to i + 1. Append only (a new file).
MIGRATIONS: list[str] = load_migrations()
SCHEMA_VERSION = len(MIGRATIONS)


class _Corrupt(Exception):
    """Internal: the file at the store's path cannot be used as a database."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Transient(Exception):
    """Internal: a lock or race while opening; worth retrying."""


def _is_transient(exc: sqlite3.DatabaseError) -> bool:
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or name == "SQLITE_IOERR_DELETE_NOENT"
    return "locked" in str(exc).lower()


def connect(path: Path | str) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def is_corruption(exc: BaseException) -> bool:
    """True when a sqlite3 error means the file's bytes are bad (as opposed to locked, read-only, I/O trouble).

    Only these lead to moving a database aside; anything else is reported as a StoreError, because a
    busy lock or a flaky disk is no evidence that the learner's file is damaged.
    """
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(("SQLITE_NOTADB", "SQLITE_CORRUPT"))
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text


def integrity_problems(conn: sqlite3.Connection, max_errors: int = 20) -> list[str]:
    """The lines of ``PRAGMA integrity_check`` that are not 'ok' (empty list: the database is sound)."""
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(max_errors)})")]
    return [] if rows == ["ok"] else rows


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction; returns the resulting version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(newer_version_message(version))
    while version < SCHEMA_VERSION:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the write lock: another process may have migrated meanwhile
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version < SCHEMA_VERSION:
                for stmt in _statements(MIGRATIONS[version]):
                    conn.execute(stmt)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
    return version


def newer_version_message(version: int) -> str:
    return (
        f"the database was written by a newer version of the app (schema {version}; this version "
        f"understands up to {SCHEMA_VERSION}). Update the app, or restore a backup made with this version."
    )


def _statements(script: str) -> list[str]:
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s.strip(" ;\n")]


# --- files next to the database -----------------------------------------------------------------


def utc_stamp() -> str:
    """A filename-safe UTC timestamp, e.g. ``20260509T073525Z``."""
    return datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")


def free_sibling(path: Path, tag: str) -> Path:
    """``<name>.<tag>-<UTC timestamp>`` next to ``path``, numbered so that neither it nor its -wal/-shm exist."""
    base = f"{path.name}.{tag}-{utc_stamp()}"
    n = 1
    while True:
        candidate = path.with_name(base if n == 1 else f"{base}-{n}")
        if not any(os.path.lexists(f"{candidate}{s}") for s in ("", *SIDE_FILES)):
            return candidate
        n += 1


def _rename_noclobber(src: Path, dst: Path) -> None:
    if os.path.lexists(dst):
        raise FileExistsError(f"{dst} already exists")
    try:
        os.link(src, dst)  # fails if dst appeared meanwhile: never overwrites
    except OSError:
        if os.path.lexists(dst):
            raise
        os.rename(src, dst)  # directories, or filesystems without hard links
    else:
        os.unlink(src)


def move_aside(path: Path, tag: str = "corrupt") -> Path:
    """Move the database and its -wal/-shm to ``<name>.<tag>-<timestamp>[...]``; returns the new main path.

    The journal files go first: a fresh database must never meet the old one's WAL.
    """
    dest = free_sibling(path, tag)
    for suffix in (*SIDE_FILES, ""):
        src = Path(f"{path}{suffix}")
        if os.path.lexists(src):
            _rename_noclobber(src, Path(f"{dest}{suffix}"))
    return dest


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``<path>.lock`` between processes (no-op where flock is missing)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    lock_path = Path(f"{path}.lock")
    with open(lock_path, "a+b") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


class SqliteStore(Store):
    """A connection to the learner's SQLite database. Thread-safe: one connection per thread."""

    dialect = Dialect.SQLITE

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else paths.db_path()
        self.location = str(self.path)
        self._local = threading.local()
        self._savepoints = 0
        self.report = OpenReport(self.path)
        self._open()

    # --- opening --------------------------------------------------------------------------

    def _open(self) -> None:
        self._prepare_dir()
        try:
            conn = self._open_checked()
        except _Corrupt:
            with file_lock(self.path):
                try:  # another process may have dealt with it while we waited for the lock
                    conn = self._open_checked()
                except _Corrupt as bad:
                    try:
                        moved = move_aside(self.path)
                    except OSError as exc:
                        raise StoreError(
                            f"the database {self.path} is damaged ({bad.reason}) and could not be moved aside: "
                            f"{exc.strerror or exc}"
                        ) from None
                    self.report = OpenReport(self.path, moved, bad.reason)
                    try:
                        conn = self._open_checked()
                    except _Corrupt as again:
                        raise StoreError(f"could not start a fresh database at {self.path}: {again.reason}") from None
        self._local.conn = conn

    def _prepare_dir(self) -> None:
        parent = self.path.parent
        reason = paths.make_dir(parent)
        if reason:
            raise StoreError(f"cannot create the data directory {parent}: {reason}. Set {paths.DATA_DIR_ENV} to a folder you can write to.")
        try:
            mode = os.stat(self.path).st_mode
        except FileNotFoundError:
            pass
        except OSError as exc:
            raise StoreError(f"cannot read {self.path}: {exc.strerror or exc}") from None
        else:
            if not stat.S_ISREG(mode):
                raise StoreError(f"{self.path} is not a file, so it cannot hold your database")
        try:
            fd, probe = tempfile.mkstemp(prefix=".write-test-", dir=parent)
            os.close(fd)
            os.unlink(probe)
        except OSError as exc:
            raise StoreError(
                f"the data directory {parent} is not writable ({exc.strerror or exc}). "
                f"Set {paths.DATA_DIR_ENV} to a folder you can write to."
            ) from None

    def _open_checked(self) -> sqlite3.Connection:
        """Connect, check and migrate; raises _Corrupt for bad bytes and StoreError for everything else.

        Retries (with back-off, up to the busy timeout) on the transient errors of several processes
        opening the same file at once, which SQLite reports without waiting: two connections both
        switching a new file to WAL (one gets SQLITE_BUSY to avoid a deadlock), or a journal deleted
        by another process a moment before this one tried to.
        """
        deadline = time.monotonic() + BUSY_TIMEOUT_MS / 1000
        delay = 0.005
        while True:
            try:
                return self._open_checked_once()
            except _Transient as exc:
                if time.monotonic() + delay > deadline:
                    raise StoreError(f"cannot open {self.path}: {exc} (another program keeps it busy)") from None
                time.sleep(delay)
                delay = min(delay * 2, 0.2)

    def _open_checked_once(self) -> sqlite3.Connection:
        for suffix in SIDE_FILES:
            side = Path(f"{self.path}{suffix}")
            if os.path.lexists(side) and not side.is_file():
                raise _Corrupt(f"its journal {side.name} cannot be read")
        try:
            conn = connect(self.path)
        except sqlite3.DatabaseError as exc:
            if is_corruption(exc):
                raise _Corrupt(str(exc)) from None
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: {newer_version_message(version)}")
            conn.execute("PRAGMA journal_mode = WAL")
            problems = integrity_problems(conn)
            if problems:
                raise _Corrupt(f"integrity check failed: {problems[0].splitlines()[-1][:200]}")
            migrate(conn)
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_corruption(exc):
                raise _Corrupt(str(exc)) from None
            if _is_transient(exc):
                raise _Transient(str(exc)) from None
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        except BaseException:
            conn.close()
            raise
        return conn

    # --- use ------------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
        return conn

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all.

        Takes the write lock up front (``BEGIN IMMEDIATE``), so concurrent writers wait for the busy
        timeout instead of failing half-way. Nested calls become savepoints of the outer transaction.
        """
        conn = self.conn
        if conn.in_transaction:
            self._savepoints += 1
            name = f"sp_{self._savepoints}"
            conn.execute(f"SAVEPOINT {name}")
            try:
                yield conn
            except BaseException:
                if conn.in_transaction:
                    conn.execute(f"ROLLBACK TO {name}")
                    conn.execute(f"RELEASE {name}")
                raise
            else:
                conn.execute(f"RELEASE {name}")
            return
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        else:
            try:
                conn.execute("COMMIT")
            except BaseException:
                if conn.in_transaction:
                    conn.execute("ROLLBACK")
                raise

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """Every row of a read query."""
        return self.conn.execute(sql, params).fetchall()

    def execute(self, sql: str, params: tuple | dict = ()) -> sqlite3.Cursor:
        """One write statement on this thread's connection: atomic on its own, or part of the
        enclosing ``transaction()``."""
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: list) -> sqlite3.Cursor:
        return self.conn.executemany(sql, rows)

    def check(self) -> str:
        """``PRAGMA integrity_check`` as text: 'ok', or the problems found, one per line."""
        return "\n".join(str(r[0]) for r in self.conn.execute("PRAGMA integrity_check"))

    def schema_version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
