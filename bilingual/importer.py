"""The learner's own material: imported Arabic texts and personal glossary terms (both in the Store).

Imported text is untrusted input. Everything that reaches the database goes through
``clean_text``, which refuses what is not an Arabic text and removes what could spoof the display:

- bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy Arabic code page (Windows-1256,
  ISO-8859-6) recognised and converted; binary files (NUL bytes, PDF/Office/image/archive
  signatures, many control characters) are refused, and so is a file over ``MAX_UPLOAD_BYTES``;
- HTML is reduced to its visible text with the stdlib parser (script, style, head, template, svg...
  dropped; block elements become lines); Markdown loses its markup. Nothing is ever rendered;
- text: empty, longer than ``MAX_CHARS`` characters, or mostly non-Arabic letters is refused;
- bidi embeddings/overrides/isolates, LRM/RLM/ALM, zero-width spaces and joiners, BOMs, soft
  hyphens, invisible operators, tag characters, interlinear annotation marks, Hangul fillers,
  private-use and control characters are removed. ZWNJ (U+200C) is kept only *between two
  Arabic-script letters*: there it is real orthography (Persian/Urdu/Kurdish words and names quoted
  in Arabic press: می‌خواهم), it only stops the two letters from joining, it changes no letter and
  no order, and the matcher ignores it (``arabic.normalize`` drops it). Anywhere else (next to a
  space, Latin, digits, another invisible) it has no legitimate use and is removed.

Imported texts become ``corpus.Article`` objects with id ``mine-<n>`` (``as_article``), so the
reader, library and concordance treat them like curated articles (no reference translation).

Personal terms are glossary ``Entry`` objects with origin "mine", validated with
``glossary.parse_entry`` (the same checks as the curated file) and stored as JSON in
``personal_terms``; ``glossary.merge`` combines them with the curated glossary. The curated files
in ``glossary/`` are never written.
"""

from __future__ import annotations

import argparse
import codecs
import dataclasses
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date as _date
from functools import lru_cache
from html.parser import HTMLParser
from pathlib import Path

from bilingual.arabic import arabic_ratio, is_arabic_letter, normalize, strip_invisible
from bilingual.corpus import Article, DataError, Paragraph, Sentence
from bilingual.glossary import Entry, Glossary, parse_entry
from bilingual.matcher import annotate
from bilingual.segment import segment

#: Longest accepted text, in characters (after extraction and cleaning).
MAX_CHARS = 200_000
#: Longest accepted upload, in bytes (HTML carries markup, so more than MAX_CHARS).
MAX_UPLOAD_BYTES = 3_000_000
#: At least this share of the letters must be Arabic.
MIN_ARABIC_RATIO = 0.5
#: And at least this many Arabic letters.
MIN_ARABIC_LETTERS = 3
#: A "sentence" longer than this (a line without punctuation) is cut at a comma or a space.
MAX_SENTENCE_CHARS = 600
MAX_TITLE_CHARS = 200
MAX_SOURCE_CHARS = 500
UPLOAD_TYPES = ("txt", "md", "markdown", "html", "htm", "xhtml")
ARTICLE_PREFIX = "mine-"
ORIGIN = "mine"
#: Legacy Arabic code pages we recognise (Python codec names).
LEGACY_ENCODINGS = ("cp1256", "iso8859_6")
ENCODING_LABELS = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 (with BOM)",
    "utf_16": "UTF-16",
    "cp1256": "Windows-1256 (Arabic)",
    "iso8859_6": "ISO-8859-6 (Arabic)",
}


class ImportRefused(ValueError):
    """Input the app will not import; ``str(exc)`` is a message for the user."""

    def __init__(self, message: str, field: str = ""):
        super().__init__(message)
        self.message = message
        self.field = field


#: Alias for code written against the issue's first name for it.
ImportError_ = ImportRefused


# --- decoding uploads ---------------------------------------------------------------------------

_MAGIC = (
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive (or a Word/OpenDocument file)"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"\x7fELF", "a program"),
    (b"MZ", "a program"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"{\\rtf", "an RTF document"),
    (b"SQLite format 3", "a database"),
)


@dataclass(frozen=True)
class Upload:
    """A decoded upload: plain text (paragraphs as lines), a suggested title, what was done."""

    text: str
    title: str = ""
    encoding: str = "utf_8"
    kind: str = "txt"  # txt | md | html

    @property
    def encoding_label(self) -> str:
        return ENCODING_LABELS.get(self.encoding, self.encoding)

    @property
    def converted(self) -> bool:
        """True when the file was not UTF-8 and was converted."""
        return self.encoding not in ("utf_8", "utf_8_sig")


def _human_bytes(n: int) -> str:
    return f"{n / 1_000_000:.1f} MB" if n >= 1_000_000 else f"{n / 1000:.0f} kB"


def _arabic_score(text: str) -> tuple[float, int]:
    """How Arabic a decoding looks: share of Arabic letters (a wrong code page yields Latin letters),
    then the count of the definite article ال, the most frequent Arabic bigram."""
    return round(arabic_ratio(text), 2), text.count("\u0627\u0644")


def decode_bytes(data: bytes) -> tuple[str, str]:
    """(text, codec name): UTF-8/UTF-16 by BOM, strict UTF-8, else Windows-1256 or ISO-8859-6."""
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8):].decode("utf-8"), "utf_8_sig"
        except UnicodeDecodeError:
            raise ImportRefused("The file says it is UTF-8 but is not valid UTF-8.") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), "utf_16"
        except UnicodeDecodeError:
            raise ImportRefused("The file says it is UTF-16 but is not valid UTF-16.") from None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise ImportRefused(
                f"This looks like {what}, not a text file. Copy the text and paste it, "
                "or save it as .txt, .md or .html."
            )
    if b"\x00" in data:
        raise ImportRefused("This looks like a binary file, not text (it contains NUL bytes).")
    try:
        return data.decode("utf-8"), "utf_8"
    except UnicodeDecodeError:
        pass
    candidates: dict[str, str] = {}
    for enc in LEGACY_ENCODINGS:
        try:
            candidates[enc] = data.decode(enc)
        except UnicodeDecodeError:
            continue
    if not candidates:
        try:  # charset-normalizer for the rest (e.g. Latin-1 text: decoded, then refused as not Arabic)
            from charset_normalizer import from_bytes

            best = from_bytes(data).best()
        except ImportError:  # pragma: no cover - charset-normalizer is a declared dependency
            best = None
        if best is None:
            raise ImportRefused(
                "The file is not UTF-8 text, nor in a common Arabic encoding (Windows-1256, ISO-8859-6). "
                "Save it as UTF-8 and try again."
            )
        return str(best), best.encoding
    if len(candidates) > 1:
        # both decode: let charset-normalizer choose, unless the definite article says otherwise
        try:
            from charset_normalizer import from_bytes

            best = from_bytes(data, cp_isolation=list(candidates)).best()
            guess = best.encoding if best is not None and best.encoding in candidates else None
        except ImportError:  # pragma: no cover
            guess = None
        ranked = sorted(candidates, key=lambda e: _arabic_score(candidates[e]), reverse=True)
        if guess is None or _arabic_score(candidates[guess]) < _arabic_score(candidates[ranked[0]]):
            guess = ranked[0]
        return candidates[guess], guess
    enc, text = next(iter(candidates.items()))
    return text, enc


class _TextExtractor(HTMLParser):
    """Visible text of an HTML document, block elements as lines; nothing is executed or kept."""

    SKIP = frozenset(
        "script style noscript template head svg math iframe object embed canvas select option button "
        "textarea audio video picture map form nav".split()
    )
    BLOCK = frozenset(
        "address article aside blockquote body caption dd details dialog div dl dt fieldset figcaption "
        "figure footer h1 h2 h3 h4 h5 h6 header hgroup hr html li main ol p pre section summary table "
        "tbody thead tfoot tr ul br".split()
    )
    CELL = frozenset(("td", "th"))

    def __init__(self, keep_newlines: bool = False):
        super().__init__(convert_charrefs=True)
        self.keep_newlines = keep_newlines
        self.parts: list[str] = []
        self.skip: list[str] = []
        self.pre = 0
        self.title_parts: list[str] | None = None
        self.title = ""
        self.h1 = ""
        self._h1_parts: list[str] | None = None

    def handle_starttag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if tag == "body" and "head" in self.skip:  # a head that was never closed ends here
            self.skip = [t for t in self.skip if t != "head"]
        if tag == "title" and self.title_parts is None and not self.title:
            self.title_parts = []
        if tag in self.SKIP:
            self.skip.append(tag)
            return
        if self.skip:
            return
        if tag == "h1" and not self.h1:
            self._h1_parts = []
        if tag == "pre":
            self.pre += 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        elif tag in self.CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs) -> None:  # noqa: ANN001
        if not self.skip and (tag in self.BLOCK or tag == "br"):
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag == "title" and self.title_parts is not None:
            self.title = " ".join("".join(self.title_parts).split())
            self.title_parts = None
        if tag in self.SKIP:
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if self.skip:
            return
        if tag == "h1" and self._h1_parts is not None:
            self.h1 = " ".join("".join(self._h1_parts).split())
            self._h1_parts = None
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in self.BLOCK:
            self.parts.append("\n")
        elif tag in self.CELL:
            self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if self.title_parts is not None:
            self.title_parts.append(data)
        if self.skip:
            return
        if self._h1_parts is not None:
            self._h1_parts.append(data)
        if self.pre or self.keep_newlines:
            self.parts.append(data)
        else:
            self.parts.append(re.sub(r"\s+", " ", data))

    def text(self) -> str:
        lines = ("".join(self.parts)).split("\n")
        if not (self.pre or self.keep_newlines):
            lines = [" ".join(line.split()) for line in lines]
        return "\n".join(line.strip() for line in lines)


def html_to_text(html: str, *, keep_newlines: bool = False) -> tuple[str, str]:
    """(visible text with blocks as lines, suggested title from <title> or the first <h1>)."""
    parser = _TextExtractor(keep_newlines=keep_newlines)
    try:
        parser.feed(html)
        parser.close()
    except Exception:  # noqa: BLE001 - html.parser is lenient; anything else means "not HTML"
        raise ImportRefused("The HTML could not be read.") from None
    return parser.text(), parser.h1 or parser.title


_MD_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_RULES = [
    (re.compile(r"^ {0,3}(`{3,}|~{3,}).*$", re.M), ""),  # code fences (content kept)
    (re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M), ""),  # thematic breaks
    (re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),  # link reference definitions
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^ {0,3}(?:>[ \t]?)+", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M), ""),  # list markers
    (re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M), ""),  # setext underlines
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), ""),  # images
    (re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"), ""),
    (re.compile(r"\[([^\]\n]+)\]\([^)\n]*\)"), r"\1"),  # inline links
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),  # strong
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),  # emphasis
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # strikethrough
    (re.compile(r"`+([^`\n]+)`+"), r"\1"),  # inline code
]
_MD_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")


def markdown_to_text(md: str) -> tuple[str, str]:
    """(plain text, title from front matter or the first heading): markup, images and raw HTML dropped."""
    title = ""
    fm = _MD_FRONT_MATTER.match(md)
    if fm:
        m = re.search(r"^title:[ \t]*(.+)$", fm.group(1), re.M)
        title = m.group(1).strip().strip("'\"") if m else ""
        md = md[fm.end():]
    if not title:
        m = re.search(r"^ {0,3}#[ \t]+(.+?)[ \t#]*$", md, re.M)
        title = m.group(1) if m else ""
    for pattern, repl in _MD_RULES:
        md = pattern.sub(repl, md)
    # inline/raw HTML in Markdown goes through the same extractor (scripts dropped, entities decoded)
    md = md.replace("\\<", "&lt;")
    text, _ = html_to_text(md, keep_newlines=True)
    text = _MD_ESCAPE.sub(r"\1", text)
    return text, title


def read_upload(data: bytes, filename: str) -> Upload:
    """Decode an uploaded file and extract its text (raises ImportRefused with a message)."""
    ext = Path(filename or "").suffix.lower().lstrip(".")
    if ext not in UPLOAD_TYPES:
        raise ImportRefused(
            f"“{_one_line(Path(filename or '').name)[:80]}” is not a .txt, .md or .html file; those are the kinds that can be imported."
        )
    if not data or not data.strip():
        raise ImportRefused("The file is empty.")
    if len(data) > MAX_UPLOAD_BYTES:
        raise ImportRefused(
            f"The file is too large ({_human_bytes(len(data))}); files up to {_human_bytes(MAX_UPLOAD_BYTES)} "
            f"and texts up to {MAX_CHARS:,} characters can be imported. Split it into parts."
        )
    text, enc = decode_bytes(data)
    kind, title = "txt", ""
    if ext in ("html", "htm", "xhtml"):
        kind = "html"
        text, title = html_to_text(text)
    elif ext in ("md", "markdown"):
        kind = "md"
        text, title = markdown_to_text(text)
    return Upload(text=text, title=_clean_line(title, MAX_TITLE_CHARS), encoding=enc, kind=kind)


def decode_upload(data: bytes, filename: str) -> str:
    """The plain text of an uploaded .txt/.md/.html file (paragraphs as lines); see ``read_upload``."""
    return read_upload(data, filename).text


# --- cleaning and validation --------------------------------------------------------------------

#: Format characters that belong to Arabic writing (number signs, end of ayah...): kept.
_ARABIC_FORMAT = frozenset("\u0600\u0601\u0602\u0603\u0604\u0605\u06dd\u070f\u0890\u0891\u08e2")
_ZWNJ = "\u200c"
#: Invisible characters that are not category Cf.
_INVISIBLE_EXTRA = frozenset("\u034f\u115f\u1160\u3164\uffa0\u180e")
_SPACE_RUNS = re.compile(r"(?<=\S) {2,}")
_LINE_BREAKS = re.compile(r"\r\n|[\r\u2028\u2029\x85\x0b\x0c\x1c\x1d\x1e]")


@dataclass(frozen=True)
class Cleaned:
    """Cleaned text and what was removed (character name -> count), for telling the user."""

    text: str
    removed: dict[str, int]

    @property
    def removed_total(self) -> int:
        return sum(self.removed.values())

    def removed_summary(self) -> str:
        """'3 × RIGHT-TO-LEFT OVERRIDE, 1 × ZERO WIDTH SPACE' ('' when nothing was removed)."""
        return ", ".join(f"{n} × {name}" for name, n in sorted(self.removed.items(), key=lambda kv: -kv[1]))


def _is_arabic_script_letter(ch: str) -> bool:
    return is_arabic_letter(ch) or ("\u0750" <= ch <= "\u077f") or ("\u08a0" <= ch <= "\u08c9")


def _drop_reason(ch: str) -> bool:
    if ch in ("\n", "\t"):
        return False
    if ch in _INVISIBLE_EXTRA:
        return True
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return ch not in _ARABIC_FORMAT
    return cat in ("Cc", "Co", "Cs")


def _char_name(ch: str) -> str:
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


def strip_spoofing(text: str) -> tuple[str, dict[str, int]]:
    """Remove invisible/format/control characters (see module doc); ZWNJ kept between Arabic letters."""
    removed: dict[str, int] = {}
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == _ZWNJ:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if prev and nxt and _is_arabic_script_letter(prev) and _is_arabic_script_letter(nxt):
                out.append(ch)
                continue
        if ch == "\t":
            out.append(" ")
            continue
        if _drop_reason(ch):
            name = _char_name(ch)
            removed[name] = removed.get(name, 0) + 1
            continue
        out.append(ch)
    result = "".join(out)
    # the arabic module's own set, as a belt-and-braces check (ZWNJ protected above)
    leftover = strip_invisible(result.replace(_ZWNJ, "\x00")).replace("\x00", _ZWNJ)
    return leftover, removed


def _normalize_lines(text: str) -> str:
    text = _LINE_BREAKS.sub("\n", text)
    lines = [_SPACE_RUNS.sub(" ", line).rstrip() for line in text.split("\n")]
    out: list[str] = []
    for line in lines:
        if not line.strip():
            if out and out[-1] != "":
                out.append("")
            continue
        out.append(line)
    while out and out[-1] == "":
        out.pop()
    return "\n".join(out)


def clean_report(text: str) -> Cleaned:
    """Validate and clean ``text``; raises ImportRefused with a message for the user."""
    if not isinstance(text, str):
        raise ImportRefused("Expected text.")
    if not text.strip():
        raise ImportRefused("The text is empty: paste or upload an Arabic text.")
    if len(text) > 4 * MAX_CHARS:  # refuse early, before any per-character work
        raise ImportRefused(_too_long(len(text)))
    controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\n\r\t\x0b\x0c\x1c\x1d\x1e\x85")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise ImportRefused("This looks like binary data, not text (it is full of control characters).")
    stripped, removed = strip_spoofing(text)
    cleaned = _normalize_lines(stripped)
    if not cleaned.strip():
        raise ImportRefused("The text is empty once invisible characters are removed.")
    if len(cleaned) > MAX_CHARS:
        raise ImportRefused(_too_long(len(cleaned)))
    letters = [c for c in cleaned if c.isalpha()]
    n_ar = sum(1 for c in letters if is_arabic_letter(c))
    if n_ar < MIN_ARABIC_LETTERS:
        raise ImportRefused("There is no Arabic text here. This app reads Arabic texts (Arabic script).")
    ratio = n_ar / len(letters)
    if ratio < MIN_ARABIC_RATIO:
        raise ImportRefused(
            f"This is mostly not Arabic: only {ratio:.0%} of the letters are Arabic "
            f"(at least {MIN_ARABIC_RATIO:.0%} needed). Import Arabic texts; a few Latin names are fine."
        )
    return Cleaned(cleaned, removed)


def _too_long(n: int) -> str:
    return (
        f"The text is too long: {n:,} characters; the limit is {MAX_CHARS:,} characters. "
        "Split it into parts and import each one."
    )


def clean_text(text: str) -> str:
    """The text, validated and cleaned (see ``clean_report``); raises ImportRefused."""
    return clean_report(text).text


def _one_line(value: str) -> str:
    return " ".join(strip_spoofing(str(value or ""))[0].split())


def _clean_line(value: str, limit: int) -> str:
    v = _one_line(value)
    return v if len(v) <= limit else v[: limit - 1].rstrip() + "…"


def clean_title(title: str) -> str:
    v = _one_line(title)
    if len(v) > MAX_TITLE_CHARS:
        raise ImportRefused(f"The title is too long ({len(v)} characters; at most {MAX_TITLE_CHARS}).", "title")
    return v


def clean_source(source: str) -> str:
    v = _one_line(source)
    if len(v) > MAX_SOURCE_CHARS:
        raise ImportRefused(f"The source is too long ({len(v)} characters; at most {MAX_SOURCE_CHARS}).", "source")
    return v


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


def clean_date(value: str) -> str:
    """'' or a date as YYYY-MM-DD, YYYY-MM or YYYY (checked to exist)."""
    v = _one_line(value).translate(_DIGITS).replace("/", "-")
    if not v:
        return ""
    m = re.fullmatch(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", v)
    if m:
        y, mo, d = int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1)
        try:
            _date(y, mo, d)
        except ValueError:
            m = None
    if not m or not (1000 <= int(m.group(1)) <= 2999):
        raise ImportRefused("The date must look like 2023-01-19, 2023-01 or 2023 (or be left empty).", "date")
    parts = [m.group(1)] + [f"{int(g):02d}" for g in m.groups()[1:] if g]
    return "-".join(parts)


def default_title(text: str, limit: int = 80) -> str:
    """The first line of the text, cut at a word boundary."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if len(first) <= limit:
        return first
    cut = first[:limit].rsplit(" ", 1)[0] or first[:limit]
    return cut.rstrip(" ،,.:؛") + "…"


# --- segmentation into an article ---------------------------------------------------------------

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
                while cut < len(rest) and (unicodedata.combining(rest[cut]) or rest[cut] == "\u0640"):
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
        if tail.isascii() and tail.isdigit():
            return int(tail)
    return None


def is_imported(article_id: str) -> bool:
    return text_id_of(article_id) is not None


@lru_cache(maxsize=64)
def as_article(imported: ImportedText) -> Article:
    """The text as an Article: id ``mine-<n>``, one paragraph a line, ``s001``... sentence ids, no reference.

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


def _row_to_text(row) -> ImportedText:  # noqa: ANN001
    return ImportedText(
        id=int(row["id"]),
        title=row["title"],
        source=row["source"],
        date=row["date"],
        body=row["body"],
        created_at=row["created_at"],
        updated_at=row["updated_at"],
    )


def save_text(store, text: str, title: str = "", source: str = "", date: str = "") -> int:  # noqa: ANN001
    """Validate, clean and store a text; returns its id (the article is ``mine-<id>``)."""
    body = clean_text(text)
    title = clean_title(title) or default_title(body)
    source = clean_source(source)
    date = clean_date(date)
    with store.transaction() as conn:
        same = conn.execute("SELECT id, title FROM texts WHERE body = ? LIMIT 1", (body,)).fetchone()
        if same is not None:
            raise ImportRefused(
                f"You already imported this text, as “{same['title']}” ({article_id_for(same['id'])}); it was not saved twice."
            )
        cur = conn.execute(
            "INSERT INTO texts(title, source, date, body) VALUES (?, ?, ?, ?)", (title, source, date, body)
        )
        return int(cur.lastrowid)


def list_texts(store) -> list[ImportedText]:  # noqa: ANN001
    """The learner's texts, newest first."""
    rows = store.query("SELECT id, title, source, date, body, created_at, updated_at FROM texts ORDER BY id DESC")
    return [_row_to_text(r) for r in rows]


def get_text(store, text_id: int | str) -> ImportedText | None:  # noqa: ANN001
    """A text by id (an int, or ``mine-<n>``); None when there is no such text."""
    tid = text_id_of(text_id) if isinstance(text_id, str) and not text_id.isdigit() else text_id
    try:
        tid = int(tid)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    rows = store.query(
        "SELECT id, title, source, date, body, created_at, updated_at FROM texts WHERE id = ?", (tid,)
    )
    return _row_to_text(rows[0]) if rows else None


def get_article(store, article_id: str) -> Article | None:  # noqa: ANN001
    """The Article for ``mine-<n>`` (None for other ids or a deleted text)."""
    tid = text_id_of(article_id)
    text = get_text(store, tid) if tid is not None else None
    return as_article(text) if text else None


def imported_articles(store) -> list[Article]:  # noqa: ANN001
    """Every imported text as an Article, newest first (for the library)."""
    return [as_article(t) for t in list_texts(store)]


def rename_text(store, text_id: int, title: str) -> ImportedText:  # noqa: ANN001
    """Change a text's title (the body never changes); raises ImportRefused on a bad title or id."""
    new = clean_title(title)
    if not new:
        raise ImportRefused("The title cannot be empty.", "title")
    with store.transaction() as conn:
        cur = conn.execute(
            "UPDATE texts SET title = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
            (new, int(text_id)),
        )
        if cur.rowcount == 0:
            raise ImportRefused("There is no such text (it may have been deleted).")
    return get_text(store, text_id)  # type: ignore[return-value]


def delete_text(store, text_id: int, *, forget_translations: bool = True) -> bool:  # noqa: ANN001
    """Delete a text; True if it existed.

    With ``forget_translations`` its cached machine translations go too, except sentences that
    another imported text or a curated article also contains (the cache is shared by sentence).
    """
    text = get_text(store, text_id)
    if text is None:
        return False
    with store.transaction() as conn:
        conn.execute("DELETE FROM texts WHERE id = ?", (int(text_id),))
        if forget_translations:
            mine = {s.ar for s in as_article(text).sentences}
            keep: set[str] = set()
            for other in list_texts(store):
                keep.update(s.ar for s in as_article(other).sentences)
            try:
                from bilingual.corpus import default_corpus

                keep.update(s.ar for a in default_corpus() for s in a.sentences)
            except DataError:
                pass
            for src in mine - keep:
                conn.execute("DELETE FROM mt_cache WHERE source = ?", (src,))
    return True


# --- glossary mentions and translation ----------------------------------------------------------


@dataclass(frozen=True)
class Preview:
    """What saving would store: the cleaned text and metadata, the article, mentions per sentence."""

    text: str
    title: str
    source: str
    date: str
    article: Article
    mentions: dict[str, list]  # sentence id -> mentions
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


def _translation():
    try:
        from bilingual import translation
    except ModuleNotFoundError as exc:
        if exc.name != "bilingual.translation":
            raise
        return None
    return translation


def translation_model():
    """The installed MT model (``translation.installed_model()``), or None."""
    t = _translation()
    return t.installed_model() if t is not None else None


def sentence_sources(article: Article) -> list[str]:
    """The article's distinct sentences, in order (what gets translated and cached)."""
    return list(dict.fromkeys(s.ar for s in article.sentences))


def translation_progress(store, article: Article) -> tuple[int, int]:  # noqa: ANN001
    """(sentences with a cached machine translation, distinct sentences); (0, n) without a model."""
    sources = sentence_sources(article)
    t = _translation()
    if t is None or t.installed_model() is None:
        return 0, len(sources)
    cached = t.cached_translations(store, sources)
    return sum(1 for s in sources if cached.get(s)), len(sources)


def translate_article(store, article: Article, progress: Callable[[int, int], None] | None = None):  # noqa: ANN001, ANN201
    """Machine-translate the article's sentences (cached per chunk, so an interrupted run resumes).

    Returns ``translation.TranslationRun``, or None when no model is installed.
    """
    t = _translation()
    if t is None or t.installed_model() is None:
        return None
    return t.translate_sentences(sentence_sources(article), store, progress=progress or (lambda done, total: None))


# --- personal glossary terms --------------------------------------------------------------------

TERM_FIELDS = ("ar", "ar_variants", "en", "en_variants", "type", "description", "romanization", "lat", "lon", "acronym")
_TERM_LIMITS = {"ar": 200, "en": 200, "romanization": 200, "acronym": 40, "description": 2000}
_PERSONAL_FILE = Path("your personal terms")


def personal_entries(store) -> list[Entry]:  # noqa: ANN001
    """The learner's own terms (origin "mine"), oldest first; unreadable rows are skipped."""
    out = []
    for row in store.query("SELECT id, entry FROM personal_terms ORDER BY created_at, id"):
        try:
            d = json.loads(row["entry"])
            entry = Entry.from_dict({**d, "id": row["id"], "origin": ORIGIN})
        except (ValueError, KeyError, TypeError):
            continue
        out.append(entry)
    return out


def get_personal_term(store, term_id: str) -> Entry | None:  # noqa: ANN001
    return next((e for e in personal_entries(store) if e.id == term_id), None)


def slugify(name: str) -> str:
    """A glossary id from an English name: lower-case ASCII letters/digits and single hyphens."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return slug[:60].strip("-") or "term"


def _split_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = re.split(r"[\n,،;؛]", value)
    elif isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        raise ImportRefused("expected a list of spellings", "variants")
    seen: dict[str, None] = {}
    for item in items:
        v = _one_line(item)
        if v:
            seen.setdefault(v, None)
    return list(seen)


def _number(value: object, name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ImportRefused(f"{name}: expected a number", name)
    try:
        return float(str(value).strip().translate(_DIGITS).replace("٫", "."))
    except ValueError:
        raise ImportRefused(f"{name}: expected a number, got “{_clean_line(str(value), 30)}”", name) from None


def _term_raw(fields: Mapping[str, object]) -> dict:
    raw: dict[str, object] = {}
    for key in ("ar", "en", "type", "description", "romanization", "acronym"):
        v = fields.get(key)
        raw[key] = _one_line(v) if key != "description" else _normalize_lines(strip_spoofing(str(v or ""))[0]).strip()
        if key in ("ar", "en", "description") and raw[key] == "":
            raw[key] = None  # parse_entry says "missing"
        limit = _TERM_LIMITS.get(key)
        if limit and raw[key] and len(raw[key]) > limit:  # type: ignore[arg-type]
            raise ImportRefused(f"{key}: too long (at most {limit} characters)", key)
    raw["type"] = (raw.get("type") or "other").lower()
    for key in ("ar_variants", "en_variants"):
        raw[key] = _split_list(fields.get(key))
    if len(raw["ar_variants"]) > 50 or len(raw["en_variants"]) > 50:  # type: ignore[arg-type]
        raise ImportRefused("At most 50 spellings per term.", "ar_variants")
    raw["lat"] = _number(fields.get("lat"), "lat")
    raw["lon"] = _number(fields.get("lon"), "lon")
    return raw


def _validate_term(raw: dict, term_id: str, curated: Glossary, others: Sequence[Entry]) -> Entry:
    raw = {**raw, "id": term_id}
    try:
        entry = parse_entry(raw, _PERSONAL_FILE, 0)
    except DataError as exc:
        labels = {"ar": "Arabic", "en": "English", "description": "Description", "type": "Type", "lat": "Latitude", "lon": "Longitude"}
        raise ImportRefused(f"{labels.get(exc.field, exc.field)}: {exc.message}", exc.field) from None
    for form in (entry.ar, *entry.ar_variants):
        if arabic_ratio(form) < MIN_ARABIC_RATIO:
            raise ImportRefused(f"Arabic: “{form}” is not written in Arabic letters.", "ar")
    taken: dict[str, Entry] = {}
    for e in (*curated, *others):
        if e.id == term_id:
            continue
        for f in e.ar_forms:
            taken.setdefault(normalize(f), e)
    for form in (entry.ar, *entry.ar_variants):
        hit = taken.get(normalize(form))
        if hit is not None:
            whose = "your term" if hit.origin == ORIGIN else "the glossary"
            raise ImportRefused(f"“{form}” is already in {whose} as “{hit.en}” ({hit.id}).", "ar")
    return dataclasses.replace(entry, origin=ORIGIN)


def add_personal_term(store, fields: Mapping[str, object], curated: Glossary) -> Entry:  # noqa: ANN001
    """Validate and store a new personal term; its id comes from the English name, never a curated id."""
    raw = _term_raw(fields)
    existing = personal_entries(store)
    used = {e.id for e in curated} | {e.id for e in existing}
    base = slugify(str(raw.get("en") or ""))
    term_id, n = base, 2
    while term_id in used:
        term_id, n = f"{base}-{n}", n + 1
    entry = _validate_term(raw, term_id, curated, existing)
    with store.transaction() as conn:
        conn.execute("INSERT INTO personal_terms(id, entry) VALUES (?, ?)", (entry.id, json.dumps(entry.to_dict(), ensure_ascii=False)))
    return entry


def update_personal_term(store, term_id: str, fields: Mapping[str, object], curated: Glossary) -> Entry:  # noqa: ANN001
    """Replace a personal term's fields (its id stays); raises ImportRefused."""
    existing = personal_entries(store)
    if not any(e.id == term_id for e in existing):
        raise ImportRefused("There is no such personal term (it may have been deleted).")
    entry = _validate_term(_term_raw(fields), term_id, curated, [e for e in existing if e.id != term_id])
    with store.transaction() as conn:
        conn.execute(
            "UPDATE personal_terms SET entry = ?, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?",
            (json.dumps(entry.to_dict(), ensure_ascii=False), term_id),
        )
    return entry


def delete_personal_term(store, term_id: str) -> bool:  # noqa: ANN001
    with store.transaction() as conn:
        return conn.execute("DELETE FROM personal_terms WHERE id = ?", (term_id,)).rowcount > 0


def term_fields(entry: Entry) -> dict:
    """An entry as form fields (lists joined one per line), for an edit form."""
    d = entry.to_dict()
    return {
        **{k: d.get(k) or "" for k in ("ar", "en", "type", "description", "romanization", "acronym")},
        "ar_variants": "\n".join(entry.ar_variants),
        "en_variants": "\n".join(entry.en_variants),
        "lat": "" if entry.lat is None else str(entry.lat),
        "lon": "" if entry.lon is None else str(entry.lon),
    }


# --- display helper -----------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")


def markdown_literal(text: str) -> str:
    """Untrusted text made literal for Streamlit markdown/labels: every markup character escaped."""
    return _MD_SPECIAL.sub(r"\\\1", _one_line(text))


# --- command line -------------------------------------------------------------------------------


def _load_glossary_for_cli(store) -> Glossary | None:  # noqa: ANN001
    from bilingual.glossary import default_glossary, merge

    try:
        return merge(default_glossary(), personal_entries(store))
    except DataError as exc:
        print(f"warning: glossary not loaded, mentions not counted ({exc})", file=sys.stderr)
        return None


def cmd_import(args: argparse.Namespace) -> int:
    from bilingual.store import StoreError, open_for_cli

    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return 2
    name = "stdin.txt" if args.file == "-" else args.file
    try:
        upload = read_upload(data, name)
        store = open_for_cli()
        glossary = _load_glossary_for_cli(store)
        preview = prepare(upload.text, glossary, args.title or upload.title, args.source or "", args.date or "")
        text_id = save_text(store, preview.text, preview.title, preview.source, preview.date)
    except ImportRefused as exc:
        print(f"error: not imported: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if upload.converted:
        print(f"converted from {upload.encoding_label}")
    if preview.removed:
        print(f"removed {sum(preview.removed.values())} invisible characters ({Cleaned(preview.text, preview.removed).removed_summary()})")
    print(f"id: {text_id}  (article {article_id_for(text_id)})")
    print(f"title: {preview.title}")
    print(f"sentences: {len(preview.article.sentences)}")
    if glossary is not None:
        print(f"mentions: {preview.mention_count} of {len(preview.term_ids)} glossary terms")
    if args.translate:
        article = as_article(get_text(store, text_id))  # type: ignore[arg-type]

        def show(done: int, total: int) -> None:
            print(f"\rtranslating: {done}/{total}", end="", file=sys.stderr, flush=True)

        run = translate_article(store, article, show)
        if run is None:
            print("no translation model installed (python -m bilingual model install)", file=sys.stderr)
        else:
            print(file=sys.stderr)
            print(f"translated: {len(run.targets)} sentences ({run.cache_hits} from the cache)")
    return 0


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "import",
        help="import your own Arabic text (.txt, .md, .html) into your library",
        description=f"Import an Arabic text into your database (at most {MAX_CHARS:,} characters). "
        "Prints the new text's id, its sentence count and the glossary mentions found.",
    )
    p.add_argument("file", metavar="FILE", help="a .txt, .md or .html file ('-' reads plain text from stdin)")
    p.add_argument("--title", default="", help="title (default: the file's title or first line)")
    p.add_argument("--source", default="", help="where it comes from (outlet, URL)")
    p.add_argument("--date", default="", help="YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--translate", action="store_true", help="also machine-translate it if a model is installed")
    p.set_defaults(handler=cmd_import)
