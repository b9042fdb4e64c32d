"""The shared-server back end of the learner's database: PostgreSQL through psycopg 3 and a pool.

Chosen by ``BILINGUAL_DATABASE_URL=postgresql://user:password@host:port/dbname`` (or
``Store("postgresql://...")``). The repository functions are the same as for SQLite: their SQL is
written once with ``?`` placeholders, which ``pg_sql`` turns into psycopg's ``%s`` (and a literal
``%`` into ``%%``). The schema comes from ``migrations/postgresql/NNN_*.sql``, the same steps as the
SQLite files in ``migrations/``, applied on open under an advisory lock so several app processes
starting at once migrate once. The version is kept in a one-row table ``schema_version``.

Connections come from a ``psycopg_pool.ConnectionPool`` in autocommit mode: a single statement is
one round trip; ``transaction()`` checks a connection out for the whole block (nested blocks are
savepoints). READ COMMITTED lets writers interleave where SQLite serialises them, so
read-modify-write code takes ``lock(name)`` (``pg_advisory_xact_lock``) first.

The whole-database backup of a PostgreSQL store is ``pg_dump`` (see the README); the per-learner
portable export works on both back ends (``bilingual.accounts.portable``).
"""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

from bilingual.errors import StoreError
from bilingual.store.base import Dialect, OpenReport, Store, lock_number

__all__ = ["PG_MIGRATIONS", "POOL_SIZE_ENV", "PostgresStore", "Row", "pg_sql", "redact"]

#: Connections per app process (default 10).
POOL_SIZE_ENV = "BILINGUAL_POOL_SIZE"
MIGRATIONS_DIR = Path(__file__).with_name("migrations") / "postgresql"
_MIGRATION_LOCK = lock_number("bilingual.schema")
_CONNECT_TIMEOUT = 15


def _load(directory: Path) -> list[str]:
    from bilingual.store.db import load_migrations

    return load_migrations(directory)


#: MIGRATIONS for PostgreSQL: PG_MIGRATIONS[i] takes the schema from version i to i + 1.
PG_MIGRATIONS: list[str] = _load(MIGRATIONS_DIR)

_TOKEN = re.compile(r"'(?:[^']|'')*'|\"(?:[^\"]|\"\")*\"|\?|%")


@lru_cache(maxsize=1024)
def pg_sql(sql: str) -> str:
    """``?`` placeholders (outside quoted literals and names) become ``%s``; every ``%`` becomes ``%%``
    (psycopg reads one anywhere in a query with parameters, even inside a literal)."""

    def swap(m: re.Match) -> str:
        token = m.group(0)
        return "%s" if token == "?" else token.replace("%", "%%")

    return _TOKEN.sub(swap, sql)


class Row:
    """A result row like ``sqlite3.Row``: ``row[0]``, ``row["name"]``, ``keys()``, ``dict(row)``."""

    __slots__ = ("_index", "_values")

    def __init__(self, index: dict[str, int], values: Sequence):
        self._index = index
        self._values = tuple(values)

    def __getitem__(self, key: int | str | slice) -> Any:
        if isinstance(key, str):
            return self._values[self._index[key]]
        return self._values[key]

    def keys(self) -> list[str]:
        return list(self._index)

    def __iter__(self) -> Iterator:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return tuple(self) == tuple(other) if isinstance(other, (Row, tuple)) else NotImplemented

    def __hash__(self) -> int:
        return hash(self._values)

    def __repr__(self) -> str:
        return f"Row({dict(zip(self._index, self._values, strict=True))!r})"


def _row_factory(cursor: Any):
    names = [d.name for d in cursor.description or ()]
    index = {n: i for i, n in enumerate(names)}
    return lambda values: Row(index, values)


class _Result:
    """A finished statement's rows and row count (the connection has gone back to the pool)."""

    def __init__(self, rows: list, rowcount: int):
        self._rows = rows
        self.rowcount = rowcount

    def fetchall(self) -> list:
        return list(self._rows)

    def fetchone(self) -> Any:
        return self._rows[0] if self._rows else None

    @classmethod
    def of(cls, cursor: Any) -> _Result:
        return cls(cursor.fetchall() if cursor.description else [], cursor.rowcount)


def redact(url: str) -> str:
    """The URL without its password (for messages and the 'Your data' page)."""
    return re.sub(r"(://[^:/@]+):[^@/]*@", r"\1:***@", url)


class PostgresStore(Store):
    """The learner's database on a PostgreSQL server, through a connection pool (thread-safe)."""

    dialect = Dialect.POSTGRESQL

    def __init__(self, url: str | None = None, *, pool_size: int | None = None):
        from bilingual.store.base import database_url

        url = url or database_url()
        if not url:
            raise StoreError("no PostgreSQL URL given")
        self.url = url
        self.path = None
        self.location = redact(url)
        self.report = OpenReport(self.location)
        self._local = threading.local()
        size = pool_size or int(os.environ.get(POOL_SIZE_ENV) or 10)
        self.pool = self._open_pool(max(1, size))
        try:
            self._migrate()
        except BaseException:
            self.pool.close()
            raise

    def _open_pool(self, size: int):
        import psycopg
        from psycopg_pool import ConnectionPool, PoolTimeout

        try:  # one direct attempt first: a wrong URL or a server that is down says why at once
            psycopg.connect(self.url, connect_timeout=_CONNECT_TIMEOUT).close()
        except psycopg.Error as exc:
            reason = redact(str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__)
            raise StoreError(f"cannot connect to the PostgreSQL database {self.location}: {reason}") from None
        pool = ConnectionPool(
            self.url, min_size=1, max_size=size, open=False, timeout=_CONNECT_TIMEOUT,
            kwargs={"autocommit": True, "row_factory": _row_factory, "connect_timeout": _CONNECT_TIMEOUT},
        )
        try:
            pool.open(wait=True, timeout=_CONNECT_TIMEOUT)
        except (PoolTimeout, psycopg.Error) as exc:
            pool.close()
            raise StoreError(f"cannot connect to the PostgreSQL database {self.location}: {exc}") from None
        return pool

    def _migrate(self) -> None:
        from bilingual.store.db import newer_version_message

        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            if row is None:
                conn.execute("INSERT INTO schema_version(version) VALUES (0)")
            version = int(row[0]) if row else 0
            if version > len(PG_MIGRATIONS):
                raise StoreError(f"{self.location}: {newer_version_message(version)}")
            for script in PG_MIGRATIONS[version:]:
                with conn.transaction():
                    conn.execute(script)
                    version += 1
                    conn.execute("UPDATE schema_version SET version = %s", (version,))

    # --- use ------------------------------------------------------------------------------

    def _conn(self) -> Any:
        return getattr(self._local, "conn", None)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One atomic write on one pooled connection; nested calls become savepoints."""
        conn = self._conn()
        if conn is not None:
            with conn.transaction():
                yield conn
            return
        with self.pool.connection() as conn:
            self._local.conn = conn
            try:
                with conn.transaction():
                    yield conn
            finally:
                self._local.conn = None

    def lock(self, name: str) -> None:
        if self._conn() is None:
            raise RuntimeError("lock() is for use inside transaction()")
        self.execute("SELECT pg_advisory_xact_lock(?)", (lock_number(name),))

    def _run(self, conn: Any, sql: str, params: Sequence | dict) -> _Result:
        if params:
            return _Result.of(conn.execute(pg_sql(sql), params))
        return _Result.of(conn.execute(sql))

    def execute(self, sql: str, params: Sequence | dict = ()) -> _Result:
        conn = self._conn()
        if conn is not None:
            return self._run(conn, sql, params)
        with self.pool.connection() as conn:
            return self._run(conn, sql, params)

    def executemany(self, sql: str, rows: list) -> _Result:
        with self.transaction() as conn, conn.cursor() as cur:
            cur.executemany(pg_sql(sql), rows)
            return _Result([], cur.rowcount)

    def query(self, sql: str, params: Sequence | dict = ()) -> list:
        return self.execute(sql, params).fetchall()

    def check(self) -> str:
        """'ok' when the server answers and the schema is this app's."""
        return "ok" if self.schema_version() == len(PG_MIGRATIONS) else f"schema version {self.schema_version()}"

    def schema_version(self) -> int:
        return int(self.scalar("SELECT version FROM schema_version"))

    def close(self) -> None:
        self.pool.close()
