"""Opening the app in Streamlit's AppTest, as a browser would."""

from __future__ import annotations

import re

from streamlit.testing.v1 import AppTest

from bilingual.paths import REPO_ROOT


def app_on(page: str, **params: str) -> AppTest:
    """The multipage app opened on ``page`` (e.g. ``pages/1_Reader.py``) with these query parameters."""
    at = AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    return at


def ran(at: AppTest) -> AppTest:
    """Run ``at``; it drew no exception and no error."""
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def shown(markdown: str) -> str:
    """Markdown source as the learner reads it: backslash escapes (``\\(`` ``\\.``) and the word joiners
    that break autolinks (``markdown_literal``) are not shown."""
    return re.sub(r"\\(.)", r"\1", markdown).replace("\u2060", "")


def html_of(at: AppTest) -> str:
    """Everything the page drew as HTML or Markdown (Markdown escapes removed)."""
    return "\n".join(e.proto.body for e in at.get("html")) + "\n" + "\n".join(shown(e.value) for e in at.markdown)


def run(target) -> AppTest:
    """Run the app (``target`` is the AppTest or a widget just acted on) and fail on any exception."""
    at = target.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def button(at: AppTest, label: str):
    """The button labelled ``label``."""
    return next(b for b in at.button if b.label == label)
