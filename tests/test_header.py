"""The article header: the outlet linked to its glossary entries, empty parts left out, singulars right."""

from __future__ import annotations

from dataclasses import replace
from html import unescape

from bilingual import header
from bilingual.corpus import Article, Paragraph, Sentence, article_by_id
from bilingual.glossary import default_glossary

GLOSSARY = default_glossary()


def spans(text: str, ids) -> list[tuple[str, str]]:
    return [(text[s.start:s.end], s.entry_id) for s in header.outlet_spans(text, ids, GLOSSARY)]


def test_the_outlet_is_found_by_its_own_forms_or_by_its_place_in_the_line():
    # «العالم» is not a glossary form (it is also "the world"): the one entry is the whole line
    assert spans("العالم", ("al-alam",)) == [("العالم", "al-alam")]
    assert spans("Al-Alam", ("al-alam",)) == [("Al-Alam", "al-alam")]
    # two outlets in the order the text names them; in English, each by its own name (another order)
    assert spans("سيرياهوم نيوز3 – الميادين", ("syriahomenews", "al-mayadeen")) == [
        ("سيرياهوم نيوز3", "syriahomenews"), ("الميادين", "al-mayadeen")]
    assert spans("Al Mayadeen, via Syriahomenews", ("syriahomenews", "al-mayadeen")) == [
        ("Al Mayadeen", "al-mayadeen"), ("Syriahomenews", "syriahomenews")]
    # nothing to link: no entry, an unknown id, an empty line
    assert spans("غير مذكور في النص", ()) == [] and spans("X", ("no-such-entry",)) == [] and spans(" ", ("al-alam",)) == []


def test_the_outlet_is_a_highlight_that_opens_its_card_and_does_not_become_a_glossary_form():
    html = header.outlet_html("العالم", ("al-alam",), GLOSSARY, href=lambda e: f"?article=a&term={e}")
    assert html.startswith('<a class="gl gl-organization" data-entry="al-alam"') and 'href="?article=a&amp;term=al-alam"' in html
    assert "العالم" not in GLOSSARY.get("al-alam").ar_forms


def test_the_header_of_a_curated_article():
    art = article_by_id("lavrov-baku-peace-treaty-2023")
    html = header.header_html(art, GLOSSARY, ar_size=1.5, href=lambda e: f"?term={e}")
    assert '<h1 class="rhead-en" dir="auto"' in html and art.title_ar in html  # no title row: the Arabic title here
    assert 'data-entry="al-mayadeen"' in html and 'data-entry="syriahomenews"' in html
    assert "576 words · 27 sentences" in html and "2023-02-28 (date inferred)" in html
    # an article whose first row is its title: the Arabic title is read there, not twice
    border = article_by_id("lavrov-border-mission-2023")
    assert 'class="rhead-ar' not in header.header_html(border, GLOSSARY, ar_size=1.5, href=None)


def test_an_imported_text_without_source_or_date_has_no_empty_parts_and_singulars_right():
    s = Sentence("s001", "قال لافروف إن الحدود هادئة.", "mine-1", "p01")
    art = Article(id="mine-1", seed="", title_ar="", title_en="My <text>", outlet="", outlet_en="", date="",
                  date_inferred=False, date_note="", dropped=(), paragraphs=(Paragraph("p01", "text", (s,)),))
    html = header.header_html(art, GLOSSARY, ar_size=1.5, href=None)
    meta = unescape(html.split('class="rhead-meta meta">')[1].split("</div>")[0])
    assert meta == "5 words · 1 sentence"
    assert "My &lt;text&gt;" in html and "rhead-outlet" not in html
    one = replace(art, paragraphs=(Paragraph("p01", "text", (Sentence("s001", "مرحبا", "mine-1", "p01"),)),))
    assert header.counts_text(one) == "1 word · 1 sentence"
    assert header.plural(1204, "word") == "1,204 words"
