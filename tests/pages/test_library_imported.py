"""An imported text shows in the library with a "mine" badge and opens in the reader, highlighted."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import paths
from bilingual.imports import texts as imported
from bilingual.store import Store
from tests.fixtures.learners import me
from tests.pages.apptest import shown

ROOT = Path(__file__).resolve().parents[2]
TEXT = "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو.\nوبحث مع نظيره الأذربيجاني الوضع في ممر لاتشين."


pytestmark = pytest.mark.usefixtures("fresh_caches")


def _import() -> str:
    store = Store(paths.db_path())
    tid = imported.save_text(store, TEXT, title="Lavrov in Baku (my copy)", source="my notes", owner=me(store))
    store.close()
    return imported.article_id_for(tid)


def test_library_lists_imported_text_with_mine_badge():
    aid = _import()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    titles = [shown(m.value) for m in at.markdown if "Lavrov in Baku (my copy)" in shown(m.value)]
    assert titles and "mine" in titles[0]
    assert f"article={aid}" in [ln.proto.query_string for ln in at.get("page_link")]


def test_reader_opens_imported_text_with_highlights():
    aid = _import()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
    at.switch_page("pages/1_Reader.py")
    at.query_params["article"] = aid
    at.run()
    assert not at.exception and not at.error
    html = "\n".join(e.proto.body for e in at.get("html")) + "\n".join(e.value for e in at.markdown)
    assert 'data-entry="sergei-lavrov"' in html or "sergei-lavrov" in html
    assert "ممر لاتشين" in html


UNTITLED = (
    "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو يوم الاثنين في زيارة رسمية تستمر يومين يبحث خلالها "
    "مع نظيره الأذربيجاني الوضع في ممر لاتشين. وقال إن الوضع هادئ."
)


def test_an_untitled_imported_text_shows_its_first_sentence_once_and_no_empty_meta():
    store = Store(paths.db_path())
    tid = imported.save_text(store, UNTITLED, owner=me(store))  # no title, no source, no date
    store.close()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception
    title = "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو يوم الاثنين…"
    [heading] = [m.value for m in at.markdown if title in shown(m.value)]
    # the badge, then the title isolated in its own direction (FSI … PDI): right to left, "…" at its end
    assert heading.startswith("#### :violet-badge[mine] \u2068") and heading.endswith("\u2069")
    html = "\n".join(h.proto.body for h in at.get("html"))
    assert title not in html  # not repeated in the Arabic column
    assert '<div class="meta"></div>' not in html and '<div class="meta"> · ' not in html
    assert f"article=mine-{tid}" in [ln.proto.query_string for ln in at.get("page_link")]


def test_a_large_library_is_shown_a_page_at_a_time():
    store = Store(paths.db_path())
    for i in range(45):
        imported.save_text(store, f"{TEXT}\nالنص رقم {'ب' * (i + 1)}.", title=f"My text {i}", owner=me(store))
    store.close()
    from bilingual.corpus import default_corpus

    total = len(default_corpus()) + 45

    def cards(at: AppTest) -> list[str]:
        return [ln.proto.query_string for ln in at.get("page_link") if ln.proto.label == "Read side by side"]

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert not at.exception and len(cards(at)) == 40
    first = cards(at)
    at.number_input(key="library_page").set_value(2).run()
    assert not at.exception
    second = cards(at)
    assert not set(first) & set(second) and len(first) + len(second) == total  # every card, once
