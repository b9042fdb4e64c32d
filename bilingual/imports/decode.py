"""Reading an uploaded file: bytes → text (encoding detected), HTML and Markdown → plain text.

- bytes: UTF-8 (with or without BOM), UTF-16 with a BOM, or a legacy Arabic code page (Windows-1256,
  ISO-8859-6) recognised and converted; binary files (NUL bytes, PDF/Office/image/archive
  signatures) are refused, and so is a file over ``MAX_UPLOAD_BYTES``;
- HTML is reduced to its visible text with the stdlib parser (script, style, head, template, svg...
  dropped; block elements become lines); Markdown loses its markup. Nothing is ever rendered.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

from bilingual.errors import ImportRefused
from bilingual.imports.clean import MAX_CHARS, MAX_TITLE_CHARS
from bilingual.text.normalize import arabic_ratio
from bilingual.text.sanitize import clean_line, one_line

__all__ = [
    "ENCODING_LABELS",
    "LEGACY_ENCODINGS",
    "MAX_UPLOAD_BYTES",
    "UPLOAD_TYPES",
    "Upload",
    "decode_bytes",
    "html_to_text",
    "markdown_to_text",
    "read_upload",
]

#: Longest accepted upload, in bytes (HTML carries markup, so more than MAX_CHARS).
MAX_UPLOAD_BYTES = 3_000_000
UPLOAD_TYPES = ("txt", "md", "markdown", "html", "htm", "xhtml")
#: Legacy Arabic code pages we recognise (Python codec names).
LEGACY_ENCODINGS = ("cp1256", "iso8859_6")
ENCODING_LABELS = {
    "utf_8": "UTF-8",
    "utf_8_sig": "UTF-8 (with BOM)",
    "utf_16": "UTF-16",
    "cp1256": "Windows-1256 (Arabic)",
    "iso8859_6": "ISO-8859-6 (Arabic)",
}



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
        # charset-normalizer for the rest (e.g. Latin-1 text: decoded, then refused as not Arabic)
        best = from_bytes(data).best()
        if best is None:
            raise ImportRefused(
                "The file is not UTF-8 text, nor in a common Arabic encoding (Windows-1256, ISO-8859-6). "
                "Save it as UTF-8 and try again."
            )
        return str(best), best.encoding
    if len(candidates) > 1:
        # both decode: let charset-normalizer choose, unless the definite article says otherwise
        best = from_bytes(data, cp_isolation=list(candidates)).best()
        guess = best.encoding if best is not None and best.encoding in candidates else None
        ranked = sorted(candidates, key=lambda e: _arabic_score(candidates[e]), reverse=True)
        if guess is None or _arabic_score(candidates[guess]) < _arabic_score(candidates[ranked[0]]):
            guess = ranked[0]
        return candidates[guess], guess
    enc, text = next(iter(candidates.items()))
    return text, enc


class _TextExtractor(HTMLParser):
    """Visible text of an HTML document, block elements as lines; nothing is executed or kept."""

    SKIP = frozenset(
        ["script", "style", "noscript", "template", "head", "svg", "math", "iframe", "object", "embed", "canvas", "select", "option", "button", "textarea", "audio", "video", "picture", "map", "form", "nav"]
    )
    BLOCK = frozenset(
        ["address", "article", "aside", "blockquote", "body", "caption", "dd", "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr", "html", "li", "main", "ol", "p", "pre", "section", "summary", "table", "tbody", "thead", "tfoot", "tr", "ul", "br"]
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

    def handle_starttag(self, tag: str, attrs: list) -> None:
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

    def handle_startendtag(self, tag: str, attrs: list) -> None:
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
    except Exception:  # html.parser is lenient: any error means "not HTML"
        raise ImportRefused("The HTML could not be read.") from None
    return parser.text(), parser.h1 or parser.title


#: A link or image destination in parentheses, which may itself hold one level of parentheses
#: (``(javascript:alert(1))``, ``(https://en.wikipedia.org/wiki/Shusha_(city))``).
_MD_DESTINATION = r"\((?:[^()\n]|\([^()\n]*\))*\)"
_MD_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)
_MD_RULES = [
    (re.compile(r"^ {0,3}(`{3,}|~{3,}).*$", re.M), ""),  # code fences (content kept)
    (re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.M), ""),  # thematic breaks
    (re.compile(r"^ {0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M), ""),  # link reference definitions
    (re.compile(r"^ {0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$", re.M), r"\1"),  # ATX headings
    (re.compile(r"^ {0,3}(?:>[ \t]?)+", re.M), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+", re.M), ""),  # list markers
    (re.compile(r"^ {0,3}(?:=+|-+)[ \t]*$", re.M), ""),  # setext underlines
    (re.compile(r"!\[[^\]\n]*\]" + _MD_DESTINATION), ""),  # images
    (re.compile(r"!\[[^\]\n]*\]\[[^\]\n]*\]"), ""),
    (re.compile(r"\[([^\]\n]+)\]" + _MD_DESTINATION), r"\1"),  # inline links
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
            f"“{one_line(Path(filename or '').name)[:80]}” is not a .txt, .md or .html file; those are the kinds that can be imported."
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
    return Upload(text=text, title=clean_line(title, MAX_TITLE_CHARS), encoding=enc, kind=kind)


