"""Anki and CSV export: the package opens, holds the expected notes, and re-exports keep GUIDs."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import zipfile
from datetime import UTC, datetime

import pytest
from fsrs import Scheduler

from bilingual.quiz import export
from bilingual.quiz.cards import build_cards
from bilingual.schedule import record_answer
from bilingual.store import Store
from tests.quiz.test_cards import load_world


@pytest.fixture
def world(tmp_path):
    corpus, glossary, qs = load_world(tmp_path / "world")
    return corpus, glossary, build_cards(corpus, glossary, qs)


def read_notes(apkg, tmp_path):
    with zipfile.ZipFile(apkg) as z:
        names = z.namelist()
        assert "collection.anki2" in names
        z.extract("collection.anki2", tmp_path)
    conn = sqlite3.connect(tmp_path / "collection.anki2")
    try:
        notes = conn.execute("SELECT guid, mid, flds, tags FROM notes ORDER BY guid").fetchall()
        models = conn.execute("SELECT models, decks FROM col").fetchone()
    finally:
        conn.close()
    return notes, models


def test_apkg_holds_one_note_per_card_with_rtl_arabic(world, tmp_path):
    corpus, glossary, cards = world
    out = tmp_path / "deck.apkg"
    n = export.write_apkg(out, cards, corpus, glossary)
    assert n == len(cards)
    notes, (models, decks) = read_notes(out, tmp_path / "x")
    assert len(notes) == len(cards)
    assert {mid for _g, mid, _f, _t in notes} == {export.MODEL_ID}
    decks, models = json.loads(decks), json.loads(models)
    assert decks[str(export.DECK_ID)]["name"] == export.DECK_NAME
    css = models[str(export.MODEL_ID)]["css"]
    assert "direction: rtl" in css and "Noto Naskh Arabic" in css
    fields = {f.split("\x1f")[-1]: f.split("\x1f") for _g, _m, f, _t in notes}
    fact = fields["fact:alpha-2023/q02"]
    front, back, evidence, translation, source, _cid = fact
    assert "In which city did Lavrov hold the press conference?" in front
    assert 'dir="rtl"' in front and "في أي مدينة" in front
    assert "Moscow" in back and "موسكو" in back
    assert "موسكو" in evidence and 'dir="rtl"' in evidence
    assert translation.startswith("Lavrov explained")
    cloze_front = fields["cloze:moscow"][0]
    assert "ـــــ؟ـــــ" in cloze_front
    tags = next(t for _g, _m, f, t in notes if f.endswith("fact:alpha-2023/q02"))
    assert set(tags.split()) == {"article::alpha-2023", "kind::fact"}


def test_reexport_keeps_guids_and_ids(world, tmp_path):
    corpus, glossary, cards = world
    a, b = tmp_path / "a.apkg", tmp_path / "b.apkg"
    export.write_apkg(a, cards, corpus, glossary)
    export.write_apkg(b, list(reversed(cards)), corpus, glossary)
    notes_a, _ = read_notes(a, tmp_path / "a")
    notes_b, _ = read_notes(b, tmp_path / "b")
    assert [(g, m) for g, m, _f, _t in notes_a] == [(g, m) for g, m, _f, _t in notes_b]
    import genanki

    assert {g for g, *_ in notes_a} == {genanki.guid_for(c.id) for c in cards}


def test_exported_text_is_escaped(world, tmp_path):
    corpus, glossary, cards = world
    from dataclasses import replace

    evil = replace(cards[0], prompt_en="<script>alert(1)</script>", options=("<b>x</b>", *cards[0].options[1:]))
    front, _back = export.card_faces(evil)
    assert "<script>" not in front and "&lt;script&gt;" in front and "&lt;b&gt;x&lt;/b&gt;" in front


def test_csv_rows_with_evidence_and_progress(world, data_dir, monkeypatch):
    monkeypatch.delenv(export.BASE_URL_ENV, raising=False)
    corpus, glossary, cards = world
    store = Store()
    fact = next(c for c in cards if c.id == "fact:alpha-2023/q01")
    when = datetime(2024, 3, 4, 9, 0, tzinfo=UTC)
    record_answer(store, "ana", fact, True, "x", now=when, scheduler=Scheduler(enable_fuzzing=False))
    data = export.csv_bytes(cards, corpus, glossary, store=store, profile="ana")
    assert data.startswith("\ufeff".encode())
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert len(rows) == len(cards)
    row = next(r for r in rows if r["card_id"] == fact.id)
    assert row["evidence"] == "alpha-2023/s002" and "أرمينيا" in row["evidence_ar"]
    assert row["evidence_en"].startswith("Russian Foreign Minister")
    assert row["reader_link"] == ""  # the app's address is not known: no link rather than a bare path
    assert row["reviews"] == "1" and row["accuracy"] == "1.00" and row["due"].startswith("2024-03-04T09:10")
    store.close()


def test_cli_exports(monkeypatch, tmp_path, world, capsys):
    corpus, glossary, cards = world
    from bilingual import cli
    from bilingual.cli import quiz as cli_quiz

    monkeypatch.setattr(cli_quiz, "_selected", lambda args: (
        [c for c in cards if not args.kind or c.kind in args.kind], corpus, glossary, None))
    assert cli.main(["export", "anki", str(tmp_path / "o.apkg"), "--kind", "fact"]) == 0
    assert "wrote 2 notes" in capsys.readouterr().out
    assert zipfile.is_zipfile(tmp_path / "o.apkg")
    assert cli.main(["export", "csv", str(tmp_path / "o.csv")]) == 0
    text = (tmp_path / "o.csv").read_text(encoding="utf-8-sig")
    assert text.splitlines()[0].startswith("card_id,kind,")
    assert len(list(csv.DictReader(io.StringIO(text)))) == len(cards)


def test_csv_cells_never_run_as_spreadsheet_formulas():
    from bilingual.quiz.export import csv_safe

    assert csv_safe('=HYPERLINK("http://x","y")') == '\'=HYPERLINK("http://x","y")'
    assert csv_safe("@SUM(A1)") == "'@SUM(A1)"
    assert csv_safe("-2+3") == "'-2+3"
    assert csv_safe("Sergei Lavrov") == "Sergei Lavrov"
    assert csv_safe("لافروف") == "لافروف"
    assert csv_safe(3) == 3


def test_csv_reader_links_are_absolute_when_the_base_url_is_set(world, monkeypatch):
    corpus, glossary, cards = world
    monkeypatch.setenv(export.BASE_URL_ENV, "http://localhost:8501/")
    rows = list(csv.DictReader(io.StringIO(export.csv_bytes(cards, corpus, glossary).decode("utf-8-sig"))))
    row = next(r for r in rows if r["card_id"] == "fact:alpha-2023/q01")
    assert row["reader_link"] == "http://localhost:8501/Reader?article=alpha-2023&sentence=s002"
    # an explicit address (a sub-path) wins over the environment
    [row] = export.export_rows([c for c in cards if c.id == "fact:alpha-2023/q01"], corpus, glossary,
                               app_url="https://reader.example/app")
    assert row["reader_link"] == "https://reader.example/app/Reader?article=alpha-2023&sentence=s002"


@pytest.mark.parametrize("value", ["", "localhost:8501", "javascript:alert(1)", "ftp://x.example", "http://",
                                   "http://x.example/?q=1", "http://x.example/#top", "http://x .example"])
def test_a_base_url_that_is_not_an_http_address_is_ignored(value):
    assert export.base_url(value) == ""


def test_the_anki_stylesheet_adds_nothing_around_a_highlighted_word():
    """Padding, margin or a side border on a highlight would open a gap beside the word (its clitic is
    inside the highlight) and break the lam-alef of لأرمينيا; tests/pages/test_reader_layout.py measures it."""
    rules = [r for r in export.CSS.split("}") if ".gl" in r.split("{")[0]]
    assert rules
    for rule in rules:
        body = rule.split("{", 1)[1]
        for prop in ("padding", "margin", "border-left", "border-right", "border-inline", "border:"):
            assert prop not in body, rule
