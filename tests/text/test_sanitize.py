"""Making untrusted text literal for Streamlit's Markdown (the browser proof is tests/pages/test_markdown_injection.py)."""

from __future__ import annotations

import re

from bilingual.text.sanitize import markdown_literal

WJ = "\u2060"


def unescaped(md: str) -> str:
    """What Markdown shows of ``md`` once backslash escapes are resolved (and the word joiners dropped)."""
    return re.sub(r"\\(.)", r"\1", md).replace(WJ, "")


def test_every_markup_character_is_escaped_and_the_text_reads_the_same():
    payload = "![x](http://e.x/i.png) [a](javascript:alert(1)) <img src=x> :red[boom] **b** _i_ `c` ~~s~~ $x^2$ # h | t & é"
    out = markdown_literal(payload)
    assert unescaped(out) == payload
    bare = re.sub(r"\\.", "", out)  # what is left outside backslash escapes
    assert not set(bare) & set("![]()<>*_`~$:|&#")


def test_bare_urls_addresses_and_shortcodes_are_broken_unseen():
    out = markdown_literal("see http://e.x/p and www.example.org, write a@b.co :smile: :material/home:")
    assert "http\\:" + WJ + "//" in out and "www" + WJ in out and "@" + WJ in out and "\\:" + WJ + "smile" in out
    assert unescaped(out) == "see http://e.x/p and www.example.org, write a@b.co :smile: :material/home:"


def test_one_line_without_spoofing_characters():
    assert unescaped(markdown_literal("a\u202eb\n\n  c\u200bd")) == "ab cd"
    assert markdown_literal("لافروف: سنواصل") == "لافروف\\:" + WJ + " سنواصل"
