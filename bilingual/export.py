"""Export quiz cards to Anki (.apkg, via genanki) and CSV.

Anki: one note type ("Arabic–English reader card") and one deck with fixed ids, and each note's
GUID derived from the quiz card id (``genanki.guid_for(card.id)``), so importing a newer export
updates the notes already in Anki instead of adding duplicates. Arabic is set right-to-left in
an Arabic font (CSS ``direction: rtl``). Every field is escaped HTML.

CSV: UTF-8 with a byte-order mark (so spreadsheet programs show the Arabic), one row per card;
with a profile, the learner's due date, review count and accuracy are added.

Commands: ``python -m bilingual export anki OUT.apkg`` and ``python -m bilingual export csv OUT.csv``.
"""

from __future__ import annotations

import argparse
import csv
import html
import io
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from bilingual.corpus import REFERENCE_LABEL, Article
from bilingual.glossary import Glossary
from bilingual.quiz import KIND_LABELS, KINDS, QuizCard, annotate, evidence_for, filter_cards
from bilingual.render import TYPE_COLOURS

#: Fixed ids (Anki requires ints); never change them, or re-imports create a second note type/deck.
MODEL_ID = 1_607_392_319
DECK_ID = 1_897_654_321
MODEL_NAME = "Arabic–English reader card"
DECK_NAME = "Arabic–English reader"

AR_FONTS = "'Noto Naskh Arabic', 'Amiri', 'Scheherazade New', 'Geeza Pro', 'Traditional Arabic', 'Arial', sans-serif"
CSS = f"""
.card {{ font-family: -apple-system, 'Segoe UI', Roboto, Arial, sans-serif; font-size: 20px; text-align: left; color: #111; background: #fff; }}
.ar {{ direction: rtl; unicode-bidi: isolate; text-align: right; font-family: {AR_FONTS}; font-size: 1.5em; line-height: 1.9; }}
.kind {{ font-size: .7em; color: #6b7280; text-transform: uppercase; letter-spacing: .05em; }}
.options {{ margin: .5em 0; padding-inline-start: 1.4em; }}
.answer {{ font-weight: bold; color: #065f46; }}
.evidence {{ margin-top: 1em; border-top: 1px solid #ddd; padding-top: .5em; }}
.en-ref {{ font-size: .85em; color: #374151; }}
.src {{ font-size: .7em; color: #6b7280; }}
.gl {{ border-radius: 3px; padding: 0 2px; }}
.gl-focus {{ outline: 2px solid #111827; }}
""" + "\n".join(f".gl-{t} {{ background: {bg}; border-bottom: 2px solid {fg}; }}" for t, (bg, fg) in TYPE_COLOURS.items())
FIELDS = ["Front", "Back", "Evidence", "Translation", "Source", "CardId"]
FRONT = '<div class="kind">{{Source}}</div>{{Front}}'
BACK = '{{FrontSide}}<hr id="answer">{{Back}}<div class="evidence">{{Evidence}}<div class="en-ref">{{Translation}}</div></div>'


def evidence_markup(text: str, glossary: Glossary, focus_entry: str | None) -> str:
    """The evidence sentence as escaped HTML, names in ``<span class="gl gl-<type>">`` (Anki-safe markup)."""
    out, pos = [], 0
    for m in sorted(annotate(text, glossary), key=lambda m: m.start):
        entry = glossary.get(m.entry_id)
        if m.start < pos or entry is None:
            continue
        cls = f"gl gl-{entry.type}" + (" gl-focus" if entry.id == focus_entry else "")
        out.append(html.escape(text[pos:m.start]))
        out.append(f'<span class="{cls}">{html.escape(text[m.start:m.end])}</span>')
        pos = m.end
    out.append(html.escape(text[pos:]))
    return "".join(out)


def _ar(text: str) -> str:
    return f'<div class="ar" dir="rtl" lang="ar">{html.escape(text)}</div>'


def _options(opts: Sequence[str], arabic: bool = False) -> str:
    items = "".join(f"<li>{html.escape(o)}</li>" for o in opts)
    if arabic:
        return f'<ol class="options ar" dir="rtl" lang="ar">{items}</ol>'
    return f'<ol class="options">{items}</ol>'


def card_faces(card: QuizCard) -> tuple[str, str]:
    """Front and back of ``card`` as escaped HTML."""
    e = html.escape
    front = f"<div>{e(card.prompt_en)}</div>"
    if card.prompt_ar:
        front += _ar(card.prompt_ar)
    if card.kind == "fact" and card.question_ar:
        front += _ar(card.question_ar)
    if card.options:
        front += _options(card.options, arabic=card.answer_lang == "ar")
    back = f'<div class="answer">{e(card.answer)}</div>' if card.answer_lang == "en" else (
        f'<div class="answer ar" dir="rtl" lang="ar">{e(card.answer)}</div>'
    )
    if card.kind == "fact" and card.answer_ar:
        back += f'<div class="answer ar" dir="rtl" lang="ar">{e(card.answer_ar)}</div>'
    return front, back


CSV_COLUMNS = (
    "card_id", "kind", "kind_label", "article_id", "article_title", "entry_id", "question_en", "prompt_ar",
    "question_ar", "answer", "answer_ar", "options", "options_ar", "typed", "evidence", "evidence_ar",
    "evidence_en", "reader_link",
)


def export_rows(cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary) -> list[dict]:
    """Plain data for each card (CSV rows; the Anki notes are built from the same data)."""
    rows = []
    titles = {a.id: a.title_en for a in corpus}
    for c in cards:
        ev = evidence_for(c, corpus, glossary, with_html=False)
        rows.append({
            "card_id": c.id,
            "kind": c.kind,
            "kind_label": KIND_LABELS.get(c.kind, c.kind),
            "article_id": c.article_id or "",
            "article_title": titles.get(c.article_id or "", ""),
            "entry_id": c.entry_id or "",
            "question_en": c.prompt_en,
            "prompt_ar": c.prompt_ar,
            "question_ar": c.question_ar,
            "answer": c.answer,
            "answer_ar": c.answer_ar,
            "options": " | ".join(c.options),
            "options_ar": " | ".join(c.options_ar),
            "typed": "yes" if c.typed else "no",
            "evidence": c.evidence or "",
            "evidence_ar": ev.ar if ev else "",
            "evidence_en": ev.en if ev else "",
            "reader_link": ev.link if ev else "",
        })
    return rows


def progress_columns(store, profile: str) -> dict[str, dict]:
    """card id -> {due, reviews, accuracy} for ``profile``."""
    from bilingual.schedule import profile_id

    pid = profile_id(store, profile)
    out: dict[str, dict] = {}
    for r in store.query("SELECT card_id, due FROM cards WHERE profile_id = ?", (pid,)):
        out[r["card_id"]] = {"due": r["due"], "reviews": 0, "accuracy": ""}
    for r in store.query(
        "SELECT card_id, COUNT(*) AS n, SUM(correct) AS ok FROM reviews WHERE profile_id = ? GROUP BY card_id", (pid,)
    ):
        d = out.setdefault(r["card_id"], {"due": "", "reviews": 0, "accuracy": ""})
        d["reviews"] = r["n"]
        d["accuracy"] = f"{(r['ok'] or 0) / r['n']:.2f}"
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=HYPERLINK(...)) is prefixed with an apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def write_csv(out: Path | io.TextIOBase, cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary,
              *, store=None, profile: str | None = None) -> int:
    """Write one row per card; returns the number of rows."""
    rows = export_rows(cards, corpus, glossary)
    progress = progress_columns(store, profile) if store is not None and profile else None
    cols = list(CSV_COLUMNS)
    if progress is not None:
        cols += ["due", "reviews", "accuracy"]

    def _write(fh) -> None:
        w = csv.DictWriter(fh, fieldnames=cols, extrasaction="ignore")
        w.writeheader()
        for r in rows:
            if progress is not None:
                r = {**r, **progress.get(r["card_id"], {"due": "", "reviews": 0, "accuracy": ""})}
            w.writerow({k: csv_safe(v) for k, v in r.items()})

    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8-sig", newline="") as fh:
            _write(fh)
    else:
        _write(out)
    return len(rows)


def csv_bytes(cards, corpus, glossary, *, store=None, profile=None) -> bytes:
    buf = io.StringIO()
    write_csv(buf, cards, corpus, glossary, store=store, profile=profile)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _model():
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Card", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )


def build_deck(cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary):
    import genanki

    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description="Key facts and names from the Arabic–English reader.")
    titles = {a.id: a for a in corpus}
    for card, row in zip(cards, export_rows(cards, corpus, glossary)):
        front, back = card_faces(card)
        ev_html = ""
        if row["evidence_ar"]:
            ev_html = f'<div class="ar" dir="rtl" lang="ar">{evidence_markup(row["evidence_ar"], glossary, card.entry_id)}</div>'

        translation = ""
        if row["evidence_en"]:
            translation = f'{html.escape(row["evidence_en"])}<div class="src">{html.escape(REFERENCE_LABEL)}</div>'
        art = titles.get(card.article_id or "")
        source = html.escape(KIND_LABELS.get(card.kind, card.kind) + (f" · {art.title_en}" if art else ""))
        tags = [f"kind::{card.kind}"] + ([f"article::{card.article_id}"] if card.article_id else [])
        deck.add_note(genanki.Note(
            model=model,
            fields=[front, back, ev_html, translation, source, html.escape(card.id)],
            guid=genanki.guid_for(card.id),
            tags=tags,
        ))
    return deck


def write_apkg(path: Path | str, cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary) -> int:
    """Write an Anki package; returns the number of notes."""
    import genanki

    deck = build_deck(cards, corpus, glossary)
    genanki.Package(deck).write_to_file(str(path))
    return len(deck.notes)


def apkg_bytes(cards, corpus, glossary) -> bytes:
    fd, name = tempfile.mkstemp(suffix=".apkg")
    os.close(fd)
    try:
        write_apkg(name, cards, corpus, glossary)
        return Path(name).read_bytes()
    finally:
        os.unlink(name)


# --- command line -----------------------------------------------------------------------------


def _selected(args: argparse.Namespace):
    from bilingual.corpus import default_corpus
    from bilingual.glossary import default_glossary, merge
    from bilingual.quiz import cards_for

    corpus = default_corpus()
    glossary = default_glossary()
    store = None
    if getattr(args, "profile", None) or getattr(args, "personal", False):
        from bilingual.store import open_for_cli

        store = open_for_cli()
    if getattr(args, "personal", False):
        try:
            from bilingual.importer import personal_entries

            glossary = merge(glossary, personal_entries(store))
        except ModuleNotFoundError:
            pass
    cards = cards_for(corpus, glossary)
    return filter_cards(cards, article=args.article, kinds=args.kind or None), corpus, glossary, store


def cmd_anki(args: argparse.Namespace) -> int:
    cards, corpus, glossary, _store = _selected(args)
    n = write_apkg(args.out, cards, corpus, glossary)
    print(f"wrote {n} notes to {args.out}")
    return 0


def cmd_csv(args: argparse.Namespace) -> int:
    if args.profile:
        from bilingual.schedule import clean_profile_name

        try:
            args.profile = clean_profile_name(args.profile)
        except ValueError as exc:
            print(f"error: --profile: {exc}", file=sys.stderr)
            return 2
    cards, corpus, glossary, store = _selected(args)
    n = write_csv(Path(args.out), cards, corpus, glossary, store=store, profile=args.profile)
    print(f"wrote {n} rows to {args.out}")
    return 0


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export quiz cards to Anki (.apkg) or CSV")
    esub = p.add_subparsers(dest="export_format", metavar="FORMAT")
    esub.required = True
    for fmt, handler, help_text in (
        ("anki", cmd_anki, "an Anki package; re-importing updates the same notes"),
        ("csv", cmd_csv, "a UTF-8 CSV file, one row per card"),
    ):
        q = esub.add_parser(fmt, help=help_text)
        q.add_argument("out", help="output file")
        q.add_argument("--article", help="only this article's cards")
        q.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
        q.add_argument("--personal", action="store_true", help="include the learner's personal terms")
        if fmt == "csv":
            q.add_argument("--profile", help="add this learner's due dates and accuracy")
        q.set_defaults(handler=handler)
