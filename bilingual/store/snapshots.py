"""Automatic backups of the SQLite database, and the newest backup to offer when the data is lost.

The app keeps a daily copy of the learner's database in ``<data dir>/backups/``
(``bilingual-auto-<UTC timestamp>.sqlite3``, made with ``backup.backup``: consistent while the app
writes, checked before it is kept), the newest ``KEEP`` of them. A copy is made when the newest is
older than ``EVERY``, and only of a database that holds the learner's work (answers, texts, terms):
a fresh, empty database never pushes a real backup out.

When a damaged file had to be set aside, or the file was deleted, ``newest_backup`` is what the
"Your data" page offers to restore: the newest of these copies and of the ``before-restore`` copies
kept by a restore, that passes the restore's checks.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from functools import lru_cache
from pathlib import Path

from bilingual.errors import BackupError, StoreError
from bilingual.store.backup import BackupInfo, backup, inspect, kept_copies
from bilingual.store.base import Dialect, Store

__all__ = ["DIR_NAME", "EVERY", "KEEP", "PREFIX", "daily_snapshot", "has_work", "newest_backup", "snapshot_dir", "snapshots"]

DIR_NAME = "backups"
PREFIX = "bilingual-auto-"
KEEP = 5
EVERY = timedelta(hours=20)
_STAMP = re.compile(r"(\d{8}T\d{6}Z)")


def snapshot_dir(store_path: Path) -> Path:
    return store_path.parent / DIR_NAME


def _stamp(path: Path) -> datetime | None:
    found = _STAMP.search(path.name)
    return datetime.strptime(found.group(1), "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC) if found else None


def snapshots(store_path: Path) -> list[Path]:
    """The automatic backups of this database, newest first."""
    folder = snapshot_dir(store_path)
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.name.startswith(PREFIX) and p.suffix == ".sqlite3" and _stamp(p)]
    return sorted(found, key=lambda p: _stamp(p), reverse=True)


def has_work(store: Store) -> bool:
    """True when the database holds some of a learner's work (an answer, a text, a personal term)."""
    return bool(store.scalar(
        "SELECT EXISTS (SELECT 1 FROM reviews) OR EXISTS (SELECT 1 FROM texts) OR EXISTS (SELECT 1 FROM personal_terms)"
    ))


def daily_snapshot(store: Store, *, now: datetime | None = None) -> Path | None:
    """Make today's automatic backup if it is due (see the module doc); the new file, or None.

    Never raises: a full disk or a read-only folder only means no backup today."""
    if store.dialect is not Dialect.SQLITE or getattr(store, "read_only", False):
        return None
    now = now or datetime.now(UTC)
    try:
        kept = snapshots(store.path)
        if kept and now - (_stamp(kept[0]) or now) < EVERY:
            return None
        if not has_work(store):
            return None
        folder = snapshot_dir(store.path)
        folder.mkdir(exist_ok=True)
        info = backup(store, folder / f"{PREFIX}{now.strftime('%Y%m%dT%H%M%SZ')}.sqlite3")
        for old in snapshots(store.path)[KEEP:]:
            old.unlink(missing_ok=True)
        return info.path
    except (BackupError, StoreError, OSError):
        return None


@lru_cache(maxsize=32)
def _checked(path: Path, size: int, mtime: float) -> BackupInfo | None:
    try:
        return inspect(path)
    except (BackupError, OSError):
        return None


def newest_backup(store_path: Path) -> BackupInfo | None:
    """The newest sound backup next to the database (an automatic one or a ``before-restore`` copy), or None."""
    candidates = [*snapshots(store_path), *(k.path for k in kept_copies(store_path) if k.kind == "before restore")]
    dated = sorted(((p, _stamp(p)) for p in candidates), key=lambda x: x[1] or datetime.min.replace(tzinfo=UTC), reverse=True)
    for path, _when in dated:
        try:
            st = path.stat()
        except OSError:
            continue
        info = _checked(path, st.st_size, st.st_mtime)
        if info is not None and info.counts and sum(info.counts.get(t, 0) for t in ("reviews", "texts", "personal_terms")):
            return info
    return None
