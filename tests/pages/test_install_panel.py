"""The install panel says what to fetch and from where before any button that needs the internet."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bilingual.translation import install
from bilingual.translation.models import APPROX_DOWNLOAD, MODEL_FILE_NAME
from tests.pages.apptest import shown

pytestmark = pytest.mark.usefixtures("fresh_caches")


def _panel() -> None:
    from ui import panels

    panels.install_panel()


def _in_order(node) -> list[tuple[str, str]]:
    """(element type, its text) of every element under ``node``, in page order."""
    out = []
    for child in getattr(node, "children", {}).values():
        kind = getattr(child, "type", "")
        if kind in ("markdown", "code", "button", "warning"):
            out.append((kind, shown(str(getattr(child, "value", "") if kind != "button" else child.label))))
        out += _in_order(child)
    return out


def test_the_panel_names_the_file_its_source_its_size_and_the_command_before_the_button(monkeypatch):
    monkeypatch.delenv(install.INDEX_URL_ENV, raising=False)
    at = AppTest.from_function(_panel, default_timeout=30).run()
    assert not at.exception
    seen = _in_order(at.main)
    text = "\n".join(t for _, t in seen)
    assert MODEL_FILE_NAME in text
    assert "Argos package index" in text and APPROX_DOWNLOAD in text
    # the index URL as text (a code block, not a link), and the offline command line
    codes = [c.value for c in at.code]
    assert install.INDEX_URL in codes
    assert f"python -m bilingual model install --from-file {MODEL_FILE_NAME}" in codes
    assert "](http" not in text
    # all of it comes before the button that would fail offline
    kinds = [k for k, _ in seen]
    first_button = kinds.index("button")
    assert max(i for i, (k, t) in enumerate(seen) if k == "code") < first_button
    assert next(i for i, (_, t) in enumerate(seen) if MODEL_FILE_NAME in t) < first_button
    assert seen[first_button][1] == "Install the translation model"


def test_the_panel_shows_the_index_actually_used(monkeypatch):
    monkeypatch.setenv(install.INDEX_URL_ENV, "http://127.0.0.1:9/mirror/index.json")
    at = AppTest.from_function(_panel, default_timeout=30).run()
    assert "http://127.0.0.1:9/mirror/index.json" in [c.value for c in at.code]
