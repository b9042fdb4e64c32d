"""Shared by the page tests: Streamlit's caches emptied around each test; the app served on 127.0.0.1
(``running_app``, the ``server`` fixture); a browser and a page."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import streamlit as st

from bilingual.paths import REPO_ROOT
from tests.pages.browser import CHROMIUM, CHROMIUM_ARGS, wait_healthy

ROOT = REPO_ROOT


@pytest.fixture
def fresh_caches(data_dir):
    """A fresh database (``data_dir``) and no cached corpus, glossary or store from another test."""
    st.cache_data.clear()
    st.cache_resource.clear()
    yield
    st.cache_data.clear()
    st.cache_resource.clear()


# --- the app served on 127.0.0.1, and a browser ---------------------------------------------------


class Server(str):
    """The app's base URL (``http://127.0.0.1:PORT``); ``data_dir`` is the learner data it serves."""

    def __new__(cls, url: str, data_dir: Path) -> Server:
        obj = super().__new__(cls, url)
        obj.data_dir = data_dir
        return obj


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_app(home: Path, **env_extra: str) -> Iterator[Server]:
    """``streamlit run app.py`` on 127.0.0.1 (a free port) with its user data under ``home``; stopped on exit.

    ``env_extra`` adds environment variables (e.g. ``BILINGUAL_DATABASE_URL``). Several can run at once."""
    env = dict(os.environ)
    for var, sub in (("HOME", "home"), ("XDG_DATA_HOME", "xdg-data"), ("XDG_CONFIG_HOME", "xdg-config"),
                     ("XDG_CACHE_HOME", "xdg-cache"), ("BILINGUAL_DATA_DIR", "data")):
        (home / sub).mkdir(parents=True, exist_ok=True)
        env[var] = str(home / sub)
    env.pop("BILINGUAL_DB", None)
    env["ARGOS_PACKAGES_DIR"] = str(home / "data" / "argos-packages")
    env.update(env_extra)
    port = _free_port()
    log = open(home / f"streamlit-{port}.log", "w+")  # noqa: SIM115 - the server writes it while it runs
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", "app.py", "--server.address", "127.0.0.1", "--server.port", str(port),
         "--server.headless", "true", "--browser.gatherUsageStats", "false",
         "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        if not wait_healthy(url, proc):
            log.seek(0)
            pytest.fail(f"streamlit did not start:\n{log.read()}")
        yield Server(url, home / "data")
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = tmp_path_factory.mktemp("browser-home")
    try:
        with running_app(home) as app:
            yield app
    finally:
        shutil.rmtree(home, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    ctx = browser.new_context(viewport={"width": 1500, "height": 1000}, device_scale_factor=1)
    pg = ctx.new_page()
    outside: list[str] = []

    def guard(route):
        if route.request.url.startswith(server) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    pg.outside = outside
    yield pg
    ctx.close()


