"""The Import and My terms pages, driven like a learner would (Streamlit AppTest)."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilingual.glossary import Entry, Glossary
from bilingual.imports import personal_terms
from bilingual.imports import texts as imported
from bilingual.store import Store
from tests.fixtures.learners import me

ROOT = Path(__file__).resolve().parents[2]
IMPORT_PAGE = str(ROOT / "pages" / "5_Import.py")
TERMS_PAGE = str(ROOT / "pages" / "6_My_terms.py")

CURATED = Glossary(
    (
        Entry(id="sergei-lavrov", type="person", ar="سيرغي لافروف", en="Sergei Lavrov", ar_variants=("لافروف",), description="Russian foreign minister."),
        Entry(id="moscow", type="place", ar="موسكو", en="Moscow", description="Capital of Russia.", lat=55.75, lon=37.62),
    )
)
TEXT = "لافروف في موسكو\nقال لافروف إن المحادثات ستستمر <script>alert(1)</script> في موسكو. وأضاف أن الاتفاق جاهز."


@pytest.fixture
def app(data_dir, monkeypatch):
    from ui import data as ui_data

    monkeypatch.setattr(ui_data, "default_glossary", lambda: CURATED)

    def make(page: str) -> AppTest:
        at = AppTest.from_file(page, default_timeout=60)
        return at

    return make


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_paste_preview_save_rename_delete(app):
    at = app(IMPORT_PAGE).run()
    assert not at.exception
    at.text_area(key="imp_paste").input(TEXT + "\u202e")
    at.button(key="imp_preview_btn").click().run()
    assert not at.exception and not at.error
    html = "".join(h.proto.body for h in at.html)
    assert 'data-entry="sergei-lavrov"' in html and 'data-entry="moscow"' in html  # highlights
    assert "<script>" not in html and "&lt;script&gt;" in html  # the pasted tag is text, escaped
    assert any("invisible characters" in i.value for i in at.info)
    assert imported.list_texts(Store(), owner=me(Store())) == []  # a preview saves nothing

    at.text_input(key="imp_source").input("العالم")
    at.button(key="imp_save_btn").click().run()
    assert not at.exception and not at.error
    assert any("Saved as text 1" in s.value and "3 sentences" in s.value for s in at.success)
    [saved] = imported.list_texts(Store(), owner=me(Store()))
    assert saved.title == "لافروف في موسكو" and saved.source == "العالم" and "\u202e" not in saved.body
    assert any("Reader?article=mine-1" in m.value for m in at.markdown)
    assert any("mine" in e.label for e in at.expander)

    at.button(key="imp_save_btn").click().run()  # saving the same text again is refused, not duplicated
    assert not at.exception
    assert any("already imported" in w.value for w in at.warning)
    assert len(imported.list_texts(Store(), owner=me(Store()))) == 1

    at.text_input(key="imp_rename_1").input("عنوان جديد")
    at.button(key="imp_rename_btn_1").click().run()
    assert imported.get_text(Store(), 1, owner=me(Store())).title == "عنوان جديد"

    at.button(key="imp_del_1").click().run()
    assert any("cannot be undone" in w.value for w in at.warning)
    assert imported.get_text(Store(), 1, owner=me(Store())) is not None  # not without confirmation
    at.button(key="imp_del_no_1").click().run()
    assert imported.get_text(Store(), 1, owner=me(Store())) is not None
    at.button(key="imp_del_1").click().run()
    at.button(key="imp_del_yes_1").click().run()
    assert not at.exception
    assert imported.list_texts(Store(), owner=me(Store())) == []


@pytest.mark.parametrize(
    "text, message",
    [
        ("Only English words here, nothing else.", "no Arabic"),
        ("كلمة " * 45_000, "200,000 characters"),
        ("\u200b\u202e   \u200f", "empty"),
    ],
)
def test_refused_paste_shows_a_clear_message(app, text, message):
    at = app(IMPORT_PAGE).run()
    at.text_area(key="imp_paste").input(text)
    at.button(key="imp_save_btn").click().run()
    assert not at.exception
    assert any(message in e.value for e in at.error)
    assert imported.list_texts(Store(), owner=me(Store())) == []


def test_my_terms_add_prefilled_from_reader_link_then_delete(app):
    at = app(TERMS_PAGE)
    at.query_params["ar"] = "باشينيان\u202e"
    at.run()
    assert not at.exception
    assert at.text_input(key="term_new_ar").value == "باشينيان"
    at.text_input(key="term_new_en").input("Nikol Pashinyan")
    at.text_area(key="term_new_description").input("Prime Minister of Armenia.")
    at.selectbox(key="term_new_type").select("person")
    _button(at, "Add term").click().run()
    assert not at.exception and not at.error
    [entry] = personal_terms.personal_entries(Store(), owner=me(Store()))
    assert (entry.id, entry.ar, entry.origin) == ("nikol-pashinyan", "باشينيان", "mine")
    assert any("mine" in e.label and "Pashinyan" in e.label for e in at.expander)
    assert at.text_input(key="term_new_en").value == ""  # the form was cleared

    # a place without coordinates is refused with the glossary's own message
    at.text_input(key="term_new_ar").input("يريفان")
    at.text_input(key="term_new_en").input("Yerevan")
    at.text_area(key="term_new_description").input("Capital of Armenia.")
    at.selectbox(key="term_new_type").select("place")
    _button(at, "Add term").click().run()
    assert any("coordinates" in e.value for e in at.error)
    assert len(personal_terms.personal_entries(Store(), owner=me(Store()))) == 1

    at.text_area(key="term_nikol-pashinyan_description").input("Armenian PM.")
    _button(at, "Save changes").click().run()
    assert personal_terms.personal_entries(Store(), owner=me(Store()))[0].description == "Armenian PM."

    at.button(key="term_del_nikol-pashinyan").click().run()
    at.button(key="term_del_yes_nikol-pashinyan").click().run()
    assert not at.exception
    assert personal_terms.personal_entries(Store(), owner=me(Store())) == []


def test_preview_counts_read_as_english_and_the_default_title_is_the_first_sentence(app):
    at = app(IMPORT_PAGE).run()
    at.text_area(key="imp_paste").input("زار لافروف موسكو أمس. وقال إن المحادثات ستستمر.")
    at.button(key="imp_preview_btn").click().run()
    assert not at.exception and not at.error
    [counts] = [c.value for c in at.caption if "paragraph" in c.value]
    assert counts.startswith("1 paragraph, 2 sentences, ")
    assert '<div class="imp-title" dir="auto">زار لافروف موسكو أمس</div>' in "".join(h.proto.body for h in at.html)


def test_my_terms_marks_required_fields_uses_type_labels_and_says_duplicate_first(app):
    at = app(TERMS_PAGE).run()
    assert not at.exception
    labels = {w.key.removeprefix("term_new_"): w.label for w in [*at.text_input, *at.text_area, *at.selectbox]
              if w.key and w.key.startswith("term_new_")}
    assert {k for k, v in labels.items() if v.endswith("*")} == {"ar", "en", "type", "description"}
    assert "places *" in labels["lat"] and "places *" in labels["lon"]
    assert any("required" in c.value for c in at.caption)
    type_box = at.selectbox(key="term_new_type")
    assert type_box.options == ["Person", "Place", "Organization", "Agreement", "Event", "Other"]
    # a name the glossary has is refused as such before anything else is asked for (no description yet)
    at.text_input(key="term_new_ar").input("لافروف")
    _button(at, "Add term").click().run()
    [error] = [e.value for e in at.error]
    assert "already in the glossary" in error and "Sergei Lavrov" in error and "missing" not in error
    assert personal_terms.personal_entries(Store(), owner=me(Store())) == []
