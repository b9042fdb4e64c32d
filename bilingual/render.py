"""HTML for the reader, the glossary, the quiz and the Anki export: pure functions returning
escaped markup. The one highlighter (Arabic and English), the term card, the reader's rows, and the
app's links.

Every piece of article, translation and glossary text goes through ``html.escape`` before it is
put into markup; the only unescaped strings are this module's own tags and class names.

Mentions are duck-typed: an Arabic mention has ``start, end, entry_id`` and optionally
``prefix``/``prefix_start`` (the attached clitic, located at ``text[prefix_start:start]``); an
English mention has ``start, end, entry_id`` (see ``bilingual.matcher``).

A word is never visually broken: a highlighted name and its clitic are one element (the clitic a
coloured span inside it), and no highlight has inline padding, margin or border, which would stop
the browser from shaping across the element boundary (the lam-alef ligature of لأرمينيا) or open a
gap (و|أذربيجان, لافروف| :). Only the colour differs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import urlencode

from bilingual.glossary import ENTRY_TYPES, ORIGIN_CURATED, TYPE_LABELS, Entry, Glossary

__all__ = [
    "READER_PATH",
    "READER_URL",
    "TYPE_COLOURS",
    "TYPE_LABELS",
    "EnglishBlock",
    "WordMark",
    "english_html",
    "highlight_css",
    "legend_html",
    "note_html",
    "reader_href",
    "reader_html",
    "row_html",
    "sentence_html",
    "term_card_html",
    "tooltip_text",
    "type_badge_html",
]

#: The reader's URL path (Streamlit drops the number prefix of pages/1_Reader.py), relative and absolute.
READER_URL = "Reader"
READER_PATH = "/" + READER_URL

#: One colour per entry type: (background, underline/accent). Calm, distinguishable, AA contrast on text.
TYPE_COLOURS: dict[str, tuple[str, str]] = {
    "person": ("#fde2c8", "#c2410c"),
    "place": ("#d3ecd9", "#15803d"),
    "organization": ("#d8e4fb", "#1d4ed8"),
    "agreement": ("#eadcf8", "#7e22ce"),
    "event": ("#fbd5dd", "#be123c"),
    "other": ("#e7e5e4", "#57534e"),
}


def _attr(value: str) -> str:
    return escape(value, quote=True)


def tooltip_text(entry: Entry) -> str:
    """What hovering a highlight shows: English name, type, description (plain text, escaped later)."""
    head = entry.en + (f" ({entry.acronym})" if entry.acronym and entry.acronym != entry.en else "")
    lines = [f"{head} · {TYPE_LABELS.get(entry.type, entry.type)}" + (" · mine" if entry.origin != ORIGIN_CURATED else "")]
    if entry.romanization:
        lines.append(entry.romanization)
    if entry.description:
        lines.append(entry.description)
    return "\n".join(lines)


def _visible(entry: Entry | None, enabled_types: set[str] | None) -> bool:
    return entry is not None and (enabled_types is None or entry.type in enabled_types)


def _non_overlapping(mentions: Iterable, text_len: int) -> list:
    out, last = [], 0
    for m in sorted(mentions, key=lambda m: (_lead(m), -(m.end - _lead(m)))):
        if _lead(m) < last or not (0 <= m.start < m.end <= text_len):
            continue
        out.append(m)
        last = m.end
    return out


def _lead(m) -> int:  # where a mention's markup begins: at its clitic when it has one
    ps = getattr(m, "prefix_start", None)
    return ps if ps is not None and getattr(m, "prefix", "") else m.start


def _mark(clitic: str, name: str, entry: Entry, *, href: str | None, focus: bool, tooltip: bool = True,
          gloss: str | None = None) -> str:
    """One element for the whole written word: the clitic (if any) a span inside the highlight."""
    cls = f"gl gl-{entry.type}" + (" gl-focus" if focus else "")
    tag = "a" if href else "mark"
    tip = f' data-tip="{_attr(tooltip_text(entry))}"' if tooltip else ""
    href_attr = f' href="{_attr(href)}"' if href else ""
    gloss_attr = f' data-gloss="{_attr(gloss)}"' if gloss is not None else ""
    inner = (f'<span class="clitic">{escape(clitic)}</span>' if clitic else "") + escape(name)
    if gloss is not None:
        inner = f'<span class="gl-in">{inner}</span>'  # one flex item: the word is shaped as one run
    return f'<{tag} class="{cls}" data-entry="{_attr(entry.id)}"{tip}{href_attr}{gloss_attr}>{inner}</{tag}>'


@dataclass(frozen=True)
class WordMark:
    """An Arabic word of the shown text to make clickable: ``text[start:end]`` as shown (perhaps with
    vowel marks added); ``surface`` as written and ``index`` among the sentence's tokens identify it."""

    start: int
    end: int
    index: int
    surface: str


def _word(shown: str, w: WordMark, gloss: str | None, open_index: int | None) -> str:
    cls = "w w-open" if w.index == open_index else "w"
    gloss_attr = f' data-gloss="{_attr(gloss)}"' if gloss is not None else ""
    return f'<span class="{cls}" data-word="{_attr(w.surface)}" data-i="{w.index}"{gloss_attr}>{escape(shown)}</span>'


def _plain(text: str, a: int, b: int, words: Sequence[WordMark], glosses: Mapping[int, str] | None,
           open_index: int | None) -> str:
    """``text[a:b]`` escaped, each word wholly inside it one ``.w`` element."""
    out, pos = [], a
    for w in words:
        if w.start < a or w.end > b:
            continue
        out.append(escape(text[pos:w.start]))
        out.append(_word(text[w.start:w.end], w, None if glosses is None else glosses.get(w.index, ""), open_index))
        pos = w.end
    out.append(escape(text[pos:b]))
    return "".join(out)


def sentence_html(
    text: str,
    mentions: Sequence,
    glossary: Glossary,
    *,
    enabled_types: set[str] | None = None,
    focus_entry: str | None = None,
    term_href: Callable[[str], str] | None = None,
    tooltips: bool = True,
    words: Sequence[WordMark] = (),
    glosses: Mapping[int, str] | None = None,
    open_word: int | None = None,
) -> str:
    """Escaped ``text`` with glossary mentions highlighted, each with its attached clitic as one element.

    ``enabled_types=None`` shows every type; a mention of a type not enabled stays plain text.
    ``focus_entry`` gets an extra ``gl-focus`` class (concordance lines). ``term_href(entry_id)``
    makes each highlight a link (the reader links to the term card). ``tooltips=False`` leaves out
    the hover text (the Anki export, where no stylesheet shows it). ``words`` (sorted, non-overlapping)
    become clickable ``.w`` elements with ``data-word``/``data-i`` where no shown mention covers them;
    ``glosses`` (token index → short English) adds the interlinear ``data-gloss`` to every word and
    name; ``open_word`` marks the word whose card is open.
    """
    out: list[str] = []
    pos = 0
    for m in _non_overlapping(mentions, len(text)):
        entry = glossary.get(m.entry_id)
        if not _visible(entry, enabled_types):
            continue
        lead = _lead(m)
        out.append(_plain(text, pos, lead, words, glosses, open_word))
        out.append(
            _mark(
                text[lead:m.start], text[m.start : m.end], entry, href=term_href(entry.id) if term_href else None,
                focus=entry.id == focus_entry, tooltip=tooltips, gloss=None if glosses is None else entry.en,
            )
        )
        pos = m.end
    out.append(_plain(text, pos, len(text), words, glosses, open_word))
    return "".join(out)


def english_html(text: str, mentions: Sequence, glossary: Glossary, **options: object) -> str:
    """English translation with the glossary names found in it highlighted (same colours and options
    as ``sentence_html``)."""
    return sentence_html(text, [_no_prefix(m) for m in mentions], glossary, **options)


@dataclass(frozen=True)
class _Span:
    start: int
    end: int
    entry_id: str


def _no_prefix(m) -> _Span:
    return _Span(m.start, m.end, m.entry_id)


# --- legend, labels, rows ---------------------------------------------------------------------


def legend_html(enabled_types: Iterable[str] | None = None, counts: dict[str, int] | None = None) -> str:
    """A row of colour swatches, one per type (the disabled ones faded)."""
    enabled = set(ENTRY_TYPES if enabled_types is None else enabled_types)
    items = []
    for t in ENTRY_TYPES:
        n = f" <small>{int(counts[t])}</small>" if counts and counts.get(t) else ""
        off = "" if t in enabled else " legend-off"
        items.append(f'<span class="legend-item gl gl-{t}{off}">{escape(TYPE_LABELS[t])}{n}</span>')
    return f'<div class="legend" aria-label="Highlight colours">{"".join(items)}</div>'


def type_badge_html(entry_type: str) -> str:
    return f'<span class="legend-item gl gl-{_attr(entry_type)}">{escape(TYPE_LABELS.get(entry_type, entry_type))}</span>'


@dataclass(frozen=True)
class EnglishBlock:
    """One English rendering of a sentence in the reader: its source label and the (escaped) body."""

    label: str
    body_html: str  # already escaped/highlighted markup from english_html, or a note from note_html
    css_class: str = "en-ref"
    flags: tuple[str, ...] = ()  # plain-text warnings shown under the block (escaped here)


def note_html(text: str) -> str:
    """A muted placeholder (e.g. 'no machine translation yet')."""
    return f'<span class="muted">{escape(text)}</span>'


def row_html(
    sentence_id: str,
    ar_html: str,
    blocks: Sequence[EnglishBlock],
    *,
    kind: str = "text",
    focused: bool = False,
    number: str = "",
    note: str = "",
    hidden: bool = False,
    revealed: bool = False,
) -> str:
    """One sentence-aligned reader row: English on the left, Arabic (RTL) on the right (or the Arabic
    above the English: ``reader_html``'s layout); without English blocks, the Arabic alone.

    ``ar_html`` and each block's ``body_html`` must come from ``sentence_html``/``english_html``/
    ``note_html`` (already escaped); labels, flags, ids, numbers and the ``note`` (the sentence's
    curated source note, shown under the row) are escaped here. ``hidden`` folds the English away
    behind a "Show the English" control (a ``<details>``; ``revealed``: unfolded).
    """
    en_parts = []
    for b in blocks:
        flags = "".join(f'<div class="flag">{escape(f)}</div>' for f in b.flags)
        en_parts.append(
            f'<div class="en-block {_attr(b.css_class)}"><div class="src-label">{escape(b.label)}</div>'
            f'<div class="en" lang="en">{b.body_html}</div>{flags}</div>'
        )
    english = "".join(en_parts)
    if hidden and english:
        english = (
            f'<details class="en-reveal"{" open" if revealed else ""}><summary>'
            '<span class="reveal-show">Show the English</span><span class="reveal-hide">Hide the English</span>'
            f"</summary>{english}</details>"
        )
    cls = f"row row-{_attr(kind)}" + (" row-focus" if focused else "") + ("" if blocks else " row-ar-only")
    num = f'<span class="sid">{escape(number)}</span>' if number else ""
    note_div = (f'<div class="src-note" lang="en"><span class="src-label">Note</span> {escape(note)}</div>' if note else "")
    return (
        f'<div class="{cls}" id="{_attr(sentence_id)}">'
        f'<div class="col-en" dir="ltr">{num}{english}</div>'
        f'<div class="col-ar ar" dir="rtl" lang="ar">{ar_html}</div>'
        f"{note_div}</div>"
    )


def reader_href(article_id: str, sentence_id: str | None = None, term: str | None = None, page: str = "",
                word: int | None = None) -> str:
    """A reader URL carrying article, sentence, term and word (a token index in the sentence) as query
    parameters: relative to the current page by default (``?article=…``), or on ``page``
    (``READER_URL``, ``READER_PATH``)."""
    params = {"article": article_id}
    if sentence_id:
        params["sentence"] = sentence_id
    if term:
        params["term"] = term
    if word is not None:
        params["word"] = str(word)
    return f"{page}?{urlencode(params)}"


def reader_html(rows: Sequence[str], *, article_id: str, ar_size: float, interlinear: bool = False,
                layout: str = "side") -> str:
    """The reader: its rows (from ``row_html``) in one block that names the article (for the click
    catcher). ``layout``: ``"side"`` (English beside the Arabic, when the reader is wide enough for
    both; else stacked) or ``"stacked"`` (the Arabic above the English, at full width)."""
    cls = "reader ilg" if interlinear else "reader"
    box = "reader-box reader-stacked" if layout == "stacked" else "reader-box reader-side"
    return (f'<div class="{box}"><div class="{cls}" data-article="{_attr(article_id)}" style="--ar-size:{ar_size:.2f}rem">'
            f'{"".join(rows)}</div></div>')


def _heading(entry: Entry, *, tag: str, ar_size: str) -> str:
    name = escape(entry.en) + (f" ({escape(entry.acronym)})" if entry.acronym else "")
    roman = f'<div class="meta"><i>{escape(entry.romanization)}</i></div>' if entry.romanization else ""
    return (
        f'<div class="term-head"><div>{type_badge_html(entry.type)}<{tag} class="term-name">{name}</{tag}>{roman}</div>'
        f'<div class="ar term-ar" dir="rtl" lang="ar" style="font-size:{ar_size}">{escape(entry.ar)}</div></div>'
    )


def term_card_html(entry: Entry, *, full: bool = False, contains: Sequence[Entry] = (),
                   href: Callable[[str], str] | None = None) -> str:
    """A glossary term's card: type, English name (and acronym), Arabic, romanization, description,
    the other Arabic spellings; ``full`` (the glossary page) adds English forms, coordinates, source.
    ``contains``: the names inside this one ("contains: Armenia, Azerbaijan"), each a highlight
    linking to ``href(entry id)`` (their own card)."""
    parts = [_heading(entry, tag="h2" if full else "div", ar_size="2rem" if full else "1.5rem")]
    parts.append(f'<p class="term-desc">{escape(entry.description)}</p>')
    if contains:
        names = ", ".join(_mark("", e.en, e, href=href(e.id) if href else None, focus=False) for e in contains)
        parts.append(f'<div class="term-contains"><span class="src-label">Contains</span> {names}</div>')
    if entry.origin != ORIGIN_CURATED:
        parts.append('<div class="src-label term-mine">mine · your own term</div>')
    facts = []
    other_ar = [f for f in entry.ar_forms if f != entry.ar]
    if other_ar:
        label = "Arabic spellings" if full else "Other spellings"
        facts.append(
            f'<div class="src-label">{label}</div><div class="ar" dir="rtl" lang="ar">'
            + " · ".join(escape(f) for f in other_ar) + "</div>"
        )
    if full:
        other_en = [f for f in entry.en_forms if f != entry.en]
        if other_en:
            facts.append(f'<div class="src-label">English forms</div><div>{escape(" · ".join(other_en))}</div>')
        if entry.lat is not None and entry.lon is not None:
            facts.append(f'<div class="src-label">Coordinates</div><div>{entry.lat:.2f}, {entry.lon:.2f}</div>')
        if entry.origin != ORIGIN_CURATED:
            facts.append('<div class="src-label">Source</div><div>Your personal term</div>')
    parts += [f'<div class="term-fact">{f}</div>' for f in facts]
    return f'<div class="term-card{" term-full" if full else ""}">{"".join(parts)}</div>'


def highlight_css(ar_font_stack: str) -> str:
    """The stylesheet for highlights, tooltips, legend and reader rows."""
    rules = []
    for t, (bg, accent) in TYPE_COLOURS.items():
        rules.append(f".gl-{t} {{ background: {bg}; border-bottom: 2px solid {accent}; }}")
    return f"""
<style>
/* no inline padding, margin or border on anything inside an Arabic word: the browser would stop shaping
   across it (لأرمينيا loses its lam-alef) or open a gap (و|أذربيجان); only colours and a bottom border */
.gl {{ color: inherit; text-decoration: none; border-radius: 3px; position: relative;
      cursor: help; -webkit-box-decoration-break: clone; box-decoration-break: clone; }}
a.gl {{ cursor: pointer; }}
a.gl:hover, a.gl:focus {{ filter: brightness(0.93); color: inherit; text-decoration: none; }}
{chr(10).join(rules)}
.gl-focus {{ outline: 2px solid #111827; outline-offset: 1px; }}
.clitic {{ color: #6b7280; }}
.w {{ cursor: pointer; border-radius: 3px; }}
.w:hover {{ background: rgba(250, 204, 21, .28); }}
.w-open {{ background: rgba(250, 204, 21, .5); box-shadow: 0 2px 0 #ca8a04; }}
/* interlinear glosses: each word a column, its short English gloss under it (from data-gloss) */
.ilg .col-ar {{ line-height: 1.5; }}
.ilg .w, .ilg .gl {{ display: inline-flex; flex-direction: column-reverse; align-items: center; vertical-align: top;
      margin-block: .15rem; }}
.ilg .w::before, .ilg .gl::before {{ content: attr(data-gloss); direction: ltr; unicode-bidi: isolate;
      font-family: "Source Sans Pro", "Noto Sans", sans-serif; font-size: max(.45em, .68rem); font-weight: 400;
      line-height: 1.25; color: #4b5563; max-width: 8.5em; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }}
.gl[data-tip]:hover::after, .gl[data-tip]:focus::after {{
  content: attr(data-tip); position: absolute; z-index: 1000; inset-block-end: calc(100% + 6px);
  left: -.2rem; width: max-content; max-width: min(22rem, 70vw);
  white-space: pre-line; direction: ltr; text-align: left; unicode-bidi: isolate;
  font-family: "Source Sans Pro", "Noto Sans", sans-serif; font-size: .85rem; line-height: 1.35;
  background: #111827; color: #f9fafb; padding: .45rem .6rem; border-radius: 6px;
  box-shadow: 0 4px 14px rgba(0,0,0,.25); pointer-events: none; }}
/* in Arabic the box grows leftwards from the name's right edge (physical sides: the box itself is LTR) */
[dir="rtl"] .gl[data-tip]:hover::after, [dir="rtl"] .gl[data-tip]:focus::after {{ left: auto; right: -.2rem; }}
.legend {{ display: flex; flex-wrap: wrap; gap: .35rem; margin: .2rem 0 .6rem; }}
.legend-item {{ font-size: .8rem; padding: .05rem .45rem; cursor: default; }}
.legend-off {{ opacity: .35; }}
/* the reader's rows: the Arabic (what is read) has three fifths of the row beside the English, or
   the full width above it (stacked; also whenever the reader is too narrow for two columns) */
.reader-box {{ container-type: inline-size; }}
.reader {{ display: flex; flex-direction: column; gap: .1rem; }}
.row {{ display: grid; grid-template-columns: minmax(0, 2fr) minmax(0, 3fr); column-gap: 1.3rem; row-gap: .25rem;
       padding: .5rem .6rem; position: relative;
       border-bottom: 1px solid rgba(128,128,128,.15); border-radius: 6px; scroll-margin-top: 5rem; }}
.reader-stacked .row, .row.row-ar-only {{ grid-template-columns: minmax(0, 1fr); }}
.reader-stacked .col-ar, .row-ar-only .col-ar {{ order: -1; }}
.reader-stacked .col-en {{ padding-inline-end: 2rem; }}
@container (max-width: 38rem) {{
  .reader-side .row {{ grid-template-columns: minmax(0, 1fr); }}
  .reader-side .col-ar {{ order: -1; }}
}}
.row-focus {{ background: rgba(250, 204, 21, .16); box-shadow: inset 3px 0 0 #eab308; }}
.row-title .col-ar {{ font-weight: 700; font-size: calc(var(--ar-size, 1.35rem) * 1.2); }}
.row-title .en {{ font-weight: 700; font-size: 1.1rem; }}
.row-heading .col-ar, .row-heading .en {{ font-weight: 700; }}
.col-ar {{ font-family: {ar_font_stack}; font-size: var(--ar-size, 1.35rem); line-height: 2.05; direction: rtl;
          text-align: right; unicode-bidi: isolate; }}
/* a curated source note (where the source itself is wrong or loose), under its sentence, full width */
.src-note {{ grid-column: 1 / -1; order: 1; font-size: .86rem; line-height: 1.45; color: #374151;
            border-inline-start: 3px solid #d6d3d1; padding: .1rem 0 .1rem .55rem; }}
.src-note .src-label {{ font-weight: 700; margin-inline-end: .25rem; }}
/* English hidden (testing oneself): each sentence's English behind "Show the English" */
.en-reveal > summary {{ cursor: pointer; list-style: none; display: inline-block; font-size: .8rem; color: #4b5563;
      padding: .1rem .6rem; border: 1px dashed rgba(107,114,128,.6); border-radius: 999px; user-select: none; }}
.en-reveal > summary::-webkit-details-marker {{ display: none; }}
.en-reveal > summary:hover, .en-reveal > summary:focus-visible {{ background: rgba(107,114,128,.1); }}
.en-reveal:not([open]) .reveal-hide, .en-reveal[open] .reveal-show {{ display: none; }}
.en-reveal[open] > summary {{ margin-bottom: .25rem; border-style: solid; }}
.en-block + .en-block {{ margin-top: .45rem; padding-top: .35rem; border-top: 1px dashed rgba(128,128,128,.25); }}
.en {{ line-height: 1.6; font-size: var(--en-size, 1rem); }}
.en-mt .en {{ color: #374151; }}
.src-label {{ font-size: .68rem; color: #6b7280; text-transform: uppercase; letter-spacing: .04em; }}
.sid {{ position: absolute; left: -1.5rem; top: .65rem; font-size: .7rem; color: #9ca3af; }}
.flag {{ font-size: .78rem; color: #b45309; margin-top: .15rem; }}
.flag::before {{ content: "⚠ "; }}
.muted {{ color: #9ca3af; font-style: italic; }}
.conc {{ padding: .4rem 0; border-bottom: 1px solid rgba(128,128,128,.15); }}
.term-head {{ display: flex; flex-wrap: wrap; justify-content: space-between; align-items: center; gap: .3rem 1rem; }}
.term-name {{ font-size: 1.25rem; font-weight: 700; margin: .3rem 0 0; }}
.term-full h2.term-name {{ font-size: 1.75rem; margin: .2rem 0 0; }}
.term-ar {{ font-family: {ar_font_stack}; line-height: 1.8; }}
.term-desc {{ margin: .5rem 0; }}
.term-full .term-desc {{ font-size: 1.05rem; }}
.term-fact {{ margin-bottom: .5rem; }}
.term-contains {{ margin: -.1rem 0 .55rem; line-height: 1.9; }}
@media (max-width: 800px) {{ .row {{ grid-template-columns: 1fr; gap: .4rem; }} .col-ar {{ order: -1; }} .sid {{ display: none; }} }}
</style>
"""
