"""Markdown injection, in a real browser: strings the learner or a URL controls never make the browser
fetch an outside URL, and never become a link, an image or formatting the app did not write.

A catalogue of payloads (a Markdown image and link, raw HTML, Streamlit's colour and icon directives,
LaTeX, bare URLs, a bidi override) is put into every field a learner controls (an imported text's title
and source, a personal term's names, spelling, description and romanization, a profile name) and into
every query parameter (article, sentence, term, word, q, and My terms' prefills ar, en, romanization,
type); the word card lists the imported texts by their (hostile) titles in its lemma concordance and
links its word to My terms ("Add as my term", followed here); the reader's header shows the imported
text's (hostile) source as its outlet. Every page is opened in Chromium with all
requests routed: each one that leaves 127.0.0.1 is recorded and aborted; the DOM is searched for an
``<a>`` or ``<img>`` pointing outside the app.
"""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest

from bilingual.glossary import default_glossary
from bilingual.imports import personal_terms
from bilingual.imports import texts as imported
from bilingual.schedule import profile_id
from bilingual.store import Store
from tests.fixtures.learners import me
from tests.pages.browser import SHOTS, no_errors, settle

#: TEST-NET-2 (RFC 5737): never a real host; the browser's requests are aborted anyway.
OUTSIDE = "http://198.51.100.7"
PAYLOAD = (
    f"![x]({OUTSIDE}/i.png) [Expired – click here]({OUTSIDE}/login) <img src={OUTSIDE}/raw.png> "
    ":red-background[boom] **bold** :material/warning: $x^2$ www.example.org \u202eevil"
)
#: Fields limited to 40 characters (profile names, acronyms).
SHORT = f"![x]({OUTSIDE}/p.png)"
TERM_AR = "المنسق التجريبي"
BODY = f"قال {TERM_AR} إن الاجتماع سيعقد في المدينة غدا. وأضاف {TERM_AR} أن المحادثات ستستمر أسبوعا."
OTHER_BODY = f"وصل {TERM_AR} إلى العاصمة مساء أمس. ثم التقى وزير الخارجية هناك."

#: The payload's pieces that must never render as what they say (the first two must not be elements).
FOREIGN_JS = """(outside) => {
  const bad = [];
  for (const el of document.querySelectorAll('a[href], img[src], source[src], link[href], iframe[src]')) {
    const raw = el.getAttribute('href') || el.getAttribute('src') || '';
    let url;
    try { url = new URL(raw, location.href); } catch (e) { bad.push(raw); continue; }
    if (url.protocol === 'javascript:' || (url.origin !== location.origin && !['data:', 'blob:'].includes(url.protocol))) bad.push(raw + ' EL ' + el.outerHTML.slice(0, 300) + ' PARENT ' + el.parentElement.outerHTML.slice(0, 300));
  }
  for (const a of document.querySelectorAll('a')) if (a.textContent.includes('click here')) bad.push('link text: ' + a.textContent);
  if (document.body.innerHTML.includes(outside + '/raw.png') && document.querySelector('img[src*="198.51.100.7"]')) bad.push('raw img');
  return bad;
}"""


@pytest.fixture(scope="module")
def seeded(server):
    """The server's database holds the payloads in every learner-controlled field."""
    store = Store(server.data_dir / "bilingual.sqlite3")
    profile_id(store, SHORT)  # the only learner: every page opens on it
    first = imported.save_text(store, BODY, title=PAYLOAD, source=PAYLOAD, owner=me(store, SHORT))
    imported.save_text(store, OTHER_BODY, title=PAYLOAD[:180] + " two", source="", owner=me(store, SHORT))
    term = personal_terms.add_personal_term(
        store,
        {"ar": TERM_AR, "en": PAYLOAD, "en_variants": SHORT, "type": "person", "description": PAYLOAD, "romanization": PAYLOAD,
         "acronym": "**A**"},
        default_glossary(),
    owner=me(store, SHORT))
    store.close()
    return {"article": imported.article_id_for(first), "term": term.id}


def visit(page, url: str) -> list[str]:
    """Open ``url``; what on it points outside the app (elements), after every request was checked."""
    page.goto(url)
    settle(page)
    no_errors(page)
    return page.evaluate(FOREIGN_JS, OUTSIDE)


PAGES = [
    ("library", ""),
    ("reader, imported text with the term's card (its hostile source is the header's outlet)", "/Reader?article={article}&term={term}"),
    ("glossary, the term", "/Glossary?term={term}"),
    ("glossary, search", "/Glossary?q=" + quote(SHORT)),
    ("quiz", "/Quiz"),
    ("progress", "/Progress"),
    ("import: my texts", "/Import"),
    ("my terms", "/My_terms?ar=" + quote(PAYLOAD)),
    ("my terms, every prefilled field",
     "/My_terms?ar=" + quote(PAYLOAD) + "&en=" + quote(PAYLOAD) + "&romanization=" + quote(PAYLOAD) + "&type=" + quote(SHORT)),
    ("your data", "/Your_data"),
    ("class: the learner's assignments, a hostile class id", "/Class?class=" + quote(PAYLOAD)),
    ("account", "/Account"),
    ("reader, hostile query parameters",
     "/Reader?article=" + quote(PAYLOAD) + "&sentence=" + quote(SHORT) + "&term=" + quote(PAYLOAD)),
    ("reader, a word card whose lemma concordance lists the hostile titles", "/Reader?article={article}&sentence=s001&word=3"),
    ("reader, hostile word parameter", "/Reader?article={article}&sentence=s001&word=" + quote(PAYLOAD)),
    ("reader, a phishing link as the article", "/Reader?article=" + quote(f"[Session expired – click here to sign in again]({OUTSIDE}/login)")),
    ("glossary, hostile term", "/Glossary?term=" + quote(PAYLOAD)),
]


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[p[0] for p in PAGES])
def test_no_payload_becomes_a_request_link_or_image(page, server, seeded, name, path):
    found = visit(page, f"{server}{path.format(**seeded)}")
    assert page.outside == [], f"{name}: the browser tried to fetch {page.outside}"
    assert found == [], f"{name}: elements the app did not write: {found}"


def test_the_payload_is_shown_as_typed(page, server, seeded):
    """Escaped, not swallowed: the learner reads their own title exactly as they typed it."""
    visit(page, f"{server}/Reader?article={seeded['article']}")
    page.wait_for_selector(".reader .row", timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "injection-reader.png"), full_page=False)
    text = page.inner_text('[data-testid="stMain"]').replace("\u2060", "")  # the unseen breaks of autolinks
    assert ":red-background[boom] **bold** :material/warning: $x^2$ www.example.org" in text
    assert f"[Expired – click here]({OUTSIDE}/login)" in text
    assert "\u202e" not in text  # the bidi override is removed, not shown
    page.goto(f"{server}/Reader?article=" + quote(f"[Session expired – click here to sign in again]({OUTSIDE}/login)"))
    settle(page)
    warning = page.locator('[data-testid="stAlertContentWarning"]').first.inner_text().replace("\u2060", "")
    assert "click here to sign in again](http://198.51.100.7/login)" in warning  # as text, inside the warning
    assert json.dumps(page.outside) == "[]"


def test_add_as_my_term_carries_the_word_escaped_and_unchanged(page, server, seeded):
    """The word card's link to My terms holds the word in its query (encoded), and My terms shows it
    back exactly, as text in a field."""
    from urllib.parse import parse_qsl, urlsplit

    visit(page, f"{server}/Reader?article={seeded['article']}&sentence=s002&word=0")
    link = page.locator(".st-key-word_card a", has_text="Add as my term").filter(visible=True)
    link.wait_for(timeout=60_000)
    href = link.get_attribute("href")
    assert dict(parse_qsl(urlsplit(href).query)) == {"ar": "أضاف"}  # وأضاف without its و
    link.click()
    page.wait_for_function("() => [...document.querySelectorAll('input')].some(i => i.value === 'أضاف')", timeout=30_000)
    settle(page)
    no_errors(page)
    assert page.evaluate(FOREIGN_JS, OUTSIDE) == [] and page.outside == []
