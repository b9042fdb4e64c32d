"""The embedded back end of the learner's database: one SQLite file for progress, imported texts,
personal terms, accounts and classes, and the MT cache (``SqliteStore``; ``Store()`` picks it when
no PostgreSQL URL is set).

WAL mode, foreign keys on, a busy timeout so concurrent sessions wait, a schema version with
forward migrations (``migrations/NNN_*.sql``, some followed by a Python step: ``MIGRATION_HOOKS``)
applied when the store is opened. Every query the features need is a small function in the
repository modules next to this one; nothing outside ``bilingual/store/`` writes SQL. Timestamps are
written by Python (``utc_now``), not by SQL.

Opening is defensive: a file that is not a database, fails ``PRAGMA integrity_check`` or whose
journal cannot be read is moved aside (``<name>.corrupt-<UTC timestamp>``, with its ``-wal`` and
``-shm``; nothing is ever overwritten), a fresh database is started and ``Store.report`` says what
happened. A database written by a newer version of the app raises ``StoreError``; one in a folder
that cannot be written is opened for reading (``read_only``).

**While the app runs** the same care applies, before every statement (``files.identity``: one
``stat``) and on every error, in one place (``SqliteStore._use``): a deleted file is recreated, a
replaced one checked and used (or set aside), a damaged one set aside and a fresh one started, each
one ``FaultNotice`` in ``notices`` (said once); a read that met it is retried on the new file, a write
refused (``StoreFault(recovered=True)``: a transaction never spans two files). A read-only folder, a
full disk, a lock held too long, an I/O error: ``StoreFault`` with its kind, the transaction rolled
back; reading goes on (from a snapshot when SQLite cannot make its -shm file) and the next write
tries again, so the store recovers by itself once the fault is gone.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

from bilingual import paths
from bilingual.errors import StoreError
from bilingual.store.base import Dialect, OpenReport, Result, Store, database_url_hint, utc_now
from bilingual.store.faults import FaultKind, FaultNotice, StoreFault, notice_text, reason_for, sqlite_kind
from bilingual.store.files import (
    BUSY_TIMEOUT_MS,
    SIDE_FILES,
    Connections,
    connect,
    file_lock,
    free_sibling,
    identity,
    integrity_problems,
    is_corruption,
    is_transient,
    move_aside,
    move_journal_aside,
    no_room,
    prepare_dir,
    utc_stamp,
    version_of,
    writable_again,
)
from bilingual.store.schema import (
    MIGRATION_HOOKS,
    Skipped,
    apply_late,
    apply_step,
    bits_to_numbers,
    late_steps,
    load_migrations,
    newer_version_message,
    numbers_to_bits,
)
from bilingual.store.schema import statements as _statements

__all__ = [
    "BUSY_TIMEOUT_MS",
    "MIGRATIONS",
    "MIGRATION_HOOKS",
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
    "load_migrations",
    "migrate",
    "move_aside",
    "utc_now",
    "utc_stamp",
]


#: A read-only snapshot connection (a read-only folder) is given up after this many seconds, so a
#: folder made writable again is noticed without a restart.
SNAPSHOT_SECONDS = 2.0

MIGRATIONS_DIR = Path(__file__).with_name("migrations")
#: Forward migrations: MIGRATIONS[i] takes the schema from version i to i + 1. Append only (a new file;
#: a number not there yet is an empty step, see ``bilingual.store.schema``).
MIGRATIONS: list[str] = load_migrations(MIGRATIONS_DIR)
SCHEMA_VERSION = len(MIGRATIONS)
T = TypeVar("T")


class _Corrupt(Exception):
    """Internal: the file at the store's path cannot be used as a database."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


class _Transient(Exception):
    """Internal: a lock or race while opening; worth retrying."""


def migrate(conn: sqlite3.Connection) -> int:
    """Apply pending migrations, each in its own transaction (then any skipped one whose file has
    arrived: ``load_migrations``); returns the resulting version."""
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if version > SCHEMA_VERSION:
        raise StoreError(newer_version_message(version, SCHEMA_VERSION))

    def run(sql: str, params: tuple = ()) -> list:
        return conn.execute(sql, params).fetchall()

    def script(text: str) -> None:
        for stmt in _statements(text):
            conn.execute(stmt)

    skipped = Skipped(lambda: bits_to_numbers(conn.execute("PRAGMA application_id").fetchone()[0]),
                      lambda numbers: conn.execute(f"PRAGMA application_id = {numbers_to_bits(numbers)}"))
    if version == SCHEMA_VERSION and not late_steps(MIGRATIONS, skipped):
        return version  # up to date: no write lock taken
    while True:
        conn.execute("BEGIN IMMEDIATE")
        try:
            # re-read inside the write lock: another process may have migrated meanwhile
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            more = version < SCHEMA_VERSION
            if more:
                apply_step(version + 1, MIGRATIONS, run, script, skipped)
                version += 1
                conn.execute(f"PRAGMA user_version = {version}")
            else:
                apply_late(MIGRATIONS, run, script, skipped)
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        if not more:
            return version


class SqliteStore(Store):
    """A connection to the learner's SQLite database. Thread-safe: one connection per thread."""

    dialect = Dialect.SQLITE

    def __init__(self, path: Path | str | None = None):
        self.path = Path(path) if path else paths.db_path()
        self.location = str(self.path)
        self._local = threading.local()
        self._savepoints = 0
        self._guard = threading.RLock()  # one recovery at a time
        self._generation = 0  # bumped when the store moves to another file: every thread reconnects
        self._identity: tuple[int, int] | None = None
        self._conns = Connections()  # every connection made (see files.Connections: why none is closed)
        self.read_only = self._read_only_seen = False
        self.notices: list[FaultNotice] = []
        self.report = self._open()
        if not self.report.ok:
            self._notice(FaultKind.DAMAGED, self.report.message, self.report.moved_aside)
        elif self.read_only:
            self._notice(FaultKind.READ_ONLY, notice_text(FaultKind.READ_ONLY, str(self.path.parent)))

    # --- opening --------------------------------------------------------------------------

    def _open(self) -> OpenReport:
        """Open (create, check, migrate) the file at the path, moving a damaged one aside; becomes the store's file."""
        self.read_only = not prepare_dir(self.path)
        report = OpenReport(self.path)
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
                    report = OpenReport(self.path, moved, bad.reason)
                    try:
                        conn = self._open_checked()
                    except _Corrupt as again:
                        raise StoreError(f"could not start a fresh database at {self.path}: {again.reason}") from None
        self._adopt(conn)
        return report

    def _adopt(self, conn: sqlite3.Connection, *, snapshot: bool = False) -> None:
        """Make the file now at the path the store's, with ``conn`` this thread's connection to it."""
        self._identity = identity(self.path)
        self._next_generation()
        self._set_local(conn, snapshot=snapshot)
        if not snapshot:
            self._conns.keep(self.path, self._generation)

    def _next_generation(self) -> None:
        """The store moves to another file: every thread reconnects; the old connections are retired."""
        self._generation += 1
        self._conns.move_on(self._generation)

    def _set_local(self, conn: sqlite3.Connection, *, snapshot: bool = False) -> None:
        self._conns.add(conn, self._generation)
        local = self._local
        local.conn, local.gen, local.drop = conn, self._generation, False
        local.snapshot_at = time.monotonic() if snapshot else None

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

    def _open_checked_once(self, *, snapshot: bool = False) -> sqlite3.Connection:
        for suffix in SIDE_FILES:
            side = Path(f"{self.path}{suffix}")
            if os.path.lexists(side) and not side.is_file():
                raise _Corrupt(f"its journal {side.name} cannot be read")
        try:
            conn = connect(self.path, immutable=snapshot)
        except sqlite3.DatabaseError as exc:
            if is_corruption(exc):
                raise _Corrupt(str(exc)) from None
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: {newer_version_message(version, SCHEMA_VERSION)}")
            if not self.read_only:
                conn.execute("PRAGMA journal_mode = WAL")
            problems = integrity_problems(conn)
            if problems:
                raise _Corrupt(f"integrity check failed: {problems[0].splitlines()[-1][:200]}")
            if not self.read_only:
                migrate(conn)
            elif version < SCHEMA_VERSION:
                raise StoreError(f"{self.path} needs updating for this version of the app, but {reason_for(FaultKind.READ_ONLY, str(self.path.parent))}")
        except sqlite3.DatabaseError as exc:
            conn.close()
            if is_corruption(exc):
                raise _Corrupt(str(exc)) from None
            if is_transient(exc):
                raise _Transient(str(exc)) from None
            if self.read_only and not snapshot and sqlite_kind(exc) is FaultKind.READ_ONLY:
                return self._open_checked_once(snapshot=True)  # no -shm can be made here: read a snapshot
            raise StoreError(f"cannot open {self.path}: {exc}") from None
        except BaseException:
            conn.close()
            raise
        if snapshot:
            self._local.snapshot_at = time.monotonic()
        return conn

    # --- faults while running ------------------------------------------------------------------

    def _notice(self, kind: FaultKind, message: str, moved_aside: Path | None = None) -> None:
        with self._guard:
            self.notices.append(FaultNotice(len(self.notices) + 1, kind, message, moved_aside))

    def _check_file(self) -> None:
        """Before a statement: is the file at the path still the store's? If not, recover (see the module doc)."""
        try:
            now = identity(self.path)
        except OSError as exc:
            raise StoreFault(FaultKind.IO, f"{reason_for(FaultKind.IO)} ({exc.strerror or exc})") from None
        if now is not None and now == self._identity:
            return
        with self._guard:
            now = identity(self.path)
            if now is not None and now == self._identity:
                return  # another thread has just set it right
            self._recover(FaultKind.DELETED if now is None else FaultKind.REPLACED)

    def _recover(self, kind: FaultKind, detail: str = "") -> None:
        """Open whatever is at the path now (a fresh database if nothing, a damaged file moved aside) and say so."""
        try:
            if kind in (FaultKind.DELETED, FaultKind.REPLACED) and identity(self.path) != self._identity:
                move_journal_aside(self.path)  # the old file's -wal/-shm
            report = self._open()
        except (StoreError, OSError) as exc:
            why = exc.strerror if isinstance(exc, OSError) and exc.strerror else exc
            raise StoreFault(kind, f"{reason_for(kind)}, and the app could not set it right: {why}") from None
        moved = report.moved_aside
        if kind is FaultKind.DAMAGED and moved is None:
            return  # it passed every check now: nothing was lost, nothing to tell
        if moved is not None:  # a replacing file that is no database is a damaged one
            kind, detail = (FaultKind.DAMAGED, f"it was replaced by a file that is not a sound database: {report.reason}") if (
                kind is FaultKind.REPLACED) else (kind, detail or report.reason)
        self._notice(kind, notice_text(kind, self.location, moved_aside=moved, detail=detail), moved)

    def reopen(self) -> None:
        """Use the file now at the path without a notice (after this app replaced it itself: a restore)."""
        with self._guard:
            self._identity = identity(self.path)
            self._next_generation()
            self._conns.keep(self.path, self._generation)

    def _fault(self, exc: sqlite3.Error) -> StoreFault | None:
        """The StoreFault an error of a statement stands for (recovering first where that is the cure)."""
        kind = sqlite_kind(exc)
        if kind is None:
            return None
        if kind is FaultKind.IO and no_room(self.path):
            kind = FaultKind.DISK_FULL  # a write error with no room left: SQLite only says "I/O error"
        before = len(self.notices)
        if kind is FaultKind.DELETED and "no such table" in str(exc).lower():
            if version_of(self.path) != 0:
                return None  # the tables are there: a bug, not a fault
            with self._guard:
                self._recover(FaultKind.DELETED, "it has no tables any more")
        elif kind is FaultKind.DAMAGED:
            with self._guard:
                self._recover(FaultKind.DAMAGED, str(exc))
        elif kind in (FaultKind.DELETED, FaultKind.READ_ONLY):
            self._check_file()  # the file may have gone (SQLite says "moved", or cannot open its journal)
            kind = FaultKind.READ_ONLY
        if len(self.notices) > before:
            found = self.notices[-1].kind
            return StoreFault(found, reason_for(found), recovered=True, notice=self.notices[-1].message)
        if kind is FaultKind.READ_ONLY:
            self._local.drop = self._read_only_seen = True  # SQLite may have opened it read-only: reconnect
            return StoreFault(kind, reason_for(kind, str(self.path.parent)), folder=str(self.path.parent))
        return StoreFault(kind, reason_for(kind))

    # --- use ------------------------------------------------------------------------------

    def _connection(self, *, write: bool = False) -> sqlite3.Connection:
        """This thread's connection to the store's file (checked first; reconnected after a recovery)."""
        self._check_file()
        if write and self._read_only_seen and writable_again(self.path):
            self._read_only_seen = False  # SQLite keeps the file read-only while any connection holds it open
            self._conns.close_idle()
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is not None and not conn.closed:
            current = getattr(local, "gen", -1) == self._generation
            since = getattr(local, "snapshot_at", None)
            stale = getattr(local, "drop", False) or (since is not None and (write or time.monotonic() - since > SNAPSHOT_SECONDS))
            if conn.in_transaction:
                if not current:  # a transaction never goes on in another file
                    kind = self.notices[-1].kind if self.notices else FaultKind.REPLACED
                    raise StoreFault(kind, reason_for(kind), recovered=True)
                return conn
            if current and not stale:
                return conn
            if current:  # the same file (a read-only snapshot, a connection opened read-only): safe to close
                with suppress(sqlite3.Error):
                    conn.close()
        conn = connect(self.path)
        self._set_local(conn)
        return conn

    def _use(self, op: Callable[[sqlite3.Connection], T], *, write: bool, retry: bool = True) -> T:
        """Run ``op`` on this thread's connection; every store fault becomes one StoreFault (see the module doc)."""
        conn = self._connection(write=write)
        in_transaction = conn.in_transaction
        try:
            return op(conn)
        except sqlite3.Error as exc:
            fault = self._fault(exc)
            if fault is None:
                raise
            fault.write = write or in_transaction
            if retry and not write and not in_transaction:
                if fault.kind is FaultKind.READ_ONLY and getattr(self._local, "snapshot_at", None) is None:
                    try:  # SQLite cannot make its -shm file here: read a snapshot of the file instead
                        self._set_local(connect(self.path, immutable=True), snapshot=True)
                    except sqlite3.Error:
                        raise fault from None
                    return self._use(op, write=False, retry=False)
                if fault.recovered:
                    return self._use(op, write=False, retry=False)
            raise fault from None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all.

        Takes the write lock up front (``BEGIN IMMEDIATE``), so concurrent writers wait for the busy
        timeout instead of failing half-way. Nested calls become savepoints of the outer transaction.
        A store fault inside rolls everything back and comes out as ``StoreFault``.
        """
        conn = self._connection(write=True)
        if conn.in_transaction:
            self._savepoints += 1
            name = f"sp_{self._savepoints}"
            self._use(lambda c: c.execute(f"SAVEPOINT {name}"), write=True)
            try:
                yield conn
            except BaseException:
                with suppress(sqlite3.Error):
                    if conn.in_transaction:
                        conn.execute(f"ROLLBACK TO {name}")
                        conn.execute(f"RELEASE {name}")
                raise
            else:
                self._use(lambda c: c.execute(f"RELEASE {name}"), write=True)
            return
        self._use(lambda c: c.execute("BEGIN IMMEDIATE"), write=True)
        try:
            yield conn
        except BaseException as exc:
            self._rollback(conn)
            fault = self._fault(exc) if isinstance(exc, sqlite3.Error) else exc if isinstance(exc, StoreFault) else None
            if fault is not None:
                fault.write = True
                raise fault from None
            raise
        try:
            conn.execute("COMMIT")
        except sqlite3.Error as exc:
            self._rollback(conn)
            fault = self._fault(exc)
            if fault is not None:
                fault.write = True
                raise fault from None
            raise

    @staticmethod
    def _rollback(conn: sqlite3.Connection) -> None:
        with suppress(sqlite3.Error):
            if conn.in_transaction:
                conn.execute("ROLLBACK")

    @property
    def conn(self) -> sqlite3.Connection:  # this thread's connection, checked as before any statement
        return self._connection()

    def query(self, sql: str, params: tuple | dict = ()) -> list[sqlite3.Row]:
        """Every row of a read query."""
        return self._use(lambda c: c.execute(sql, params).fetchall(), write=False)

    def execute(self, sql: str, params: tuple | dict = ()) -> Result:
        """One write statement on this thread's connection, run to its end: atomic on its own, or part
        of the enclosing ``transaction()``."""

        return self._use(lambda c: Result((cur := c.execute(sql, params)).fetchall(), cur.rowcount), write=True)

    def executemany(self, sql: str, rows: list) -> Result:
        return self._use(lambda c: Result([], c.executemany(sql, rows).rowcount), write=True)

    def ping(self) -> None:
        """Check the file and read its first page (a damaged header is found, and dealt with, here)."""
        self.query("SELECT count(*) FROM sqlite_master")

    def check(self) -> str:
        """``PRAGMA integrity_check`` as text: 'ok', or the problems found, one per line."""
        return "\n".join(str(r[0]) for r in self.query("PRAGMA integrity_check"))

    def schema_version(self) -> int:
        return int(self.query("PRAGMA user_version")[0][0])

    def close(self) -> None:
        """Close this thread's connection and the one the store keeps open (other threads keep theirs)."""
        self._conns.drop_keeper()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
