"""Sentence segmentation of Arabic press text, with character offsets into the original string.

Rules:
- every line break ends a unit, so headings, datelines and captions without final punctuation
  stand alone;
- inside a line, a sentence ends after . ! ? ؟ (or a run of them), optionally followed by closing
  quotes or brackets, when whitespace or the end of the line follows;
- never at ، ؛ : or an ellipsis (.. … ...), nor after a one-letter abbreviation (د. أ.ف.ب a.m.)
  or a decimal point.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass

from bilingual.text.charsets import LINE_BREAKS

__all__ = ["CLOSERS", "Segment", "paragraphs", "segment"]

#: Closing quotes and brackets that may follow a sentence's final punctuation.
CLOSERS = "\"'”’»)]}›"
_LINE_END = "\n" + LINE_BREAKS

# A terminator run, then closing quotes/brackets, then whitespace or end of line.
_BOUNDARY = re.compile(r"([.!?؟]+)([" + re.escape(CLOSERS) + r"]*)(?=\s|$)")
_LETTER_ABBREV = re.compile(r"(?:^|[\s(«\"“])(?:[^\W\d]\.)*[^\W\d]$")


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict:
        return asdict(self)


#: Longest abbreviation looked at before a full stop (أ.ف.ب is 5): keeps segmentation linear.
_ABBREV_WINDOW = 24


def _is_abbreviation(line: str, dot_at: int, run: str) -> bool:
    if run != ".":
        return run.startswith("..") or run == "…"
    start = max(0, dot_at - _ABBREV_WINDOW)
    m = _LETTER_ABBREV.search(line, start, dot_at)
    if m is None:
        return False
    # a match at the window's cut edge is the tail of a longer word, not an abbreviation
    return not (m.start() == start and start > 0 and line[start - 1].isalnum())


def _split_line(line: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    for m in _BOUNDARY.finditer(line):
        run = m.group(1)
        if run.startswith("..") or _is_abbreviation(line, m.start(1), run):
            continue
        spans.append((start, m.end()))
        start = m.end()
    spans.append((start, len(line)))
    return spans


def segment(text: str) -> list[Segment]:
    """Split ``text`` into sentences; each Segment's text is exactly ``text[start:end]``, trimmed of spaces."""
    out: list[Segment] = []
    line_start = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip(_LINE_END)
        for a, b in _split_line(body):
            piece = body[a:b]
            stripped = piece.strip()
            if not stripped:
                continue
            s = line_start + a + (len(piece) - len(piece.lstrip()))
            out.append(Segment(s, s + len(stripped), stripped))
        line_start += len(line)
    return out


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Offsets of non-empty lines: a paragraph is a line of text (blank lines separate nothing more)."""
    spans = []
    pos = 0
    for line in text.splitlines(keepends=True):
        body = line.rstrip(_LINE_END)
        if body.strip():
            lead = len(body) - len(body.lstrip())
            spans.append((pos + lead, pos + len(body.rstrip())))
        pos += len(line)
    return spans
