"""Making untrusted text safe to store and to show.

- ``strip_invisible``: remove bidi controls and zero-width characters (spoofing of what is shown).
- ``strip_spoofing``: the importer's full clean-up of invisible, format, control and private-use
  characters, counting what was removed. ZWNJ (U+200C) is kept only *between two Arabic-script
  letters*: there it is real orthography (Persian/Urdu/Kurdish words quoted in Arabic press:
  می‌خواهم), it only stops the two letters from joining, and the matcher ignores it. Anywhere else it
  has no legitimate use and is removed.
- ``one_line`` / ``clean_line``: one line of visible text (titles, names, labels), optionally cut.
- ``markdown_literal``: text made literal for Streamlit's Markdown (every markup character escaped).
"""

from __future__ import annotations

import re
import unicodedata

from bilingual.text.charsets import ARABIC_FORMAT, INVISIBLE, INVISIBLE_FILLERS, ZWNJ, is_arabic_letter

__all__ = ["char_name", "clean_line", "markdown_literal", "one_line", "strip_invisible", "strip_spoofing"]


def strip_invisible(text: str) -> str:
    """Remove bidi overrides/isolates and zero-width characters that could spoof what is displayed."""
    return "".join(c for c in text if c not in INVISIBLE)


def _dropped(ch: str) -> bool:
    if ch in ("\n", "\t"):
        return False
    if ch in INVISIBLE_FILLERS:
        return True
    cat = unicodedata.category(ch)
    if cat == "Cf":
        return ch not in ARABIC_FORMAT
    return cat in ("Cc", "Co", "Cs")


def char_name(ch: str) -> str:
    """The Unicode name of ``ch`` (``U+XXXX`` when it has none), for telling the user what was removed."""
    return unicodedata.name(ch, f"U+{ord(ch):04X}")


def strip_spoofing(text: str) -> tuple[str, dict[str, int]]:
    """Remove invisible/format/control characters (see module doc); returns (text, {name: count removed}).

    Tabs become spaces; newlines stay; ZWNJ is kept between two Arabic letters.
    """
    removed: dict[str, int] = {}
    out: list[str] = []
    for i, ch in enumerate(text):
        if ch == ZWNJ:
            prev = text[i - 1] if i else ""
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if prev and nxt and is_arabic_letter(prev) and is_arabic_letter(nxt):
                out.append(ch)
                continue
        if ch == "\t":
            out.append(" ")
            continue
        if _dropped(ch):
            name = char_name(ch)
            removed[name] = removed.get(name, 0) + 1
            continue
        out.append(ch)
    result = "".join(out)
    # the named invisible set as well (ZWNJ protected above)
    return strip_invisible(result.replace(ZWNJ, "\x00")).replace("\x00", ZWNJ), removed


def one_line(value: object) -> str:
    """``value`` as one line of visible text: spoofing characters removed, whitespace runs → one space."""
    return " ".join(strip_spoofing(str(value or ""))[0].split())


def clean_line(value: object, limit: int) -> str:
    """``one_line(value)``, cut to ``limit`` characters with "…" when longer."""
    v = one_line(value)
    return v if len(v) <= limit else v[: limit - 1].rstrip() + "…"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:&])")
#: Where Streamlit's Markdown would still turn plain text into something else after escapes are
#: resolved: bare URLs and e-mail addresses become links (GFM autolink literals, found in the text),
#: ``:name:`` becomes an emoji or a Material icon. A word joiner (U+2060: invisible, no line break)
#: breaks each pattern, unseen.
_TEXT_TRIGGERS = re.compile(r"(?<=:)|(?<=@)|(?<=www)(?=\.)", re.IGNORECASE)
_WORD_JOINER = "\u2060"


def markdown_literal(text: object) -> str:
    """Untrusted text made literal for every Streamlit element that renders Markdown (``st.markdown``,
    captions, alerts, widget labels and help): one line, spoofing characters removed, every markup
    character escaped, and no bare URL, e-mail address or ``:shortcode:`` left to be turned into a
    link, an emoji or an icon. The one escaping function for Markdown."""
    return _MD_SPECIAL.sub(r"\\\1", _TEXT_TRIGGERS.sub(_WORD_JOINER, one_line(text)))
