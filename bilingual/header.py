"""An article's header as the Reader shows it (and its outlet line, as the Library shows it): the
titles, the outlet as highlights of its glossary entries, the date and the counts, in escaped HTML.

The outlet links to its glossary entries (``Article.outlet_entry``) without its name becoming a
glossary form: «العالم» is also "the world", so the entry al-alam is written «قناة العالم» and the
outlet line «العالم» is linked through ``outlet_entry``. Each entry is found in the outlet's text by
its own forms (English or Arabic); one the text does not spell as the glossary does is the part of
the text in its place (``outlet_entry`` lists the entries in the order the text names them:
«سيرياهوم نيوز3 – الميادين» → [syriahomenews, al-mayadeen]). Parts that are empty (an imported text
without source or date) are left out, with their separators.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from html import escape

from bilingual import render
from bilingual.corpus import Article
from bilingual.glossary import Glossary
from bilingual.matcher import find_english, matcher_for
from bilingual.text.charsets import is_arabic_letter

__all__ = ["OutletSpan", "counts_text", "header_html", "outlet_html", "outlet_spans", "plural"]

#: What separates two outlets in an outlet line: a dash, a comma, a slash, "via".
_SEPARATORS = re.compile(r"\s*(?:[–—,،/|;]|\bvia\b|\bعبر\b)\s*|\s+-\s+", re.IGNORECASE)


@dataclass(frozen=True)
class OutletSpan:
    """One outlet named in the outlet line: ``text[start:end]`` is glossary entry ``entry_id``."""

    start: int
    end: int
    entry_id: str


def plural(n: int, word: str) -> str:
    """``"1 sentence"``, ``"27 sentences"``, ``"1,204 words"``."""
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def counts_text(article: Article) -> str:
    """The article's size as the header says it: ``"576 words · 27 sentences"`` (singulars right)."""
    return f"{plural(article.word_count, 'word')} · {plural(article.sentence_count, 'sentence')}"


def _parts(text: str) -> list[tuple[int, int]]:
    """Where each outlet named in ``text`` is (the separators between them left out)."""
    out, pos = [], 0
    for m in _SEPARATORS.finditer(text):
        if m.start() > pos:
            out.append((pos, m.start()))
        pos = m.end()
    if pos < len(text.rstrip()):
        out.append((pos, len(text.rstrip())))
    return [(a + len(text[a:b]) - len(text[a:b].lstrip()), b) for a, b in out if text[a:b].strip()]


def outlet_spans(text: str, entry_ids: Sequence[str], glossary: Glossary) -> list[OutletSpan]:
    """The outlet entries in ``text`` (an article's ``outlet`` or ``outlet_en``), sorted, non-overlapping:
    each where one of its own forms is, else the part of the text in its place in ``entry_ids``."""
    ids = [e for e in dict.fromkeys(entry_ids) if glossary.get(e) is not None]
    if not ids or not text.strip():
        return []
    arabic = any(is_arabic_letter(c) for c in text)
    only = Glossary(tuple(glossary.get(e) for e in ids))
    found = (
        [OutletSpan(m.prefix_start if m.prefix else m.start, m.end, m.entry_id) for m in matcher_for(only).find(text)]
        if arabic else [OutletSpan(m.start, m.end, m.entry_id) for m in find_english(text, glossary, ids)]
    )
    named = {s.entry_id for s in found}
    parts = _parts(text)
    if len(parts) == len(ids):
        for (a, b), eid in zip(parts, ids, strict=True):
            if eid not in named and not any(s.start < b and a < s.end for s in found):
                found.append(OutletSpan(a, b, eid))
                named.add(eid)
    return sorted(found, key=lambda s: s.start)


def outlet_html(text: str, entry_ids: Sequence[str], glossary: Glossary, *, href: Callable[[str], str] | None) -> str:
    """``text`` (an outlet line) escaped, its outlets highlighted, each a link to ``href(entry id)``."""
    spans = outlet_spans(text, entry_ids, glossary)
    return render.sentence_html(text, spans, glossary, term_href=href)


def header_html(article: Article, glossary: Glossary, *, ar_size: float, href: Callable[[str], str] | None) -> str:
    """The Reader's compact header: the English title (h1) and the Arabic title side by side, each at
    most two lines (the whole title in its hover text); under them one line of outlet (linked to its
    entries), date and counts, and the Arabic outlet. The Arabic title is left out when the article's
    first row is that title (it is read there), and a part that is empty is left out."""
    first = article.paragraphs[0] if article.paragraphs else None
    title_row = first is not None and first.kind == "title" and first.sentences and first.sentences[0].ar == article.title_ar
    title = article.display_title
    ar_title = "" if title_row or not article.title_en else article.title_ar
    date = article.date + (" (date inferred)" if article.date and article.date_inferred else "")
    outlet_en = article.outlet_en or article.outlet
    meta = [
        outlet_html(outlet_en, article.outlet_entry, glossary, href=href) if outlet_en.strip() else "",
        f'<span title="{escape(article.date_note, quote=True)}">{escape(date)}</span>' if date else "",
        escape(counts_text(article)),
    ]
    ar_outlet = (
        f'<div class="rhead-outlet ar" dir="rtl" lang="ar">{outlet_html(article.outlet, article.outlet_entry, glossary, href=href)}</div>'
        if article.outlet.strip() and article.outlet != outlet_en else ""
    )
    ar_head = (f'<div class="rhead-ar ar" dir="rtl" lang="ar" title="{escape(ar_title, quote=True)}" '
               f'style="font-size:{min(ar_size, 1.7):.2f}rem">{escape(ar_title)}</div>') if ar_title else ""
    return (
        f'<div class="rhead{" rhead-one" if not ar_title else ""}">'
        f'<h1 class="rhead-en" dir="auto" title="{escape(title, quote=True)}">{escape(title)}</h1>{ar_head}'
        f'<div class="rhead-line"><div class="rhead-meta meta">{" · ".join(m for m in meta if m)}</div>{ar_outlet}</div></div>'
    )
