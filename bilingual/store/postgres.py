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

Faults while running become ``StoreFault`` (``bilingual.store.faults.postgres_kind``): a server that
stopped or a lost connection is ``UNAVAILABLE``. A read that met a lost connection is tried once more
on a new one (the server may be back, or only that connection was cut); while the server is down,
each call first makes one quick direct attempt (at most one a second) and fails at once instead of
waiting for the pool; once it answers again the pool's dead connections are dropped and everything
works without a restart.

The whole-database backup of a PostgreSQL store is ``pg_dump`` (see the README); the per-learner
portable export works on both back ends (``bilingual.accounts.portable``).
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, TypeVar

from bilingual.errors import StoreError
from bilingual.store.base import Dialect, OpenReport, Result, Store, lock_number
from bilingual.store.faults import FaultKind, StoreFault, postgres_kind, reason_for

__all__ = ["PG_MIGRATIONS", "POOL_SIZE_ENV", "PostgresStore", "Row", "pg_sql", "redact"]

#: Connections per app process (default 10).
POOL_SIZE_ENV = "BILINGUAL_POOL_SIZE"
MIGRATIONS_DIR = Path(__file__).with_name("migrations") / "postgresql"
_MIGRATION_LOCK = lock_number("bilingual.schema")
_CONNECT_TIMEOUT = 15
#: while the server is down: the quick direct attempt's timeout, and how often one is made
_PROBE_TIMEOUT = 3
_PROBE_EVERY = 1.0
T = TypeVar("T")


def _load(directory: Path) -> list[str]:
    from bilingual.store.schema import load_migrations

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


def _result(cursor: Any) -> Result:
    """A finished statement's rows and row count (the connection goes back to the pool)."""
    return Result(cursor.fetchall() if cursor.description else [], cursor.rowcount)


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
        self.notices: list = []
        self._down_since: float | None = None  # the server stopped answering (monotonic time), or None
        self._last_probe = 0.0
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
        from bilingual.store.schema import newer_version_message

        with self.pool.connection() as conn, conn.transaction():
            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_MIGRATION_LOCK,))
            conn.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
            row = conn.execute("SELECT version FROM schema_version").fetchone()
            if row is None:
                conn.execute("INSERT INTO schema_version(version) VALUES (0)")
            version = int(row[0]) if row else 0
            if version > len(PG_MIGRATIONS):
                raise StoreError(f"{self.location}: {newer_version_message(version, len(PG_MIGRATIONS))}")
            from bilingual.store.schema import Skipped, apply_late, apply_step

            def run(sql: str, params: Sequence = ()) -> list:
                cur = conn.execute(pg_sql(sql), params) if params else conn.execute(sql)
                return cur.fetchall() if cur.description else []

            conn.execute("ALTER TABLE schema_version ADD COLUMN IF NOT EXISTS skipped TEXT NOT NULL DEFAULT ''")
            skipped = Skipped(
                lambda: [int(x) for x in str(conn.execute("SELECT skipped FROM schema_version").fetchone()[0]).split(",") if x],
                lambda numbers: conn.execute("UPDATE schema_version SET skipped = %s", (",".join(map(str, numbers)),)),
            )
            while version < len(PG_MIGRATIONS):
                with conn.transaction():
                    apply_step(version + 1, PG_MIGRATIONS, run, conn.execute, skipped)
                    version += 1
                    conn.execute("UPDATE schema_version SET version = %s", (version,))
            with conn.transaction():
                apply_late(PG_MIGRATIONS, run, conn.execute, skipped)

    # --- faults ---------------------------------------------------------------------------

    def _fault(self, exc: BaseException, *, write: bool = False) -> StoreFault | None:
        kind = postgres_kind(exc)
        if kind is None:
            return None
        if kind is FaultKind.UNAVAILABLE and self._down_since is None:
            self._down_since = self._last_probe = time.monotonic()
        return StoreFault(kind, reason_for(kind), write=write)

    def _server_answers(self) -> bool:
        """While the server is down: one quick direct attempt (at most every _PROBE_EVERY s); True once it answers."""
        import psycopg

        if self._down_since is None:
            return True
        now = time.monotonic()
        if now - self._last_probe < _PROBE_EVERY:
            return False
        self._last_probe = now
        try:
            psycopg.connect(self.url, connect_timeout=_PROBE_TIMEOUT).close()
        except psycopg.Error:
            return False
        self._down_since = None
        self.pool.check()  # drop the connections the server closed when it went away
        return True

    def _use(self, op: Callable[[Any], T], *, write: bool) -> T:
        """Run ``op`` on a connection (this thread's transaction's, or one from the pool); faults become StoreFault."""
        import psycopg
        from psycopg_pool import PoolTimeout

        conn = self._conn()
        if conn is not None:  # inside transaction(): its connection, its errors
            try:
                return op(conn)
            except psycopg.Error as exc:
                fault = self._fault(exc, write=True)
                if fault is None:
                    raise
                raise fault from None
        for attempt in (1, 2):
            if not self._server_answers():
                raise StoreFault(FaultKind.UNAVAILABLE, reason_for(FaultKind.UNAVAILABLE), write=write)
            try:
                with self.pool.connection() as conn:
                    return op(conn)
            except (psycopg.Error, PoolTimeout) as exc:
                fault = self._fault(exc, write=write)
                if fault is None:
                    raise
                if write or attempt == 2 or fault.kind is not FaultKind.UNAVAILABLE:
                    raise fault from None
                self._last_probe = 0.0  # a read met a lost connection: try the server again now
        raise AssertionError("unreachable")  # pragma: no cover

    # --- use ------------------------------------------------------------------------------

    def _conn(self) -> Any:
        return getattr(self._local, "conn", None)

    @contextmanager
    def transaction(self) -> Iterator[Any]:
        """One atomic write on one pooled connection; nested calls become savepoints."""
        import psycopg
        from psycopg_pool import PoolTimeout

        conn = self._conn()
        if conn is not None:
            with conn.transaction():
                yield conn
            return
        if not self._server_answers():
            raise StoreFault(FaultKind.UNAVAILABLE, reason_for(FaultKind.UNAVAILABLE), write=True)
        try:
            with self.pool.connection() as conn:
                self._local.conn = conn
                try:
                    with conn.transaction():
                        yield conn
                finally:
                    self._local.conn = None
        except (psycopg.Error, PoolTimeout) as exc:
            fault = self._fault(exc, write=True)
            if fault is None:
                raise
            raise fault from None
        except StoreFault as fault:
            fault.write = True
            raise

    def lock(self, name: str) -> None:
        if self._conn() is None:
            raise RuntimeError("lock() is for use inside transaction()")
        self.execute("SELECT pg_advisory_xact_lock(?)", (lock_number(name),))

    def execute(self, sql: str, params: Sequence | dict = ()) -> Result:
        query = pg_sql(sql) if params else sql
        return self._use(lambda conn: _result(conn.execute(query, params or None)), write=True)

    def executemany(self, sql: str, rows: list) -> Result:
        with self.transaction() as conn, conn.cursor() as cur:
            cur.executemany(pg_sql(sql), rows)
            return Result([], cur.rowcount)

    def query(self, sql: str, params: Sequence | dict = ()) -> list:
        query = pg_sql(sql) if params else sql
        return self._use(lambda conn: _result(conn.execute(query, params or None)), write=False).fetchall()

    def ping(self) -> None:
        """One round trip: StoreFault when the server cannot be reached."""
        self.query("SELECT 1")

    def check(self) -> str:
        """'ok' when the server answers and the schema is this app's."""
        return "ok" if self.schema_version() == len(PG_MIGRATIONS) else f"schema version {self.schema_version()}"

    def schema_version(self) -> int:
        return int(self.scalar("SELECT version FROM schema_version"))

    def close(self) -> None:
        self.pool.close()
