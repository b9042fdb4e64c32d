"""The quiz card: one schedulable question, whatever its kind, and what every kind's builder and
export faces share (the seeded order of options, escaped Arabic blocks). The kinds themselves are in
``bilingual.quiz.cards`` (the registry) and their modules (``word_cards`` for saved words)."""

from __future__ import annotations

import hashlib
import html
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from types import MemberDescriptorType
from typing import NamedTuple

__all__ = ["BLANK", "LABELS", "Deferred", "QuizCard", "ar_html", "options_html", "seeded_rng", "shuffled"]

BLANK = "ـــــ؟ـــــ"
#: kind -> what it asks, as the learner reads it (filled by the registry, ``bilingual.quiz.cards``)
LABELS: dict[str, str] = {}


class _MadeOnUse:
    """The ``options`` of a card: a tuple, or made the first time they are read when the card was
    given a ``Deferred``: with thousands of personal terms, making every card's wrong options up
    front would cost seconds on the Quiz's first load, for the few cards a session shows. Wraps the
    field's slot (``slot``), where the value is kept."""

    def __init__(self, slot: MemberDescriptorType) -> None:
        self.slot = slot

    def __get__(self, card: object, owner: type | None = None) -> tuple[str, ...]:
        if card is None:
            return ()
        value = self.slot.__get__(card, owner)
        if isinstance(value, Deferred):
            value = value.make(card, *value.args)
            self.slot.__set__(card, value)
        return value

    def __set__(self, card: object, value: object) -> None:
        self.slot.__set__(card, value)

    def held(self, card: object) -> object:
        """What the slot holds, without making deferred options."""
        return self.slot.__get__(card, type(card))


class Deferred(NamedTuple):
    """Options to make on first use: ``make(card, *args)`` (``QuizCard(options=Deferred(fn, args))``);
    ``empty`` is what ``typed`` needs. Made from the card itself, so that one ``Deferred`` serves every
    card of a kind: thousands of cards are made at once, most never shown."""

    make: Callable[..., tuple[str, ...]]
    args: tuple = ()
    empty: bool = False


@dataclass(slots=True)
class QuizCard:
    """One schedulable card; ``options`` empty means the answer is typed (``Deferred``: made on first use).

    A value: never assign to a card's fields (cards are cached and shared by every session), make
    another with ``dataclasses.replace``. Not ``frozen``: a learner with 10,000 personal terms has
    30,000 cards, made at the Quiz's first load, and a frozen dataclass's ``__init__`` costs about
    four times as much (``object.__setattr__`` per field).
    """

    id: str
    kind: str
    article_id: str | None
    evidence: str | None  # corpus uid "<article>/<sentence>", None when the name is not in the corpus
    entry_id: str | None
    prompt_en: str
    answer: str  # the answer shown as correct
    answer_lang: str  # "en" or "ar"
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    prompt_ar: str = ""  # the Arabic shown with the prompt (a name, a blanked sentence, a question)
    # Arabic version of a fact question, for advanced learners
    question_ar: str = ""
    answer_ar: str = ""
    options_ar: tuple[str, ...] = ()
    accept_typed_en: bool = False  # fact/ar-en cards may also be answered by typing English
    #: the other texts the card belongs to besides ``article_id`` (the learner's imported texts that name its entry)
    texts: tuple[str, ...] = ()
    #: a saved word's card: its lemma key (the word's cards are siblings), its sentence and where the word is in it
    word: str = ""
    context_ar: str = ""
    word_span: tuple[int, int] = (0, 0)
    word_index: int | None = None  # the word's place among the sentence's Arabic words (opens its card in the reader)

    @property
    def typed(self) -> bool:
        held = _OPTIONS.held(self)
        return held.empty if isinstance(held, Deferred) else not held

    @property
    def label(self) -> str:
        return LABELS.get(self.kind, self.kind)

    def belongs_to(self, article_id: str) -> bool:
        """The card is one of ``article_id``'s (its own article, or a text that names its entry)."""
        return self.article_id == article_id or article_id in self.texts


_OPTIONS = QuizCard.options = _MadeOnUse(QuizCard.options)  # the field's values go through it (see _MadeOnUse)


def seeded_rng(card_id: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(card_id.encode("utf-8")).digest()[:8], "big"))


def shuffled(card_id: str, answer: str, wrong: Sequence[str]) -> tuple[str, ...]:
    """The answer among the wrong options, in an order fixed by the card id."""
    opts = [answer, *wrong]
    seeded_rng(card_id + "#order").shuffle(opts)
    return tuple(opts)


def ar_html(text: str, cls: str = "ar") -> str:
    """Arabic text as an escaped right-to-left block."""
    return f'<div class="{cls}" dir="rtl" lang="ar">{html.escape(text)}</div>'


def options_html(opts: Sequence[str], arabic: bool = False) -> str:
    items = "".join(f"<li>{html.escape(o)}</li>" for o in opts)
    if arabic:
        return f'<ol class="options ar" dir="rtl" lang="ar">{items}</ol>'
    return f'<ol class="options">{items}</ol>'
