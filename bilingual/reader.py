"""The reader's view-model: which article, sentence and term a link asks for, which English the
learner reads, and the sentence-aligned rows as escaped HTML. Pure: the Reader page only draws it.

Deep links are ``?article=<id>&sentence=<sid>&term=<entry id>``. A link that names something that
is not here says so (``LinkTarget.missing``) and falls back to what exists.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

from bilingual import render
from bilingual.concordance import CorpusIndex
from bilingual.corpus import REFERENCE_LABEL, Article
from bilingual.errors import DownloadFailed, IndexUnreachable, InstallError
from bilingual.glossary import Glossary
from bilingual.matcher import find_english
from bilingual.translation import LOW_CHRF, MT_LABEL, chrf, glossary_checks

__all__ = [
    "EnglishMode",
    "EnglishSwitch",
    "InstallFailure",
    "LinkTarget",
    "ReaderRows",
    "build_rows",
    "english_on_article",
    "has_reference",
    "install_failure",
    "resolve_link",
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
    return LinkTarget(sentence_id, term_id, tuple(missing))


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
) -> ReaderRows:
    """One row per sentence: the Arabic (names highlighted, each a link to its card) beside the English
    the learner asked for, each block labelled with where it comes from; MT checks as flags."""
    with_reference = english.wants_reference and has_reference(article)
    rows: list[str] = []
    misses: dict[str, list[str]] = {}
    for n, s in enumerate(article.sentences, 1):
        ms = list(index.mentions(s))
        ids = list(dict.fromkeys(m.entry_id for m in ms))
        ar_html = render.sentence_html(
            s.ar, ms, glossary, enabled_types=enabled_types, focus_entry=focus_term,
            term_href=lambda e, sid=s.id: render.reader_href(article.id, sid, e),
        )
        blocks: list[render.EnglishBlock] = []
        ref = article.reference.get(s.id)
        target = mt.get(s.ar)
        if with_reference:
            body = (
                _english(ref, ids, glossary, enabled_types, focus_term) if ref
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
        if english.wants_mt:
            if target:
                body = _english(target, ids, glossary, enabled_types, focus_term)
            elif not model_installed:
                body = render.note_html("Machine translation unavailable: the model is not installed (see above).")
            else:
                body = render.note_html("Not translated yet: press “Translate this article”.")
            blocks.append(render.EnglishBlock(MT_LABEL, body, "en-mt", tuple(flags)))
        rows.append(render.row_html(s.id, ar_html, blocks, kind=s.kind, focused=s.id == focus_sentence, number=str(n)))
    return ReaderRows(tuple(rows), misses)


def _english(text: str, entry_ids: Sequence[str], glossary: Glossary, enabled: set[str] | None, focus: str | None) -> str:
    mentions = find_english(text, glossary, entry_ids) if entry_ids else []
    return render.english_html(text, mentions, glossary, enabled_types=enabled, focus_entry=focus)


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
