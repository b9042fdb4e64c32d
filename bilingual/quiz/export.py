"""Export quiz cards to Anki (.apkg, via genanki) and CSV.

Anki: one note type ("Arabic–English reader card") and one deck with fixed ids, and each note's
GUID derived from the quiz card id (``genanki.guid_for(card.id)``), so importing a newer export
updates the notes already in Anki instead of adding duplicates. Arabic is set right-to-left in
an Arabic font (CSS ``direction: rtl``). Every field is escaped HTML; a card's front and back
come from its kind (``quiz.cards.KIND_REGISTRY``).

CSV: UTF-8 with a byte-order mark (so spreadsheet programs show the Arabic), one row per card;
with a profile, the learner's due date, review count and accuracy are added. Its ``reader_link``
opens the reader at the card's evidence sentence: an absolute URL when the app's base URL is known
(``$BILINGUAL_BASE_URL``, e.g. ``http://localhost:8501``), else empty (a bare path means nothing
in a spreadsheet).
"""

from __future__ import annotations

import csv
import html
import io
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from bilingual.corpus import REFERENCE_LABEL, Article
from bilingual.glossary import Glossary
from bilingual.matcher import annotate
from bilingual.quiz.cards import KIND_LABELS, KIND_REGISTRY, QuizCard
from bilingual.quiz.evidence import evidence_for
from bilingual.render import TYPE_COLOURS, sentence_html
from bilingual.schedule.profiles import profile_id
from bilingual.store import Store
from bilingual.store import reviews as review_rows

if TYPE_CHECKING:
    import genanki

__all__ = [
    "BASE_URL_ENV",
    "CSV_COLUMNS",
    "DECK_ID",
    "MODEL_ID",
    "apkg_bytes",
    "base_url",
    "build_deck",
    "card_faces",
    "csv_bytes",
    "csv_safe",
    "export_rows",
    "progress_columns",
    "write_apkg",
    "write_csv",
]

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
/* nothing around a highlighted word (no padding, margin or side border): the clitic inside the highlight
   stays joined to the letters before it, and no space opens beside the word; only the colour differs */
.gl {{ border-radius: 3px; }}
.gl-focus {{ outline: 2px solid #111827; }}
""" + "\n".join(f".gl-{t} {{ background: {bg}; border-bottom: 2px solid {fg}; }}" for t, (bg, fg) in TYPE_COLOURS.items())
FIELDS = ["Front", "Back", "Evidence", "Translation", "Source", "CardId"]
FRONT = '<div class="kind">{{Source}}</div>{{Front}}'
BACK = '{{FrontSide}}<hr id="answer">{{Back}}<div class="evidence">{{Evidence}}<div class="en-ref">{{Translation}}</div></div>'


def card_faces(card: QuizCard) -> tuple[str, str]:
    """Front and back of ``card`` as escaped HTML (as its kind lays them out)."""
    return KIND_REGISTRY[card.kind].faces(card)


CSV_COLUMNS = (
    "card_id", "kind", "kind_label", "article_id", "article_title", "entry_id", "question_en", "prompt_ar",
    "question_ar", "answer", "answer_ar", "options", "options_ar", "typed", "evidence", "evidence_ar",
    "evidence_en", "reader_link",
)



#: The app's address as its learners open it (``http://localhost:8501``, ``https://reader.example/app``).
BASE_URL_ENV = "BILINGUAL_BASE_URL"


def base_url(value: str | None = None) -> str:
    """The app's base URL (``value``, else ``$BILINGUAL_BASE_URL``) without a trailing slash, or ''
    when it is unset or not an http(s) address with a host (no query, no fragment)."""
    raw = (os.environ.get(BASE_URL_ENV, "") if value is None else value).strip()
    try:
        parts = urlsplit(raw)
    except ValueError:
        return ""
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment or any(c.isspace() for c in raw):
        return ""
    return raw.rstrip("/")


def export_rows(cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary, *, app_url: str | None = None) -> list[dict]:
    """Plain data for each card (CSV rows; the Anki notes are built from the same data).

    ``app_url``: the app's base URL for absolute reader links (default ``base_url()``); '' leaves them out.
    """
    root = base_url(app_url)
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
            "reader_link": root + ev.link if ev and root else "",
        })
    return rows


def progress_columns(store: Store, profile: str) -> dict[str, dict]:
    """card id -> {due, reviews, accuracy} for ``profile``."""
    pid = profile_id(store, profile)
    out: dict[str, dict] = {}
    for card_id, due in review_rows.card_dues(store, pid):
        out[card_id] = {"due": due, "reviews": 0, "accuracy": ""}
    for card_id, (n, ok) in review_rows.reviews_by_card(store, pid).items():
        d = out.setdefault(card_id, {"due": "", "reviews": 0, "accuracy": ""})
        d["reviews"] = n
        d["accuracy"] = f"{ok / n:.2f}"
    return out


FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def csv_safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=HYPERLINK(...)) is prefixed with an apostrophe."""
    return "'" + value if isinstance(value, str) and value.startswith(FORMULA_START) else value


def write_csv(out: Path | io.TextIOBase, cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary,
              *, store: Store | None = None, profile: str | None = None, app_url: str | None = None) -> int:
    """Write one row per card; returns the number of rows (``app_url``: see ``export_rows``)."""
    rows = export_rows(cards, corpus, glossary, app_url=app_url)
    progress = progress_columns(store, profile) if store is not None and profile else None
    cols = list(CSV_COLUMNS)
    if progress is not None:
        cols += ["due", "reviews", "accuracy"]

    def _write(fh: io.TextIOBase) -> None:
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


def csv_bytes(cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary, *,
              store: Store | None = None, profile: str | None = None, app_url: str | None = None) -> bytes:
    buf = io.StringIO()
    write_csv(buf, cards, corpus, glossary, store=store, profile=profile, app_url=app_url)
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _model() -> genanki.Model:
    import genanki

    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": f} for f in FIELDS],
        templates=[{"name": "Card", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
    )


def build_deck(cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary) -> genanki.Deck:
    import genanki

    model = _model()
    deck = genanki.Deck(DECK_ID, DECK_NAME, description="Key facts and names from the Arabic–English reader.")
    titles = {a.id: a for a in corpus}
    for card, row in zip(cards, export_rows(cards, corpus, glossary), strict=False):
        front, back = card_faces(card)
        ev_html = ""
        if row["evidence_ar"]:
            marked = sentence_html(row["evidence_ar"], annotate(row["evidence_ar"], glossary), glossary, focus_entry=card.entry_id, tooltips=False)
            ev_html = f'<div class="ar" dir="rtl" lang="ar">{marked}</div>'

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


def apkg_bytes(cards: Sequence[QuizCard], corpus: Sequence[Article], glossary: Glossary) -> bytes:
    fd, name = tempfile.mkstemp(suffix=".apkg")
    os.close(fd)
    try:
        write_apkg(name, cards, corpus, glossary)
        return Path(name).read_bytes()
    finally:
        os.unlink(name)
