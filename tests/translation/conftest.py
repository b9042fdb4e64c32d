"""Shared by the translation tests: a tiny random-weight Argos package, built once per session, installed."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual import translation
from bilingual.store import Store
from tests.fixtures.tiny_argos import build_package


@pytest.fixture(scope="session")
def pkg_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("argos-packages-built")


@pytest.fixture(scope="session")
def tiny_pkg(pkg_dir) -> Path:
    return build_package(pkg_dir / "v1_0", version="1.0", seed=1)


@pytest.fixture
def installed(data_dir, tiny_pkg) -> translation.ModelInfo:
    """The tiny package installed in this test's data directory."""
    return translation.install_from_file(tiny_pkg)


@pytest.fixture
def store(data_dir):
    s = Store()
    yield s
    s.close()
