"""Driving the running app in a real browser (Debian Chromium through Playwright)."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request

from bilingual.paths import REPO_ROOT

#: Where screenshots go (``BILINGUAL_SCREENSHOTS=docs/screenshots`` refreshes the README's).
SHOTS = REPO_ROOT / os.environ.get("BILINGUAL_SCREENSHOTS", "tests/artifacts/screenshots")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]


def wait_healthy(url: str, proc: subprocess.Popen, seconds: float = 60) -> bool:
    """Wait until the Streamlit server at ``url`` answers its health check (False: it exited or
    did not answer in time)."""
    deadline = time.time() + seconds
    while True:
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as r:
                if r.status == 200:
                    return True
        except OSError:
            pass
        if proc.poll() is not None or time.time() > deadline:
            return False
        time.sleep(0.3)


def settle(page) -> None:
    page.wait_for_selector('[data-testid="stApp"]', timeout=30_000)
    page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
        " || !document.querySelector('[data-testid=\"stStatusWidget\"]').innerText.includes('Running')",
        timeout=30_000,
    )
    page.wait_for_timeout(800)


def no_errors(page) -> None:
    for sel in ('[data-testid="stException"]', '[data-testid="stAlertContentError"]', ".stException"):
        assert page.locator(sel).count() == 0, page.locator(sel).first.inner_text()


def open_page(page, url: str, selector: str) -> None:
    """Load ``url``, wait for ``selector`` and for the page to settle; no error on it."""
    page.goto(url)
    page.wait_for_selector(selector, timeout=30_000)
    settle(page)
    no_errors(page)


