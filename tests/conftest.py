"""Test-wide setup: user data in a temp dir, and no network except loopback.

The environment is set before any project or argostranslate import, so nothing touches the real
home directory; every socket connection to anything but 127.0.0.1 / ::1 / a Unix socket fails the test.
"""

from __future__ import annotations

import os
import socket
import sys
import tempfile
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
