"""Imported texts: cleaned Arabic text stored in the learner's database, read as ``corpus.Article``.

Every text belongs to the learner who imported it (``owner``, a profile id): only they list,
rename and delete it. A learner reads their own texts and those a teacher shared with their class
(``readable_articles``, ``get_article``); anyone else's ``mine-<n>`` is "not here".

An imported text becomes an Article with id ``mine-<n>`` (``as_article``), so the reader, library
and concordance treat it like a curated article (without a reference translation). Sentence ids
are stable: a text's body never changes once saved (only its title can be renamed).
"""

from __future__ import annotations

import contextlib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from bilingual.corpus import RESERVED_PREFIX, Article, Paragraph, Sentence, default_corpus
from bilingual.errors import DataError, ImportRefused
from bilingual.glossary import Glossary
from bilingual.imports.clean import (
    MIN_ARABIC_RATIO,
    clean_date,
    clean_report,
    clean_source,
    clean_text,
    clean_title,
    default_title,
)
from bilingual.matcher import Mention, annotate
from bilingual.store import Store, mt_cache
from bilingual.store import texts as text_rows
from bilingual.text.charsets import TATWEEL
from bilingual.text.normalize import arabic_ratio
from bilingual.text.segment import segment

__all__ = [
    "ARTICLE_PREFIX",
    "MAX_SENTENCE_CHARS",
    "ImportedText",
    "Preview",
    "article_id_for",
    "as_article",
    "body_sentences",
    "delete_text",
    "get_article",
    "get_text",
    "imported_articles",
    "is_imported",
    "list_texts",
    "prepare",
    "readable_articles",
    "rename_text",
    "save_text",
    "split_long",
    "text_id_of",
]

#: A "sentence" longer than this (a line without punctuation) is cut at a comma or a space.
MAX_SENTENCE_CHARS = 600
ARTICLE_PREFIX = RESERVED_PREFIX


def split_long(text: str, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """Cut an over-long sentence at a comma-like mark, else a space, else anywhere (never before a mark)."""
    pieces: list[str] = []
    rest = text
    while len(rest) > limit:
        window = rest[: limit + 1]
        cut = max(window.rfind(p, limit // 2) for p in ("، ", "؛ ", ", ", "; ", ": "))
        if cut >= 0:
            cut += 1
        else:
            cut = window.rfind(" ", limit // 2)
            if cut < 0:
                cut = limit
                while cut < len(rest) and (unicodedata.combining(rest[cut]) or rest[cut] == TATWEEL):
                    cut += 1
        head, rest = rest[:cut].strip(), rest[cut:].strip()
        if head:
            pieces.append(head)
    if rest:
        pieces.append(rest)
    return pieces


def body_sentences(body: str) -> list[list[str]]:
    """The body's paragraphs (non-empty lines), each a list of sentences."""
    paras = []
    for line in body.split("\n"):
        if not line.strip():
            continue
        sents = [piece for seg in segment(line) for piece in split_long(seg.text)]
        if sents:
            paras.append(sents)
    return paras


@dataclass(frozen=True)
class ImportedText:
    id: int
    title: str
    source: str
    date: str
    body: str
    created_at: str = ""
    updated_at: str = ""
    owner: int = 0  # the profile id of the learner who imported it

    @property
    def article_id(self) -> str:
        return article_id_for(self.id)

    @property
    def char_count(self) -> int:
        return len(self.body)


def article_id_for(text_id: int) -> str:
    return f"{ARTICLE_PREFIX}{int(text_id)}"


def text_id_of(article_id: str) -> int | None:
    """The text id in ``mine-<n>``, or None for any other article id."""
    if isinstance(article_id, str) and article_id.startswith(ARTICLE_PREFIX):
        tail = article_id[len(ARTICLE_PREFIX):]
        if tail.isascii() and tail.isdigit() and len(tail) <= 15:
            return int(tail)
    return None


def is_imported(article_id: str) -> bool:
    return text_id_of(article_id) is not None


@lru_cache(maxsize=64)
@lru_cache(maxsize=4096)
def as_article(imported: ImportedText) -> Article:
    """The text as an Article: id ``mine-<n>``, one paragraph a line, ``s001``... sentence ids, no reference.
    Cached (the text is a frozen value): the Library shows hundreds of texts on every run.

    The title goes to ``title_ar`` when it is Arabic, else to ``title_en`` (the other is ''); the
    source goes to ``outlet``. Sentence ids are stable: the body never changes once saved.
    """
    aid = imported.article_id
    paras = []
    n = 0
    for i, sents in enumerate(body_sentences(imported.body), start=1):
        pid = f"p{i:02d}"
        out = []
        for s in sents:
            n += 1
            out.append(Sentence(f"s{n:03d}", s, aid, pid, "text"))
        paras.append(Paragraph(pid, "text", tuple(out)))
    title = imported.title
    arabic_title = arabic_ratio(title) >= MIN_ARABIC_RATIO
    return Article(
        id=aid,
        seed="",
        title_ar=title if arabic_title else "",
        title_en="" if arabic_title else title,
        outlet=imported.source,
        outlet_en="",
        date=imported.date,
        date_inferred=False,
        date_note="",
        dropped=(),
        paragraphs=tuple(paras),
        reference={},
        translator="",
        source_file="",
        title_editorial=False,
    )


# --- storage ------------------------------------------------------------------------------------


def _row_to_text(row) -> ImportedText:
    return ImportedText(
        id=int(row["id"]),
        title=row["title"],
        source=row["source"],
        date=row["date"],
        body=row["body"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
        owner=int(row["profile_id"]),
    )


def _text_id(text_id: int | str) -> int | None:
    tid = text_id_of(text_id) if isinstance(text_id, str) and not text_id.isdigit() else text_id
    try:
        tid = int(tid)
    except (TypeError, ValueError):
        return None
    return tid if 0 < tid < 2**62 else None


def save_text(store: Store, text: str, title: str = "", source: str = "", date: str = "", *, owner: int) -> int:
    """Validate, clean and store a text of ``owner``; returns its id (the article is ``mine-<id>``)."""
    body = clean_text(text)
    title = clean_title(title) or default_title(body)
    source = clean_source(source)
    date = clean_date(date)
    with store.transaction():
        store.lock(f"texts:{int(owner)}")
        same = text_rows.find_by_body(store, owner, body)
        if same is not None:
            raise ImportRefused(
                f"You already imported this text, as “{same['title']}” ({article_id_for(same['id'])}); it was not saved twice."
            )
        return text_rows.add(store, owner, title, source, date, body)


def list_texts(store: Store, *, owner: int) -> list[ImportedText]:
    """The owner's own texts, newest first."""
    return [_row_to_text(r) for r in text_rows.newest_first(store, owner)]


def get_text(store: Store, text_id: int | str, *, owner: int) -> ImportedText | None:
    """The owner's text by id (an int, or ``mine-<n>``); None when there is no such text of theirs."""
    tid = _text_id(text_id)
    row = text_rows.get(store, owner, tid) if tid is not None else None
    return _row_to_text(row) if row is not None else None


def get_article(store: Store, article_id: str, *, reader: int) -> Article | None:
    """The Article for ``mine-<n>`` if ``reader`` may read it (their own, or shared with their class);
    None for other ids, a deleted text, or someone else's."""
    tid = _text_id(article_id) if is_imported(article_id) else None
    row = text_rows.get_readable(store, reader, tid) if tid is not None else None
    return as_article(_row_to_text(row)) if row is not None else None


def imported_articles(store: Store, *, owner: int) -> list[Article]:
    """The owner's own imported texts as Articles, newest first."""
    return [as_article(t) for t in list_texts(store, owner=owner)]


def readable_articles(store: Store, *, reader: int) -> list[Article]:
    """Every text ``reader`` may read (their own first, then those shared with their classes), as Articles."""
    return [as_article(_row_to_text(r)) for r in text_rows.readable(store, reader)]


def rename_text(store: Store, text_id: int, title: str, *, owner: int) -> ImportedText:
    """Change the owner's text's title (the body never changes); raises ImportRefused on a bad title or id."""
    new = clean_title(title)
    if not new:
        raise ImportRefused("The title cannot be empty.", "title")
    tid = _text_id(text_id)
    if tid is None or not text_rows.rename(store, owner, tid, new):
        raise ImportRefused("There is no such text (it may have been deleted).")
    renamed = get_text(store, tid, owner=owner)
    if renamed is None:
        raise ImportRefused("There is no such text (it may have been deleted).")
    return renamed


def delete_text(store: Store, text_id: int, *, owner: int, forget_translations: bool = True) -> bool:
    """Delete the owner's text; True if they had it (texts shared with a class leave its assignments).

    With ``forget_translations`` its cached machine translations go too, except sentences that
    another imported text (anyone's) or a curated article also contains (the cache is shared by sentence).
    """
    text = get_text(store, text_id, owner=owner)
    if text is None:
        return False
    with store.transaction():
        text_rows.delete(store, owner, text.id)
        if forget_translations:
            mine = {s.ar for s in as_article(text).sentences}
            keep: set[str] = set()
            for body in text_rows.sources_of_others(store, text.id):
                keep.update(s.ar for s in as_article(ImportedText(0, "", "", "", body)).sentences)
            with contextlib.suppress(DataError):
                keep.update(s.ar for a in default_corpus() for s in a.sentences)
            mt_cache.forget_sources(store, mine - keep)
    return True


# --- preview ------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Preview:
    """What saving would store: the cleaned text and metadata, the article, mentions per sentence."""

    text: str
    title: str
    source: str
    date: str
    article: Article
    mentions: dict[str, list[Mention]]  # sentence id -> mentions
    removed: dict[str, int]

    @property
    def mention_count(self) -> int:
        return sum(len(v) for v in self.mentions.values())

    @property
    def term_ids(self) -> list[str]:
        seen: dict[str, None] = {}
        for ms in self.mentions.values():
            for m in ms:
                seen.setdefault(m.entry_id, None)
        return list(seen)


def prepare(text: str, glossary: Glossary | None, title: str = "", source: str = "", date: str = "") -> Preview:
    """Validate, clean, segment and annotate without saving (raises ImportRefused)."""
    cleaned = clean_report(text)
    t = clean_title(title) or default_title(cleaned.text)
    s = clean_source(source)
    d = clean_date(date)
    art = as_article(ImportedText(0, t, s, d, cleaned.text))
    mentions = {}
    if glossary is not None and len(glossary):
        mentions = {sent.id: annotate(sent.ar, glossary) for sent in art.sentences}
    return Preview(cleaned.text, t, s, d, art, mentions, cleaned.removed)


