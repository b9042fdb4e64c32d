"""AppTests: the library, the reader (every toggle and translation choice), glossary search and term view,
and hostile text in an article and a glossary description showing as text."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import corpus as corpus_mod
from bilingual import glossary as glossary_mod
from bilingual import paths
from bilingual.imports import texts as imported
from tests.fixtures.learners import me
from tests.pages.apptest import app_on, html_of, shown

ROOT = Path(__file__).resolve().parents[2]
ARTICLE = "lavrov-border-mission-2023"
TIMINGS: dict[str, float] = {}


pytestmark = pytest.mark.usefixtures("fresh_caches")


def run(at: AppTest, label: str) -> AppTest:
    t = time.perf_counter()
    at.run()
    TIMINGS[label] = time.perf_counter() - t
    assert not at.exception, [e.value for e in at.exception]
    assert not at.error, [e.value for e in at.error]
    return at


def reader(**params: str) -> AppTest:
    return app_on("pages/1_Reader.py", **params)


# --- library ----------------------------------------------------------------------------------


def test_library_lists_every_article_with_a_way_into_the_reader():
    at = run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "library")
    articles = corpus_mod.default_corpus()
    links = at.get("page_link")
    assert [ln.proto.query_string for ln in links] == [f"article={a.id}" for a in articles]
    assert all(ln.proto.page == "Reader" for ln in links)
    page = html_of(at)
    text = re.sub(r"<[^>]+>", "", page)  # as read: an outlet may be highlighted in parts (one per entry)
    for a in articles:
        assert a.title_ar in page and a.outlet in text
    # an outlet with a glossary entry is a highlight that opens the reader on its text with the entry's card
    assert '<a class="gl gl-organization" data-entry="al-alam"' in page
    assert 'href="Reader?article=lavrov-border-mission-2023&amp;term=al-alam"' in page
    assert ("date inferred" in page) == any(a.date_inferred for a in articles)
    metrics = {m.label for m in at.metric}
    assert {"Words", "Sentences", "Glossary terms"} <= metrics
    terms = [int(m.value) for m in at.metric if m.label == "Glossary terms"]
    assert len(terms) == len(articles) and all(n > 0 for n in terms)
    captions = " ".join(shown(c.value) for c in at.caption)
    progress = " ".join(p.proto.text for p in at.get("progress"))
    assert "No quiz cards" in captions or "Quiz: 0/" in progress or "not available" in captions


# --- reader -----------------------------------------------------------------------------------


def test_reader_deep_link_focuses_the_sentence_with_highlights_in_both_languages():
    at = run(reader(article=ARTICLE, sentence="s006", term="lachin-corridor"), "reader")
    page = html_of(at)
    assert 'class="row row-text row-focus" id="s006"' in page
    assert page.count('dir="rtl" lang="ar"') >= 14
    assert 'class="clitic">و</span>' in page  # وأذربيجان: the clitic shown apart
    assert 'data-entry="azerbaijan"' in page and "gl gl-place" in page and "gl gl-person" in page
    assert "Reference translation (human-curated)" in page
    en_part = page.split('<div class="en" lang="en">', 1)[1]
    assert '<a class="gl gl-' in en_part  # English names highlighted too, each a link to its card
    assert at.iframe if hasattr(at, "iframe") else True
    assert "Lachin corridor" in page  # the term card is open
    assert "The mountain road" in page or glossary_mod.default_glossary().get("lachin-corridor").description[:20] in page
    assert at.session_state["reader_article"] == ARTICLE


def test_reader_type_toggles_remove_that_colour():
    at = run(reader(article=ARTICLE), "reader toggles")
    for t in ("person", "place", "organization", "agreement", "event", "other"):
        toggle = next(x for x in at.toggle if x.key == f"reader_hl_{t}")
        toggle.set_value(False)
        run(at, f"toggle {t}")
        assert f'class="gl gl-{t}' not in html_of(at).split('class="reader"', 1)[1]
        assert f'legend-item gl gl-{t} legend-off' in html_of(at)
    assert "<mark" not in html_of(at).split('class="reader"', 1)[1]
    next(x for x in at.toggle if x.key == "reader_hl_place").set_value(True)
    run(at, "toggle back")
    assert 'class="gl gl-place"' in html_of(at)


def test_reader_font_size_and_article_switch():
    at = run(reader(article=ARTICLE), "reader size")
    at.slider(key="reader_ar_size").set_value(2.2)
    run(at, "font size")
    assert "--ar-size:2.20rem" in html_of(at)
    other = corpus_mod.default_corpus()[0].id
    at.selectbox(key="reader_article").set_value(other)
    run(at, "switch article")
    assert at.query_params["article"] == [other] or at.query_params["article"] == other
    assert corpus_mod.default_corpus()[0].title_ar in html_of(at)


def test_reader_machine_translation_missing_offers_install_and_keeps_the_reference():
    from bilingual import translation

    at = run(reader(article=ARTICLE), "reader mt missing")
    at.radio(key="reader_english").set_value("Machine translation")
    run(at, "mt choice")
    page = html_of(at)
    # the human reference is shown, in every row; no machine-translation slot, no note per sentence
    assert page.count("Reference translation (human-curated)") == corpus_mod.article_by_id(ARTICLE).sentence_count
    assert translation.MT_LABEL not in page and "unavailable" not in page
    # said once, at the top; the install panel is there, folded (the reference is what is read)
    notices = [i.value for i in at.info if "not installed" in i.value]
    assert notices == ["Machine translation is not installed, so the human reference translation is shown. "
                       "To add the machine translation, install the model (below)."]
    assert [e.proto.label for e in at.expander] == ["Install the machine-translation model"]
    assert not at.expander[0].proto.expanded
    assert any(b.label == "Install the translation model" for b in at.button)
    assert at.get("file_uploader")
    # comparing MT with the reference is off, and says why
    chrf = at.toggle(key="reader_mark_chrf")
    assert chrf.proto.disabled and "the model is not installed" in chrf.proto.help
    assert any("the model is not installed" in c.value for c in at.caption)


def test_machine_translation_remembered_without_a_model_still_shows_the_reference():
    """The quiz's "Open in the reader" with MT remembered lands on the reference, not on empty rows."""
    first = run(reader(article=ARTICLE), "mt choose")
    first.radio(key="reader_english").set_value("Machine translation")
    run(first, "mt chosen")
    at = run(reader(article=ARTICLE, sentence="s006"), "mt remembered")  # a new browser session of the same learner
    assert at.radio(key="reader_english").value == "Machine translation"
    page = html_of(at)
    assert page.count("Reference translation (human-curated)") == corpus_mod.article_by_id(ARTICLE).sentence_count
    assert "row-focus" in page and "unavailable" not in page
    assert len([i for i in at.info if "not installed" in i.value]) == 1


@pytest.fixture
def fake_model(monkeypatch, data_dir):
    """An 'installed' model and cached translations for the article (the model itself never loads)."""
    from bilingual import translation
    from bilingual.store import Store

    model = translation.ModelInfo("fake", "1.0", data_dir / "fake", 1, "ar", "en", "0" * 64)
    monkeypatch.setattr(translation, "installed_model", lambda *a, **k: model)
    monkeypatch.setattr(translation, "engine", lambda *a, **k: pytest.fail("the reader must not load the model"))
    art = corpus_mod.article_by_id(ARTICLE)
    store = Store(paths.db_path())
    key = translation.cache_key(model)
    rows = [(key, s.ar, "Armenia and something else entirely.") for s in art.sentences[:-1]]  # last one uncached
    with store.transaction() as c:
        c.executemany("INSERT INTO mt_cache(model_key, source, target) VALUES (?, ?, ?)", rows)
    store.close()
    return model


def test_reader_shows_cached_mt_both_stacked_and_flags(fake_model):
    from bilingual import translation

    at = run(reader(article=ARTICLE), "reader mt cached")
    at.radio(key="reader_english").set_value("Both")
    run(at, "both")
    page = html_of(at)
    assert page.count("Reference translation (human-curated)") >= 14 and page.count(translation.MT_LABEL) >= 14
    assert '<a class="gl gl-place" data-entry="armenia"' in page.split("en-mt", 1)[1]
    assert "MT misses: Azerbaijan" in page  # glossary check flags the garbled names
    assert "Not translated yet" in page
    assert any(b.label == "Translate this article" for b in at.button)
    assert "Low agreement" not in page
    at.toggle(key="reader_mark_chrf").set_value(True)
    run(at, "chrf")
    assert "Low agreement with the reference (chrF" in html_of(at)
    at.radio(key="reader_english").set_value("Reference")
    run(at, "reference only")
    assert translation.MT_LABEL not in html_of(at)


def test_reader_picking_a_term_opens_its_card():
    at = run(reader(article=ARTICLE), "reader pick")
    assert "Open its term page" not in [ln.proto.label for ln in at.get("page_link")]
    at.session_state["reader_pick"] = "azerbaijan"
    at.query_params["term"] = "azerbaijan"
    run(at, "pick term")
    labels = {ln.proto.label: ln.proto for ln in at.get("page_link")}
    assert labels["Open its term page"].query_string == "term=azerbaijan"
    assert any(b.key.startswith("also_") for b in at.button if b.key)  # "Also mentioned in"
    assert "focus" in html_of(at)


def test_reader_also_mentioned_in_switches_article_and_url_with_counts():
    at = run(reader(article=ARTICLE, term="armenia"), "reader also")
    also = [b for b in at.button if b.key and b.key.startswith("also_")]
    assert len(also) >= 3
    assert all(shown(b.label).endswith("×)") for b in also)  # the count is part of the label, at its end
    other = also[0].key.removeprefix("also_")
    also[0].click()
    run(at, "also click")
    assert at.session_state["reader_article"] == other
    qp = {k: at.query_params[k] for k in ("article", "sentence", "term")}
    qp = {k: v[0] if isinstance(v, list) else v for k, v in qp.items()}
    assert qp["article"] == other and qp["term"] == "armenia"  # the URL names the article shown: a reload stays
    assert f'row-focus" id="{qp["sentence"]}"' in html_of(at)
    assert corpus_mod.article_by_id(other).title_ar in html_of(at)
    assert "Open its term page" in [ln.proto.label for ln in at.get("page_link")]


def test_reader_map_fits_the_places_and_names_the_rest():
    import json

    at = run(reader(article=ARTICLE), "reader map")
    charts = at.get("vega_lite_chart")
    assert len(charts) == 1
    spec = json.loads(charts[0].proto.spec)
    assert '"url"' not in charts[0].proto.spec and "mapbox" not in charts[0].proto.spec  # nothing fetched
    assert 200 <= spec["width"] <= 300 and 150 <= spec["height"] <= 300
    data = b"".join(ds.data.data for ds in charts[0].proto.datasets) + charts[0].proto.spec.encode()
    for name in ("Armenia", "Azerbaijan", "Nagorno-Karabakh", "Georgia", "Iran"):  # places, and the country outlines
        assert name.encode() in data
    captions = " ".join(shown(c.value) for c in at.caption)
    assert "Farther away: Moscow" in captions and "Russia" in captions


def test_reader_bad_deep_link_warns_then_falls_back():
    at = reader(article="nope", sentence="s999", term="xyz")
    at.run()
    assert not at.exception and not at.error
    warning = " ".join(w.value for w in at.warning)
    assert "nope" in warning and "s999" in warning and "xyz" in warning
    first = corpus_mod.default_corpus()[0]
    assert at.session_state["reader_article"] == first.id and first.title_ar in html_of(at)
    assert 'row-focus" id=' not in html_of(at)
    assert at.query_params["article"] in ([first.id], first.id)  # the URL now says what is shown
    run(at, "bad link rerun")
    assert not any("nope" in w.value for w in at.warning)


def test_reader_good_deep_link_does_not_warn():
    at = run(reader(article=ARTICLE, sentence="s006", term="lachin-corridor"), "good link")
    assert not any("not here" in w.value for w in at.warning)


def test_failed_model_install_is_explained_full_width_without_a_stuck_progress_bar(monkeypatch):
    from bilingual import translation

    def offline(progress=None, **_):
        progress(0.0, "Reading the Argos package index…")
        raise translation.IndexUnreachable(
            "Could not read the Argos package index (https://example.invalid/index.json): [Errno -2] Name or service "
            "not known. Check the connection, or install from a file."
        )

    monkeypatch.setattr(translation, "install_from_index", offline)
    at = run(reader(article=ARTICLE), "install fail")
    at.radio(key="reader_english").set_value("Machine translation")
    run(at, "mt")
    at.button(key="mt_install").click()
    at.run()
    assert not at.exception
    assert len(at.error) == 1
    assert "Could not reach the Argos package index (no internet?)" in at.error[0].value
    assert "--from-file FILE" in at.error[0].value and "[Errno" not in at.error[0].value
    assert any("[Errno -2]" in shown(c.value) for c in at.caption)  # the detail, small
    assert not [p for p in at.get("progress") if "Argos" in p.proto.text]  # the bar is gone
    assert all(len(col.error) == 0 for col in at.columns)  # not squeezed into the button's column


def test_imported_text_without_reference_opens_on_machine_translation_with_one_notice(data_dir):
    from bilingual.store import Store

    store = Store(paths.db_path())
    tid = imported.save_text(store, "زار لافروف باكو أمس. وقال إن الحدود هادئة.\n\nثم عاد إلى موسكو.", title="نص", owner=me(store))
    store.close()
    mine = f"mine-{tid}"
    at = run(reader(article=mine), "mine")
    assert at.radio(key="reader_english").value == "Machine translation"
    at.radio(key="reader_english").set_value("Reference")
    run(at, "mine reference")
    page = html_of(at)
    assert "No reference translation for this sentence" not in page
    assert "Reference translation (human-curated)" not in page
    notes = [i.value for i in at.info if "no reference translation" in i.value]
    assert len(notes) == 1 and "Machine translation" in notes[0]
    # a curated article: the reference is back, and the learner's own choice is kept
    at.selectbox(key="reader_article").set_value(ARTICLE)
    run(at, "back to curated")
    assert at.radio(key="reader_english").value == "Reference"
    at.selectbox(key="reader_article").set_value(mine)
    run(at, "mine again")
    assert at.radio(key="reader_english").value == "Machine translation"
    at.selectbox(key="reader_article").set_value(ARTICLE)
    run(at, "curated again")
    assert at.radio(key="reader_english").value == "Reference"
    assert "Reference translation (human-curated)" in html_of(at)


# --- deep links between the glossary and the reader --------------------------------------------


def _go(at: AppTest, page: str, **params: str) -> AppTest:
    """Follow a link: another page with these query parameters (as st.page_link does)."""
    for k in list(at.query_params):
        del at.query_params[k]
    at.switch_page(page)
    for k, v in params.items():
        at.query_params[k] = v
    return run(at, f"go {page}")


def test_glossary_to_reader_deep_link_opens_the_term_even_after_the_glossary_saw_it():
    at = run(reader(article=ARTICLE), "reader first")
    _go(at, "pages/2_Glossary.py", term="nagorno-karabakh")
    assert any("Nagorno-Karabakh" in h.proto.body for h in at.get("html"))
    link = next(ln.proto for ln in at.get("page_link") if ln.proto.page == "Reader" and f"article={ARTICLE}" in ln.proto.query_string)
    params = dict(kv.split("=", 1) for kv in link.query_string.split("&"))
    _go(at, "pages/1_Reader.py", **params)
    assert at.session_state["reader_article"] == ARTICLE
    assert at.session_state["reader_term"] == "nagorno-karabakh"
    page = html_of(at)
    assert f'row-focus" id="{params["sentence"]}"' in page
    assert "gl-focus" in page
    card = {ln.proto.label: ln.proto for ln in at.get("page_link")}
    assert card["Open its term page"].query_string == "term=nagorno-karabakh"  # the card is open


def test_reader_to_glossary_term_page_shows_the_term_after_the_reader_saw_it():
    at = run(glossary_page(term="lachin-corridor"), "glossary first")
    _go(at, "pages/1_Reader.py", article=ARTICLE, sentence="s006", term="lachin-corridor")
    link = {ln.proto.label: ln.proto for ln in at.get("page_link")}["Open its term page"]
    _go(at, "pages/2_Glossary.py", **dict([link.query_string.split("=", 1)]))
    assert not any("Choose a term" in i.value for i in at.info)
    assert any("Lachin corridor" in h.proto.body for h in at.get("html"))
    assert at.session_state["gl_term"] == "lachin-corridor"


# --- glossary ---------------------------------------------------------------------------------


def glossary_page(**params: str) -> AppTest:
    return app_on("pages/2_Glossary.py", **params)


def hit_keys(at: AppTest) -> list[str]:
    return [b.key.removeprefix("gl_hit_") for b in at.button if b.key and b.key.startswith("gl_hit_")]


@pytest.mark.parametrize("query", ["وأذربيجان", "اذربيجان", "Azerbaijan", "azerb", "Adharbay"])
def test_glossary_search_arabic_clitic_hamza_english_romanization(query):
    at = run(glossary_page(), "glossary")
    at.text_input(key="gl_query").input(query)
    run(at, f"search {query}")
    assert "azerbaijan" in hit_keys(at)
    assert len(hit_keys(at)) < 10


def test_glossary_filters_by_type_and_article():
    at = run(glossary_page(), "glossary filters")
    total = len(hit_keys(at))
    at.pills(key="gl_types").set_value(["person"])
    run(at, "type filter")
    people = hit_keys(at)
    assert 0 < len(people) < total
    g = glossary_mod.default_glossary()
    assert all(g.get(e).type == "person" for e in people)
    at.selectbox(key="gl_article").set_value(ARTICLE)
    run(at, "article filter")
    assert 0 < len(hit_keys(at)) <= len(people)


def test_glossary_term_view_concordance_links_into_the_reader():
    at = run(glossary_page(term="azerbaijan"), "term view")
    page = html_of(at)
    assert "gl-focus" in page and "Republic on the Caspian" in page or "Azerbaijan" in page
    links = [ln.proto for ln in at.get("page_link") if ln.proto.page == "Reader"]
    assert len(links) >= 5
    assert all("term=azerbaijan" in ln.query_string and "sentence=s" in ln.query_string for ln in links)
    assert page.count('class="gl gl-place gl-focus" data-entry="azerbaijan"') >= len(links)
    # clicking a result opens that term
    at.button(key="gl_hit_armenia").click()
    run(at, "pick result")
    assert at.query_params["term"] in (["armenia"], "armenia")


# --- security ---------------------------------------------------------------------------------

EVIL = """<script>alert(1)</script><img src=x onerror=alert(1)> "q" 'a' </div>"""


def test_hostile_article_and_glossary_text_shows_as_text(tmp_path, monkeypatch):
    import yaml

    adir, rdir, gfile = tmp_path / "articles", tmp_path / "reference", tmp_path / "glossary.yaml"
    adir.mkdir()
    rdir.mkdir()
    article = {
        "id": "evil", "seed": "x", "title_ar": "عنوان " + EVIL, "title_en": "Title " + EVIL, "outlet": EVIL,
        "outlet_en": EVIL, "date": "2023", "date_inferred": True, "date_note": EVIL,
        "paragraphs": [{"id": "p01", "kind": "text", "sentences": [{"id": "s001", "ar": f"زار لافروف باكو {EVIL}"}]}],
    }
    (adir / "evil.yaml").write_text(yaml.safe_dump(article, allow_unicode=True), encoding="utf-8")
    (rdir / "evil.yaml").write_text(yaml.safe_dump({"article": "evil", "sentences": {"s001": f"Lavrov visited Baku {EVIL}"}}), encoding="utf-8")
    entries = [
        {"id": "baku", "type": "place", "ar": "باكو", "en": "Baku", "description": "Capital " + EVIL, "lat": 40.4, "lon": 49.9},
        {"id": "lavrov", "type": "person", "ar": "لافروف", "en": 'Lavrov "<b>"', "description": EVIL},
    ]
    gfile.write_text(yaml.safe_dump({"entries": entries}, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(paths, "ARTICLES_DIR", adir)
    monkeypatch.setattr(paths, "REFERENCE_DIR", rdir)
    monkeypatch.setattr(glossary_mod, "GLOSSARY_FILE", gfile)
    corpus_mod.default_corpus.cache_clear()
    glossary_mod.default_glossary.cache_clear()
    try:
        pages = [
            run(AppTest.from_file(str(ROOT / "app.py"), default_timeout=60), "evil library"),
            run(reader(article="evil", term="lavrov"), "evil reader"),
            run(glossary_page(term="baku"), "evil glossary"),
            run(glossary_page(term="lavrov"), "evil glossary 2"),
        ]
        for at in pages:
            for body in [e.proto.body for e in at.get("html")] + [m.value for m in at.markdown if m.proto.allow_html]:
                assert "<script" not in body and "<img" not in body and "</div>\"" not in body, body
                assert "onerror=alert(1)>" not in body
        reader_html = html_of(pages[1])
        assert "&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt; &quot;q&quot; &#x27;a&#x27; &lt;/div&gt;" in reader_html
        assert 'data-entry="baku"' in reader_html and 'data-entry="lavrov"' in reader_html
        assert "Lavrov &quot;&lt;b&gt;&quot;" in reader_html  # in the tooltip and the card
    finally:
        corpus_mod.default_corpus.cache_clear()
        glossary_mod.default_glossary.cache_clear()


def test_zz_report_timings():
    """Print AppTest timings (run with -s to see them)."""
    for label, seconds in sorted(TIMINGS.items(), key=lambda kv: -kv[1])[:12]:
        print(f"{label:30s} {seconds:6.2f}s")
