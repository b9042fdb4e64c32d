"""Backup and restore of the learner's database (commands ``backup OUT`` and ``restore FILE``).

A backup is a consistent, self-contained SQLite file made with SQLite's online backup API, so it is
safe while the app is running and writing. A restore first checks the file (an SQLite database,
passes ``integrity_check``, has this app's tables at a schema version we understand), migrates a
private copy of it forward, keeps the current data as ``<name>.before-restore-<UTC timestamp>``,
and then writes it into the live database through the backup API: one write transaction, so
every open connection (other app sessions included) sees either all the old data or all the new,
and a crash half-way leaves the old data in place.

(The restored pages go *into* the live file rather than ``os.replace``-ing it: replacing a WAL
database under open connections would leave them on the old file and could pair the new file with
the old ``-wal``.)
"""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import tempfile
from contextlib import closing, suppress
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from bilingual import paths
from bilingual.errors import BackupError, StoreError
from bilingual.store import db
from bilingual.store.db import (
    SIDE_FILES,
    Store,
    connect,
    file_lock,
    free_sibling,
    integrity_problems,
    is_corruption,
    migrate,
    move_aside,
    utc_stamp,
)
from bilingual.store.faults import FaultKind, reason_for, sqlite_kind

__all__ = [
    "SQLITE_MAGIC",
    "TABLE_LABELS",
    "BackupError",
    "BackupInfo",
    "KeptCopy",
    "RestoreInfo",
    "backup",
    "backup_bytes",
    "backup_filename",
    "describe_counts",
    "expected_schema",
    "inspect",
    "inspect_bytes",
    "kept_copies",
    "restore",
    "restore_bytes",
    "store_status",
]

SQLITE_MAGIC = b"SQLite format 3\x00"

#: How the tables are named for people (counts in messages and on the settings page).
TABLE_LABELS = {
    "profiles": ("profile", "profiles"),
    "cards": ("card", "cards"),
    "reviews": ("quiz review", "quiz reviews"),
    "texts": ("imported text", "imported texts"),
    "personal_terms": ("personal glossary term", "personal glossary terms"),
    "mt_cache": ("cached translation", "cached translations"),
    "settings": ("setting", "settings"),
    "learner_settings": ("learner setting", "learner settings"),
    "login_sessions": ("login", "logins"),
    "login_failures": ("failed login", "failed logins"),
    "classes": ("class", "classes"),
    "class_members": ("class membership", "class memberships"),
    "assignments": ("assignment", "assignments"),
    "reading_log": ("article opened", "articles opened"),
    "word_statuses": ("word status", "word statuses"),
    "word_status_log": ("word status change", "word status changes"),
    "saved_words": ("saved word", "saved words"),
    "own_translations": ("sentence of your own translation", "sentences of your own translations"),
    "personal_term_forms": ("personal term spelling", "personal term spellings"),
}


@dataclass(frozen=True)
class BackupInfo:
    """A backup file that was written, or a file that was checked and could be restored."""

    path: Path
    size: int
    schema_version: int
    counts: dict[str, int] = field(default_factory=dict)
    created_at: str = ""

    def summary(self) -> str:
        return describe_counts(self.counts)


@dataclass(frozen=True)
class RestoreInfo:
    """What a restore did."""

    source: Path
    store_path: Path
    previous: Path | None  # where the data that was replaced was kept (None: there was none)
    source_version: int  # the schema version of the file as uploaded
    schema_version: int  # after migrating forward
    counts: dict[str, int] = field(default_factory=dict)
    previous_damage: str = ""  # non-empty when the replaced database was itself damaged

    def summary(self) -> str:
        return describe_counts(self.counts)


def describe_counts(counts: dict[str, int]) -> str:
    parts = []
    for table, n in counts.items():
        one, many = TABLE_LABELS.get(table, (table, table))
        parts.append(f"{n:,} {one if n == 1 else many}")
    return ", ".join(parts) if parts else "no tables"


def _plain(exc: BaseException) -> str:
    """A store fault in plain words ("the disk is full"), else the driver's message."""
    kind = sqlite_kind(exc)
    return reason_for(kind) if kind is not None and kind is not FaultKind.DAMAGED else str(exc)


def _now_iso() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _counts(conn: sqlite3.Connection) -> dict[str, int]:
    names = [
        r[0]
        for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY rowid")
    ]
    return {name: conn.execute(f'SELECT count(*) FROM "{name}"').fetchone()[0] for name in names}


def _remove_db_files(path: Path) -> None:
    for suffix in ("", *SIDE_FILES, "-journal"):
        with suppress(FileNotFoundError):
            os.unlink(f"{path}{suffix}")


def expected_schema(version: int) -> dict[str, set[str]]:
    """{table: columns} of this app's database at schema ``version`` (built from MIGRATIONS)."""
    with closing(sqlite3.connect(":memory:")) as mem:
        for script in db.MIGRATIONS[:version]:
            mem.executescript(script)
        return _tables(mem)


def _tables(conn: sqlite3.Connection) -> dict[str, set[str]]:
    out = {}
    for (name,) in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"):
        out[name] = {r[1] for r in conn.execute(f'PRAGMA table_info("{name}")')}
    return out


# --- backup ---------------------------------------------------------------------------------------


def _copy_db(src: sqlite3.Connection, out: Path) -> None:
    """Online backup of ``src`` into a new self-contained file ``out`` (rollback journal, not WAL)."""
    with closing(sqlite3.connect(out)) as dst:
        src.backup(dst)  # pages=-1: one step, one read transaction on src -> a consistent snapshot
        dst.execute("PRAGMA journal_mode = DELETE")


def backup(store_or_path: Store | Path | str | None, out: Path | str, *, overwrite: bool = False) -> BackupInfo:
    """Write a consistent copy of the learner's database to ``out`` (a file, or a folder to put one in).

    Safe while the app runs: SQLite's backup API reads one snapshot while other connections keep
    writing. The copy is written next to ``out`` and renamed into place only once it has passed
    ``integrity_check``, so ``out`` is never a half-written file.
    """
    store = store_or_path if isinstance(store_or_path, Store) else Store(store_or_path)
    if store.path is None:
        raise BackupError(db.database_url_hint("backup"))
    out = Path(out).expanduser()
    if out.is_dir():
        out = out / f"bilingual-backup-{utc_stamp()}.sqlite3"
    if os.path.lexists(out):
        if not overwrite:
            raise BackupError(f"{out} already exists; choose another name (or pass --force to overwrite it)")
        if not out.is_file():
            raise BackupError(f"{out} is not a file")
    if out.exists() and out.resolve() == store.path.resolve():
        raise BackupError(f"{out} is the live database itself; choose another file")
    try:
        out.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp_name = tempfile.mkstemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent)
        os.close(fd)
    except OSError as exc:
        raise BackupError(f"cannot write to {out.parent}: {exc.strerror or exc}") from None
    tmp = Path(tmp_name)
    try:
        with closing(connect(store.path)) as src:
            _copy_db(src, tmp)
        with closing(sqlite3.connect(tmp)) as check:
            problems = integrity_problems(check)
            if problems:
                raise BackupError(f"the backup copy failed its integrity check ({problems[0]}); your data was not changed")
            version = check.execute("PRAGMA user_version").fetchone()[0]
            counts = _counts(check)
        os.replace(tmp, out)
    except sqlite3.Error as exc:
        raise BackupError(f"the backup failed: {_plain(exc)}") from None
    except OSError as exc:
        raise BackupError(f"cannot write {out}: {exc.strerror or exc}") from None
    finally:
        _remove_db_files(tmp)
    return BackupInfo(out, out.stat().st_size, version, counts, _now_iso())


def backup_bytes(store: Store) -> bytes:
    """A backup as bytes, for the app's download button."""
    with tempfile.TemporaryDirectory(prefix="bilingual-backup-") as tmp:
        info = backup(store, Path(tmp) / "backup.sqlite3")
        return info.path.read_bytes()


def backup_filename() -> str:
    return f"bilingual-backup-{utc_stamp()}.sqlite3"


# --- what the settings page shows ----------------------------------------------------------------


@dataclass(frozen=True)
class KeptCopy:
    """A file kept next to the database: a damaged one moved aside, or the data replaced by a restore."""

    path: Path
    kind: str  # "damaged" | "before restore"
    size: int


def store_status(store: Store) -> BackupInfo:
    """Size (with its journal), schema version and row counts of the live database."""
    size = sum(os.path.getsize(f"{store.path}{s}") for s in ("", *SIDE_FILES) if os.path.isfile(f"{store.path}{s}"))
    with closing(connect(store.path)) as conn:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        counts = _counts(conn)
    return BackupInfo(store.path, size, version, counts)


def kept_copies(store_path: Path) -> list[KeptCopy]:
    """Damaged databases moved aside and pre-restore copies next to ``store_path``, newest first."""
    out = []
    if not store_path.parent.is_dir():
        return out
    for p in store_path.parent.iterdir():
        for tag, kind in (("corrupt", "damaged"), ("before-restore", "before restore")):
            if p.name.startswith(f"{store_path.name}.{tag}-") and not p.name.endswith(SIDE_FILES):
                out.append(KeptCopy(p, kind, p.stat().st_size if p.is_file() else 0))
    def stamp(k: KeptCopy) -> str:
        found = re.search(r"\d{8}T\d{6}Z(-\d+)?$", k.path.name)
        return found.group(0) if found else ""

    return sorted(out, key=stamp, reverse=True)


# --- checking a file ------------------------------------------------------------------------------


def _prepare(file: Path, workdir: Path) -> tuple[Path, int]:
    """Check ``file`` and make a private, migrated copy of it in ``workdir``; returns (copy, original version).

    Raises BackupError (with a message for the user) when the file cannot be restored.
    """
    label = file.name or str(file)
    if not file.exists():
        raise BackupError(f"{file} does not exist")
    if not file.is_file():
        raise BackupError(f"{file} is not a file")
    try:
        with open(file, "rb") as fh:
            magic = fh.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BackupError(f"cannot read {file}: {exc.strerror or exc}") from None
    if magic != SQLITE_MAGIC:
        raise BackupError(f"{label} is not a backup of this app: it is not an SQLite database")
    fd, work_name = tempfile.mkstemp(prefix=".restore-", suffix=".sqlite3", dir=workdir)
    os.close(fd)
    work = Path(work_name)
    try:
        shutil.copyfile(file, work)
        wal = Path(f"{file}-wal")
        if wal.is_file():  # a raw copy of a live database, with its journal next to it
            shutil.copyfile(wal, f"{work}-wal")
        version = _check_and_migrate(work, label)
    except BaseException:
        _remove_db_files(work)
        raise
    return work, version


def _check_and_migrate(work: Path, label: str) -> int:
    damaged = f"{label} is damaged and cannot be restored"
    try:
        with closing(sqlite3.connect(work, isolation_level=None)) as conn:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            conn.execute("PRAGMA journal_mode = DELETE")
            problems = integrity_problems(conn)
            if problems:
                raise BackupError(f"{damaged} (integrity check: {problems[0].splitlines()[-1][:200]})")
            if version > db.SCHEMA_VERSION:
                raise BackupError(
                    f"{label} was made by a newer version of the app (schema {version}; this version understands "
                    f"up to {db.SCHEMA_VERSION}). Update the app to restore it."
                )
            tables = _tables(conn)
            if version < 1:
                raise BackupError(f"{label} is not a backup of this app: it is an SQLite database without our schema")
            missing = []
            for table, columns in expected_schema(version).items():
                if table not in tables:
                    missing.append(table)
                elif not columns <= tables[table]:
                    missing.append(f"{table}.{'/'.join(sorted(columns - tables[table]))}")
            if missing:
                raise BackupError(f"{label} is not a backup of this app: it lacks {', '.join(sorted(missing))}")
            orphans = conn.execute("PRAGMA foreign_key_check").fetchall()
            if orphans:
                raise BackupError(f"{damaged}: {len(orphans)} row(s) in {orphans[0][0]} refer to rows that do not exist")
            try:
                migrate(conn)
            except StoreError as exc:
                raise BackupError(f"{label} could not be brought up to date: {exc}") from None
            if integrity_problems(conn):
                raise BackupError(f"{damaged} (it failed its integrity check after migration)")
            return version
    except sqlite3.DatabaseError as exc:
        if is_corruption(exc):
            raise BackupError(f"{damaged} ({exc})") from None
        raise BackupError(f"{label} could not be read: {exc}") from None


def inspect(file: Path | str) -> BackupInfo:
    """Check a backup file without restoring it (BackupError when it would be refused)."""
    file = Path(file)
    with tempfile.TemporaryDirectory(prefix="bilingual-inspect-") as tmp:
        work, version = _prepare(file, Path(tmp))
        with closing(sqlite3.connect(work)) as conn:
            counts = _counts(conn)
    return BackupInfo(file, file.stat().st_size, version, counts)


def inspect_bytes(data: bytes, name: str = "the uploaded file") -> BackupInfo:
    with tempfile.TemporaryDirectory(prefix="bilingual-inspect-") as tmp:
        path = Path(tmp) / (Path(name).name or "upload")
        path.write_bytes(data)
        return inspect(path)


# --- restore --------------------------------------------------------------------------------------


def _keep_previous(store_path: Path) -> tuple[Path | None, str]:
    """Keep the live database as ``<name>.before-restore-<ts>``; returns (that path, damage note)."""
    if not store_path.exists() or (store_path.stat().st_size == 0 and not Path(f"{store_path}-wal").exists()):
        return None, ""
    dest = free_sibling(store_path, "before-restore")
    try:
        with closing(connect(store_path)) as live:
            live.execute("PRAGMA user_version").fetchone()  # reads the header: not-a-database shows here
            _copy_db(live, dest)
        return dest, ""
    except sqlite3.DatabaseError as exc:
        _remove_db_files(dest)
        if not is_corruption(exc):
            raise BackupError(f"could not keep a copy of your current data ({_plain(exc)}); nothing was changed") from None
        # the live file is unreadable: keep its bytes by moving it (and its journal) aside instead
        try:
            return move_aside(store_path, "before-restore"), str(exc)
        except OSError as err:
            raise BackupError(f"could not move your current (damaged) data aside: {err}; nothing was changed") from None


def restore(file: Path | str, store_path: Path | str | None = None) -> RestoreInfo:
    """Check ``file`` and make it the learner's database; the current data is kept aside first.

    Raises BackupError (nothing changed) when the file is not a sound backup of this app.
    """
    file = Path(file).expanduser()
    store_path = Path(store_path) if store_path else paths.db_path()
    if file.exists() and store_path.exists() and file.resolve() == store_path.resolve():
        raise BackupError(f"{file} is the live database itself; choose a backup file")
    try:
        store_path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackupError(f"cannot create the data directory {store_path.parent}: {exc.strerror or exc}") from None
    try:
        work, source_version = _prepare(file, store_path.parent)
    except OSError as exc:
        raise BackupError(f"cannot prepare the restore in {store_path.parent}: {exc.strerror or exc}") from None
    try:
        with file_lock(store_path):
            previous, damage = _keep_previous(store_path)
            try:
                with closing(connect(store_path)) as live:
                    if live.execute("PRAGMA journal_mode = WAL").fetchone()[0].lower() == "wal":
                        # a WAL database cannot change page size: bring the copy to the live one's
                        page_size = live.execute("PRAGMA page_size").fetchone()[0]
                        with closing(sqlite3.connect(work, isolation_level=None)) as w:
                            if w.execute("PRAGMA page_size").fetchone()[0] != page_size:
                                w.execute(f"PRAGMA page_size = {int(page_size)}")
                                w.execute("VACUUM")
                    with closing(sqlite3.connect(work)) as src:
                        src.backup(live)  # one write transaction on the live database: all or nothing
                    problems = integrity_problems(live)
                    if problems:  # pragma: no cover - the copy passed the same check a moment ago
                        raise BackupError(f"the restored database failed its integrity check ({problems[0]})")
                    live.execute("PRAGMA journal_mode = WAL")
                    version = live.execute("PRAGMA user_version").fetchone()[0]
                    counts = _counts(live)
            except sqlite3.Error as exc:
                kept = f"; your previous data is kept as {previous}" if previous else ""
                raise BackupError(f"the restore failed: {_plain(exc)}{kept}") from None
    finally:
        _remove_db_files(work)
    return RestoreInfo(file, store_path, previous, source_version, version, counts, damage)


def restore_bytes(data: bytes, store_path: Path | str | None = None, name: str = "the uploaded file") -> RestoreInfo:
    """Restore from bytes (the app's upload); same checks and messages as ``restore``."""
    with tempfile.TemporaryDirectory(prefix="bilingual-upload-") as tmp:
        path = Path(tmp) / (Path(name).name or "upload")
        path.write_bytes(data)
        return restore(path, store_path)
