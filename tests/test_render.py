"""HTML the learner sees: highlights, clitics, tooltips, legend, reader rows, and escaping of every text."""

from __future__ import annotations

from dataclasses import dataclass

from bilingual import render
from bilingual.glossary import Entry, Glossary


@dataclass(frozen=True)
class M:  # the fields bilingual.matcher.Mention / EnglishMention carry that rendering uses
    start: int
    end: int
    entry_id: str
    prefix: str = ""
    prefix_start: int | None = None


def mention(text: str, name: str, entry_id: str, prefix: str = "", nth: int = 0) -> M:
    """The mention of ``prefix + name`` in ``text`` (its nth occurrence)."""
    at = -1
    for _ in range(nth + 1):
        at = text.index(prefix + name, at + 1)
    start = at + len(prefix)
    return M(start, start + len(name), entry_id, prefix, at if prefix else start)


AZ = Entry("azerbaijan", "place", "أذربيجان", "Azerbaijan", romanization="Adharbayjan", description="Country.", lat=40.4, lon=49.9)
LAVROV = Entry("sergey-lavrov", "person", "سيرغي لافروف", "Sergey Lavrov", ar_variants=("لافروف",), description="Russian foreign minister.")
CSTO = Entry("csto", "organization", "منظمة معاهدة الأمن الجماعي", "Collective Security Treaty Organization", acronym="CSTO", description="Military alliance.")
GLOSSARY = Glossary((AZ, LAVROV, CSTO))

TIP_AZ = 'data-tip="Azerbaijan · Place\nAdharbayjan\nCountry."'
TIP_LAVROV = 'data-tip="Sergey Lavrov · Person\nRussian foreign minister."'


def test_plain_sentence_is_escaped_text():
    assert render.sentence_html("بين أرمينيا", [], GLOSSARY) == "بين أرمينيا"


def test_arabic_highlight_with_clitic_is_one_element_the_clitic_coloured_inside():
    text = "بين أرمينيا وأذربيجان."
    html = render.sentence_html(text, [mention(text, "أذربيجان", "azerbaijan", prefix="و")], GLOSSARY)
    assert html == (
        'بين أرمينيا '
        f'<mark class="gl gl-place" data-entry="azerbaijan" {TIP_AZ}><span class="clitic">و</span>أذربيجان</mark>.'
    )


def test_no_highlight_has_inline_padding_margin_or_border():
    """Inline padding, margin or border would stop the browser shaping across the element (لأرمينيا's
    lam-alef) or open a gap (و|أذربيجان, لافروف| :); tests/pages/test_browser.py measures it."""
    css = render.highlight_css("serif")
    rules = [r for r in css.split("}") if any(sel in r.split("{")[0] for sel in (".gl", ".clitic", ".w"))]
    for rule in rules:
        body = rule.split("{", 1)[1] if "{" in rule else ""
        if ".ilg" in rule.split("{")[0] or "::" in rule.split("{")[0]:
            continue  # the interlinear line (each word its own column) and pseudo-elements (tooltips) are not in the word
        for prop in ("padding", "margin", "border-left", "border-right", "border-inline", "border:"):
            assert prop not in body, rule


def test_two_types_and_links_and_focus():
    text = "قال لافروف إن أذربيجان"
    ms = [mention(text, "أذربيجان", "azerbaijan"), mention(text, "لافروف", "sergey-lavrov")]
    html = render.sentence_html(text, ms, GLOSSARY, focus_entry="sergey-lavrov", term_href=lambda e: f"?term={e}&x=1")
    assert html == (
        f'قال <a class="gl gl-person gl-focus" data-entry="sergey-lavrov" {TIP_LAVROV} href="?term=sergey-lavrov&amp;x=1">لافروف</a>'
        f' إن <a class="gl gl-place" data-entry="azerbaijan" {TIP_AZ} href="?term=azerbaijan&amp;x=1">أذربيجان</a>'
    )


def test_disabled_type_stays_plain_including_its_clitic():
    text = "لافروف وأذربيجان"
    ms = [mention(text, "لافروف", "sergey-lavrov"), mention(text, "أذربيجان", "azerbaijan", prefix="و")]
    html = render.sentence_html(text, ms, GLOSSARY, enabled_types={"person"})
    assert html == f'<mark class="gl gl-person" data-entry="sergey-lavrov" {TIP_LAVROV}>لافروف</mark> وأذربيجان'
    assert render.sentence_html(text, ms, GLOSSARY, enabled_types=set()) == text


def test_overlapping_and_unknown_mentions_are_skipped():
    text = "أذربيجان"
    ms = [M(0, 8, "azerbaijan"), M(2, 6, "azerbaijan"), M(0, 3, "no-such-entry")]
    assert render.sentence_html(text, ms, GLOSSARY).count("<mark") == 1


def test_english_highlight_and_acronym_in_tooltip():
    text = "Lavrov said the CSTO would help."
    ms = [M(0, 6, "sergey-lavrov"), M(16, 20, "csto")]
    html = render.english_html(text, ms, GLOSSARY)
    assert html == (
        f'<mark class="gl gl-person" data-entry="sergey-lavrov" {TIP_LAVROV}>Lavrov</mark> said the '
        '<mark class="gl gl-organization" data-entry="csto" '
        'data-tip="Collective Security Treaty Organization (CSTO) · Organization\nMilitary alliance.">CSTO</mark>'
        " would help."
    )
    assert render.english_html(text, ms, GLOSSARY, enabled_types={"place"}) == text


HOSTILE = """<script>alert(1)</script> <img src=x onerror=alert(1)> "quoted" 'single' </div> & done"""
HOSTILE_ESCAPED = (
    "&lt;script&gt;alert(1)&lt;/script&gt; &lt;img src=x onerror=alert(1)&gt; "
    "&quot;quoted&quot; &#x27;single&#x27; &lt;/div&gt; &amp; done"
)


def test_hostile_text_and_description_show_as_text():
    evil = Entry("evil", "other", "أذربيجان", 'Evil "name" <b>', description=HOSTILE)
    g = Glossary((evil,))
    text = HOSTILE + " أذربيجان"
    html = render.sentence_html(text, [mention(text, "أذربيجان", "evil")], g, term_href=lambda e: '"><script>')
    assert HOSTILE_ESCAPED in html
    assert "<script" not in html and "<img" not in html and "</div>" not in html
    assert 'data-tip="Evil &quot;name&quot; &lt;b&gt; · Other\n' + HOSTILE_ESCAPED + '"' in html
    assert 'href="&quot;&gt;&lt;script&gt;"' in html
    en = render.english_html(HOSTILE, [M(0, 8, "evil")], g)
    assert "<script" not in en and "&lt;/div&gt;" in en


def test_row_escapes_labels_flags_and_ids():
    block = render.EnglishBlock("Label <i>", render.note_html("<b>none</b>"), "en-mt", flags=("misses <Baku>",))
    html = render.row_html('s1"><script>', "<ar-html-already-escaped>", [block], focused=True, number="<1>")
    assert 'id="s1&quot;&gt;&lt;script&gt;"' in html
    assert "Label &lt;i&gt;" in html and "&lt;b&gt;none&lt;/b&gt;" in html and "misses &lt;Baku&gt;" in html
    assert '<div class="col-ar ar" dir="rtl" lang="ar"><ar-html-already-escaped></div>' in html
    assert 'class="row row-text row-focus"' in html and "&lt;1&gt;" in html


def test_reader_row_layout():
    block = render.EnglishBlock("Reference translation (human-curated)", "Hello", "en-ref")
    assert render.row_html("s001", "مرحبا", [block]) == (
        '<div class="row row-text" id="s001"><div class="col-en" dir="ltr">'
        '<div class="en-block en-ref"><div class="src-label">Reference translation (human-curated)</div>'
        '<div class="en" lang="en">Hello</div></div></div>'
        '<div class="col-ar ar" dir="rtl" lang="ar">مرحبا</div></div>'
    )


def test_legend_has_every_type_and_fades_disabled():
    html = render.legend_html({"place", "person"}, counts={"place": 3})
    for label in ("Person", "Place", "Organization", "Agreement", "Event", "Other"):
        assert f">{label}" in html
    assert '<span class="legend-item gl gl-place">Place <small>3</small></span>' in html
    assert '<span class="legend-item gl gl-event legend-off">Event</span>' in html


def test_reader_href_encodes_params():
    assert render.reader_href("a b", "s002", "x&y") == "?article=a+b&sentence=s002&term=x%26y"
    assert render.reader_href("art", page="/Reader") == "/Reader?article=art"


def test_css_has_a_colour_for_every_type_and_the_font():
    css = render.highlight_css("'Noto Naskh Arabic', serif")
    for t in render.TYPE_COLOURS:
        assert f".gl-{t} {{" in css
    assert "'Noto Naskh Arabic', serif" in css


# --- every word an element ----------------------------------------------------------------------


def words_of(text: str) -> list[render.WordMark]:
    from bilingual.words.tokens import tokenize

    return [render.WordMark(t.start, t.end, t.index, t.text) for t in tokenize(text)]


def test_every_arabic_word_outside_a_name_is_one_clickable_element():
    text = "قال لافروف: إن روسيا مستعدة 2023."
    ms = [mention(text, "لافروف", "sergey-lavrov")]
    html = render.sentence_html(text, ms, GLOSSARY, words=words_of(text), open_word=3)
    assert html == (
        '<span class="w" data-word="قال" data-i="0">قال</span> '
        f'<mark class="gl gl-person" data-entry="sergey-lavrov" {TIP_LAVROV}>لافروف</mark>: '
        '<span class="w" data-word="إن" data-i="2">إن</span> '
        '<span class="w w-open" data-word="روسيا" data-i="3">روسيا</span> '
        '<span class="w" data-word="مستعدة" data-i="4">مستعدة</span> 2023.'
    )


def test_a_disabled_names_words_are_plain_words_and_glosses_go_on_every_word():
    text = "لافروف وأذربيجان"
    ms = [mention(text, "لافروف", "sergey-lavrov"), mention(text, "أذربيجان", "azerbaijan", prefix="و")]
    html = render.sentence_html(text, ms, GLOSSARY, enabled_types={"place"}, words=words_of(text), glosses={0: "Lavrov?"})
    assert html.startswith('<span class="w" data-word="لافروف" data-i="0" data-gloss="Lavrov?">لافروف</span> ')
    assert f'<mark class="gl gl-place" data-entry="azerbaijan" {TIP_AZ} data-gloss="Azerbaijan">' in html
    assert '<span class="gl-in"><span class="clitic">و</span>أذربيجان</span></mark>' in html  # one flex item


def test_word_attributes_and_glosses_are_escaped():
    text = "كلمة"
    html = render.sentence_html(text, [], GLOSSARY, words=[render.WordMark(0, 4, 0, 'a"<b>')], glosses={0: '<img src=x>"'})
    assert 'data-word="a&quot;&lt;b&gt;"' in html and 'data-gloss="&lt;img src=x&gt;&quot;"' in html
    assert "<img" not in html and "<b>" not in html


def test_the_reader_block_names_its_article():
    html = render.reader_html(["<row>"], article_id='a"b', ar_size=1.5, interlinear=True)
    assert html == ('<div class="reader-box reader-side"><div class="reader ilg" data-article="a&quot;b" style="--ar-size:1.50rem">'
                    '<row></div></div>')
    assert render.reader_href("art", "s002", word=4) == "?article=art&sentence=s002&word=4"


def test_a_term_card_lists_the_names_inside_it_each_a_link_to_its_card():
    treaty = Entry("treaty", "agreement", "معاهدة سلام بين أرمينيا وأذربيجان", "Peace treaty", description="A treaty.")
    armenia = Entry("armenia", "place", "أرمينيا", "Armenia <A>", description="Country.", lat=40.1, lon=44.5)
    html = render.term_card_html(treaty, contains=[armenia, AZ], href=lambda e: render.reader_href("art", "s001", e))
    part = html.split('class="term-contains"')[1]
    assert '<span class="src-label">Contains</span>' in part
    assert part.index('data-entry="armenia"') < part.index('data-entry="azerbaijan"')
    assert '<a class="gl gl-place" data-entry="armenia"' in part and 'href="?article=art&amp;sentence=s001&amp;term=armenia"' in part
    assert "Armenia &lt;A&gt;</a>, " in part
    assert "term-contains" not in render.term_card_html(treaty)
