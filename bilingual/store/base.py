"""What every back end of the learner's database shares: the ``Store`` type and how one is chosen.

``Store()`` opens the database the environment names: PostgreSQL when ``BILINGUAL_DATABASE_URL``
is a ``postgresql://`` URL (``bilingual.store.postgres``, psycopg 3 with a connection pool), else
the embedded SQLite file (``bilingual.store.db``, the default, no setting needed). ``Store(path)``
opens that SQLite file, ``Store("postgresql://...")`` that server. Both back ends run the same
repository functions: SQL is written once, with ``?`` placeholders; the PostgreSQL store turns
them into psycopg's ``%s`` (``pg_sql``). Rows support ``row[0]`` and ``row["name"]`` on both.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from pathlib import Path
from typing import Any

__all__ = [
    "DATABASE_URL_ENV",
    "Dialect",
    "OpenReport",
    "Result",
    "Store",
    "database_url",
    "database_url_hint",
    "is_postgres_url",
    "lock_number",
    "utc_now",
]

#: Set to ``postgresql://user:password@host:port/dbname`` to keep every learner's data in PostgreSQL.
DATABASE_URL_ENV = "BILINGUAL_DATABASE_URL"


class Dialect(StrEnum):
    SQLITE = "sqlite"
    POSTGRESQL = "postgresql"


def is_postgres_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("postgresql://", "postgres://"))


def database_url() -> str | None:
    """The PostgreSQL URL from the environment, or None (SQLite)."""
    url = (os.environ.get(DATABASE_URL_ENV) or "").strip()
    if not url:
        return None
    if not is_postgres_url(url):
        from bilingual.errors import StoreError

        raise StoreError(f"{DATABASE_URL_ENV} must be a postgresql:// URL (leave it unset to use the SQLite file)")
    return url


def database_url_hint(what: str) -> str:
    """Why ``backup``/``restore`` of the SQLite file do not apply to a PostgreSQL store, and what does."""
    return (
        f"`{what}` copies the SQLite file; this app keeps its data in PostgreSQL ({DATABASE_URL_ENV}). Back the whole "
        "database up with `pg_dump --format=custom --file=bilingual.dump DBNAME` and restore it with "
        "`pg_restore --clean --dbname=DBNAME bilingual.dump`; one learner's data moves with export-learner / import-learner."
    )


def utc_now() -> str:
    """The current time as stored in the database: ISO 8601 UTC with milliseconds (``…T07:35:25.123Z``)."""
    now = datetime.now(UTC)
    return now.strftime("%Y-%m-%dT%H:%M:%S.") + f"{now.microsecond // 1000:03d}Z"


def lock_number(key: str) -> int:
    """A stable signed 64-bit number for a lock name (PostgreSQL advisory locks take a bigint)."""
    return int.from_bytes(hashlib.sha256(key.encode("utf-8")).digest()[:8], "big", signed=True)


@dataclass(frozen=True)
class OpenReport:
    """What happened when the store was opened (shown to the user when not ``ok``)."""

    path: Path | str
    moved_aside: Path | None = None
    reason: str = ""

    @property
    def ok(self) -> bool:
        return self.moved_aside is None

    @property
    def message(self) -> str:
        """One paragraph for the user ('' when nothing happened)."""
        if self.ok:
            return ""
        return (
            f"Your database {self.path} was damaged ({self.reason}). It was kept as {self.moved_aside} "
            "and a fresh, empty database was started. If you have a backup, restore it "
            "(the 'Your data' page, or `python -m bilingual restore FILE`)."
        )


class Result:
    """A finished statement's rows and row count (the statement ran to its end: its write is done)."""

    def __init__(self, rows: list, rowcount: int):
        self._rows = rows
        self.rowcount = rowcount

    def fetchall(self) -> list:
        return list(self._rows)

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None


class Store:
    """The learner's database. ``Store(...)`` returns the back end for its argument (see the module doc).

    Every back end offers: ``transaction()`` (one atomic write; nested calls are savepoints),
    ``execute`` / ``executemany`` (a write, on its own or inside the transaction), ``query`` /
    ``one`` / ``scalar`` (reads), ``lock(name)`` (inside a transaction: serialise a
    read-modify-write with every other writer of that name), ``check()``, ``schema_version()``,
    ``close()``, the global settings (``get_setting`` / ``set_setting``) and ``report``.

    Faults while running (``bilingual.store.faults``): every method raises ``StoreFault`` for a store
    that cannot do what was asked (a full disk, a read-only folder, a server that is down), never the
    driver's error; ``ping()`` checks that the data can be read; ``notices`` lists what the store did
    about its file by itself (a damaged file set aside...), each to be told once.
    """

    dialect: Dialect
    #: the SQLite file (None for PostgreSQL)
    path: Path | None
    #: where the data is, for people: the file's path, or the server's URL without its password
    location: str

    #: what the store did about faults by itself, oldest first (``faults.FaultNotice``)
    notices: list
    #: the back end of each dialect (each registers itself when its module is imported)
    _backends: dict[Dialect, type[Store]] = {}

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        Store._backends[cls.dialect] = cls

    def __new__(cls, location: Path | str | None = None, *args: Any, **kwargs: Any) -> Store:
        if cls is Store:
            url = location if is_postgres_url(location) else (database_url() if location is None else None)
            cls = Store._backends[Dialect.POSTGRESQL if url else Dialect.SQLITE]
        return super().__new__(cls)

    # --- implemented by each back end -------------------------------------------------------

    @contextmanager
    def transaction(self) -> Iterator[Any]:  # pragma: no cover - abstract
        raise NotImplementedError
        yield

    def execute(self, sql: str, params: Sequence | dict = ()) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def executemany(self, sql: str, rows: list) -> Any:  # pragma: no cover - abstract
        raise NotImplementedError

    def query(self, sql: str, params: Sequence | dict = ()) -> list:  # pragma: no cover - abstract
        raise NotImplementedError

    def check(self) -> str:  # pragma: no cover - abstract
        raise NotImplementedError

    def schema_version(self) -> int:  # pragma: no cover - abstract
        raise NotImplementedError

    def close(self) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def ping(self) -> None:  # pragma: no cover - abstract
        """Raise StoreFault when the data cannot be read right now."""
        raise NotImplementedError

    def reopen(self) -> None:
        """Use the database as it is now (after this app replaced its file itself: a restore)."""

    def lock(self, name: str) -> None:
        """Inside ``transaction()``: wait for, then hold until commit, the lock called ``name``.

        SQLite needs nothing here (a write transaction already holds the one database lock)."""

    # --- shared -----------------------------------------------------------------------------

    def one(self, sql: str, params: Sequence | dict = ()) -> Any:
        """The first row of a read query, or None."""
        rows = self.query(sql, params)
        return rows[0] if rows else None

    def scalar(self, sql: str, params: Sequence | dict = ()) -> object:
        """The first column of the first row (None when there is no row)."""
        row = self.one(sql, params)
        return None if row is None else row[0]

    def get_setting(self, key: str, default: str | None = None) -> str | None:
        """An app-wide setting (per-learner settings are in ``bilingual.store.profiles``)."""
        row = self.one("SELECT value FROM settings WHERE key = ?", (key,))
        return row["value"] if row else default

    def set_setting(self, key: str, value: str) -> None:
        self.execute(
            "INSERT INTO settings(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value)
        )
