"""The curated corpus: articles (Arabic, sentence by sentence) and their reference translations.

Files (see README "Data formats"):
- ``corpus/articles/<id>.yaml``: metadata, dropped page chrome, paragraphs of sentences with stable ids;
- ``corpus/reference/<id>.yaml``: ``{article: <id>, translator: ..., sentences: {<sentence id>: English}}``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from bilingual import paths
from bilingual.datafile import read_yaml
from bilingual.errors import DataError
from bilingual.text.normalize import count_words
from bilingual.text.segment import paragraphs as line_spans
from bilingual.text.segment import segment

__all__ = [
    "PARAGRAPH_KINDS",
    "REFERENCE_LABEL",
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


def _require(data: dict, key: str, file: Path, entry: str, typ: type | tuple = str) -> object:
    if not isinstance(data, dict) or key not in data or data[key] is None:
        raise DataError(file, entry, key, "missing")
    value = data[key]
    if not isinstance(value, typ):
        want = typ.__name__ if isinstance(typ, type) else " or ".join(t.__name__ for t in typ)
        raise DataError(file, entry, key, f"expected {want}, got {type(value).__name__}")
    if isinstance(value, str) and not value.strip():
        raise DataError(file, entry, key, "empty")
    return value


def parse_article(data: object, file: Path) -> Article:
    if not isinstance(data, dict):
        raise DataError(file, "file", "article", "expected a mapping at the top level")
    aid = str(_require(data, "id", file, "article"))
    entry = f"article {aid}"
    paras = []
    seen: set[str] = set()
    raw_paras = _require(data, "paragraphs", file, entry, list)
    if not raw_paras:
        raise DataError(file, entry, "paragraphs", "empty")
    for i, p in enumerate(raw_paras):
        pid = str(_require(p, "id", file, f"{entry} paragraph #{i + 1}"))
        kind = p.get("kind", "text")
        if kind not in PARAGRAPH_KINDS:
            raise DataError(file, f"{entry} paragraph {pid}", "kind", f"must be one of {', '.join(PARAGRAPH_KINDS)}")
        sents = []
        for j, s in enumerate(_require(p, "sentences", file, f"{entry} paragraph {pid}", list)):
            sid = str(_require(s, "id", file, f"{entry} paragraph {pid} sentence #{j + 1}"))
            if sid in seen:
                raise DataError(file, f"{entry} sentence {sid}", "id", "duplicate sentence id")
            seen.add(sid)
            ar = str(_require(s, "ar", file, f"{entry} sentence {sid}"))
            sents.append(Sentence(sid, ar, aid, pid, kind))
        paras.append(Paragraph(pid, kind, tuple(sents)))
    date = _require(data, "date", file, entry, (str,))
    dropped = data.get("dropped") or []
    if not isinstance(dropped, list) or not all(isinstance(d, str) for d in dropped):
        raise DataError(file, entry, "dropped", "expected a list of lines")
    return Article(
        id=aid,
        seed=str(data.get("seed", "")),
        title_ar=str(_require(data, "title_ar", file, entry)),
        title_en=str(_require(data, "title_en", file, entry)),
        outlet=str(_require(data, "outlet", file, entry)),
        outlet_en=str(data.get("outlet_en", "")),
        date=str(date),
        date_inferred=bool(data.get("date_inferred", False)),
        date_note=str(data.get("date_note", "")),
        dropped=tuple(dropped),
        paragraphs=tuple(paras),
        source_file=str(file),
        title_editorial=bool(data.get("title_editorial", False)),
    )


def parse_reference(data: object, file: Path, article: Article) -> tuple[dict[str, str], str]:
    """The reference translation of ``article``; every id must name one of its sentences."""
    if not isinstance(data, dict):
        raise DataError(file, "file", "reference", "expected a mapping at the top level")
    if str(data.get("article")) != article.id:
        raise DataError(file, "file", "article", f"names {data.get('article')!r}, expected {article.id!r}")
    sents = _require(data, "sentences", file, f"reference {article.id}", dict)
    known = {s.id for s in article.sentences}
    out: dict[str, str] = {}
    for sid, text in sents.items():
        sid = str(sid)
        if sid not in known:
            raise DataError(file, f"reference {article.id} sentence {sid}", "id", "no such sentence in the article")
        if not isinstance(text, str) or not text.strip():
            raise DataError(file, f"reference {article.id} sentence {sid}", "text", "missing or empty translation")
        out[sid] = text.strip()
    return out, str(data.get("translator", ""))


def load_article(path: Path, reference_dir: Path | None = None) -> Article:
    article = parse_article(read_yaml(path), path)
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
