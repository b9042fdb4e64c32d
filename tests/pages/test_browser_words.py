"""The reader's words in a real browser (Debian Chromium): a click on a plain word opens its card with
its English gloss, without loading the page again; and a highlighted name with a clitic is still one
visually joined word (وأذربيجان, the lam-alef of لأرمينيا, لافروف: with no gap before the colon).

How joining is proven: the word as the reader draws it (clitic, highlight and all) must take exactly
the width the same letters take as plain text in the same place and font. A broken lam-alef is a
different glyph run and a padded or bordered highlight adds space, so both change the width; the test
first shows that its measure catches both (a 0.02px padding that only breaks the shaping, and the
old .12em padding; the rows are rebuilt after each style change, since Chromium keeps a word's
shaping when only a style changes), then that the reader's words pass. Screenshots at 1400×1000, Arabic at 2.6 rem.
"""

from __future__ import annotations

import pytest

from bilingual.schedule import DEFAULT_PROFILE, profile_id
from bilingual.store import Store
from bilingual.store import profiles as learner_settings
from tests.pages.browser import SHOTS, no_errors, open_page, settle

ARTICLE = "lavrov-border-mission-2023"
BIG = 2.6

#: (sentence, the word's element text, characters after it that must sit against it)
JOINED = [("s001", "وأذربيجان", ""), ("s008", "لأرمينيا", ""), ("s001", "لافروف", ":"), ("s006", "وأذربيجان", "")]

MEASURE_JS = """([sid, word, after]) => {
  const row = document.getElementById(sid);
  const el = [...row.querySelectorAll('.col-ar .gl')].find(e => e.textContent === word);
  if (!el) return null;
  const range = document.createRange();
  range.setStartBefore(el);
  if (after) {
    const next = el.nextSibling;
    if (!next || next.nodeType !== Node.TEXT_NODE || !next.data.startsWith(after)) return null;
    range.setEnd(next, after.length);
  } else {
    range.setEndAfter(el);
  }
  const lines = new Set([...range.getClientRects()].map(r => Math.round(r.top))).size;
  const drawn = range.getBoundingClientRect().width;
  const probe = document.createElement('span');  // its own box, so its letters join nothing around it
  probe.style.display = 'inline-block';
  probe.textContent = word + after;
  el.parentElement.insertBefore(probe, el);
  const plain = probe.getBoundingClientRect().width;
  probe.remove();
  return { drawn, plain, lines, font: getComputedStyle(el).fontFamily, size: getComputedStyle(el).fontSize };
}"""


@pytest.fixture
def big_arabic(server):
    store = Store(server.data_dir / "bilingual.sqlite3")  # the learner's own setting (the only learner: the app opens on it)
    learner_settings.set_setting(store, profile_id(store, DEFAULT_PROFILE), "pref.reader_ar_size", str(BIG))
    store.close()
    yield
    store = Store(server.data_dir / "bilingual.sqlite3")
    learner_settings.set_setting(store, profile_id(store, DEFAULT_PROFILE), "pref.reader_ar_size", "1.5")
    store.close()


#: Chromium keeps a word's shaping when only a style changes: rebuild the rows so they are shaped afresh.
RESHAPE_JS = "() => document.querySelectorAll('.reader .col-ar').forEach(c => { c.innerHTML = c.innerHTML; })"


def _measure(page) -> dict[str, dict]:
    return {f"{sid} {word}{after}": page.evaluate(MEASURE_JS, [sid, word, after]) for sid, word, after in JOINED}


def _with_style(page, css: str) -> dict[str, dict]:
    """The measures with ``css`` added to the page (the rows shaped afresh), then the page as it was."""
    style = page.add_style_tag(content=css)
    page.evaluate(RESHAPE_JS)
    found = _measure(page)
    style.evaluate("el => el.remove()")
    page.evaluate(RESHAPE_JS)
    return found


def test_a_highlighted_name_with_a_clitic_renders_as_one_joined_word(browser, server, big_arabic):
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, device_scale_factor=1)
    page = ctx.new_page()
    try:
        open_page(page, f"{server}/Reader?article={ARTICLE}", ".reader .row")
        page.wait_for_function("document.fonts.status === 'loaded'")
        found = _measure(page)
        assert all(found.values()), found
        for name, m in found.items():
            assert "Noto Naskh Arabic" in m["font"] and float(m["size"][:-2]) >= 40, (name, m)
            assert m["lines"] == 1, (name, m)
        # the measure catches a broken glyph run even when it adds no space (shaping stops at a padded box) ...
        broken = _with_style(page, ".reader .gl .clitic { padding-inline-end: 0.02px; }")["s008 لأرمينيا"]
        assert broken["drawn"] < broken["plain"] - 1, broken  # ل and أ drawn apart (narrower), not as the ligature لأ
        # ... and the old highlight padding, which opened a gap (و|أذربيجان, لافروف| :)
        padded = _with_style(page, ".reader .gl { padding: 0 .12em; }")
        assert all(abs(m["drawn"] - m["plain"]) > 2 for m in padded.values()), padded
        # the reader as it is: every one of these words is drawn exactly as its plain letters
        for name, m in _measure(page).items():
            assert abs(m["drawn"] - m["plain"]) < 0.5, (name, m)
        SHOTS.mkdir(parents=True, exist_ok=True)
        for sid in ("s001", "s008"):
            page.locator(f"#{sid} .col-ar").screenshot(path=str(SHOTS / f"joined-{sid}.png"))
        assert page.outside == [] if hasattr(page, "outside") else True
    finally:
        ctx.close()


def test_clicking_a_plain_word_shows_its_english_gloss_without_a_page_load(page, server):
    open_page(page, f"{server}/Reader?article={ARTICLE}", ".reader .w")
    # the click catchers are on the page (their script registered for word and link clicks)
    page.wait_for_function("() => window.__bilingualHosts && window.__bilingualHosts.word && window.__bilingualHosts.open")
    page.evaluate("window.__sameDocument = 'yes'")
    word = page.locator('#s001 .col-ar .w[data-word="لنشر"]')  # لِ "for/to" + نَشْر "spreading"
    word.click()
    page.wait_for_function(
        "() => (document.querySelector('.st-key-word_card') || {}).innerText?.includes('spreading')", timeout=30_000
    )
    settle(page)
    no_errors(page)
    assert page.evaluate("window.__sameDocument") == "yes"
    assert "w-open" in (word.get_attribute("class") or "")
    card = page.locator(".st-key-word_card").inner_text().lower()
    assert "لنشر" in card and "for/to" in card and "noun" in card and "buckwalter" in card and "in the library" in card
    assert page.locator(".st-key-term_card").count() == 0 or not page.locator(".st-key-term_card").is_visible()
    page.screenshot(path=str(SHOTS / "word-card.png"), full_page=False)
    # a name still opens its term card, which replaces the word card
    page.locator('#s001 .col-ar a.gl[data-entry="sergei-lavrov"]').click()
    page.wait_for_function("() => (document.querySelector('.st-key-term_card') || {}).innerText?.includes('Lavrov')", timeout=30_000)
    settle(page)
    assert page.locator(".st-key-word_card").count() == 0
    assert page.evaluate("window.__sameDocument") == "yes"
    # the lemma concordance opens another sentence of the library at its word, in place
    page.locator('#s001 .col-ar .w[data-word="الحدود"]').click()
    page.wait_for_selector(".st-key-word_card .reader-link", timeout=30_000)
    settle(page)
    page.locator(".st-key-word_card a.reader-link", has_text="s002").first.click()
    page.wait_for_function("() => location.search.includes('sentence=s002') && location.search.includes('word=')", timeout=30_000)
    settle(page)
    assert "row-focus" in (page.locator("#s002").get_attribute("class") or "")
    assert page.locator("#s002 .w-open").count() == 1 and page.locator(".st-key-word_card").count() == 1
    assert page.evaluate("window.__sameDocument") == "yes"
    assert page.outside == []
