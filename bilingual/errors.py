"""Every exception the app raises on purpose, in one hierarchy.

Each carries a message meant for the user (``str(exc)``); the command line (``bilingual.cli``)
turns each kind into one exit code, the pages into one message. Anything else is a bug.
"""

from __future__ import annotations

from pathlib import Path

__all__ = [
    "AccessDenied",
    "AccountError",
    "BackupError",
    "BilingualError",
    "DataError",
    "DownloadFailed",
    "ImportRefused",
    "IndexUnreachable",
    "LoginRefused",
    "InstallError",
    "ModelNotInstalled",
    "StoreError",
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
