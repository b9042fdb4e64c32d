"""The learner's database: the ``Store`` (``base``) with its two back ends, the embedded SQLite file
(``db``, the default) and PostgreSQL for a shared server (``postgres``), the migrations of both, one
repository module per table group (``profiles``, ``reviews``, ``texts``, ``terms``, ``mt_cache``,
``accounts``, ``classes``, ``learner_data``) and the SQLite file's backup/restore (``backup``).

Every SQL statement of the app lives in this package.
"""

from bilingual.errors import StoreError
from bilingual.store.base import DATABASE_URL_ENV, Dialect, OpenReport, Store, database_url_hint, utc_now
from bilingual.store.db import MIGRATIONS, SCHEMA_VERSION, SqliteStore
from bilingual.store.postgres import PostgresStore

__all__ = [
    "DATABASE_URL_ENV",
    "MIGRATIONS",
    "SCHEMA_VERSION",
    "Dialect",
    "OpenReport",
    "PostgresStore",
    "SqliteStore",
    "Store",
    "StoreError",
    "database_url_hint",
    "utc_now",
]
