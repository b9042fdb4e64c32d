"""Reading comfort in Chromium: the quiz from the keyboard and across a reload, glossary results that
keep each name whole, and an imported text's shortened Arabic title ending where it was cut."""

from __future__ import annotations

from bilingual.imports import texts as imported
from bilingual.store import Store
from tests.fixtures.learners import me
from tests.pages.browser import SHOTS, open_page, settle

ALERTS = "() => [...document.querySelectorAll('[data-testid=stAlert]')].map(a => a.innerText.trim())"
CHECKED = "() => [...document.querySelectorAll('.st-key-quiz_choices [role=radiogroup] input')].map(i => i.checked)"


def test_multiple_choice_from_the_keyboard_and_a_reload_keeps_the_feedback(page, server):
    open_page(page, f"{server}/Quiz", "text=Start a session")
    page.get_by_role("button", name="Start a session").click()
    page.wait_for_selector(".st-key-quiz_choices [role=radiogroup] label", timeout=30_000)
    settle(page)
    assert page.evaluate(CHECKED) == [False, False, False, False]
    # the options show the keys that pick them
    badges = page.locator(".st-key-quiz_choices [role=radiogroup] label [data-testid=stMarkdownContainer]").evaluate_all(
        "els => els.map(e => getComputedStyle(e, '::before').content)")
    assert badges == ['counter(quiz-option)'] * 4 or badges == ['"1"', '"2"', '"3"', '"4"'], badges
    page.keyboard.press("3")
    page.wait_for_function(f"() => ({CHECKED})()[2] === true", timeout=10_000)
    page.keyboard.press("2")  # changing one's mind
    page.wait_for_function(f"() => ({CHECKED})()[1] === true && !({CHECKED})()[2]", timeout=10_000)
    page.keyboard.press("Enter")  # checks it
    page.wait_for_function(f"() => ({ALERTS})().some(t => t.includes('Right!') || t.includes('Not quite'))", timeout=30_000)
    settle(page)
    feedback = page.evaluate(ALERTS)
    evidence = page.locator(".quiz-evidence").inner_text()
    page.screenshot(path=str(SHOTS / "quiz-feedback.png"), full_page=False)
    # a reload while the feedback shows: the same feedback, not the next card
    page.reload()
    page.wait_for_selector(".quiz-evidence", timeout=30_000)
    settle(page)
    assert page.evaluate(ALERTS) == feedback
    assert page.locator(".quiz-evidence").inner_text() == evidence
    assert page.get_by_text("Card 2 of").count() == 0
    # Enter goes on to the next card; a mouse-picked option is checked with Enter too
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Card 2 of", timeout=30_000)
    settle(page)
    options = page.locator(".st-key-quiz_choices [role=radiogroup] label, .st-key-quiz_ar_choices [role=radiogroup] label")
    options.first.wait_for(timeout=30_000)  # card 2 of a fresh profile is a multiple-choice drill
    assert options.count() == 4, page.locator("[data-testid=stMain]").inner_text()[:1500]
    options.nth(0).click()
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => ({ALERTS})().some(t => t.includes('Right!') || t.includes('Not quite'))", timeout=30_000)
    assert page.locator('[data-testid="stException"]').count() == 0  # ("Not quite" is an error alert, on purpose)
    assert page.outside == []


def test_glossary_results_keep_each_name_whole_and_a_clitic_query_opens_its_term(page, server):
    open_page(page, f"{server}/Glossary", ".st-key-gl_results button")
    search = page.locator(".st-key-gl_query input").first
    search.fill("وأذربيجان")
    search.press("Enter")
    page.wait_for_function("() => document.querySelector('.term-name') && document.querySelector('.term-name').innerText === 'Azerbaijan'",
                           timeout=30_000)
    settle(page)
    assert page.get_by_text("Choose a term on the left").count() == 0
    search.fill("")
    search.press("Enter")
    page.wait_for_function("() => document.querySelectorAll('.st-key-gl_results button').length > 50", timeout=30_000)
    settle(page)
    # each label: the English name (and count) on one line, the Arabic on the next, neither broken
    lines = page.locator(".st-key-gl_results button p").evaluate_all("""ps => ps.filter(p => p.getClientRects().length && p.offsetHeight)
        .map(p => [p.innerText, Math.round(p.getBoundingClientRect().height / parseFloat(getComputedStyle(p).lineHeight)),
                   p.scrollWidth > p.clientWidth + 1])""")
    assert len(lines) > 50
    broken = [text for text, n, _cut in lines if n != 2]
    assert broken == [], broken
    cut = [text for text, _n, c in lines if c]  # too long for the column: it ends in "…", the name unbroken
    assert any("International North–South Transport Corridor" in t for t in cut)
    page.screenshot(path=str(SHOTS / "glossary-results.png"), full_page=False)
    assert page.outside == []


def test_an_imported_texts_shortened_arabic_title_ends_with_the_ellipsis_where_it_was_cut(page, server):
    store = Store(server.data_dir / "bilingual.sqlite3")
    tid = imported.save_text(store, (
        "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو يوم الاثنين في زيارة رسمية تستمر يومين يبحث خلالها "
        "مع نظيره الأذربيجاني الوضع في ممر لاتشين. وقال إن الوضع هادئ."), owner=me(store))
    store.close()
    open_page(page, server, f'[class*="st-key-card-"][class*="-mine-{tid}"]')
    heading = page.locator(f'[class*="st-key-card-"][class*="-mine-{tid}"] h4').first
    heading.scroll_into_view_if_needed()
    # where the first word starts and where the "…" is drawn: right to left, the ellipsis at the left end
    first, ellipsis = heading.evaluate("""h => {
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !node.textContent.includes('وصل')) {}
        const at = (i) => { const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1); return r.getBoundingClientRect(); };
        const t = node.textContent;
        const f = at(t.indexOf('وصل')), e = at(t.indexOf('…'));
        return [[f.left, f.right, f.top], [e.left, e.right, e.top]]; }""")
    assert ellipsis[2] >= first[2]  # on the last line
    assert ellipsis[1] <= first[0] or ellipsis[2] > first[2]
    last_line_words = heading.evaluate("""h => { const r = document.createRange(); r.selectNodeContents(h);
        const rects = [...r.getClientRects()]; return rects.length; }""")
    assert last_line_words >= 1
    # the ellipsis is left of the last word of the title on its line (right-to-left reading order)
    last_word = heading.evaluate("""h => {
        const walker = document.createTreeWalker(h, NodeFilter.SHOW_TEXT);
        let node; while ((node = walker.nextNode()) && !node.textContent.includes('الاثنين')) {}
        const t = node.textContent, i = t.indexOf('الاثنين');
        const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 'الاثنين'.length); const b = r.getBoundingClientRect();
        return [b.left, b.right, b.top]; }""")
    assert abs(last_word[2] - ellipsis[2]) < 4 and ellipsis[1] <= last_word[0] + 1, (ellipsis, last_word)
    assert page.locator(f'[class*="st-key-card-"][class*="-mine-{tid}"] .meta').count() == 0  # no meta line of empty parts
    heading.screenshot(path=str(SHOTS / "library-imported-title.png"))
    assert page.outside == []
