"""Word statuses in a real browser (Debian Chromium): click a word, press a key (3, then 5, then i), and
the underline of that word and of every other spelling of its lemma changes, as does the new-word count."""

from __future__ import annotations

from bilingual.schedule import DEFAULT_PROFILE, profile_id
from bilingual.store import Store
from bilingual.store import profiles as learner_settings
from tests.pages.browser import SHOTS, no_errors, open_page, settle

ARTICLE = "lavrov-border-mission-2023"
WORD = "الحدود"  # in s001, and in other sentences of the article
BLUR_JS = "() => document.activeElement && document.activeElement.blur()"
COUNT_JS = "() => (document.querySelector('.vocab-count') || {}).innerText || ''"


def _underlines_on(server) -> None:
    store = Store(server.data_dir / "bilingual.sqlite3")
    learner_settings.set_setting(store, profile_id(store, DEFAULT_PROFILE), "pref.reader_statuses", "true")
    store.close()


def _wait_class(page, word: str, cls: str) -> None:
    page.wait_for_function(
        "([w, c]) => { const els = [...document.querySelectorAll('.reader .col-ar .w')].filter(e => e.dataset.word === w);"
        " return els.length > 0 && els.every(e => e.classList.contains(c)); }",
        arg=[word, cls], timeout=30_000,
    )


def test_a_key_on_the_word_card_sets_the_status_and_the_underline_follows(page, server):
    _underlines_on(server)
    open_page(page, f"{server}/Reader?article={ARTICLE}", ".reader .w")
    page.wait_for_function("() => window.__bilingualHosts && window.__bilingualHosts.word")
    page.wait_for_selector(".vocab-count", timeout=60_000)  # the count, once the dictionary has loaded
    settle(page)
    word = page.locator(f'#s001 .col-ar .w[data-word="{WORD}"]').first
    assert "ws-new" in (word.get_attribute("class") or "")
    before = page.evaluate(COUNT_JS)
    assert before.split(" new")[0].strip().replace(",", "").isdigit(), before
    word.click()
    page.wait_for_selector(".st-key-word_card .st-key-vocab_status_3", timeout=30_000)
    settle(page)
    page.evaluate(BLUR_JS)  # no widget has the focus, as for a reader who just clicked a word
    page.keyboard.press("3")
    _wait_class(page, WORD, "ws-l3")
    settle(page)
    no_errors(page)
    assert "ws-learning" in (page.locator(f'#s001 .col-ar .w[data-word="{WORD}"]').first.get_attribute("class") or "")
    after = page.evaluate(COUNT_JS)
    assert int(after.split(" new")[0].replace(",", "")) == int(before.split(" new")[0].replace(",", "")) - 1, (before, after)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "word-status-learning.png"), full_page=False)
    page.locator(".st-key-vocab_status_3").scroll_into_view_if_needed()
    page.wait_for_timeout(500)
    page.screenshot(path=str(SHOTS / "word-card-status.png"), full_page=False)
    page.evaluate(BLUR_JS)
    page.keyboard.press("5")  # known, as LUTE's last level (the page's own key script)
    _wait_class(page, WORD, "ws-known")
    page.evaluate(BLUR_JS)
    page.keyboard.press("i")  # ignored: no underline at all
    page.wait_for_function(
        "(w) => [...document.querySelectorAll('.reader .col-ar .w')].filter(e => e.dataset.word === w)"
        ".every(e => ![...e.classList].some(c => c.startsWith('ws-')))", arg=WORD, timeout=30_000)
    settle(page)
    no_errors(page)
    assert page.outside == []
