"""The curated glossary: well-formed, complete for the corpus, searchable the way learners type."""

from __future__ import annotations

import pytest

from bilingual.corpus import default_corpus
from bilingual.datafile import dump_yaml
from bilingual.errors import DataError
from bilingual.glossary import ENTRY_TYPES, Entry, Glossary, default_glossary, load_glossary, merge, search
from bilingual.text.normalize import normalize
from tests.fixtures.learners import me


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return default_glossary()


def test_at_least_fifty_entries_of_every_kind(glossary):
    assert len(glossary) >= 50
    types = {e.type for e in glossary}
    assert {"person", "place", "organization", "agreement", "event"} <= types <= set(ENTRY_TYPES)


@pytest.mark.parametrize(
    "entry_id, arabic, english",
    [
        ("lachin", "لاتشين", "Lachin"),
        ("lachin-corridor", "ممر لاتشين", "Lachin corridor"),
        ("nagorno-karabakh", "ناغورني قره باغ", "Nagorno-Karabakh"),
        ("csto", "منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization"),
        ("sergei-lavrov", "سيرغي لافروف", "Sergei Lavrov"),
    ],
)
def test_required_entries(glossary, entry_id, arabic, english):
    e = glossary.get(entry_id)
    assert e is not None
    assert arabic in e.ar_forms
    assert e.en == english


def test_karabakh_spellings_from_other_outlets(glossary):
    forms = {normalize(f) for f in glossary.get("nagorno-karabakh").ar_forms}
    for spelling in ["ناغورني قره باغ", "ناغورنو كاراباخ", "ناغورنو قره باغ", "قره باغ", "قرة باغ", "كاراباخ"]:
        assert normalize(spelling) in forms, spelling


def test_entries_well_formed(glossary):
    for e in glossary:
        assert e.description.strip() and e.en.strip() and e.ar.strip(), e.id
        assert e.romanization.strip(), e.id
        if e.type == "place":
            assert e.lat is not None and e.lon is not None, e.id
    orgs_with_acronyms = {e.acronym for e in glossary if e.type == "organization" and e.acronym}
    assert {"CSTO", "CIS", "EU", "UN", "TASS"} <= orgs_with_acronyms


def test_every_corpus_spelling_of_a_name_is_listed(glossary):
    """Each glossary form's normalized key must be a real spelling: most occur in the corpus."""
    text = normalize(" ".join(s.ar for a in default_corpus() for s in a.sentences))
    forms = [f for e in glossary for f in e.ar_forms]
    found = sum(1 for f in forms if normalize(f) in text)
    assert found >= 80, found


def test_search_arabic_with_clitic_and_without_hamza(glossary):
    assert "azerbaijan" in [e.id for e in search(glossary, "وأذربيجان")]
    assert "azerbaijan" in [e.id for e in search(glossary, "اذربيجان")]
    assert "lachin-corridor" in [e.id for e in search(glossary, "لاتشين")]


def test_search_english_acronym_and_romanization(glossary):
    assert search(glossary, "karabakh")[0].id in {"nagorno-karabakh", "nkao"}
    assert "csto" in [e.id for e in search(glossary, "CSTO")]
    assert search(glossary, "") == list(glossary)


def test_merge_keeps_curated_and_adds_personal(glossary):
    mine = Entry(id="kalbajar", type="place", ar="كلبجر", en="Kalbajar", description="A town.", lat=40.1, lon=46.04, origin="mine")
    clash = Entry(id="baku", type="other", ar="x", en="x", description="x", origin="mine")
    merged = merge(glossary, [mine, clash])
    assert merged.get("kalbajar") == mine
    assert merged.get("baku").origin == "curated"
    assert len(merged) == len(glossary) + 1


def test_entry_dict_round_trip(glossary):
    for e in glossary:
        assert Entry.from_dict(e.to_dict()) == e


def test_place_without_coordinates_is_an_error(tmp_path):
    path = tmp_path / "g.yaml"
    dump_yaml({"entries": [{"id": "x", "type": "place", "ar": "سمرقند", "en": "Samarkand", "description": "d"}]}, path)
    with pytest.raises(DataError) as err:
        load_glossary(path)
    assert (err.value.entry, err.value.field) == ("entry x", "lat")


def test_search_romanization_without_macrons_or_ayn(glossary):
    assert "azerbaijan" in [e.id for e in search(glossary, "Adharbayjan")]
    assert "erdogan" not in [e.id for e in search(glossary, "Adharbayjan")]
    assert "recep-tayyip-erdogan" in [e.id for e in search(glossary, "erdogan")]


def test_names_that_begin_like_a_clitic_or_a_function_word_are_forms(glossary):
    from bilingual.glossary import form_problem

    assert [f for e in glossary for f in e.ar_forms if form_problem(f)] == []
    for name in ("تاس", "باكو", "لبنان", "فلسطين", "كوبا", "منغوليا", "عمان", "البيان", "الأمم المتحدة", "في تي بي"):
        assert form_problem(name) is None, name


@pytest.mark.parametrize("form", ["و", "في", "مِن", "ال", "ـًـ", "على", "التي", "ومن", "بأن", "في حين", "من خلال"])
def test_function_words_and_fragments_are_not_forms(form):
    from bilingual.glossary import form_problem

    assert form_problem(form)


def test_a_personal_term_follows_the_same_form_rules(data_dir):
    from bilingual.errors import ImportRefused
    from bilingual.imports.personal_terms import add_personal_term
    from bilingual.store import Store

    store = Store()
    with pytest.raises(ImportRefused) as err:
        add_personal_term(store, {"ar": "تجربة شخصية", "ar_variants": "من", "en": "Trial", "description": "d"}, default_glossary(), owner=me(store))
    assert "'من' has 2 letters" in str(err.value)
    store.close()
