"""Every exception the app raises on purpose, in one hierarchy.

Each carries a message meant for the user (``str(exc)``); the command line (``bilingual.cli``)
turns each kind into one exit code, the pages into one message. Anything else is a bug.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

__all__ = [
    "AccessDenied",
    "AccountError",
    "BackupError",
    "BilingualError",
    "DataError",
    "DownloadFailed",
    "FaultKind",
    "ImportRefused",
    "IndexUnreachable",
    "LoginRefused",
    "InstallError",
    "ModelNotInstalled",
    "StoreError",
    "VocabRefused",
    "StoreFault",
]


class BilingualError(Exception):
    """Base class: a problem the user must be told about, in plain words."""


class DataError(BilingualError, ValueError):
    """A problem in a curated data file, naming the file, the entry and the field."""

    def __init__(self, file: str | Path, entry: str, field_name: str, message: str):
        self.file, self.entry, self.field, self.message = str(file), entry, field_name, message
        super().__init__(f"{file}: {entry}: {field_name}: {message}")


class StoreError(BilingualError, RuntimeError):
    """The learner's database cannot be used (not writable, newer schema, busy...)."""


class FaultKind(StrEnum):
    """What went wrong with the learner's database while the app ran (``StoreFault.kind``)."""

    DAMAGED = "damaged"  # its bytes are no longer a database (overwritten, truncated)
    DELETED = "deleted"  # the file went away (or was emptied)
    REPLACED = "replaced"  # another file took its place
    READ_ONLY = "read-only"  # the folder or the file cannot be written
    DISK_FULL = "disk full"
    UNAVAILABLE = "unavailable"  # the PostgreSQL server stopped, or the connection was lost
    BUSY = "busy"  # another program holds the database's lock for too long
    IO = "i/o"  # the disk could not be read or written


class StoreFault(StoreError):
    """The learner's database failed while the app ran (``kind``); nothing was half-written.

    ``reason`` says what happened in plain words; ``recovered`` is True when the store has already
    set things right (a damaged file moved aside, a deleted one recreated): the operation was not
    done, and trying again works. ``bilingual.store.faults`` words the learner's message.
    """

    def __init__(self, kind: FaultKind, reason: str, *, recovered: bool = False, folder: str = "", write: bool = False,
                 notice: str = ""):
        super().__init__(reason)
        self.kind, self.reason, self.recovered, self.folder = FaultKind(kind), reason, recovered, folder
        #: True when a write was refused (False: a read failed)
        self.write = write
        #: what the store did about its file on meeting this fault (moved a damaged one aside...), or ""
        self.notice = notice


class BackupError(BilingualError, RuntimeError):
    """A backup could not be written, or a file was refused for restore; the message says why."""


class InstallError(BilingualError):
    """Installing the translation model failed; nothing was changed."""


class IndexUnreachable(InstallError):
    """The Argos package index could not be read (usually: no internet)."""


class DownloadFailed(InstallError):
    """The model listed in the index could not be downloaded (usually: no internet)."""


class ModelNotInstalled(BilingualError):
    """No usable Arabic→English model is installed; the message says how to install one."""


class ImportRefused(BilingualError, ValueError):
    """Input the app will not import (a text, a file, a personal term); ``field`` names the form field."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


class AccountError(BilingualError, ValueError):
    """A learner account or class cannot be created or changed as asked (a taken or look-alike name,
    a weak password, no such user or class)."""


class LoginRefused(BilingualError):
    """A login failed: wrong name or password (one message for both), or too many attempts (``retry_after`` s)."""

    def __init__(self, message: str, retry_after: float = 0.0):
        super().__init__(message)
        self.retry_after = retry_after


class AccessDenied(BilingualError, PermissionError):
    """The signed-in learner may not see or change this (another learner's data, a teacher's page)."""


class VocabRefused(BilingualError, ValueError):
    """A word status, saved word or own translation the app will not store as asked (a word or
    sentence that is not there, an empty or too long gloss or translation)."""
