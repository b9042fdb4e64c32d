"""The reader's view-model: deep links, which English is shown, the rows and their MT flags."""

from __future__ import annotations

from bilingual import reader
from bilingual.concordance import build_index
from bilingual.corpus import Article, Paragraph, Sentence
from bilingual.errors import DownloadFailed, IndexUnreachable, InstallError
from bilingual.glossary import Entry, Glossary
from bilingual.reader import EnglishMode
from bilingual.translation import MT_LABEL

LAVROV = Entry(id="sergei-lavrov", type="person", ar="لافروف", en="Lavrov", description="Russian foreign minister.")
BAKU = Entry(id="baku", type="place", ar="باكو", en="Baku", description="Capital of Azerbaijan.", lat=40.4, lon=49.9)
GLOSSARY = Glossary((LAVROV, BAKU))


def article(aid: str, sentences: list[str], reference: dict[str, str] | None = None) -> Article:
    sents = tuple(Sentence(f"s{i:03d}", ar, aid, "p01") for i, ar in enumerate(sentences, 1))
    return Article(
        id=aid, seed="", title_ar="عنوان", title_en=f"Title {aid}", outlet="", outlet_en="", date="2023",
        date_inferred=False, date_note="", dropped=(), paragraphs=(Paragraph("p01", "text", sents),),
        reference=reference or {},
    )


CURATED = article("curated", ["زار لافروف باكو.", "ثم عاد."], {"s001": "Lavrov visited Baku.", "s002": "Then he went back."})
MINE = article("mine-1", ["قال لافروف إن الحدود هادئة."])
ARTICLES = {a.id: a for a in (CURATED, MINE)}
INDEX = build_index(tuple(ARTICLES.values()), GLOSSARY)


def rows(art: Article, **kw) -> reader.ReaderRows:
    options = {"english": EnglishMode.BOTH, "mt": {}, "model_installed": True, **kw}
    return reader.build_rows(art, INDEX, GLOSSARY, **options)


# --- deep links ---------------------------------------------------------------------------------


def test_a_link_to_what_exists_opens_it():
    link = reader.resolve_link({"article": "curated", "sentence": "s002", "term": "baku"}, ARTICLES, GLOSSARY, CURATED)
    assert link == reader.LinkTarget("s002", "baku", ())


def test_a_link_to_what_is_missing_says_so_and_keeps_what_is_here():
    link = reader.resolve_link({"article": "gone", "sentence": "s001", "term": "nobody"}, ARTICLES, GLOSSARY, CURATED)
    # the sentence belonged to the missing article: not scrolled to in the one shown instead
    assert link.sentence_id is None and link.term_id is None
    assert link.missing == ("article “gone”", "term “nobody”")
    link = reader.resolve_link({"article": "curated", "sentence": "s099"}, ARTICLES, GLOSSARY, CURATED)
    assert link.missing == ("sentence “s099” in “Title curated”",)


# --- which English ------------------------------------------------------------------------------


def test_a_text_without_reference_opens_on_mt_and_the_choice_comes_back():
    to_mine = reader.english_on_article(MINE, EnglishMode.REFERENCE, None)
    assert to_mine == reader.EnglishSwitch(EnglishMode.MT, EnglishMode.REFERENCE)
    back = reader.english_on_article(CURATED, to_mine.mode, to_mine.restore)
    assert back == reader.EnglishSwitch(EnglishMode.REFERENCE, None)
    # the learner's own MT choice stays on a curated article
    assert reader.english_on_article(CURATED, EnglishMode.MT, None).mode == EnglishMode.MT


# --- rows ---------------------------------------------------------------------------------------


def test_rows_label_every_english_and_link_every_name():
    view = rows(CURATED, english=EnglishMode.REFERENCE)
    assert len(view.rows) == 2
    assert "Reference translation (human-curated)" in view.rows[0] and MT_LABEL not in view.rows[0]
    assert 'href="?article=curated&amp;sentence=s001&amp;term=baku"' in view.rows[0]
    assert 'data-entry="sergei-lavrov"' in view.rows[0].split('class="col-en"')[1]  # English names highlighted too


def test_no_machine_translation_means_no_mt_flags():
    """Regression (redesign issue): the MT checks ran on `if target and tr:`, a module object; they run only with MT."""
    view = rows(CURATED)
    assert view.misses == {} and "flag" not in "".join(view.rows)
    assert "Not translated yet" in view.rows[0]


def test_a_missing_model_never_hides_the_reference_and_says_so_once():
    # machine translation chosen (or remembered), no model: the reference, and no empty MT slot in any row
    for mode in (EnglishMode.MT, EnglishMode.BOTH):
        view = rows(CURATED, english=mode, model_installed=False)
        assert all("Reference translation (human-curated)" in r for r in view.rows)
        assert " visited " in view.rows[0] and "Then he went back." in view.rows[1]
        assert not any(MT_LABEL in r or "not installed" in r or "unavailable" in r for r in view.rows)
        shown = reader.english_shown(CURATED, mode, model_installed=False)
        assert shown.reference and not shown.mt and shown.mt_missing
        assert shown.notice.startswith("Machine translation is not installed, so the human reference translation is shown")
    # a text without a reference: the Arabic alone (full width), and the notice says what to do
    view = rows(MINE, english=EnglishMode.MT, model_installed=False)
    assert "row-ar-only" in view.rows[0] and "en-block" not in view.rows[0]
    assert "install the model" in reader.english_shown(MINE, EnglishMode.MT, False).notice
    # with the model: what the learner chose, and nothing to say
    assert reader.english_shown(CURATED, EnglishMode.MT, True) == reader.EnglishShown(False, True, "", False)
    assert "no reference translation" in reader.english_shown(MINE, EnglishMode.REFERENCE, True).notice


def test_mt_that_drops_a_name_is_flagged_and_low_agreement_marked_when_asked():
    mt = {"زار لافروف باكو.": "Lavrov visited the city.", "ثم عاد.": "Then he went back."}
    view = rows(CURATED, mt=mt)
    assert view.misses == {"s001": ["Baku"]}
    assert "MT misses: Baku" in view.rows[0] and "MT misses" not in view.rows[1]
    assert "Low agreement" not in "".join(view.rows)
    marked = rows(CURATED, mt={"زار لافروف باكو.": "xyz", "ثم عاد.": "Then he went back."}, mark_low_agreement=True)
    assert "Low agreement with the reference (chrF" in marked.rows[0] and "Low agreement" not in marked.rows[1]


def test_english_names_are_links_to_their_card_like_the_arabic_ones():
    view = rows(CURATED, english=EnglishMode.BOTH, mt={"زار لافروف باكو.": "Lavrov visited Baku."})
    en = view.rows[0].split('class="col-en"')[1].split('class="col-ar')[0]
    for block in ("en-ref", "en-mt"):
        part = en.split(block, 1)[1]
        assert '<a class="gl gl-place" data-entry="baku"' in part
        assert 'href="?article=curated&amp;sentence=s001&amp;term=baku"' in part


def test_a_source_note_shows_under_its_sentence():
    noted = Sentence("s001", "زار لافروف باكو.", "noted", "p01", note='The source says "Baku"; it was <Yerevan>.')
    art = Article(id="noted", seed="", title_ar="ع", title_en="T", outlet="", outlet_en="", date="", date_inferred=False,
                  date_note="", dropped=(), paragraphs=(Paragraph("p01", "text", (noted, Sentence("s002", "ثم عاد.", "noted", "p01"))),),
                  reference={"s001": "Lavrov visited Baku."})
    view = reader.build_rows(art, build_index((art,), GLOSSARY), GLOSSARY, english=EnglishMode.REFERENCE, mt={}, model_installed=False)
    assert ('<div class="src-note" lang="en"><span class="src-label">Note</span> '
            "The source says &quot;Baku&quot;; it was &lt;Yerevan&gt;.</div></div>") in view.rows[0]
    assert "src-note" not in view.rows[1]
    # the note stays in view when the English is hidden
    hidden = reader.build_rows(art, build_index((art,), GLOSSARY), GLOSSARY, english=EnglishMode.REFERENCE, mt={},
                               model_installed=False, hide_english=True)
    assert "src-note" in hidden.rows[0].split("</details>")[1]


def test_hidden_english_is_folded_per_sentence_and_a_revealed_one_stays_open():
    view = rows(CURATED, english=EnglishMode.REFERENCE, hide_english=True, revealed={"s002"})
    first, second = view.rows
    assert '<details class="en-reveal"><summary>' in first and "Show the English" in first
    assert first.index("<details") < first.index(" visited ") < first.index("</details>")
    assert '<details class="en-reveal" open><summary>' in second
    # the Arabic is never hidden; without the setting nothing is folded
    assert "زار" in first.split("</details>")[1]
    assert "<details" not in "".join(rows(CURATED, english=EnglishMode.REFERENCE).rows)


def test_the_layouts():
    assert [m.value for m in reader.Layout] == ["Side by side", "Arabic above English"]
    from bilingual import render

    assert 'class="reader-box reader-stacked"' in render.reader_html([], article_id="a", ar_size=1.5, layout=reader.Layout.STACKED.css)
    assert 'class="reader-box reader-side"' in render.reader_html([], article_id="a", ar_size=1.5)


def test_a_text_without_reference_shows_no_reference_block():
    view = rows(MINE, english=EnglishMode.BOTH, mt={"قال لافروف إن الحدود هادئة.": "Lavrov said the border is calm."})
    assert "Reference translation" not in view.rows[0]
    assert MT_LABEL in view.rows[0] and "said the border is calm." in view.rows[0]


# --- words --------------------------------------------------------------------------------------


def _visible_text(html: str) -> str:
    import re
    from html import unescape

    col = html.split('class="col-ar ar" dir="rtl" lang="ar">', 1)[1].rsplit("</div></div>", 1)[0]
    return unescape(re.sub(r"<[^>]+>", "", col))


def test_every_arabic_word_of_a_row_is_clickable_and_names_keep_their_card():
    view = rows(MINE)
    assert view.rows[0].count('class="w"') == 4  # قال إن الحدود هادئة; لافروف is the glossary's
    assert 'data-word="الحدود" data-i="3"' in view.rows[0]
    assert 'data-entry="sergei-lavrov"' in view.rows[0] and 'data-word="لافروف"' not in view.rows[0]
    opened = rows(MINE, open_word=("s001", 3))
    assert 'class="w w-open" data-word="الحدود"' in opened.rows[0]


def test_vowel_marks_keep_every_highlight_and_word_on_its_letters():
    from bilingual.words.tokens import strip_harakat

    text = MINE.sentences[0].ar
    vowelled = "قَالَ لَافْرُوفُ إِنَّ الْحُدُودَ هَادِئَةٌ."
    view = rows(MINE, vowelled={text: vowelled})
    shown = _visible_text(view.rows[0])
    assert shown == vowelled and strip_harakat(shown) == text
    assert 'data-entry="sergei-lavrov"' in view.rows[0] and "لَافْرُوفُ</a>" in view.rows[0]  # the name's marks are inside it
    assert '<span class="w" data-word="الحدود" data-i="3">الْحُدُودَ</span>' in view.rows[0]  # the word as written
    # a "vowelled" text with other letters is not shown
    assert _visible_text(rows(MINE, vowelled={text: "شيء آخر"}).rows[0]) == text


def test_a_link_can_open_a_words_card():
    link = reader.resolve_link({"article": "mine-1", "sentence": "s001", "word": "3"}, ARTICLES, GLOSSARY, MINE)
    assert link == reader.LinkTarget("s001", None, (), 3)
    for bad in ("9", "-1", "٣", "x"):
        link = reader.resolve_link({"article": "mine-1", "sentence": "s001", "word": bad}, ARTICLES, GLOSSARY, MINE)
        assert link.word_index is None and link.missing == (f"word {bad} of sentence “s001”",)
    assert reader.name_at(MINE, "s001", 1, INDEX) == "sergei-lavrov" and reader.name_at(MINE, "s001", 3, INDEX) is None


def test_an_imported_text_gets_word_cards_and_the_interlinear_line():
    from bilingual.words.lexicon import Lexicon

    lexicon = Lexicon.shared()
    border = reader.word_at(MINE, "s001", 3, INDEX, GLOSSARY, lexicon)
    assert border.token.text == "الحدود" and "border" in border.best.glosses[0]
    assert reader.word_at(MINE, "s001", 1, INDEX, GLOSSARY, lexicon).entry_id == "sergei-lavrov"
    assert reader.word_at(MINE, "s009", 0, INDEX, GLOSSARY, lexicon) is None
    glosses = reader.interlinear_glosses(MINE, INDEX, GLOSSARY, lexicon)
    assert set(glosses["s001"]) == {0, 2, 3, 4}  # the name shows its glossary English instead
    assert glosses["s001"][0] == "said" and glosses["s001"][3].startswith("border")
    view = rows(MINE, glosses=glosses)
    assert 'data-gloss="said"' in view.rows[0] and 'data-gloss="Lavrov"' in view.rows[0]


# --- a failed install ---------------------------------------------------------------------------


def test_install_failures_are_explained_by_kind():
    offline = reader.install_failure(IndexUnreachable("Could not read the index: [Errno -2]"), from_file=False)
    assert offline.offline and offline.headline.startswith("Could not reach the Argos package index (no internet?)")
    assert "[Errno" not in offline.headline and "[Errno -2]" in offline.detail
    assert reader.install_failure(DownloadFailed("x"), from_file=False).headline.startswith("Could not download the model")
    assert reader.install_failure(InstallError("bad zip"), from_file=True).headline == "That file could not be installed as the translation model."
    assert not reader.install_failure(InstallError("disk"), from_file=False).offline


# --- names inside a name, a word as a term of one's own -----------------------------------------------


def test_a_longer_names_card_offers_the_names_inside_it():
    from bilingual.corpus import article_by_id, default_corpus
    from bilingual.glossary import default_glossary

    glossary, corpus = default_glossary(), default_corpus()
    index = build_index(corpus, glossary)
    baku = article_by_id("lavrov-baku-peace-treaty-2023")
    treaty = glossary.get("armenia-azerbaijan-peace-treaty")
    # «معاهدة سلام بين أرمينيا وأذربيجان» in s001: Armenia, then Azerbaijan (its clitic و does not hide it)
    assert [e.id for e in reader.inner_names(treaty, baku, index, glossary, "s001")] == ["armenia", "azerbaijan"]
    # a single name contains none; an entry the article does not mention: the names in its own spellings
    assert reader.inner_names(glossary.get("armenia"), baku, index, glossary, "s001") == ()
    csto = glossary.get("csto")
    assert "collective-security-treaty" in [e.id for e in reader.inner_names(csto, CURATED, INDEX, glossary)]


def test_add_as_my_term_prefills_the_word_without_its_clitic():
    from bilingual.words.lexicon import Lexicon
    from bilingual.words.lookup import read_sentence

    words = read_sentence("وقال إن للحدود لأرمينيا بالاتفاق وبايدن", Lexicon.shared())
    prefill = [reader.term_prefill(w) for w in words]
    assert prefill[0] == {"ar": "قال"}  # a verb: no English name offered
    assert prefill[2] == {"ar": "الحدود", "en": "border"}  # ل + ال: the article's alef written again
    assert prefill[3] == {"ar": "أرمينيا", "en": "Armenia"}
    assert prefill[4]["ar"] == "الاتفاق" and prefill[4]["en"] == "agreement"
    assert prefill[5] == {"ar": "وبايدن"}  # not in the lexicon: as written (the learner edits it)
