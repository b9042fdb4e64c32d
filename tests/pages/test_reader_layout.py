"""The reader in Chromium (issue 16): the Arabic has the room (side by side and stacked, at 1400×1000
and 1024×768), the header is compact, the English can be hidden and revealed sentence by sentence,
English highlights and the names inside a longer name open their card in the same session, the outlet
opens its card, "Add as my term" carries the word to My terms, and the Anki stylesheet adds nothing
around a highlighted word. Screenshots: reader-1400-side.png, reader-1400-stacked.png, reader-1024.png,
reader-hidden-english.png, term-card-contains.png."""

from __future__ import annotations

from html import escape

from bilingual.glossary import default_glossary
from bilingual.matcher import annotate
from bilingual.quiz import export
from bilingual.render import sentence_html
from tests.pages.browser import SHOTS, no_errors, open_page, settle

BAKU = "lavrov-baku-peace-treaty-2023"
BORDER = "lavrov-border-mission-2023"

#: Widths and tops of what the learner reads, in CSS pixels.
MEASURE = """() => {
  const box = (el) => el.getBoundingClientRect();
  const reader = box(document.querySelector('.reader'));
  const row = document.querySelector('.reader .row');
  const ar = box(row.querySelector('.col-ar')), en = box(row.querySelector('.col-en'));
  const side = box(document.querySelector('div[data-testid="stColumn"]:has(.st-key-reader_side)'));
  const lines = (el) => el ? Math.round(el.scrollHeight / parseFloat(getComputedStyle(el).lineHeight)) : 0;
  return {reader: reader.width, readerRight: reader.right, ar: ar.width, arTop: ar.top, arBottom: ar.bottom,
          en: en.width, enTop: en.top, enLeft: en.left, arLeft: ar.left, rowTop: box(row).top,
          side: side.width, sideLeft: side.left, h1Lines: lines(document.querySelector('h1.rhead-en')),
          arTitleLines: lines(document.querySelector('.rhead-ar'))};
}"""


def _layout(page, label: str) -> None:
    page.locator(".st-key-reader_layout label", has_text=label).click()
    want = "reader-stacked" if label.startswith("Arabic") else "reader-side"
    page.wait_for_selector(f".reader-box.{want}", timeout=30_000)
    settle(page)


def test_the_arabic_has_the_room_side_by_side_and_stacked(page, server):
    page.set_viewport_size({"width": 1400, "height": 1000})
    open_page(page, f"{server}/Reader?article={BAKU}", ".reader .row")
    SHOTS.mkdir(parents=True, exist_ok=True)
    side = page.evaluate(MEASURE)
    # side by side: the Arabic at least 55 % of the reading area, to the right of the English
    assert side["ar"] >= 0.55 * side["reader"], side
    assert side["arLeft"] > side["enLeft"] and abs(side["arTop"] - side["enTop"]) < 20
    # the compact header: each title two lines at most; the first sentence near the top
    assert side["h1Lines"] <= 2 and 1 <= side["arTitleLines"] <= 2, side
    assert side["rowTop"] < 300, side
    page.screenshot(path=str(SHOTS / "reader-1400-side.png"), full_page=False)
    # stacked: the Arabic has the whole width, the English under it
    _layout(page, "Arabic above English")
    stacked = page.evaluate(MEASURE)
    assert stacked["ar"] >= 0.95 * stacked["reader"] and stacked["enTop"] >= stacked["arBottom"] - 1, stacked
    assert stacked["rowTop"] < 300
    page.screenshot(path=str(SHOTS / "reader-1400-stacked.png"), full_page=False)
    # remembered for the learner: a reload keeps it
    page.reload()
    page.wait_for_selector(".reader-box.reader-stacked", timeout=30_000)
    settle(page)
    _layout(page, "Side by side")
    # 1024×768: too narrow for two columns beside the side panel, the rows stack by themselves; the side
    # panel stays beside the article, wide enough for its card
    page.set_viewport_size({"width": 1024, "height": 768})
    page.goto(f"{server}/Reader?article={BORDER}")
    page.wait_for_selector(".reader .row", timeout=30_000)
    settle(page)
    small = page.evaluate(MEASURE)
    assert small["ar"] >= 0.55 * small["reader"] and small["ar"] >= 380, small
    assert small["sideLeft"] >= small["readerRight"] and small["side"] >= 200, small
    assert small["rowTop"] < 300 and small["h1Lines"] <= 2, small
    page.screenshot(path=str(SHOTS / "reader-1024.png"), full_page=False)
    no_errors(page)
    assert page.outside == []


def _english_visible(page, sid: str) -> bool:
    # (a folded <details> keeps its content laid out but skipped: checkVisibility says whether it is shown)
    return page.evaluate("(sid) => { const b = document.querySelector('#' + sid + ' .en-block');"
                         " return !!b && b.checkVisibility({contentVisibilityAuto: true, visibilityProperty: true}); }", sid)


def test_the_english_hidden_revealed_sentence_by_sentence_and_kept_across_a_rerun(page, server):
    open_page(page, f"{server}/Reader?article={BORDER}", ".reader .row")
    page.locator(".st-key-reader_hide_en label").click()
    page.wait_for_selector(".reader details.en-reveal", timeout=30_000)
    settle(page)
    assert not _english_visible(page, "s002") and not _english_visible(page, "s003")
    assert page.locator("#s002 .col-ar .gl").count() >= 1  # the Arabic is all there
    page.locator("#s002 .en-reveal > summary").click()
    page.wait_for_function("() => document.querySelector('#s002 details').open", timeout=5_000)
    assert _english_visible(page, "s002") and not _english_visible(page, "s003")
    settle(page)  # (the fragment that remembers it has run)
    page.screenshot(path=str(SHOTS / "reader-hidden-english.png"), full_page=False)
    # a click on a name redraws the rows (its card opens, the sentence is focused): s002 stays revealed
    click_first_line(page, page.locator('#s004 .col-ar a.gl').first)
    page.wait_for_selector("#s004.row-focus", timeout=30_000)
    settle(page)
    assert _english_visible(page, "s002") and not _english_visible(page, "s003")
    # hidden again from the keyboard
    page.locator("#s002 .en-reveal > summary").focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => !document.querySelector('#s002 details').open", timeout=5_000)
    # off: every English shown (and remembered off for the next tests)
    page.locator(".st-key-reader_hide_en label").click()
    page.wait_for_function("() => !document.querySelector('.reader details')", timeout=30_000)
    settle(page)
    assert _english_visible(page, "s003")
    no_errors(page)
    assert page.outside == []


CARD = "name => (document.querySelector('.st-key-term_card') || {}).innerText?.includes(name)"


def click_first_line(page, locator) -> None:
    """Click a highlight where its first line is (a name broken over two lines has its box's centre
    between them, on another word)."""
    locator.scroll_into_view_if_needed()
    r = locator.evaluate("el => { const r = el.getClientRects()[0]; return [r.left + r.width / 2, r.top + r.height / 2]; }")
    page.mouse.click(r[0], r[1])


def test_english_highlights_and_the_names_inside_a_name_open_their_card_in_the_same_session(page, server):
    open_page(page, f"{server}/Reader?article={BAKU}", ".reader .row")
    page.evaluate("window.__sameDocument = 'yes'")
    # an English highlight opens its card, as an Arabic one does
    click_first_line(page, page.locator('#s002 .col-en a.gl[data-entry="sergei-lavrov"]').first)
    page.wait_for_function(CARD, arg="Sergei Lavrov", timeout=30_000)
    settle(page)
    assert "term=sergei-lavrov" in page.url and "sentence=s002" in page.url
    # the treaty «معاهدة سلام بين أرمينيا وأذربيجان»: its card says what it contains, each one a link
    click_first_line(page, page.locator('#s001 .col-ar a.gl[data-entry="armenia-azerbaijan-peace-treaty"]').first)
    page.wait_for_selector(".st-key-term_card .term-contains", timeout=30_000)
    settle(page)
    contains = page.locator(".st-key-term_card .term-contains")
    assert contains.inner_text().replace("\n", " ").strip() == "CONTAINS Armenia, Azerbaijan"
    page.locator(".st-key-term_card").screenshot(path=str(SHOTS / "term-card-contains.png"))
    contains.locator('a.gl[data-entry="azerbaijan"]').click()
    page.wait_for_function("() => document.querySelector('.st-key-term_card .term-name')?.innerText === 'Azerbaijan'", timeout=30_000)
    settle(page)
    # the outlet in the header opens its card too (it is not a glossary form: «الميادين» is linked through the article)
    page.locator('.rhead-outlet a.gl[data-entry="al-mayadeen"]').click()
    page.wait_for_function("() => document.querySelector('.st-key-term_card .term-name')?.innerText === 'Al Mayadeen'", timeout=30_000)
    settle(page)
    assert page.evaluate("window.__sameDocument") == "yes"  # never a page load
    no_errors(page)
    assert page.outside == []


def test_add_as_my_term_carries_the_word_to_my_terms(page, server):
    open_page(page, f"{server}/Reader?article={BORDER}", ".reader .row")
    page.locator('#s002 .col-ar .w[data-word="لتهدئة"]').click()
    page.wait_for_selector(".st-key-word_card", timeout=60_000)
    settle(page)
    page.locator(".st-key-word_card a", has_text="Add as my term").filter(visible=True).click()
    page.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value === 'تهدئة')", timeout=30_000)
    settle(page)
    assert "My_terms" in page.url
    english = page.locator(".st-key-term_add input, [data-testid=stForm] input").evaluate_all("els => els.map(e => e.value)")
    assert "تهدئة" in english and any(v and v != "تهدئة" for v in english)  # the Arabic and its English gloss
    no_errors(page)
    assert page.outside == []


def test_the_anki_stylesheet_adds_no_space_around_a_highlighted_word(browser):
    """A highlighted «لأرمينيا» (its clitic inside the highlight) is exactly as wide as the plain word."""
    glossary = default_glossary()
    text = "وقال لأرمينيا وأذربيجان إن الحدود هادئة"
    marked = sentence_html(text, annotate(text, glossary), glossary, tooltips=False)
    assert 'class="clitic">ل</span>' in marked
    pg = browser.new_page()
    pg.set_content(f'<style>{export.CSS}</style><div class="card"><div class="ar"><span id="a">{marked}</span></div>'
                   f'<div class="ar"><span id="b">{escape(text)}</span></div></div>')
    widths = pg.evaluate("() => ['a', 'b'].map(i => document.getElementById(i).getBoundingClientRect().width)")
    pg.close()
    assert abs(widths[0] - widths[1]) < 0.5, widths
