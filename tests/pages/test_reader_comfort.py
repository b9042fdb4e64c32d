"""AppTests of the reader's comfort (issue 16): the layout and the hidden English remembered per
learner, the compact header (outlet linked to its entry, no empty parts), the names inside a longer
name on its card, the source notes under their sentences, and "Add as my term" from a word card
prefilling My terms."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import paths
from bilingual.corpus import article_by_id
from bilingual.imports import texts as imported
from bilingual.store import Store
from bilingual.words.tokens import tokenize
from tests.fixtures.learners import me
from tests.pages.apptest import app_on, html_of
from tests.pages.apptest import ran as run

BORDER = "lavrov-border-mission-2023"
BAKU = "lavrov-baku-peace-treaty-2023"
PASHINYAN = "pashinyan-appeal-lavrov-turkey-2020"

pytestmark = pytest.mark.usefixtures("fresh_caches")


def reader_part(at: AppTest) -> str:
    page = html_of(at)
    return page[page.index('<div class="reader-box'):]


def test_the_layout_and_the_hidden_english_are_remembered_per_learner():
    at = run(app_on("pages/1_Reader.py", article=BORDER))
    assert at.radio(key="reader_layout").options == ["Side by side", "Arabic above English"]
    assert reader_part(at).startswith('<div class="reader-box reader-side">') and "<details" not in reader_part(at)
    at.radio(key="reader_layout").set_value("Arabic above English")
    run(at)
    at.toggle(key="reader_hide_en").set_value(True)
    run(at)
    rows = reader_part(at)
    assert rows.startswith('<div class="reader-box reader-stacked">')
    n = article_by_id(BORDER).sentence_count
    assert rows.count('<details class="en-reveal"><summary>') == n  # every sentence's English folded
    # a new browser session of the same learner: both remembered
    again = run(app_on("pages/1_Reader.py", article=BORDER))
    assert again.radio(key="reader_layout").value == "Arabic above English" and again.toggle(key="reader_hide_en").value
    assert reader_part(again).count('<details class="en-reveal">') == n


def test_the_compact_header_links_the_outlet_to_its_card():
    at = run(app_on("pages/1_Reader.py", article=BORDER))
    page = html_of(at)
    head = page[page.index('<div class="rhead'):]
    head = head[:head.index('<div class="reader-box')] if '<div class="reader-box' in head else head
    assert '<h1 class="rhead-en" dir="auto"' in head and not [m for m in at.markdown if m.value.startswith("## ")]
    # «العالم» is linked through outlet_entry to al-alam (its card opens in the reader), in both languages
    assert head.count('<a class="gl gl-organization" data-entry="al-alam"') == 2
    assert 'href="?article=lavrov-border-mission-2023&amp;term=al-alam"' in head
    assert "336 words · 14 sentences" in head
    # the first row is the title: it is not repeated in the header
    assert 'class="rhead-ar' not in head


def test_an_imported_text_without_source_or_date_has_a_clean_header():
    store = Store(paths.db_path())
    tid = imported.save_text(store, "قال لافروف إن الحدود هادئة.", title="My note", owner=me(store))
    store.close()
    at = run(app_on("pages/1_Reader.py", article=f"mine-{tid}"))
    page = html_of(at)
    meta = re.sub(r"<[^>]+>", "", page.split('<div class="rhead-meta meta">', 1)[1].split("</div>", 1)[0])
    assert meta == "5 words · 1 sentence"  # no "· · 5 words", the singular right
    assert 'class="rhead-outlet' not in page


def test_a_longer_names_card_offers_the_names_inside_it():
    at = run(app_on("pages/1_Reader.py", article=BAKU, sentence="s001", term="armenia-azerbaijan-peace-treaty"))
    page = html_of(at)
    card = page[page.index('<div class="term-card">'):]
    contains = card.split('<div class="term-contains">', 1)[1].split("</div>", 1)[0]
    assert re.findall(r'data-entry="([^"]+)"', contains) == ["armenia", "azerbaijan"]
    assert 'href="?article=lavrov-baku-peace-treaty-2023&amp;sentence=s001&amp;term=armenia"' in contains
    assert re.sub(r"<[^>]+>", "", contains) == "Contains Armenia, Azerbaijan"


def test_a_source_note_shows_under_its_sentence():
    at = run(app_on("pages/1_Reader.py", article=PASHINYAN))
    row = reader_part(at).split('id="s001"', 1)[1].split('<div class="row', 1)[0]
    note = article_by_id(PASHINYAN).sentence("s001").note
    assert note and '<div class="src-note" lang="en"><span class="src-label">Note</span> ' in row
    assert "1997 Treaty of Friendship" in row
    assert reader_part(at).count('class="src-note"') == sum(1 for s in article_by_id(PASHINYAN).sentences if s.note)


def test_add_as_my_term_from_a_word_card_prefills_my_terms():
    art = article_by_id(BORDER)
    words = [t.text for t in tokenize(art.sentence("s002").ar)]
    i = words.index("لتهدئة")
    at = run(app_on("pages/1_Reader.py", article=BORDER, sentence="s002", word=str(i)))
    [link] = [ln.proto for ln in at.get("page_link") if ln.proto.label == "Add as my term"]
    assert link.page == "My_terms"
    params = dict(parse_qsl(link.query_string))
    assert params["ar"] == "تهدئة" and params["en"]  # the word without its preposition ل, and its gloss
    # following it (as st.page_link does): the form holds what the link carries, exactly
    for k in list(at.query_params):
        del at.query_params[k]
    at.switch_page("pages/6_My_terms.py")
    for k, v in params.items():
        at.query_params[k] = v
    run(at)
    assert at.text_input(key="term_new_ar").value == params["ar"]
    assert at.text_input(key="term_new_en").value == params["en"]


def test_my_terms_prefills_english_romanization_and_type_cleaned():
    at = app_on("pages/6_My_terms.py", ar="باشينيان\u202e", en="Nikol **Pashinyan**\n[x](http://198.51.100.7)",
                romanization="Nīkūl Pāshīniyān", type="person")
    run(at)
    assert at.text_input(key="term_new_ar").value == "باشينيان"  # the bidi override removed
    assert at.text_input(key="term_new_en").value == "Nikol **Pashinyan** [x](http://198.51.100.7)"  # one line, as typed
    assert at.text_input(key="term_new_romanization").value == "Nīkūl Pāshīniyān"
    assert at.selectbox(key="term_new_type").value == "person"
    bad = run(app_on("pages/6_My_terms.py", type="weapon", en="x" * 500))
    assert bad.selectbox(key="term_new_type").value == "person"  # not a type: the form's default
    assert len(bad.text_input(key="term_new_en").value) == 200
