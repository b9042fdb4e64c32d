"""Glossary search: which entries a query finds, and the one it names exactly."""

from __future__ import annotations

import pytest

from bilingual.glossary import Entry, EntryType, Glossary, default_glossary, exact_match, search


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return default_glossary()


@pytest.mark.parametrize(
    "query, entry_id",
    [
        ("وأذربيجان", "azerbaijan"),  # و + the name: the clitic is stripped (one rule: text.clitics)
        ("اذربيجان", "azerbaijan"),  # hamza-less
        ("Azerbaijan", "azerbaijan"),
        ("azerbaijan", "azerbaijan"),
        ("Adharbayjan", "azerbaijan"),  # romanization
        ("لاتشين", "lachin"),  # the town, not the corridor or its blockade
        ("CSTO", "csto"),  # acronym
        ("بوتين", "vladimir-putin"),  # an Arabic variant
        ("بموسكو", "moscow"),
    ],
)
def test_a_query_that_names_one_entry_exactly_finds_it_first(glossary, query, entry_id):
    hits = search(glossary, query)
    assert len(hits) > 1  # among several names that contain it
    assert exact_match(hits, query).id == entry_id
    assert hits[0].id == entry_id


@pytest.mark.parametrize("query", ["", "  ", "وزارة", "azerb", "للمنظمة"])
def test_a_partial_query_names_nothing_exactly(glossary, query):
    assert exact_match(search(glossary, query), query) is None


def _entry(eid: str, ar: str, en: str, variants: tuple[str, ...] = ()) -> Entry:
    return Entry(eid, EntryType.PLACE, ar, en, ar_variants=variants, description="x", lat=40.0, lon=45.0)


def test_the_query_itself_wins_over_a_clitic_stripped_reading():
    # واشنطن is Washington, not و + "اشنطن"
    g = Glossary((_entry("washington", "واشنطن", "Washington"), _entry("ashnatan", "اشنطن", "Ashnatan")))
    assert exact_match(search(g, "واشنطن"), "واشنطن").id == "washington"
    assert exact_match(search(g, "وواشنطن"), "وواشنطن").id == "washington"


def test_two_equally_exact_entries_are_left_to_the_learner():
    g = Glossary((_entry("a", "قرية", "Village A"), _entry("b", "بلدة", "Village B", ("قرية",))))
    assert {e.id for e in search(g, "قرية")} == {"a", "b"}
    assert exact_match(search(g, "قرية"), "قرية") is None
