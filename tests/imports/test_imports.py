"""Imported texts and personal terms: hostile input refused or defused, storage, merge, command line."""

from __future__ import annotations

import random
import sqlite3

import pytest

from bilingual.cli import main as cli_main
from bilingual.corpus import default_corpus
from bilingual.errors import ImportRefused
from bilingual.glossary import Entry, Glossary, merge
from bilingual.imports import clean, decode, personal_terms
from bilingual.imports import texts as imported
from bilingual.matcher import annotate
from bilingual.store import Store
from bilingual.text import sanitize
from bilingual.translation import engine as tr_engine
from tests.fixtures.learners import me

LAVROV = Entry(
    id="sergei-lavrov", type="person", ar="سيرغي لافروف", en="Sergei Lavrov", ar_variants=("لافروف",),
    description="Russian foreign minister.",
)
MOSCOW = Entry(id="moscow", type="place", ar="موسكو", en="Moscow", description="Capital of Russia.", lat=55.75, lon=37.62)
CURATED = Glossary((LAVROV, MOSCOW))

ARTICLE = (
    "لافروف يصل إلى موسكو\n"
    "أعلن وزير الخارجية الروسي سيرغي لافروف أن المحادثات ستستمر في موسكو. وقال إن الاتفاق جاهز تقريبا.\n"
    "\n"
    "وأضاف أن الطرفين سيلتقيان الأسبوع المقبل؟ لم يحدد الموعد."
)


@pytest.fixture
def store(data_dir):
    s = Store()
    yield s
    s.close()


def refused(fn, *args, **kwargs) -> str:
    with pytest.raises(ImportRefused) as info:
        fn(*args, **kwargs)
    return str(info.value)


# --- hostile inputs -----------------------------------------------------------------------------


def test_empty_input_refused(store):
    for text in ("", "   \n\t\n", "\u200b\u202e\u200f  \ufeff"):
        assert "empty" in refused(clean.clean_text, text)
    assert "empty" in refused(decode.read_upload, b"", "a.txt")
    assert "empty" in refused(decode.read_upload, b"  \r\n ", "a.md")
    assert "empty" in refused(imported.save_text, store, "  ", owner=me(store))
    assert imported.list_texts(store, owner=me(store)) == []


def test_five_megabytes_refused_with_the_limit_named(store):
    big = ("قال الوزير إن المحادثات مستمرة. " * 200_000)[:5_000_000]
    msg = refused(decode.read_upload, big.encode("utf-8"), "big.txt")
    assert "too large" in msg and "200,000 characters" in msg
    msg = refused(clean.clean_text, big)
    assert "200,000 characters" in msg and "Split" in msg
    just_over = ("قال الوزير إن المحادثات مستمرة. " * 7000)[: clean.MAX_CHARS + 1]
    assert "200,001 characters" in refused(imported.save_text, store, just_over, owner=me(store))
    assert imported.list_texts(store, owner=me(store)) == []


@pytest.mark.parametrize(
    "data, what",
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
        (b"PK\x03\x04\x14\x00\x06\x00" + b"\x00" * 30, "ZIP"),
        (random.Random(7).randbytes(4096), "binary"),
        ("نص عربي\x00\x00\x00مع بايتات فارغة".encode(), "binary"),
    ],
)
def test_binary_refused(data, what):
    assert what in refused(decode.read_upload, data, "file.txt")


def test_control_characters_pasted_refused():
    junk = "".join(chr(c) for c in range(1, 32) if c not in (9, 10, 13)) * 20 + "نص عربي قصير"
    assert "binary" in refused(clean.clean_text, junk)


@pytest.mark.parametrize("encoding", ["cp1256", "iso8859_6"])
def test_legacy_arabic_encodings_converted(encoding, store):
    text = "أعلن وزير الخارجية الروسي سيرغي لافروف أن المحادثات ستستمر في موسكو.\nوقال إن الاتفاق جاهز."
    up = decode.read_upload(text.encode(encoding), "old.txt")
    assert up.text == text and up.encoding == encoding and up.converted
    short = "لافروف في موسكو"
    assert decode.read_upload(short.encode(encoding), "s.txt").text == short
    tid = imported.save_text(store, up.text, owner=me(store))
    assert imported.get_text(store, tid, owner=me(store)).body == text


def test_utf8_bom_and_utf16_accepted():
    text = "قال لافروف في موسكو"
    assert decode.read_upload(b"\xef\xbb\xbf" + text.encode(), "a.txt").text == text
    assert decode.read_upload(text.encode("utf-16"), "a.txt").text == text


def test_html_with_script_reduced_to_its_text(store):
    page = """<!doctype html><html><head><title>عنوان الصفحة</title>
    <script>document.cookie</script><style>body{color:red}</style><meta charset="utf-8"></head>
    <body onload="steal()"><nav>الرئيسية | أخبار</nav>
    <h1>لافروف في موسكو</h1><p>قال <b>لافروف</b> إن المحادثات<br>ستستمر &amp; تتواصل.</p>
    <img src="http://evil.example/x.png" onerror="alert(1)"><iframe src="http://evil.example"></iframe>
    <script type="text/javascript">alert("xss")</script><noscript>فعّل جافاسكربت</noscript>
    <template><p>مخفي</p></template><p>نص &lt;script&gt;alert(2)&lt;/script&gt; مقتبس</p></body></html>"""
    up = decode.read_upload(page.encode(), "page.html")
    assert up.title == "لافروف في موسكو"
    lines = up.text.split()
    assert "لافروف" in lines and "ستستمر" in up.text
    for bad in ("document.cookie", "color:red", "steal", "evil", "onerror", "alert(\"xss\")", "فعّل", "مخفي", "الرئيسية"):
        assert bad not in up.text, bad
    assert "قال لافروف إن المحادثات\nستستمر & تتواصل." in up.text
    # an escaped tag in the page's own text stays literal text, and is escaped again when shown
    tid = imported.save_text(store, up.text, up.title, owner=me(store))
    art = imported.as_article(imported.get_text(store, tid, owner=me(store)))
    quoted = next(s.ar for s in art.sentences if "مقتبس" in s.ar)
    assert "<script>" in quoted
    from bilingual.render import sentence_html

    html = sentence_html(quoted, annotate(quoted, CURATED), CURATED)
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_markdown_markup_and_raw_html_dropped():
    md = (
        "---\ntitle: مقال\n---\n# لافروف في موسكو\n\nقال **لافروف** إن [المحادثات](http://x.example) ستستمر.\n"
        "![صورة](http://img.example/a.png)\n<script>alert(1)</script>\n- بند أول\n"
    )
    up = decode.read_upload(md.encode(), "note.md")
    assert up.title == "مقال"
    assert up.text.split("\n")[0] == "لافروف في موسكو"
    assert "قال لافروف إن المحادثات ستستمر." in up.text and "بند أول" in up.text
    for bad in ("**", "http", "alert", "صورة", "#"):
        assert bad not in up.text


def test_unknown_file_type_refused():
    assert ".txt, .md or .html" in refused(decode.read_upload, "نص".encode(), "x.exe")


def test_bidi_overrides_and_zero_width_removed(store):
    spoof = "\u202eقال\u202c لافروف\u200b في \u2066موسكو\u2069\u200d \U000e0061\U000e0062 \u200cكلمة\u200c \u2060نص\u00ad"
    cleaned = clean.clean_report(spoof)
    assert cleaned.text == "قال لافروف في موسكو كلمة نص"
    assert cleaned.removed["RIGHT-TO-LEFT OVERRIDE"] == 1
    assert cleaned.removed["ZERO WIDTH NON-JOINER"] == 2  # ZWNJ next to a space has no use
    assert "ZERO WIDTH SPACE" in cleaned.removed_summary()
    # ZWNJ between two Arabic-script letters is orthography (Persian names and words): kept
    persian = "قال الرئيس إن «می\u200cخواهم» كلمة فارسية"
    assert clean.clean_text(persian) == persian
    # Arabic format characters (number sign, end of ayah) are not spoofing: kept
    assert clean.clean_text("\u0600١٢ سنة في موسكو") == "\u0600١٢ سنة في موسكو"
    tid = imported.save_text(store, spoof, title="\u202eعنوان\u202c", source="\u200bwww.example.com", owner=me(store))
    saved = imported.get_text(store, tid, owner=me(store))
    assert saved.body == cleaned.text and saved.title == "عنوان" and saved.source == "www.example.com"
    assert clean.clean_text(saved.body) == saved.body  # idempotent


def test_latin_only_refused():
    assert "no Arabic" in refused(clean.clean_text, "Hello world, this is an English article.")
    msg = refused(clean.clean_text, "Sergei Lavrov said talks in Moscow will continue next week. لافروف")
    assert "mostly not Arabic" in msg
    latin1 = decode.read_upload("Café, déjà vu. Élan, façade.".encode("cp1252"), "fr.txt").text
    assert "not Arabic" in refused(clean.clean_text, latin1)
    # an Arabic text quoting a few Latin names is fine
    assert clean.clean_text("قالت وكالة TASS إن لافروف سيزور باكو الأسبوع المقبل")


def test_single_very_long_line(store):
    words = ["المحادثات", "بين", "الطرفين", "مستمرة", "في", "موسكو", "وباكو", "ويريفان"]
    rnd = random.Random(3)
    line = " ".join(rnd.choice(words) for _ in range(24_000))[:190_000].rstrip()
    tid = imported.save_text(store, line, owner=me(store))
    art = imported.as_article(imported.get_text(store, tid, owner=me(store)))
    assert len(art.paragraphs) == 1
    sents = art.sentences
    assert len(sents) >= len(line) / imported.MAX_SENTENCE_CHARS and all(len(s.ar) <= imported.MAX_SENTENCE_CHARS for s in sents)
    assert " ".join(s.ar for s in sents) == line  # nothing lost, cut only at spaces
    assert imported.get_text(store, tid, owner=me(store)).title.endswith("…") and len(imported.get_text(store, tid, owner=me(store)).title) <= 81


def test_long_line_with_many_sentences_keeps_every_sentence():
    s = "أعلن الوزير أن المحادثات ستستمر. قال د. أحمد إن الموعد 3.5 ساعة... ثم غادر؟ «نعم.» "
    line = (s * 2000)[:150_000]
    sents = [p for para in imported.body_sentences(line) for p in para]
    assert len(sents) > 5000
    assert "".join(sents).replace(" ", "") == line.replace(" ", "")
    assert all(x[-2:] != "د." for x in sents)  # never split after the abbreviation د.


# --- storage ------------------------------------------------------------------------------------


def test_texts_persist_across_a_restart(data_dir):
    s1 = Store()
    tid = imported.save_text(s1, ARTICLE, title="", source="العالم", date="2023-1-9", owner=me(s1))
    before = imported.as_article(imported.get_text(s1, tid, owner=me(s1)))
    s1.close()
    imported.as_article.cache_clear()
    s2 = Store()
    [text] = imported.list_texts(s2, owner=me(s2))
    assert text.id == tid and text.source == "العالم" and text.date == "2023-01-09"
    assert text.title == "لافروف يصل إلى موسكو"  # the first line
    art = imported.as_article(text)
    assert art == before and art.id == f"mine-{tid}"
    assert [s.id for s in art.sentences] == ["s001", "s002", "s003", "s004", "s005"]
    assert art.sentences[1].ar == "أعلن وزير الخارجية الروسي سيرغي لافروف أن المحادثات ستستمر في موسكو."
    assert [p.id for p in art.paragraphs] == ["p01", "p02", "p03"] and art.reference == {}
    assert art.title_ar == "لافروف يصل إلى موسكو" and art.outlet == "العالم"
    assert imported.get_article(s2, f"mine-{tid}", reader=me(s2)) == art
    assert imported.get_text(s2, f"mine-{tid}", owner=me(s2)) == text
    s2.close()


def test_metadata_validated(store):
    assert "date" in refused(imported.save_text, store, ARTICLE, date="yesterday", owner=me(store))
    assert "date" in refused(imported.save_text, store, ARTICLE, date="2023-02-30", owner=me(store))
    assert "title is too long" in refused(imported.save_text, store, ARTICLE, title="x" * 300, owner=me(store))
    tid = imported.save_text(store, ARTICLE, title="My article", date="٢٠٢٣", owner=me(store))
    art = imported.as_article(imported.get_text(store, tid, owner=me(store)))
    assert art.title_en == "My article" and art.title_ar == "" and art.date == "2023"


def test_rename_and_delete(store):
    a = imported.save_text(store, ARTICLE, owner=me(store))
    b = imported.save_text(store, "جملة مشتركة بين النصين.\nنص آخر عن باكو.", owner=me(store))
    imported.rename_text(store, a, "عنوان جديد \u202e", owner=me(store))
    assert imported.get_text(store, a, owner=me(store)).title == "عنوان جديد"
    assert "empty" in refused(imported.rename_text, store, a, "   ", owner=me(store))
    assert "no such text" in refused(imported.rename_text, store, 999, "x", owner=me(store))
    with store.transaction() as conn:
        for src in ("وقال إن الاتفاق جاهز تقريبا.", "جملة مشتركة بين النصين."):
            conn.execute("INSERT INTO mt_cache(model_key, source, target) VALUES ('m', ?, 'x')", (src,))
    imported.save_text(store, "جملة مشتركة بين النصين.", owner=me(store))  # a third text shares a sentence with b
    assert imported.delete_text(store, b, owner=me(store)) is True
    assert imported.get_text(store, b, owner=me(store)) is None and imported.get_article(store, f"mine-{b}", reader=me(store)) is None
    assert [t.id for t in imported.list_texts(store, owner=me(store))][-1] == a
    cached = {r["source"] for r in store.query("SELECT source FROM mt_cache")}
    assert cached == {"وقال إن الاتفاق جاهز تقريبا.", "جملة مشتركة بين النصين."}  # still used elsewhere
    assert imported.delete_text(store, a, owner=me(store)) is True
    assert {r["source"] for r in store.query("SELECT source FROM mt_cache")} == {"جملة مشتركة بين النصين."}
    assert imported.delete_text(store, a, owner=me(store)) is False


def test_backup_includes_imported_texts_and_terms(store, tmp_path):
    from bilingual.store import backup

    tid = imported.save_text(store, ARTICLE, title="للنسخ", owner=me(store))
    personal_terms.add_personal_term(store, {"ar": "باشينيان", "en": "Nikol Pashinyan", "type": "person", "description": "PM of Armenia."}, CURATED, owner=me(store))
    info = backup.backup(store, tmp_path / "b.sqlite3")
    with sqlite3.connect(info.path) as conn:
        assert conn.execute("SELECT title FROM texts WHERE id = ?", (tid,)).fetchone()[0] == "للنسخ"
        assert conn.execute("SELECT id FROM personal_terms").fetchone()[0] == "nikol-pashinyan"


# --- personal glossary --------------------------------------------------------------------------


PASHINYAN = {"ar": "نيكول باشينيان", "ar_variants": "باشينيان\nباشينيان", "en": "Nikol Pashinyan", "type": "person", "description": "Prime Minister of Armenia."}


def test_personal_term_highlighted_in_an_old_article(store):
    old = next(a for a in default_corpus() if "باشينيان" in a.text_ar)
    sentence = next(s.ar for s in old.sentences if "باشينيان" in s.ar)
    assert not any(m.entry_id == "nikol-pashinyan" for m in annotate(sentence, CURATED))
    entry = personal_terms.add_personal_term(store, PASHINYAN, CURATED, owner=me(store))
    assert entry.id == "nikol-pashinyan" and entry.origin == "mine" and entry.ar_variants == ("باشينيان",)
    merged = merge(CURATED, personal_terms.personal_entries(store, owner=me(store)))
    hits = [m for m in annotate(sentence, merged) if m.entry_id == "nikol-pashinyan"]
    assert hits and "باشينيان" in hits[0].surface
    assert merged.get("nikol-pashinyan").origin == "mine" and merged.get("sergei-lavrov").origin == "curated"


def test_personal_terms_persist_edit_delete(data_dir):
    s = Store()
    personal_terms.add_personal_term(s, PASHINYAN, CURATED, owner=me(s))
    s.close()
    s = Store()
    [e] = personal_terms.personal_entries(s, owner=me(s))
    assert e.en == "Nikol Pashinyan" and e.origin == "mine"
    updated = personal_terms.update_personal_term(s, e.id, {**personal_terms.term_fields(e), "description": "Armenian PM since 2018."}, CURATED, owner=me(s))
    assert updated.id == e.id and personal_terms.personal_entries(s, owner=me(s))[0].description == "Armenian PM since 2018."
    assert personal_terms.delete_personal_term(s, e.id, owner=me(s)) is True
    assert personal_terms.personal_entries(s, owner=me(s)) == [] and personal_terms.delete_personal_term(s, e.id, owner=me(s)) is False
    s.close()


def test_personal_term_ids_never_clash(store):
    e1 = personal_terms.add_personal_term(store, {"ar": "موسكفا", "en": "Moscow", "type": "place", "description": "x.", "lat": "55.7", "lon": "37.6"}, CURATED, owner=me(store))
    assert e1.id == "moscow-2" and e1.lat == 55.7
    e2 = personal_terms.add_personal_term(store, {"ar": "مسكو", "en": "Moscow", "type": "place", "description": "y.", "lat": 1, "lon": 2}, CURATED, owner=me(store))
    assert e2.id == "moscow-3"
    e3 = personal_terms.add_personal_term(store, {"ar": "إلهام علييف", "en": "İlham Əliyev!", "type": "person", "description": "z."}, CURATED, owner=me(store))
    assert e3.id == "ilham-liyev"
    e4 = personal_terms.add_personal_term(store, {"ar": "شويغو", "en": "شويغو", "type": "person", "description": "z."}, CURATED, owner=me(store))
    assert e4.id == "term"


@pytest.mark.parametrize(
    "fields, message",
    [
        ({"ar": "", "en": "X", "type": "person", "description": "d"}, "Arabic: missing"),
        ({"ar": "باكو", "en": "", "type": "person", "description": "d"}, "English: missing"),
        ({"ar": "باكو", "en": "Baku", "type": "person", "description": ""}, "Description: missing"),
        ({"ar": "باكو", "en": "Baku", "type": "city", "description": "d"}, "not one of"),
        ({"ar": "باكو", "en": "Baku", "type": "place", "description": "d"}, "coordinates"),
        ({"ar": "باكو", "en": "Baku", "type": "place", "description": "d", "lat": "north", "lon": "1"}, "Latitude: expected a number"),
        ({"ar": "باكو", "en": "Baku", "type": "place", "description": "d", "lat": 95, "lon": 1}, "between -90 and 90"),
        ({"ar": "Baku", "en": "Baku", "type": "person", "description": "d"}, "not written in Arabic"),
        ({"ar": "لافروف", "en": "Lavrov", "type": "person", "description": "d"}, "already in the glossary"),
        ({"ar": "باكو", "en": "Baku", "type": "person", "description": "d" * 3000}, "too long"),
    ],
)
def test_personal_term_validated_like_the_curated_glossary(store, fields, message):
    assert message in refused(personal_terms.add_personal_term, store, fields, CURATED, owner=me(store))
    assert personal_terms.personal_entries(store, owner=me(store)) == []


def test_duplicate_personal_arabic_refused_and_curated_file_untouched(store):
    from bilingual.glossary import GLOSSARY_FILE

    before = GLOSSARY_FILE.read_bytes() if GLOSSARY_FILE.exists() else None
    personal_terms.add_personal_term(store, PASHINYAN, CURATED, owner=me(store))
    assert "already in your term" in refused(personal_terms.add_personal_term, store, {**PASHINYAN, "en": "Pashinyan"}, CURATED, owner=me(store))
    assert (GLOSSARY_FILE.read_bytes() if GLOSSARY_FILE.exists() else None) == before


# --- preview, translation, command line ---------------------------------------------------------


def test_prepare_previews_sentences_and_mentions(store):
    p = imported.prepare(ARTICLE + "\u202e", CURATED, source="  العالم ")
    assert p.title == "لافروف يصل إلى موسكو" and p.source == "العالم"
    assert len(p.article.sentences) == 5 and p.removed == {"RIGHT-TO-LEFT OVERRIDE": 1}
    assert p.mention_count >= 4 and set(p.term_ids) == {"sergei-lavrov", "moscow"}
    assert imported.list_texts(store, owner=me(store)) == []  # nothing saved by a preview


def test_markdown_literal_escapes_markup():
    assert sanitize.markdown_literal("[x](javascript:alert(1)) ![i](http://e/x.png) **b** <b>") == (
        r"\[x\]\(javascript\:" "\u2060" r"alert\(1\)\) \!\[i\]\(http\:" "\u2060" r"//e/x\.png\) \*\*b\*\* \<b\>"
    )


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    from tests.fixtures.tiny_argos import build_package

    return build_package(tmp_path_factory.mktemp("importer-argos"), version="1.0", seed=3)


def test_translation_interrupted_then_resumed(store, tiny_model):
    from bilingual import translation

    assert translation.installed_model() is None
    tid = imported.save_text(store, ARTICLE, owner=me(store))
    art = imported.as_article(imported.get_text(store, tid, owner=me(store)))
    assert translation.translate_article(store, art) is None  # no model: nothing to do, no error
    translation.install_from_file(tiny_model)
    wave = tr_engine.available_cores() * tr_engine.CHUNK_SIZE  # sentences per model call
    n = 2 * wave + 5  # three model calls
    body = "\n".join(f"الجملة رقم {i} عن المحادثات في موسكو." for i in range(n))
    art = imported.as_article(imported.get_text(store, imported.save_text(store, body, owner=me(store)), owner=me(store)))
    assert translation.translation_progress(store, art) == (0, n)

    class PageClosed(Exception):
        pass

    seen = []

    def closing(done, total):
        seen.append((done, total))
        if done >= wave:
            raise PageClosed  # what Streamlit does at the next st call once the page is gone

    with pytest.raises(PageClosed):
        translation.translate_article(store, art, closing)
    done, total = translation.translation_progress(store, art)
    assert total == n and wave <= done < n  # the finished call was kept
    run = translation.translate_article(store, art, lambda d, t: seen.append((d, t)))
    assert run.cache_hits == done and run.model_calls == n - done and len(run.targets) == n
    assert translation.translation_progress(store, art) == (n, n)
    assert seen[-1] == (n, n)


def test_cli_import(data_dir, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr("bilingual.glossary.default_glossary", lambda: CURATED)
    f = tmp_path / "article.txt"
    f.write_bytes(ARTICLE.encode("cp1256"))
    assert cli_main(["import", str(f), "--title", "من الملف", "--source", "العالم", "--date", "2023-01-19"]) == 0
    out = capsys.readouterr().out
    assert "converted from Windows-1256" in out and "id: 1" in out and "sentences: 5" in out
    assert "mentions: 4 of 2 glossary terms" in out
    s = Store()
    [t] = imported.list_texts(s, owner=me(s))
    assert (t.title, t.source, t.date) == ("من الملف", "العالم", "2023-01-19")
    s.close()


@pytest.mark.parametrize(
    "name, data, message",
    [
        ("empty.txt", b"", "empty"),
        ("english.txt", b"Just an English sentence here.", "no Arabic"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "PNG"),
        ("big.txt", "ا".encode() * 1_600_000, "200,000 characters"),
        ("doc.pdf", b"%PDF-1.4", ".txt, .md or .html"),
    ],
)
def test_cli_refuses_with_message_and_nonzero_exit(data_dir, tmp_path, capsys, monkeypatch, name, data, message):
    monkeypatch.setattr("bilingual.glossary.default_glossary", lambda: CURATED)
    f = tmp_path / name
    f.write_bytes(data)
    assert cli_main(["import", str(f)]) == 2
    err = capsys.readouterr().err
    assert "not imported" in err and message in err
    s = Store()
    assert imported.list_texts(s, owner=me(s)) == []
    s.close()


def test_cli_missing_file(data_dir, tmp_path, capsys):
    assert cli_main(["import", str(tmp_path / "nope.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_the_same_text_is_not_saved_twice(store):
    text = "وصل لافروف إلى باكو اليوم لإجراء محادثات مع نظيره الأذربيجاني."
    tid = imported.save_text(store, text, title="first", owner=me(store))
    with pytest.raises(ImportRefused) as err:
        imported.save_text(store, text + "\n", title="second", owner=me(store))
    assert "already imported" in str(err.value) and f"mine-{tid}" in str(err.value)
    assert len(imported.list_texts(store, owner=me(store))) == 1


def test_markdown_links_with_parentheses_leave_no_stray_bracket():
    text, _ = decode.markdown_to_text("قال [رابط](javascript:alert(1)) و![صورة](http://e.x/a(1).png) المتحدث")
    assert text == "قال رابط و المتحدث"
