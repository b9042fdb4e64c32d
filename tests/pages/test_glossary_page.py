"""The Glossary page: a query that names one term opens it; result labels keep each name whole."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bilingual.glossary import default_glossary
from tests.pages.apptest import app_on, html_of, shown

pytestmark = pytest.mark.usefixtures("fresh_caches")


def run(at: AppTest) -> AppTest:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def results(at: AppTest) -> dict[str, object]:
    return {b.key.removeprefix("gl_hit_"): b for b in at.button if b.key and b.key.startswith("gl_hit_")}


def card_title(at: AppTest) -> str:
    body = html_of(at)
    start = body.index('class="term-name">') + len('class="term-name">')
    return body[start:body.index("<", start)]


def test_a_clitic_query_among_several_hits_opens_the_term_it_names():
    at = run(app_on("pages/2_Glossary.py"))
    at.text_input(key="gl_query").input("وأذربيجان")
    run(at)
    hits = results(at)
    assert len(hits) > 1 and list(hits)[0] == "azerbaijan"
    assert not any("Choose a term" in i.value for i in at.info)
    assert card_title(at) == "Azerbaijan"
    assert hits["azerbaijan"].proto.type == "primary"  # the open term is marked in the list
    assert all(b.proto.type == "tertiary" for k, b in hits.items() if k != "azerbaijan")


def test_a_new_query_replaces_the_term_picked_for_the_last_one():
    at = run(app_on("pages/2_Glossary.py"))
    at.text_input(key="gl_query").input("أرمينيا")
    run(at)
    at.button(key="gl_hit_eu-mission-armenia").click()
    run(at)
    assert card_title(at).startswith("EU")
    at.text_input(key="gl_query").input("وأذربيجان")
    run(at)
    assert card_title(at) == "Azerbaijan"
    assert "term" not in at.query_params


def test_a_partial_query_still_asks_to_choose():
    at = run(app_on("pages/2_Glossary.py"))
    at.text_input(key="gl_query").input("وزارة")
    run(at)
    assert len(results(at)) > 1
    assert any("Choose a term" in i.value for i in at.info)


def test_result_labels_put_english_and_arabic_on_their_own_lines():
    at = run(app_on("pages/2_Glossary.py"))
    g = default_glossary()
    hits = results(at)
    assert len(hits) == len(g)
    for eid, button in hits.items():
        english, arabic = shown(button.label).split("  \n")
        entry = g.get(eid)
        assert english.startswith(entry.en) and arabic == entry.ar
