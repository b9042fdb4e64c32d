"""The Library and the Reader on the worst data files of issue 18: a message naming file, entry and
field, never a hang (AppTest's timeout fails the test), a MemoryError or a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import corpus as corpus_mod
from bilingual import glossary as glossary_mod
from bilingual import paths
from bilingual.imports import texts as imported
from bilingual.store import Store
from tests.fixtures.hostile_data import alias_bomb, article_of_bytes, glossary_of_entries, huge_description, world_with
from tests.fixtures.learners import me
from tests.pages.apptest import shown

pytestmark = pytest.mark.usefixtures("fresh_caches")
#: Seconds a page may take before AppTest fails it: the pages stop at the message, so they are quick.
TIMEOUT = 30


@pytest.fixture
def serve_world(tmp_path, monkeypatch) -> Callable[[str, Callable[[str], str] | None], Path]:
    """Point the app at the small test world with one file broken; returns the broken file."""

    def serve(which: str, edit: Callable[[str], str] | None) -> Path:
        w, path = world_with(tmp_path / "world", which, edit)
        monkeypatch.setattr(paths, "ARTICLES_DIR", w["articles"])
        monkeypatch.setattr(paths, "REFERENCE_DIR", w["reference"])
        monkeypatch.setattr(paths, "QUESTIONS_DIR", w["questions"])
        monkeypatch.setattr(glossary_mod, "GLOSSARY_FILE", w["glossary_file"])
        return path

    corpus_mod.default_corpus.cache_clear()
    glossary_mod.default_glossary.cache_clear()
    yield serve
    corpus_mod.default_corpus.cache_clear()
    glossary_mod.default_glossary.cache_clear()


def _page(page: str) -> AppTest:
    at = AppTest.from_file(str(paths.REPO_ROOT / "app.py"), default_timeout=TIMEOUT)
    if page != "app.py":
        at.switch_page(page)
        at.query_params["article"] = "alpha-2023"
    return at.run()


WORST = [
    ("glossary-alias-bomb-acronym", "glossary", alias_bomb("  acronym: *b8"),
     "The glossary file has a problem: {file}: line 1: b0: a YAML anchor (&b0) is not allowed in curated files"),
    ("glossary-alias-bomb-romanization", "glossary", alias_bomb("  romanization: *b8"),
     "The glossary file has a problem: {file}: line 1: b0: a YAML anchor"),
    ("glossary-52mb-description", "glossary", huge_description(52),
     "The glossary file has a problem: {file}: file: size: the file is 52.0 MB; a curated file is at most 1 MB"),
    ("glossary-100k-entries", "glossary", glossary_of_entries(100_000), "The glossary file has a problem: {file}: file: size: the file is 4"),
    ("glossary-second-entries-block", "glossary",
     lambda t: t + "entries:\n- id: x\n  type: other\n  ar: شيء ما\n  en: X\n  description: x\n",
     "The glossary file has a problem: {file}: line 94: entries: duplicate key: already given on line 1 of the same mapping"),
    ("article-alias-bomb-date-note", "article", alias_bomb("date_note: *b8"),
     "The corpus files have a problem: {file}: line 1: b0: a YAML anchor (&b0)"),
    ("article-36mb", "article", article_of_bytes(36), "The corpus files have a problem: {file}: file: size: the file is 36.0 MB"),
]


@pytest.mark.parametrize("page", ["app.py", "pages/1_Reader.py"])
@pytest.mark.parametrize("case, which, edit, expect", WORST, ids=[c[0] for c in WORST])
def test_the_page_shows_what_is_wrong_and_stops(serve_world, page, case, which, edit, expect):
    path = serve_world(which, edit)
    at = _page(page)
    assert not at.exception, [e.message for e in at.exception]
    errors = [shown(e.value) for e in at.error]
    assert any(expect.format(file=path) in e for e in errors), errors


@pytest.mark.parametrize("page", ["app.py", "pages/1_Reader.py"])
def test_a_curated_mine_1_beside_an_imported_text_is_a_message_not_a_crash(serve_world, page):
    """It used to crash the Library ("multiple elements with the same key='card-mine-1'") once a text was imported."""
    path = serve_world("article", lambda t: t.replace("id: alpha-2023", "id: mine-1"))
    path.rename(path.with_name("mine-1.yaml"))
    store = Store(paths.db_path())
    assert imported.article_id_for(imported.save_text(store, "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو.", owner=me(store))) == "mine-1"
    store.close()
    at = _page(page)
    assert not at.exception, [e.message for e in at.exception]
    errors = [shown(e.value) for e in at.error]
    assert any("mine-1.yaml: article mine-1: id: ids starting with 'mine-' are reserved for the learner's imported texts" in e
               for e in errors), errors


def test_the_unbroken_world_shows_its_article(serve_world):
    """The same set-up with nothing broken: the Library lists the test article, the Reader opens it."""
    serve_world("article", None)
    library = _page("app.py")
    assert not library.exception and not library.error
    assert any("Lavrov: Russia is ready to deploy forces" in shown(m.value) for m in library.markdown)
    reader = _page("pages/1_Reader.py")
    assert not reader.exception and not reader.error
    assert "لافروف" in "\n".join(e.proto.body for e in reader.get("html"))
