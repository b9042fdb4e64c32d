"""A real browser (Debian Chromium via Playwright) against `streamlit run app.py`.

Opens the library, a deep link into the reader and a glossary term; checks highlights, right-to-left
Arabic, hover tooltips, that no Streamlit error/exception is shown and that nothing is fetched from
outside 127.0.0.1 (the map has no base-map tiles); saves screenshots to tests/artifacts/screenshots/
(or to $BILINGUAL_SCREENSHOTS: `BILINGUAL_SCREENSHOTS=docs/screenshots` refreshes the README's).
"""

from __future__ import annotations

from pathlib import Path

from tests.pages.browser import SHOTS, no_errors, open_page, settle

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "lavrov-border-mission-2023"


def test_library(page, server):
    open_page(page, server, "text=Read side by side")
    page.wait_for_function("document.querySelectorAll('.title-ar[dir=rtl]').length >= 5", timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "library.png"), full_page=False)
    assert page.outside == []


def test_reader_deep_link(page, server):
    open_page(page, f"{server}/Reader?article={ARTICLE}&sentence=s006&term=lachin-corridor", ".reader .row")
    rows = page.locator(".reader .row")
    assert rows.count() >= 10
    ar = page.locator('.reader .col-ar[dir="rtl"]').first
    assert ar.evaluate("el => getComputedStyle(el).direction") == "rtl"
    font = ar.evaluate("el => getComputedStyle(el).fontFamily")
    assert "Noto Naskh Arabic" in font
    assert page.locator(".reader .col-ar .gl").count() >= 10
    assert page.locator(".reader .col-en .gl").count() >= 5
    assert page.locator(".reader .clitic").count() >= 1
    focus = page.locator("#s006")
    assert "row-focus" in (focus.get_attribute("class") or "")
    # the sentence is scrolled into view (waits for it; fails after 10 s)
    page.wait_for_function(
        "() => { const r = document.getElementById('s006').getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }",
        timeout=10_000,
    )
    # the term card is open in the side panel
    assert page.get_by_text("Lachin corridor", exact=False).count() >= 2
    # hovering a highlight shows its tooltip (a ::after box with name, type, description)
    mark = page.locator('#s006 .col-ar .gl[data-entry="azerbaijan"]').first
    mark.hover()
    tip = mark.evaluate("el => getComputedStyle(el, '::after').content")
    assert "Azerbaijan" in tip and "Place" in tip
    # the places map: an SVG inside the side panel, not clipped, with the article's places named
    chart = page.locator('.st-key-reader_side [data-testid="stVegaLiteChart"] svg.marks').first
    chart.wait_for(timeout=30_000)
    side = page.locator('div[data-testid="stColumn"]:has(.st-key-reader_side)').last.bounding_box()
    box = chart.bounding_box()
    assert box["width"] >= 150 and box["x"] >= side["x"] - 1 and box["x"] + box["width"] <= side["x"] + side["width"] + 1
    texts = chart.evaluate("el => [...el.querySelectorAll('text')].map(t => t.textContent)")
    assert {"Armenia", "Azerbaijan", "Nagorno-Karabakh"} <= set(texts)
    # the first sidebar entry reads "Library" (app.py)
    first = page.locator('[data-testid="stSidebarNavLink"]').first
    assert first.evaluate("el => getComputedStyle(el.querySelector('span[label]'), '::before').content") == '"Library"'
    assert first.bounding_box()["height"] > 10
    page.screenshot(path=str(SHOTS / "reader.png"), full_page=False)
    assert page.outside == []


def test_reader_click_on_a_name_opens_its_card_without_a_page_load(page, server):
    page.goto(f"{server}/Reader?article={ARTICLE}&sentence=s006&term=lachin-corridor")
    card_says = "name => (document.querySelector('.st-key-term_card') || {}).innerText?.includes(name)"
    page.wait_for_function(card_says, arg="Lachin corridor", timeout=30_000)
    settle(page)
    page.evaluate("window.__sameDocument = 'yes'")  # gone if the browser loads the page again
    name = page.locator('#s006 .col-ar a.gl[data-entry="azerbaijan"]').first
    name.click()
    page.wait_for_function(card_says, arg="Azerbaijan", timeout=30_000)
    settle(page)
    no_errors(page)
    assert page.evaluate("window.__sameDocument") == "yes"
    assert "term=azerbaijan" in page.url and "sentence=s006" in page.url  # the URL still deep-links here
    assert "row-focus" in (page.locator("#s006").get_attribute("class") or "")
    # a highlight on another page is still an ordinary link (the catcher acts only in the reader)
    page.goto(f"{server}/Glossary?term=azerbaijan")
    page.wait_for_selector(".gl-focus", timeout=30_000)
    settle(page)
    assert page.evaluate("window.__sameDocument") is None
    assert page.outside == []


def test_reader_hover_then_glossary(page, server):
    open_page(page, f"{server}/Glossary?term=azerbaijan", ".conc, .row")
    assert page.locator(".gl-focus").count() >= 3
    assert page.locator('[dir="rtl"] .gl').count() >= 3
    # every type filter is visible (the pills wrap instead of being clipped)
    column = page.locator('div[data-testid="stColumn"]:has(.st-key-gl_types)').first.bounding_box()
    for label in ("Person", "Place", "Organization", "Agreement", "Event", "Other"):
        pill = page.locator(".st-key-gl_types button", has_text=label).first
        assert pill.is_visible(), label
        b = pill.bounding_box()
        assert b["x"] >= column["x"] - 1 and b["x"] + b["width"] <= column["x"] + column["width"] + 1, label
    # typed Arabic flows right-to-left in a text input, in the Arabic font stack
    search = page.locator(".st-key-gl_query input").first
    style = search.evaluate("el => [getComputedStyle(el).unicodeBidi, getComputedStyle(el).textAlign, getComputedStyle(el).fontFamily]")
    assert style[0] == "plaintext" and style[1] == "start" and "Noto Naskh Arabic" in style[2]
    page.screenshot(path=str(SHOTS / "glossary.png"), full_page=False)
    # back into the reader at a sentence that mentions the term, with the term's card open
    page.get_by_text("Open in the reader at", exact=False).first.click()
    page.wait_for_selector(".reader .row-focus", timeout=30_000)
    settle(page)
    no_errors(page)
    assert page.get_by_text("Open its term page").count() == 1
    assert page.locator(".reader .gl-focus").count() >= 1
    # and from the card to the term page
    page.get_by_text("Open its term page").click()
    page.wait_for_selector(".gl-focus", timeout=30_000)
    settle(page)
    assert page.get_by_text("Choose a term on the left").count() == 0
    assert page.outside == []
