"""Opening the app in Streamlit's AppTest, as a browser would."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from bilingual.paths import REPO_ROOT


def app_on(page: str, **params: str) -> AppTest:
    """The multipage app opened on ``page`` (e.g. ``pages/1_Reader.py``) with these query parameters."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    return at
