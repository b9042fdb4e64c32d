"""The curated corpus: articles (Arabic, sentence by sentence) and their reference translations.

Files (see README "Data formats"):
- ``corpus/articles/<id>.yaml``: metadata, dropped page chrome, paragraphs of sentences with stable ids;
- ``corpus/reference/<id>.yaml``: ``{article: <id>, translator: ..., sentences: {<sentence id>: English}}``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from bilingual import paths
from bilingual.datafile import Record, describe, entry_name, read_yaml
from bilingual.errors import DataError
from bilingual.imports.clean import MAX_CHARS
from bilingual.text.normalize import count_words
from bilingual.text.segment import paragraphs as line_spans
from bilingual.text.segment import segment

__all__ = [
    "ARTICLE_FIELDS",
    "LIMITS",
    "MAX_ARTICLE_CHARS",
    "PARAGRAPH_KINDS",
    "REFERENCE_LABEL",
    "RESERVED_PREFIX",
    "Article",
    "Paragraph",
    "ParagraphKind",
    "Sentence",
    "article_by_id",
    "build_article_dict",
    "default_corpus",
    "load_article",
    "load_corpus",
    "parse_article",
    "parse_reference",
]


class ParagraphKind(StrEnum):
    TITLE = "title"
    HEADING = "heading"
    TEXT = "text"


PARAGRAPH_KINDS = tuple(k.value for k in ParagraphKind)
REFERENCE_LABEL = "Reference translation (human-curated)"


@dataclass(frozen=True)
class Sentence:
    id: str
    ar: str
    article_id: str
    paragraph_id: str
    kind: str = "text"
    #: a curated source note: where the source itself is wrong or loose ('' when there is none)
    note: str = ""

    @property
    def uid(self) -> str:
        """Corpus-wide id: ``<article id>/<sentence id>``."""
        return f"{self.article_id}/{self.id}"


@dataclass(frozen=True)
class Paragraph:
    id: str
    kind: str
    sentences: tuple[Sentence, ...]


@dataclass(frozen=True)
class Article:
    id: str
    seed: str
    title_ar: str
    title_en: str
    outlet: str
    outlet_en: str
    date: str
    date_inferred: bool
    date_note: str
    dropped: tuple[str, ...]
    paragraphs: tuple[Paragraph, ...]
    reference: dict[str, str] = field(default_factory=dict, compare=False, hash=False)
    translator: str = ""
    source_file: str = ""
    #: True when the seed has no headline and the titles were written by the editors
    title_editorial: bool = False
    #: the glossary ids of the outlet(s) that ``outlet`` names, in its order (checked against the glossary)
    outlet_entry: tuple[str, ...] = ()

    @property
    def display_title(self) -> str:
        """The English title, or the Arabic one for an imported text titled in Arabic."""
        return self.title_en or self.title_ar

    @property
    def sentences(self) -> list[Sentence]:
        return [s for p in self.paragraphs for s in p.sentences]

    def sentence(self, sentence_id: str) -> Sentence | None:
        return next((s for s in self.sentences if s.id == sentence_id), None)

    @property
    def text_ar(self) -> str:
        """The article's Arabic text, one paragraph a line."""
        return "\n".join(" ".join(s.ar for s in p.sentences) for p in self.paragraphs)

    @property
    def word_count(self) -> int:
        return sum(count_words(s.ar) for s in self.sentences)

    @property
    def sentence_count(self) -> int:
        return len(self.sentences)


#: Article ids starting with this are the learner's imported texts (``mine-<n>``): never a curated id.
RESERVED_PREFIX = "mine-"
ARTICLE_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
ARTICLE_FIELDS = (
    "id", "seed", "title_ar", "title_en", "title_editorial", "outlet", "outlet_en", "outlet_entry",
    "date", "date_inferred", "date_note", "dropped", "paragraphs",
)
PARAGRAPH_FIELDS = ("id", "kind", "sentences")
SENTENCE_FIELDS = ("id", "ar", "note")
REFERENCE_FIELDS = ("article", "translator", "sentences")
#: Length limits, in characters, from the real data (longest today: title 92, date note 292,
#: sentence 233, English sentence 329, note 270) with room to spare. An article's Arabic is at
#: most as long as an imported text (``imports.clean.MAX_CHARS``).
LIMITS = {
    "id": 80, "title": 200, "line": 200, "date_note": 1000, "dropped": 2000, "sentence": 2000,
    "note": 600, "reference": 4000, "outlet_entries": 5,
}
MAX_ARTICLE_CHARS = MAX_CHARS
#: At most this many paragraphs, sentences per paragraph, dropped lines (today: 27, 4, 3).
MAX_ITEMS = 5000


def parse_article(data: object, file: Path) -> Article:
    """One article file, validated strictly; raises DataError naming file, entry and field."""
    entry = entry_name(data, "article", "file")
    r = Record(data, file, entry, ARTICLE_FIELDS, what="article")
    aid = r.text("id", max_len=LIMITS["id"])
    if not ARTICLE_ID_RE.match(aid):
        raise r.error("id", "use lower-case letters, digits and single hyphens (e.g. lavrov-baku-2023)")
    if aid.startswith(RESERVED_PREFIX):
        raise r.error("id", f"ids starting with {RESERVED_PREFIX!r} are reserved for the learner's imported texts")
    paras = []
    seen_paras: set[str] = set()
    seen: set[str] = set()
    chars = 0
    for i, raw_p in enumerate(r.items("paragraphs", max_items=MAX_ITEMS)):
        p = Record(raw_p, file, entry_name(raw_p, f"{entry} paragraph", f"{entry} paragraph #{i + 1}"), PARAGRAPH_FIELDS, what="paragraph")
        pid = p.local_id()
        if pid in seen_paras:
            raise p.error("id", "duplicate paragraph id")
        seen_paras.add(pid)
        kind = p.text("kind", max_len=20, required=False) or ParagraphKind.TEXT.value
        if kind not in PARAGRAPH_KINDS:
            raise p.error("kind", f"{kind!r} must be one of {', '.join(PARAGRAPH_KINDS)}")
        sents = []
        for j, raw_s in enumerate(p.items("sentences", max_items=MAX_ITEMS)):
            where = entry_name(raw_s, f"{entry} sentence", f"{entry} paragraph {pid} sentence #{j + 1}")
            sr = Record(raw_s, file, where, SENTENCE_FIELDS, what="sentence")
            sid = sr.local_id()
            if sid in seen:
                raise sr.error("id", "duplicate sentence id")
            seen.add(sid)
            ar = sr.text("ar", max_len=LIMITS["sentence"])
            chars += len(ar)
            if chars > MAX_ARTICLE_CHARS:
                raise sr.error("ar", f"the article's text passes {MAX_ARTICLE_CHARS:,} characters, the most an article may have")
            sents.append(Sentence(sid, ar, aid, pid, kind, note=sr.text("note", max_len=LIMITS["note"], required=False)))
        paras.append(Paragraph(pid, kind, tuple(sents)))
    line = LIMITS["line"]
    return Article(
        id=aid,
        seed=r.text("seed", max_len=line, required=False),
        title_ar=r.text("title_ar", max_len=LIMITS["title"]),
        title_en=r.text("title_en", max_len=LIMITS["title"]),
        outlet=r.text("outlet", max_len=line),
        outlet_en=r.text("outlet_en", max_len=line, required=False),
        date=r.text("date", max_len=20),
        date_inferred=r.flag("date_inferred"),
        date_note=r.text("date_note", max_len=LIMITS["date_note"], required=False),
        dropped=r.texts("dropped", max_len=LIMITS["dropped"], max_items=MAX_ITEMS),
        paragraphs=tuple(paras),
        source_file=str(file),
        title_editorial=r.flag("title_editorial"),
        outlet_entry=_outlet_entry(r),
    )


def _outlet_entry(r: Record) -> tuple[str, ...]:
    """``outlet_entry``: one glossary id, or a list of them when the text names several outlets."""
    value = r.raw.get("outlet_entry")
    ids = (r.text("outlet_entry", max_len=LIMITS["id"], required=False),) if not isinstance(value, list) else (
        r.texts("outlet_entry", max_len=LIMITS["id"], max_items=LIMITS["outlet_entries"])
    )
    return tuple(i for i in ids if i)


def parse_reference(data: object, file: Path, article: Article) -> tuple[dict[str, str], str]:
    """The reference translation of ``article``; every id must name one of its sentences."""
    r = Record(data, file, "file", REFERENCE_FIELDS, what="reference")
    named = r.raw.get("article")
    if named != article.id:
        raise r.error("article", f"names {named!r}, expected {article.id!r}")
    r.entry = f"reference {article.id}"
    sents = r.mapping("sentences", max_items=MAX_ITEMS)
    known = {s.id for s in article.sentences}
    out: dict[str, str] = {}
    for sid, text in sents.items():
        where = f"reference {article.id} sentence {sid}"
        if sid not in known:
            raise DataError(file, where, "id", "no such sentence in the article")
        if not isinstance(text, str):
            raise DataError(file, where, "text", f"expected text, got {describe(text)}")
        if not text.strip():
            raise DataError(file, where, "text", "empty translation")
        if len(text) > LIMITS["reference"]:
            raise DataError(file, where, "text", f"too long: {len(text):,} characters; at most {LIMITS['reference']:,}")
        out[sid] = text.strip()
    return out, r.text("translator", max_len=LIMITS["line"], required=False)


def load_article(path: Path, reference_dir: Path | None = None) -> Article:
    article = parse_article(read_yaml(path), path)
    if path.stem != article.id:
        raise DataError(path, f"article {article.id}", "id", f"the file must be called {article.id}.yaml (the id names the file)")
    ref_path = (reference_dir or paths.REFERENCE_DIR) / f"{article.id}.yaml"
    if ref_path.exists():
        ref, translator = parse_reference(read_yaml(ref_path), ref_path, article)
        article = Article(**{**_fields(article), "reference": ref, "translator": translator})
    return article


def _fields(article: Article) -> dict:
    return {f: getattr(article, f) for f in Article.__dataclass_fields__}


def load_corpus(articles_dir: Path | None = None, reference_dir: Path | None = None) -> list[Article]:
    """All articles, in file-name order; raises DataError on the first malformed file."""
    adir = articles_dir or paths.ARTICLES_DIR
    articles = [load_article(p, reference_dir) for p in sorted(adir.glob("*.yaml"))]
    ids = [a.id for a in articles]
    dup = next((i for i in ids if ids.count(i) > 1), None)
    if dup:
        raise DataError(adir, f"article {dup}", "id", "duplicate article id")
    return articles


@lru_cache(maxsize=1)
def default_corpus() -> tuple[Article, ...]:
    """The repo's corpus, loaded once per process."""
    return tuple(load_corpus())


def article_by_id(article_id: str, corpus: tuple[Article, ...] | list[Article] | None = None) -> Article | None:
    return next((a for a in (corpus if corpus is not None else default_corpus()) if a.id == article_id), None)


# --- building a new article file from raw text --------------------------------------------


def build_article_dict(
    text: str,
    article_id: str,
    *,
    drop: list[str] | tuple[str, ...] = (),
    headings: list[str] | tuple[str, ...] = (),
    title_line: str | None = None,
    meta: dict | None = None,
) -> dict:
    """Segment raw article text into the article-file structure.

    Lines equal (after trimming) to an entry of ``drop`` are page chrome and are left out (and
    recorded); ``headings`` are lines kept as headings; ``title_line`` is the headline.
    """
    drop_set = {d.strip() for d in drop}
    head_set = {h.strip() for h in headings}
    paras = []
    dropped = []
    n_sent = 0
    for a, b in line_spans(text):
        line = text[a:b]
        if line.strip() in drop_set:
            dropped.append(line.strip())
            continue
        kind = "title" if title_line and line.strip() == title_line.strip() else (
            "heading" if line.strip() in head_set else "text"
        )
        sents = []
        for seg in segment(line) if kind == "text" else [None]:
            n_sent += 1
            sents.append({"id": f"s{n_sent:03d}", "ar": seg.text if seg else line.strip()})
        paras.append({"id": f"p{len(paras) + 1:02d}", "kind": kind, "sentences": sents})
    out = {"id": article_id, **(meta or {})}
    out["dropped"] = dropped
    out["paragraphs"] = paras
    return out
