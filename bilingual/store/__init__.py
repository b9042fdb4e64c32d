"""The learner's database: the connection (``db``), its migrations, one repository module per table
group (``profiles``, ``reviews``, ``texts``, ``terms``, ``mt_cache``) and backup/restore (``backup``).

Every SQL statement of the app lives in this package.
"""

from bilingual.errors import StoreError
from bilingual.store.db import MIGRATIONS, SCHEMA_VERSION, OpenReport, Store, utc_now

__all__ = ["MIGRATIONS", "SCHEMA_VERSION", "OpenReport", "Store", "StoreError", "utc_now"]
