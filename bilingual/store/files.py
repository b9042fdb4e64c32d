"""The SQLite database's file and the files next to it: connecting to it (``connect``), which file it
is (``identity``), whether it is sound (``integrity_problems``, ``is_corruption``), setting a damaged one
aside without ever overwriting anything (``move_aside``), and a lock between processes."""

from __future__ import annotations

import os
import resource
import sqlite3
import stat
import tempfile
import weakref
from collections.abc import Iterator
from contextlib import closing, contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from bilingual import paths
from bilingual.errors import StoreError
from bilingual.store.faults import FaultKind, sqlite_kind

__all__ = [
    "BUSY_TIMEOUT_MS",
    "Connection",
    "SIDE_FILES",
    "SQLITE_MAGIC",
    "Connections",
    "connect",
    "file_lock",
    "free_sibling",
    "identity",
    "integrity_problems",
    "is_corruption",
    "is_transient",
    "move_aside",
    "move_journal_aside",
    "no_room",
    "prepare_dir",
    "utc_stamp",
    "version_of",
    "writable_again",
]

BUSY_TIMEOUT_MS = 30_000

#: Suffixes of the files SQLite keeps next to a WAL-mode database.
SIDE_FILES = ("-wal", "-shm")
SQLITE_MAGIC = b"SQLite format 3\x00"


def identity(path: Path) -> tuple[int, int] | None:
    """Which file is at ``path`` now (device, inode), None when there is none; OSError when it cannot be examined.

    One ``stat``: the store asks before every statement. It never opens the file itself: closing *any*
    descriptor of a file drops every POSIX lock this process holds on it, SQLite's included (another
    process would then think it is alone and delete the -wal under our feet). Damaged bytes in the
    same file are SQLite's to find: every new connection reads the header first.
    """
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return None
    return st.st_dev, st.st_ino


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


def move_aside(path: Path, tag: str = "corrupt", *, suffixes: tuple[str, ...] = (*SIDE_FILES, "")) -> Path:
    """Move the database and its -wal/-shm to ``<name>.<tag>-<timestamp>[...]``; returns the new main path.

    The journal files go first: a fresh database must never meet the old one's WAL.
    """
    dest = free_sibling(path, tag)
    for suffix in suffixes:
        src = Path(f"{path}{suffix}")
        if os.path.lexists(src):
            _rename_noclobber(src, Path(f"{dest}{suffix}"))
    return dest


def move_journal_aside(path: Path, tag: str = "old-journal") -> Path | None:
    """Move only the -wal/-shm next to ``path`` aside (they belong to a file that was deleted or
    replaced: the file now at ``path`` must never meet them); the new name, or None when there were none."""
    if not any(os.path.lexists(f"{path}{s}") for s in SIDE_FILES):
        return None
    return move_aside(path, tag, suffixes=SIDE_FILES)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock on ``<path>.lock`` between processes (no-op where flock is missing,
    or where the lock file cannot be made: a read-only folder, where nothing can be moved anyway)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    try:
        fh = open(f"{path}.lock", "a+b")  # noqa: SIM115 - closed below
    except OSError:
        yield
        return
    with fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh.fileno(), fcntl.LOCK_UN)


def is_transient(exc: sqlite3.DatabaseError) -> bool:
    """A lock or a race between processes opening the file: worth retrying."""
    name = getattr(exc, "sqlite_errorname", "") or ""
    if name:
        return name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or name == "SQLITE_IOERR_DELETE_NOENT"
    return "locked" in str(exc).lower()


class Connection(sqlite3.Connection):
    """A ``sqlite3.Connection`` the store can track (weak references) and tag with the file it is for."""

    #: the store's file generation this connection was made for (``SqliteStore``)
    generation = 0
    #: set by ``Connections.close_idle``
    closed = False


def connect(path: Path | str, *, immutable: bool = False) -> Connection:
    """A connection in autocommit mode; ``immutable``: read-only, without the -shm file (a read-only folder)."""
    target, uri = (f"file:{quote(str(path))}?immutable=1", True) if immutable else (path, False)
    conn = sqlite3.connect(target, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False, uri=uri,
                           factory=Connection)
    conn.row_factory = sqlite3.Row
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


def is_corruption(exc: BaseException) -> bool:
    """True when a sqlite3 error means the file's bytes are bad (as opposed to locked, read-only, I/O trouble).

    Only these lead to moving a database aside; anything else is reported as a StoreError, because a
    busy lock or a flaky disk is no evidence that the learner's file is damaged.
    """
    return isinstance(exc, sqlite3.DatabaseError) and sqlite_kind(exc) is FaultKind.DAMAGED


def integrity_problems(conn: sqlite3.Connection, max_errors: int = 20) -> list[str]:
    """The lines of ``PRAGMA integrity_check`` that are not 'ok' (empty list: the database is sound)."""
    rows = [str(r[0]) for r in conn.execute(f"PRAGMA integrity_check({int(max_errors)})")]
    return [] if rows == ["ok"] else rows


def prepare_dir(path: Path) -> bool:
    """Create the database's folder; True when it can be written to (False: the database is there to
    be read). StoreError when there is no database and none can be made there, or the path is not a file."""
    parent = path.parent
    reason = paths.make_dir(parent)
    if reason:
        raise StoreError(f"cannot create the data directory {parent}: {reason}. Set {paths.DATA_DIR_ENV} to a folder you can write to.")
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        mode = None
    except OSError as exc:
        raise StoreError(f"cannot read {path}: {exc.strerror or exc}") from None
    if mode is not None and not stat.S_ISREG(mode):
        raise StoreError(f"{path} is not a file, so it cannot hold your database")
    try:
        fd, probe_file = tempfile.mkstemp(prefix=".write-test-", dir=parent)
        os.close(fd)
        os.unlink(probe_file)
    except OSError as exc:
        if mode is not None:
            return False  # there is a database to read
        raise StoreError(
            f"the data directory {parent} is not writable ({exc.strerror or exc}). Set {paths.DATA_DIR_ENV} to a folder you can write to."
        ) from None
    return True


def version_of(path: Path) -> int | None:
    """The schema version of the file at ``path`` (0: no tables yet, or emptied), None when it cannot be read."""
    try:
        with closing(connect(path)) as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return None


#: less free space than this on the database's disk counts as full (a write error then means "no room")
LOW_SPACE = 1 << 20


def no_room(path: Path) -> bool:
    """True when the database cannot grow: its disk has (almost) no free space, or one of its files has
    reached this process's file-size limit (``RLIMIT_FSIZE``, e.g. a quota set by ``ulimit -f``)."""
    try:
        fs = os.statvfs(path.parent)
        if fs.f_bavail * fs.f_frsize < LOW_SPACE:
            return True
        limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
        if limit == resource.RLIM_INFINITY:
            return False
        sizes = [os.stat(f"{path}{s}").st_size for s in ("", *SIDE_FILES, "-journal") if os.path.exists(f"{path}{s}")]
    except OSError:
        return False
    return any(size + 65536 + 24 > limit for size in sizes)  # a page (up to 64 KiB) and its WAL frame header


def writable_again(path: Path) -> bool:
    """True when the database's folder and files can be written (by this process, with its rights)."""
    return os.access(path.parent, os.W_OK | os.X_OK) and all(
        os.access(f"{path}{s}", os.W_OK) for s in ("", *SIDE_FILES) if os.path.exists(f"{path}{s}"))


class Connections:
    """Every connection a store made to its file, and what must happen to them when things change.

    * ``add(conn, generation)``: a new one (each thread has its own);
    * ``move_on(generation)``: the store now uses another file (deleted, replaced, restored): the old
      connections are retired, kept open for good, because closing the last connection to a deleted
      or replaced file makes SQLite checkpoint it and delete ``<path>-wal`` and ``-shm`` by name,
      which are then the new file's;
    * ``keep(path, generation)``: one connection held open, unused, while the store uses a file, so
      SQLite's shared view of its -shm lives as long as the store (a new connection on a full disk
      then needs no room to rebuild it);
    * ``close_idle()``: close every one not in a transaction (``closed`` is set: their thread makes a
      new one), e.g. once a read-only folder is writable again: SQLite keeps the -shm view read-only
      as long as any connection that shares it is open. The keeper is made again.
    """

    def __init__(self) -> None:
        self._live: weakref.WeakSet = weakref.WeakSet()
        self._retired: list = []
        self._keeper: tuple[Path, int, Connection] | None = None

    def add(self, conn: Connection, generation: int) -> None:
        conn.generation = generation
        self._live.add(conn)

    def move_on(self, generation: int) -> None:
        old = [c for c in list(self._live) if c.generation != generation]
        self._retired.extend(old)
        for c in old:
            self._live.discard(c)

    def keep(self, path: Path, generation: int) -> None:
        try:
            keeper = connect(path)
            keeper.execute("SELECT count(*) FROM sqlite_master").fetchall()  # opens the -wal and -shm
        except sqlite3.Error:
            return
        self.add(keeper, generation)
        self._keeper = (path, generation, keeper)

    def drop_keeper(self) -> None:
        if self._keeper is not None:
            with suppress(sqlite3.Error):
                self._keeper[2].close()
            self._keeper = None

    def close_idle(self) -> None:
        for conn in list(self._live):
            with suppress(sqlite3.Error):  # one closed already
                if not conn.in_transaction:
                    conn.closed = True
                    conn.close()
        if self._keeper is not None:
            path, generation, _old = self._keeper
            self.keep(path, generation)
