"""The reader's view-model: which article, sentence and term a link asks for, which English the
learner reads, and the sentence-aligned rows as escaped HTML. Pure: the Reader page only draws it.

Deep links are ``?article=<id>&sentence=<sid>&term=<entry id>&word=<n>`` (``word``: the n-th Arabic
token of the sentence, whose word card opens). A link that names something that is not here says so
(``LinkTarget.missing``) and falls back to what exists.

Every Arabic word of a row is a clickable element (``render.WordMark``); with vowel marks on, the
rows show the vowelled text and every offset is carried over (``words.vowels.marks_added``); with
the interlinear line on, each word carries its best reading's first gloss. Names are links to their
card in both languages; a sentence's curated source note shows under it.

Which English a row shows (``english_shown``): the learner's choice, except that a missing model
never hides the human reference: with machine translation chosen and no model installed, the
reference is shown and the page says so once (``EnglishShown.notice``), not in every row. With
the English hidden (a way to test oneself), each row's English is folded away until clicked.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from functools import partial

from bilingual import render
from bilingual.concordance import CorpusIndex
from bilingual.corpus import REFERENCE_LABEL, Article
from bilingual.errors import DownloadFailed, IndexUnreachable, InstallError
from bilingual.glossary import Entry, Glossary
from bilingual.matcher import find_english, matcher_for
from bilingual.translation import LOW_CHRF, MT_LABEL, chrf, glossary_checks
from bilingual.words.analysis import Role
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import WordInfo, mention_spans, read_sentence
from bilingual.words.tokens import strip_harakat, tokenize
from bilingual.words.vowels import marks_added

__all__ = [
    "EnglishMode",
    "EnglishShown",
    "EnglishSwitch",
    "InstallFailure",
    "Layout",
    "LinkTarget",
    "ReaderRows",
    "build_rows",
    "english_on_article",
    "english_shown",
    "has_reference",
    "inner_names",
    "install_failure",
    "interlinear_glosses",
    "name_at",
    "resolve_link",
    "term_prefill",
    "word_at",
    "word_marks",
]


class EnglishMode(StrEnum):
    """Which English the reader shows beside the Arabic."""

    REFERENCE = "Reference"
    MT = "Machine translation"
    BOTH = "Both"

    @property
    def wants_reference(self) -> bool:
        return self in (EnglishMode.REFERENCE, EnglishMode.BOTH)

    @property
    def wants_mt(self) -> bool:
        return self in (EnglishMode.MT, EnglishMode.BOTH)


class Layout(StrEnum):
    """How a row places the English: beside the Arabic, or under it (the Arabic then has the full width)."""

    SIDE = "Side by side"
    STACKED = "Arabic above English"

    @property
    def css(self) -> str:
        return "side" if self is Layout.SIDE else "stacked"


def has_reference(article: Article) -> bool:
    return any(article.reference.get(s.id) for s in article.sentences)


# --- deep links ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class LinkTarget:
    """What a reader link resolves to on the article shown: the sentence to scroll to and the term
    card to open (None when not asked or not here), and, for the learner, what the link named that
    is not here."""

    sentence_id: str | None
    term_id: str | None
    missing: tuple[str, ...] = ()
    word_index: int | None = None  # the word of the sentence whose card to open


def resolve_link(query: Mapping[str, str], articles: Mapping[str, Article], glossary: Glossary, shown: Article) -> LinkTarget:
    """Resolve ``?article&sentence&term`` against what exists. ``shown`` is the article displayed (the
    asked one when it exists); a sentence is only kept when the link's own article was found."""
    missing: list[str] = []
    asked = query.get("article")
    if asked is not None and asked not in articles:
        missing.append(f"article “{asked}”")
    sid = query.get("sentence")
    if sid is not None and shown.sentence(sid) is None:
        missing.append(f"sentence “{sid}”" + ("" if missing else f" in “{shown.display_title}”"))
    sentence_id = sid if sid is not None and shown.sentence(sid) is not None and (asked is None or asked in articles) else None
    term = query.get("term")
    term_id = term if term is not None and glossary.get(term) is not None else None
    if term is not None and term_id is None:
        missing.append(f"term “{term}”")
    word = query.get("word")
    word_index = None
    if word is not None and sentence_id is not None:
        n = len(tokenize(shown.sentence(sentence_id).ar))
        word_index = int(word) if word.isascii() and word.isdigit() and int(word) < n else None
        if word_index is None:
            missing.append(f"word {word} of sentence “{sentence_id}”")
    return LinkTarget(sentence_id, term_id, tuple(missing), word_index)


# --- which English ------------------------------------------------------------------------------


@dataclass(frozen=True)
class EnglishSwitch:
    """The English mode after opening an article, and the learner's own choice to bring back later."""

    mode: EnglishMode
    restore: EnglishMode | None


def english_on_article(article: Article, mode: EnglishMode, restore: EnglishMode | None) -> EnglishSwitch:
    """A text without any reference translation (the learner's imports) opens on machine translation;
    the learner's own choice comes back on the next article that has one."""
    if not has_reference(article) and mode == EnglishMode.REFERENCE:
        return EnglishSwitch(EnglishMode.MT, EnglishMode.REFERENCE)
    if has_reference(article) and restore is not None and mode == EnglishMode.MT:
        return EnglishSwitch(restore, None)
    return EnglishSwitch(mode, None if has_reference(article) else restore)


@dataclass(frozen=True)
class EnglishShown:
    """Which English the rows show, and what the page says once, at the top ('' when nothing)."""

    reference: bool  # the human reference translation
    mt: bool  # the machine-translation slot (its text, or "not translated yet")
    notice: str = ""
    mt_missing: bool = False  # machine translation was asked for and the model is not installed


def english_shown(article: Article, mode: EnglishMode, model_installed: bool) -> EnglishShown:
    """The learner's ``mode`` for ``article``; a missing model never hides the reference, and leaves
    no empty machine-translation slot in every row: the page says it once (``notice``)."""
    ref = has_reference(article)
    missing = mode.wants_mt and not model_installed
    reference = ref and (mode.wants_reference or missing)
    if missing and ref:
        notice = ("Machine translation is not installed, so the human reference translation is shown. "
                  "To add the machine translation, install the model (below).")
    elif missing:
        notice = ("Machine translation is not installed, and this text has no reference translation: "
                  "install the model (below) to read it with an English version.")
    elif mode.wants_reference and not ref:
        notice = ("This text has no reference translation (only the curated articles have one). "
                  "Choose **Machine translation** under *English* in the sidebar to read it with an English version.")
    else:
        notice = ""
    return EnglishShown(reference, mode.wants_mt and model_installed, notice, missing)


# --- rows ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ReaderRows:
    """The article as reader rows (escaped HTML, in order) and the names the MT may have garbled."""

    rows: tuple[str, ...]
    misses: dict[str, list[str]] = field(default_factory=dict)  # sentence id -> English names missing from the MT


def build_rows(
    article: Article,
    index: CorpusIndex,
    glossary: Glossary,
    *,
    english: EnglishMode,
    mt: Mapping[str, str],
    model_installed: bool,
    enabled_types: set[str] | None = None,
    focus_term: str | None = None,
    focus_sentence: str | None = None,
    mark_low_agreement: bool = False,
    vowelled: Mapping[str, str] | None = None,
    glosses: Mapping[str, Mapping[int, str]] | None = None,
    open_word: tuple[str, int] | None = None,
    hide_english: bool = False,
    revealed: Collection[str] = (),
) -> ReaderRows:
    """One row per sentence: the Arabic (names highlighted, each a link to its card; every other word
    clickable) beside the English ``english_shown`` gives (its names links too), each block labelled
    with where it comes from; MT checks as flags; the sentence's source note under it.
    ``vowelled`` (sentence text → the same with vowel marks) shows the marks; ``glosses`` (sentence id
    → token index → gloss) the interlinear line; ``open_word`` (sentence id, token index) marks the
    word whose card is open. ``hide_english`` folds each row's English away until clicked, except
    the ``revealed`` sentence ids."""
    shown_en = english_shown(article, english, model_installed)
    rows: list[str] = []
    misses: dict[str, list[str]] = {}
    for n, s in enumerate(article.sentences, 1):
        ms = list(index.mentions(s))
        ids = list(dict.fromkeys(m.entry_id for m in ms))
        shown, ms_shown, words = word_marks(s.ar, ms, vowelled.get(s.ar) if vowelled else None)
        href = partial(render.reader_href, article.id, s.id)  # a name, Arabic or English: its card, at this sentence
        ar_html = render.sentence_html(
            shown, ms_shown, glossary, enabled_types=enabled_types, focus_entry=focus_term,
            term_href=href, words=words, glosses=glosses.get(s.id, {}) if glosses is not None else None,
            open_word=open_word[1] if open_word and open_word[0] == s.id else None,
        )
        blocks: list[render.EnglishBlock] = []
        ref = article.reference.get(s.id)
        target = mt.get(s.ar)
        if shown_en.reference:
            body = (
                _english(ref, ids, glossary, enabled_types, focus_term, href) if ref
                else render.note_html("No reference translation for this sentence.")
            )
            blocks.append(render.EnglishBlock(REFERENCE_LABEL, body, "en-ref"))
        flags: list[str] = []
        if target:
            missed = [c.english for c in glossary_checks(target, ms, glossary) if not c.found]
            if missed:
                misses[s.id] = missed
                flags.append("MT misses: " + ", ".join(missed))
            if mark_low_agreement and ref:
                score = chrf(target, ref)
                if score < LOW_CHRF:
                    flags.append(f"Low agreement with the reference (chrF {score:.0f})")
        if shown_en.mt:
            if target:
                body = _english(target, ids, glossary, enabled_types, focus_term, href)
            else:
                body = render.note_html("Not translated yet: press “Translate this article”.")
            blocks.append(render.EnglishBlock(MT_LABEL, body, "en-mt", tuple(flags)))
        rows.append(render.row_html(
            s.id, ar_html, blocks, kind=s.kind, focused=s.id == focus_sentence, number=str(n), note=s.note,
            hidden=hide_english and bool(blocks), revealed=s.id in revealed,
        ))
    return ReaderRows(tuple(rows), misses)


@dataclass(frozen=True)
class _Shifted:
    """A mention moved into the vowelled text (the fields ``render.sentence_html`` reads)."""

    start: int
    end: int
    entry_id: str
    prefix: str = ""
    prefix_start: int = -1


def word_marks(text: str, mentions: Sequence, vowelled: str | None = None) -> tuple[str, list, list[render.WordMark]]:
    """The text a row shows (``vowelled`` when given and valid), its mentions and its words in that text."""
    tokens = tokenize(text)
    if vowelled is None or vowelled == text:
        return text, list(mentions), [render.WordMark(t.start, t.end, t.index, t.text) for t in tokens]
    try:
        where = marks_added(text, vowelled)
    except ValueError:  # not the same letters: show the text as written
        return text, list(mentions), [render.WordMark(t.start, t.end, t.index, t.text) for t in tokens]
    moved = [
        _Shifted(where.at(m.start), where.at(m.end), m.entry_id, getattr(m, "prefix", ""),
                 where.at(m.prefix_start) if getattr(m, "prefix", "") else -1)
        for m in mentions
    ]
    return vowelled, moved, [render.WordMark(where.at(t.start), where.at(t.end), t.index, t.text) for t in tokens]


def name_at(article: Article, sentence_id: str, index: int, index_: CorpusIndex) -> str | None:
    """The glossary entry whose mention covers token ``index`` of the sentence (its card shows for it)."""
    s = article.sentence(sentence_id)
    tokens = tokenize(s.ar) if s is not None else []
    if not 0 <= index < len(tokens):
        return None
    t = tokens[index]
    return next((e for a, b, e in mention_spans(index_.mentions(s)) if a < t.end and t.start < b), None)


def word_at(article: Article, sentence_id: str, index: int, index_: CorpusIndex, glossary: Glossary,
            lexicon: Lexicon) -> WordInfo | None:
    """What the word card shows for token ``index`` of a sentence (None when there is no such word)."""
    s = article.sentence(sentence_id)
    if s is None:
        return None
    infos = read_sentence(s.ar, lexicon, glossary, mention_spans(index_.mentions(s)))
    return infos[index] if 0 <= index < len(infos) else None


def interlinear_glosses(article: Article, index_: CorpusIndex, glossary: Glossary, lexicon: Lexicon) -> dict[str, dict[int, str]]:
    """Sentence id → token index → a short English gloss (the best reading's first gloss; a near-miss
    name's English with "?"); tokens of glossary names are left out (the name's English is shown)."""
    out: dict[str, dict[int, str]] = {}
    for s in article.sentences:
        line = {}
        for w in read_sentence(s.ar, lexicon, glossary, mention_spans(index_.mentions(s))):
            if w.entry_id is None:
                entry = glossary.get(w.probably.entry_id) if w.probably else None
                line[w.token.index] = w.best.short_gloss if w.best else (f"{entry.en}?" if entry else "?")
        out[s.id] = line
    return out


def _english(text: str, entry_ids: Sequence[str], glossary: Glossary, enabled: set[str] | None, focus: str | None,
             href: Callable[[str], str]) -> str:
    mentions = find_english(text, glossary, entry_ids) if entry_ids else []
    return render.english_html(text, mentions, glossary, enabled_types=enabled, focus_entry=focus, term_href=href)


# --- names inside a name, a word as a term of one's own ---------------------------------------------


def inner_names(entry: Entry, article: Article, index_: CorpusIndex, glossary: Glossary,
                sentence_id: str | None = None) -> tuple[Entry, ...]:
    """The other glossary entries named inside ``entry``'s mentions (the treaty «معاهدة سلام بين أرمينيا
    وأذربيجان» contains Armenia and Azerbaijan), in reading order: inside its mention in ``sentence_id``
    when it has one there, else inside its mentions in ``article``, else inside its own Arabic forms."""
    def surfaces(sentences) -> list[str]:
        return [m.surface for s in sentences for m in index_.mentions(s) if m.entry_id == entry.id]

    sent = article.sentence(sentence_id) if sentence_id else None
    texts = (surfaces([sent]) if sent else []) or surfaces(article.sentences) or list(entry.ar_forms)
    others = matcher_for(Glossary(tuple(e for e in glossary if e.id != entry.id)))
    found: dict[str, Entry] = {}
    for text in dict.fromkeys(texts):
        for m in others.find(text):
            inner = glossary.get(m.entry_id)
            if inner is not None and (m.prefix_start if m.prefix else m.start, m.end) != (0, len(text)):
                found.setdefault(inner.id, inner)
    return tuple(found.values())


def term_prefill(info: WordInfo) -> dict[str, str]:
    """What "Add as my term" fills in on My terms for a word of the reader: the Arabic as written
    without its attached conjunction or preposition (its best reading's و ف ب ل ك; the article ال
    stays, written in full after ل: للحدود → الحدود, as the glossary writes names), and, for a noun
    or a name, the first English gloss of its best reading."""
    ar, best = info.token.text, info.best
    if best is None:
        return {"ar": ar}
    prefix = ""
    for seg in best.segments:
        if seg.role != Role.PREFIX or not set(seg.tags) <= _PROCLITIC_TAGS:
            break
        prefix += strip_harakat(seg.form)
    if prefix and strip_harakat(ar).startswith(prefix) and len(strip_harakat(ar)) > len(prefix):
        ar = _drop_letters(ar, len(prefix))
        if prefix.endswith("ل") and best.has_det and not strip_harakat(ar).startswith("ال"):
            ar = "ا" + ar  # ل + ال is written لل: the article's alef comes back
    out = {"ar": ar}
    if best.is_nominal and best.short_gloss:
        out["en"] = best.short_gloss
    return out


#: The lexicon's tags of a proclitic conjunction or preposition (what "Add as my term" leaves out).
_PROCLITIC_TAGS = frozenset({"CONJ", "PREP"})


def _drop_letters(text: str, n: int) -> str:
    """``text`` without its first ``n`` letters (the vowel marks on them go too)."""
    seen = 0
    for i, c in enumerate(text):
        if strip_harakat(c):
            if seen == n:
                return text[i:]
            seen += 1
    return ""


# --- a failed model install ---------------------------------------------------------------------


@dataclass(frozen=True)
class InstallFailure:
    """A failed install in plain words: what happened and what to do, the technical detail apart."""

    headline: str
    offline: bool  # the internet could not be reached
    detail: str


def install_failure(exc: InstallError, *, from_file: bool) -> InstallFailure:
    detail = str(exc)
    alternative = "`python -m bilingual model install --from-file FILE`"
    if isinstance(exc, IndexUnreachable):
        what = "Could not reach the Argos package index (no internet?)"
    elif isinstance(exc, DownloadFailed):
        what = "Could not download the model (no internet?)"
    elif from_file:
        return InstallFailure("That file could not be installed as the translation model.", False, detail)
    else:
        return InstallFailure(
            f"The translation model could not be installed. Upload an .argosmodel file instead, or run {alternative}.", False, detail
        )
    return InstallFailure(f"{what}. Download the .argosmodel file elsewhere and upload it here, or run {alternative}.", True, detail)
