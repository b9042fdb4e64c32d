"""Personal terms at size (issue 18, part 4): adding one costs the same number of statements with 5 or
500 terms (their spellings are looked up by index, ``personal_term_forms``), a spelling taken by any
of them is still refused, the index is filled for the terms of an older database, and the My terms
page shows a page of terms at a time."""

from __future__ import annotations

import json
import sqlite3

import pytest
from streamlit.testing.v1 import AppTest

from bilingual.glossary import Entry, Glossary
from bilingual.imports import personal_terms
from bilingual.paths import REPO_ROOT
from bilingual.store import Store, terms
from bilingual.store import db as sqlite_store
from tests.fixtures.learners import me

CURATED = Glossary((Entry(id="moscow", type="place", ar="موسكو", en="Moscow", description="Capital of Russia.", lat=55.75, lon=37.62),))
LETTERS = "بتثجحخدذرزسشصضطظعغفقكمنهي"


def _name(i: int) -> str:
    return "".join(LETTERS[(i // 25**k) % 25] for k in range(3)) + "ون"


def _fields(i: int) -> dict:
    return {"ar": _name(i), "en": f"Person {i}", "type": "person", "description": "A made-up person."}


def _statements(store: Store, monkeypatch) -> list[str]:
    seen: list[str] = []
    for name in ("query", "execute", "executemany"):
        real = getattr(store, name)

        def counted(sql, *args, _real=real, **kwargs):
            seen.append(sql)
            return _real(sql, *args, **kwargs)

        monkeypatch.setattr(store, name, counted)
    return seen


@pytest.mark.parametrize("before", [5, 500])
def test_adding_a_term_costs_the_same_whatever_the_number_of_terms(before, data_dir, monkeypatch):
    store = Store()
    owner = me(store)
    for i in range(before):
        personal_terms.add_personal_term(store, _fields(i), CURATED, owner=owner)
    seen = _statements(store, monkeypatch)
    personal_terms.add_personal_term(store, _fields(10_000), CURATED, owner=owner)
    assert len(seen) <= 12, seen  # the same few look-ups and writes (not one per term)
    with pytest.raises(personal_terms.ImportRefused, match="already in your term"):
        personal_terms.add_personal_term(store, {**_fields(before - 1), "en": "Someone else"}, CURATED, owner=owner)
    assert personal_terms.personal_count(store, owner=owner) == before + 1


def test_an_older_database_gets_the_spellings_index_for_its_terms(data_dir):
    path = data_dir / "bilingual.sqlite3"
    data_dir.mkdir(parents=True)
    raw = sqlite3.connect(path, isolation_level=None)
    for script in sqlite_store.MIGRATIONS[:2]:  # a schema-2 database, from before issue 18
        for stmt in sqlite_store._statements(script):
            raw.execute(stmt)
    raw.execute("PRAGMA user_version = 2")
    raw.execute("INSERT INTO profiles(id, name) VALUES (1, 'default')")
    entry = {"type": "person", "ar": "كمال بهجت", "en": "Kamal Bahgat", "description": "A made-up person."}
    raw.execute("INSERT INTO personal_terms(profile_id, id, entry, created_at, updated_at) VALUES (1, 'kamal-bahgat', ?, 'x', 'x')",
                (json.dumps(entry, ensure_ascii=False),))
    raw.close()
    store = Store(path)
    assert terms.holders_of(store, 1, terms.form_keys(json.dumps(entry, ensure_ascii=False))) != {}
    with pytest.raises(personal_terms.ImportRefused, match="already in your term"):
        personal_terms.add_personal_term(store, {**entry, "en": "Another"}, CURATED, owner=1)


def test_my_terms_shows_a_page_at_a_time(data_dir, monkeypatch):
    from ui import data as ui_data

    monkeypatch.setattr(ui_data, "default_glossary", lambda: CURATED)
    store = Store()
    owner = me(store)
    for i in range(60):
        personal_terms.add_personal_term(store, _fields(i), CURATED, owner=owner)
    at = AppTest.from_file(str(REPO_ROOT / "pages" / "6_My_terms.py"), default_timeout=60).run()
    assert not at.exception
    listed = [e.label for e in at.expander]
    assert len(listed) == 25  # pages/6_My_terms.py: PER_PAGE
    assert "Person 59" in listed[0]  # newest first
    at.number_input(key="terms_page").set_value(3).run()
    assert not at.exception
    assert [e.label for e in at.expander][-1].count("Person 0") == 1 and len(at.expander) == 10
