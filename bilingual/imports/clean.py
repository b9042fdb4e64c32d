"""Validating and cleaning imported text and its metadata (title, source, date).

Imported text is untrusted: ``clean_report`` refuses what is not an Arabic text (empty, too long,
binary, mostly non-Arabic letters) and removes what could spoof the display
(``bilingual.text.sanitize.strip_spoofing``); line breaks are normalized, runs of spaces squeezed.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date as _date

from bilingual.errors import ImportRefused
from bilingual.text.charsets import DIGITS_TO_ASCII, is_arabic_letter
from bilingual.text.sanitize import one_line, strip_spoofing
from bilingual.text.segment import segment

__all__ = [
    "DEFAULT_TITLE_CHARS",
    "MAX_CHARS",
    "MAX_SOURCE_CHARS",
    "MAX_TITLE_CHARS",
    "MIN_ARABIC_LETTERS",
    "MIN_ARABIC_RATIO",
    "Cleaned",
    "clean_date",
    "clean_report",
    "clean_source",
    "clean_text",
    "clean_title",
    "default_title",
    "normalize_lines",
]

#: Longest accepted text, in characters (after extraction and cleaning).
MAX_CHARS = 200_000
#: At least this share of the letters must be Arabic.
MIN_ARABIC_RATIO = 0.5
#: And at least this many Arabic letters.
MIN_ARABIC_LETTERS = 3
MAX_TITLE_CHARS = 200
MAX_SOURCE_CHARS = 500

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



def normalize_lines(text: str) -> str:
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
    cleaned = normalize_lines(stripped)
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


def clean_title(title: str) -> str:
    v = one_line(title)
    if len(v) > MAX_TITLE_CHARS:
        raise ImportRefused(f"The title is too long ({len(v)} characters; at most {MAX_TITLE_CHARS}).", "title")
    return v


def clean_source(source: str) -> str:
    v = one_line(source)
    if len(v) > MAX_SOURCE_CHARS:
        raise ImportRefused(f"The source is too long ({len(v)} characters; at most {MAX_SOURCE_CHARS}).", "source")
    return v


def clean_date(value: str) -> str:
    """'' or a date as YYYY-MM-DD, YYYY-MM or YYYY (checked to exist)."""
    v = one_line(value).translate(DIGITS_TO_ASCII).replace("/", "-")
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


#: A default title is at most this many characters (plus the "…").
DEFAULT_TITLE_CHARS = 60
#: Sentence or clause punctuation left at the end of a shortened title (a title needs none).
_TITLE_END = " ،,.:؛;-–—"


def default_title(text: str, limit: int = DEFAULT_TITLE_CHARS) -> str:
    """A title for a text the learner did not name: its first sentence, shortened at a word boundary.

    A shortened title ends with "…" after its last whole word (its logical end): shown in its own
    direction (an Arabic title right to left, also inside an English line: the pages isolate it), the
    ellipsis sits where the title was cut, at the left end of an Arabic title. A whole first sentence
    keeps its own final ؟ or ! but drops a closing full stop.
    """
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    sentences = segment(first)
    sentence = sentences[0].text.strip() if sentences else first
    if len(sentence) <= limit:
        return sentence.rstrip(" .") or sentence
    words = sentence[: limit + 1].split(" ")
    cut = " ".join(words[:-1]) if len(words) > 1 else sentence[:limit]  # the word cut by the limit goes
    return cut.rstrip(_TITLE_END) + "…"
