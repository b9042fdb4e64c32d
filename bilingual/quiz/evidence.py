"""What the quiz shows around a card: the evidence sentence (highlighted, with its reference
translation and a link into the reader) and the options as displayed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.corpus import Article
from bilingual.glossary import TYPE_LABELS, Entry, Glossary
from bilingual.matcher import annotate
from bilingual.quiz.cards import QuizCard
from bilingual.render import READER_PATH, WordMark, reader_href, sentence_html
from bilingual.text.charsets import BIDI_MARKS
from bilingual.text.normalize import arabic_ratio
from bilingual.words.tokens import tokenize

__all__ = ["EntryFacts", "Evidence", "display_option", "entry_facts", "evidence_for", "is_arabic_text", "option_label"]


@dataclass(frozen=True)
class Evidence:
    article_id: str
    sentence_id: str
    article_title_en: str
    article_title_ar: str
    ar: str
    en: str  # the reference translation ('' when there is none)
    html: str  # the Arabic sentence as escaped HTML with the names highlighted
    link: str  # into the reader at that sentence
    term: str | None = None  # the card's glossary entry: its card opens in the reader
    word: int | None = None  # a saved word's place in the sentence: its word card opens in the reader

    @property
    def query_params(self) -> dict[str, str]:
        """Query parameters of the reader page: article, sentence and (for glossary drills) term, (for a
        saved word's cards) word."""
        params = {"article": self.article_id, "sentence": self.sentence_id}
        if self.term:
            params["term"] = self.term
        if self.word is not None:
            params["word"] = str(self.word)
        return params


@dataclass(frozen=True)
class EntryFacts:
    """What the feedback says about a drill's glossary entry, besides the answer ('' when it would repeat it)."""

    ar: str
    en: str
    romanization: str
    type_label: str
    description: str


def entry_facts(entry: Entry, shown_answer: str) -> EntryFacts:
    """``entry``'s names, type and description, leaving out whichever is the answer already shown
    next to "Correct answer" (the Arabic of an English→Arabic card, the type of a "What kind" card...)."""

    def unless_answer(value: str) -> str:
        return "" if display_option(value) == display_option(shown_answer) else value

    return EntryFacts(unless_answer(entry.ar), unless_answer(entry.en), entry.romanization,
                      unless_answer(TYPE_LABELS.get(entry.type, entry.type)), entry.description)


def display_option(text: str) -> str:
    """An option as shown: bidi controls removed, so an Arabic option is plain Arabic text and the
    page's right-to-left rule applies to it (the option's value, used for checking, is unchanged)."""
    return "".join(c for c in text if c not in BIDI_MARKS).strip()


def option_label(card: QuizCard, option: str) -> str:
    """The text of one option of ``card``: type names as the reader shows them, others verbatim."""
    if card.kind == "type":
        return TYPE_LABELS.get(option, option)
    return display_option(option)


def is_arabic_text(text: str) -> bool:
    """Mostly Arabic letters (options to be laid out right to left)."""
    return arabic_ratio(text) > 0.5


def evidence_for(card: QuizCard, corpus: Sequence[Article], glossary: Glossary, *, with_html: bool = True) -> Evidence | None:
    """The sentence that proves ``card``'s answer, or None when it is not in ``corpus``."""
    if not card.evidence:
        return None
    aid, _, sid = card.evidence.partition("/")
    art = next((a for a in corpus if a.id == aid), None)
    sent = art.sentence(sid) if art else None
    if art is None or sent is None:
        return None
    tokens = tokenize(sent.ar)
    word = card.word_index if card.word_index is not None and 0 <= card.word_index < len(tokens) else None
    marks = [WordMark(t.start, t.end, t.index, t.text) for t in tokens if t.index == word]
    markup = sentence_html(sent.ar, annotate(sent.ar, glossary), glossary, focus_entry=card.entry_id, words=marks,
                           open_word=word) if with_html else ""
    return Evidence(
        article_id=aid,
        sentence_id=sid,
        article_title_en=art.title_en,
        article_title_ar=art.title_ar,
        ar=sent.ar,
        en=art.reference.get(sid, ""),
        html=markup,
        link=reader_href(aid, sid, page=READER_PATH, word=word),
        term=card.entry_id,
        word=word,
    )
