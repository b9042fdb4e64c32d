"""Faults of the learner's database while the app runs, and what the learner is told about them.

The back ends turn the driver's errors into one exception, ``StoreFault`` (``bilingual.errors``),
with a ``FaultKind``: ``sqlite_kind`` and ``postgres_kind`` classify an error, or return None for
one that is a bug (a constraint, a syntax error), which stays what it is. The pages (through
``ui.data``) and the command line (``bilingual.cli.common``) word their messages here, so both say
the same thing:

* ``refused(fault, "Your answer")``: a write that did not happen ("Your answer could not be saved:
  the disk is full. Nothing saved before is lost. Free some space on the disk, then try again.");
* ``unreadable(fault)``: the data cannot even be read (a PostgreSQL server that is down);
* ``notice_text(...)``: what the store did about a damaged, deleted or replaced file (said once).

Every write is one transaction, so a refused write leaves nothing half-done.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from pathlib import Path

from bilingual.errors import FaultKind, StoreFault

__all__ = [
    "RECOVERED_KINDS",
    "FaultKind",
    "FaultNotice",
    "StoreFault",
    "advice",
    "message",
    "notice_text",
    "postgres_kind",
    "reason_for",
    "refused",
    "sqlite_kind",
    "unreadable",
]

#: Kinds the store repairs by itself (the file is set aside or recreated); a retry then works.
RECOVERED_KINDS = frozenset({FaultKind.DAMAGED, FaultKind.DELETED, FaultKind.REPLACED})

_REASONS = {
    FaultKind.DAMAGED: "your database file was damaged",
    FaultKind.DELETED: "your database file was deleted",
    FaultKind.REPLACED: "your database file was replaced by another file",
    FaultKind.READ_ONLY: "your data folder is read-only",
    FaultKind.DISK_FULL: "the disk is full",
    FaultKind.UNAVAILABLE: "the database server cannot be reached",
    FaultKind.BUSY: "another program keeps the database busy",
    FaultKind.IO: "the disk could not be read or written",
}


def reason_for(kind: FaultKind, folder: str = "") -> str:
    """The fault in plain words ("the disk is full")."""
    if kind is FaultKind.READ_ONLY and folder:
        return f"your data folder {folder} is read-only"
    return _REASONS[kind]


def advice(fault: StoreFault) -> str:
    """What to do next (one sentence)."""
    if fault.kind is FaultKind.DISK_FULL:
        return "Free some space on the disk, then try again."
    if fault.kind is FaultKind.READ_ONLY:
        return f"Make {fault.folder or 'the folder'} writable again, then try again."
    if fault.kind is FaultKind.UNAVAILABLE:
        return "Try again once the server is back (ask whoever runs it)."
    if fault.kind is FaultKind.BUSY:
        return "Try again in a moment."
    if fault.kind in RECOVERED_KINDS:
        return ("The app now works on a fresh database: try again, and restore your newest backup on the "
                "'Your data' page to get your earlier data back.")
    return "Check the disk, then try again."


def refused(fault: StoreFault, what: str = "Your change") -> str:
    """A write that was refused, for the learner: ``what`` could not be saved, why, and what to do."""
    if fault.kind in RECOVERED_KINDS:
        return f"{what} could not be saved: {fault.reason}. {advice(fault)}"
    return f"{what} could not be saved: {fault.reason}. Nothing saved before is lost. {advice(fault)}"


def unreadable(fault: StoreFault, *, page: bool = True) -> str:
    """Data that cannot be read right now, for the learner (on a page, or at the command line)."""
    again = "The page works again as soon as it is fixed: reload it." if page else "Run the command again once it is fixed."
    return f"Your data cannot be read right now: {fault.reason}. Nothing saved before is lost. {advice(fault)} {again}"


def message(fault: StoreFault, what: str = "Your change", *, page: bool = True) -> str:
    """The one message for a fault met by a write (``refused``) or a read (``unreadable``)."""
    return refused(fault, what) if fault.write else unreadable(fault, page=page)


@dataclass(frozen=True)
class FaultNotice:
    """Something the store did about its file while the app ran (or found at start-up); said once."""

    serial: int
    kind: FaultKind
    message: str
    moved_aside: Path | None = None


def notice_text(kind: FaultKind, location: str, *, moved_aside: Path | None = None, detail: str = "",
                restorable: bool = True) -> str:
    """What happened to the database file and what the app did about it (one paragraph)."""
    why = f" ({detail})" if detail else ""
    restore = (" If you have a backup, restore it (the 'Your data' page, or `python -m bilingual restore FILE`)."
               if restorable else "")
    if kind is FaultKind.DELETED:
        return f"Your database {location} was deleted or emptied while the app was running{why}. A new, empty one was started.{restore}"
    if kind is FaultKind.REPLACED and moved_aside is None:
        return (f"Your database file {location} was replaced by another file while the app was running; the app now "
                f"uses that file.{restore}")
    if kind is FaultKind.READ_ONLY:
        return (f"Your data folder is read-only: {location}. You can read and practise, but nothing can be saved "
                "until it is writable again.")
    kept = f" It was kept as {moved_aside} and a fresh, empty database was started." if moved_aside else ""
    return f"Your database {location} was damaged{why}.{kept}{restore}"


# --- classifying the drivers' errors ------------------------------------------------------------


def sqlite_kind(exc: BaseException) -> FaultKind | None:
    """The fault an ``sqlite3`` error stands for, or None (a constraint, a bug: not a fault)."""
    if not isinstance(exc, sqlite3.Error):
        return None
    name = getattr(exc, "sqlite_errorname", "") or ""
    text = str(exc).lower()
    if name.startswith(("SQLITE_CORRUPT", "SQLITE_NOTADB")) or (not name and ("not a database" in text or "malformed" in text)):
        return FaultKind.DAMAGED
    if name == "SQLITE_READONLY_DBMOVED":
        return FaultKind.DELETED
    if name.startswith("SQLITE_READONLY") or (not name and "readonly" in text):
        return FaultKind.READ_ONLY
    if name == "SQLITE_FULL" or (not name and "disk is full" in text):
        return FaultKind.DISK_FULL
    if name.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")) or (not name and "locked" in text):
        return FaultKind.BUSY
    if name.startswith("SQLITE_CANTOPEN") or (not name and "unable to open" in text):
        return FaultKind.READ_ONLY  # the caller checks: a missing file is DELETED
    if name.startswith("SQLITE_IOERR") or (not name and "i/o error" in text):
        return FaultKind.IO
    if isinstance(exc, sqlite3.OperationalError) and "no such table" in text:
        return FaultKind.DELETED  # the tables went away: the file was emptied or swapped for an empty one
    return None


#: SQLSTATE (or its class, two characters) -> fault
_SQLSTATES = {
    "53100": FaultKind.DISK_FULL, "25006": FaultKind.READ_ONLY, "53300": FaultKind.BUSY, "55P03": FaultKind.BUSY,
    "57014": FaultKind.BUSY, "40001": FaultKind.BUSY, "40P01": FaultKind.BUSY, "XX001": FaultKind.DAMAGED,
    "XX002": FaultKind.DAMAGED, "58030": FaultKind.IO, "08": FaultKind.UNAVAILABLE, "57P01": FaultKind.UNAVAILABLE,
    "57P02": FaultKind.UNAVAILABLE, "57P03": FaultKind.UNAVAILABLE, "57P05": FaultKind.UNAVAILABLE,
}


def postgres_kind(exc: BaseException) -> FaultKind | None:
    """The fault a psycopg / pool error stands for, or None (a constraint, a bug: not a fault)."""
    import psycopg
    from psycopg_pool import PoolTimeout

    if isinstance(exc, PoolTimeout):
        return FaultKind.UNAVAILABLE
    if not isinstance(exc, psycopg.Error):
        return None
    state = getattr(exc, "sqlstate", None) or ""
    if state:
        return _SQLSTATES.get(state) or _SQLSTATES.get(state[:2])
    if isinstance(exc, (psycopg.OperationalError, psycopg.InterfaceError)):
        return FaultKind.UNAVAILABLE  # no SQLSTATE: the connection failed or was lost
    return None
