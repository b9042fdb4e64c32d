"""Test-wide setup: user data in a temp dir, and no network except loopback.

The environment is set before any project or argostranslate import, so nothing touches the real
home directory; every socket connection to anything but 127.0.0.1 / ::1 / a Unix socket fails the test.
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import traceback
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

_SESSION_HOME = Path(tempfile.mkdtemp(prefix="bilingual-tests-"))
for var, sub in (
    ("HOME", "home"),
    ("XDG_DATA_HOME", "xdg-data"),
    ("XDG_CONFIG_HOME", "xdg-config"),
    ("XDG_CACHE_HOME", "xdg-cache"),
    ("BILINGUAL_DATA_DIR", "bilingual-data"),
):
    os.environ[var] = str(_SESSION_HOME / sub)
    (_SESSION_HOME / sub).mkdir(parents=True, exist_ok=True)
os.environ["ARGOS_PACKAGES_DIR"] = str(_SESSION_HOME / "bilingual-data" / "argos-packages")
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
os.environ.setdefault("BILINGUAL_BCRYPT_ROUNDS", "4")  # bcrypt's cheapest work factor: the same code, fast tests
for var in ("BILINGUAL_DATABASE_URL", "BILINGUAL_ACCOUNTS", "BILINGUAL_SESSION_HOURS"):
    os.environ.pop(var, None)  # every test starts on the SQLite default, without accounts

LOOPBACK = {"127.0.0.1", "::1", "localhost", "0.0.0.0"}


class NetworkBlocked(RuntimeError):
    pass


def _host_of(address: object) -> str | None:
    if isinstance(address, tuple) and address:
        return str(address[0])
    return None  # AF_UNIX paths and the like


_real_connect = socket.socket.connect
_real_connect_ex = socket.socket.connect_ex
_real_create_connection = socket.create_connection


def _check(address: object) -> None:
    host = _host_of(address)
    if host is not None and host not in LOOPBACK:
        raise NetworkBlocked(f"tests may not open network connections (attempted {address!r})")


def _guarded_connect(self, address):
    _check(address)
    return _real_connect(self, address)


def _guarded_connect_ex(self, address):
    _check(address)
    return _real_connect_ex(self, address)


def _guarded_create_connection(address, *args, **kwargs):
    _check(address)
    return _real_create_connection(address, *args, **kwargs)


socket.socket.connect = _guarded_connect
socket.socket.connect_ex = _guarded_connect_ex
socket.create_connection = _guarded_create_connection


@pytest.fixture
def data_dir(tmp_path, monkeypatch) -> Path:
    """A fresh user data directory (database, models, cache) for one test."""
    d = tmp_path / "userdata"
    monkeypatch.setenv("BILINGUAL_DATA_DIR", str(d))
    monkeypatch.delenv("BILINGUAL_DB", raising=False)
    return d


# --- a throw-away PostgreSQL server (tests/fixtures/pgcluster.py) ---------------------------------
#
# ``pg_cluster`` (session): one private server on 127.0.0.1 in a temp dir, started on first use and
# stopped at the end (a watchdog stops it even if the run is killed). ``pg_url``: a new empty database
# per test. Tests using them are marked ``postgres``. Without PostgreSQL installed they FAIL with the
# reason (scripts/install-dev.sh installs it); they never skip.

_PG_FIXTURES = {"pg_cluster", "pg_url", "own_cluster"}
_pg_databases = iter(range(1, 1_000_000))


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: needs a real PostgreSQL server (a throw-away cluster; fails, never skips, without PostgreSQL)"
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    for item in items:
        if _PG_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)


@pytest.fixture(scope="session")
def pg_cluster(tmp_path_factory):
    from tests.fixtures.pgcluster import FAST_SETTINGS, ClusterError, PostgresNotFound, start_cluster

    problem = ""
    try:
        cluster = start_cluster(tmp_path_factory.mktemp("postgres"), settings=FAST_SETTINGS)
    except PostgresNotFound as exc:
        problem = f"PostgreSQL is required for the tests marked 'postgres' but is not installed: {exc}"
    except ClusterError as exc:
        problem = f"could not start a throw-away PostgreSQL server: {exc}"
    if problem:  # outside the except block: one clear line, no chained traceback
        pytest.fail(problem, pytrace=False)
    try:
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture
def own_cluster(tmp_path):
    """A throw-away PostgreSQL server of this test's own (it may stop it: ``pause`` / ``resume``)."""
    from tests.fixtures.pgcluster import FAST_SETTINGS, start_cluster

    cluster = start_cluster(tmp_path, settings=FAST_SETTINGS)
    yield cluster
    cluster.stop()


@pytest.fixture
def pg_url(pg_cluster) -> str:
    """The URL of a new, empty database on the test server (one per test)."""
    return pg_cluster.create_database(f"t{next(_pg_databases)}")


@pytest.fixture(params=["sqlite", "postgresql"])
def any_store(request, data_dir):
    """A fresh, migrated store on each back end: the same repository tests run against both."""
    from bilingual.store import Store

    if request.param == "postgresql":
        request.applymarker(pytest.mark.postgres)
        store = Store(request.getfixturevalue("pg_url"))
    else:
        store = Store(data_dir / "bilingual.sqlite3")
    yield store
    store.close()


NOBODY = 65534


@pytest.fixture
def shared_dir():
    """A temp dir every user can enter (for :func:`as_unprivileged`); removed afterwards."""
    d = Path(tempfile.mkdtemp(prefix="bilingual-shared-"))
    d.chmod(0o755)
    yield d
    shutil.rmtree(d, ignore_errors=True)


def as_unprivileged(fn) -> None:
    """Run ``fn()`` without root's power over file permissions: directly when the tests do not run as
    root; as root (CI), in a forked child that first becomes ``nobody``. The child's exception (an
    assertion included) fails the test with its traceback, so a permission test never skips."""
    if os.geteuid() != 0:
        fn()
        return
    r, w = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: never returns into pytest
        os.close(r)
        code = 0
        try:
            os.setgroups([])
            os.setgid(NOBODY)
            os.setuid(NOBODY)
            fn()
        except BaseException:
            os.write(w, traceback.format_exc().encode())
            code = 1
        os._exit(code)
    os.close(w)
    with os.fdopen(r, "rb") as pipe:
        report = pipe.read().decode(errors="replace")
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        pytest.fail(f"as the unprivileged user {NOBODY}:\n{report}", pytrace=False)
