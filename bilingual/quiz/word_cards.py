"""Quiz cards of a saved word (``bilingual.vocab.saved.SavedWord``): three kinds, registered in
``bilingual.quiz.cards.KIND_REGISTRY``. Each card carries the sentence the word was met in.

============  ================================  ==============================================
kind          id                                what is asked
============  ================================  ==============================================
word-meaning  ``word-meaning:<lemma key>``      the word in its sentence → its English (choose
                                                among other saved words' English, or type it)
word-recall   ``word-recall:<lemma key>``       the English → type the Arabic word
word-cloze    ``word-cloze:<lemma key>``        the sentence with the word blanked → the word
                                                (choose among other saved words, or type it)
============  ================================  ==============================================

A typed Arabic word is checked by the Arabic answer key (``text.keys.arabic_answer_key``: diacritics,
hamza forms, ى/ي and ة/ه tolerated), and, unlike a name (``quiz.answers``), its clitics are tolerated
too: الأمن، وبالأمن and أمن all answer أَمْن (``text.clitics.clitic_readings``). Options come from the
learner's other saved words (a choice needs three of them; with fewer the answer is typed), picked by
a RNG seeded with the card id, so a card asks the same thing every time.
"""

from __future__ import annotations

import html
import re
from collections.abc import Callable, Sequence

from bilingual.quiz.card import BLANK, QuizCard, ar_html, options_html, seeded_rng, shuffled
from bilingual.quiz.questions import N_DISTRACTORS
from bilingual.text.clitics import clitic_readings
from bilingual.text.keys import arabic_answer_key, english_answer_key
from bilingual.vocab.saved import SavedWord

__all__ = [
    "WORD_KINDS",
    "check_word_arabic",
    "check_word_english",
    "cloze_card",
    "context_html",
    "meaning_card",
    "recall_card",
    "word_faces",
]

WORD_KINDS = ("word-meaning", "word-recall", "word-cloze")
_SPLIT = re.compile(r"\s*[;|,/]\s*")
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


def _glosses(gloss: str) -> tuple[str, ...]:
    """The gloss and each of its alternatives ("security; safety" → also "security", "safety"), with
    and without a bracketed remark."""
    parts = [gloss, *_SPLIT.split(gloss)]
    parts += [_PARENS.sub(" ", p).strip() for p in parts]
    return tuple(dict.fromkeys(p for p in parts if p))


def _readings(text: str) -> set[str]:
    key = arabic_answer_key(text)
    return clitic_readings(key) if key else set()


def _pick(card_id: str, word: SavedWord, others: Sequence[SavedWord], value: Callable[[SavedWord], str],
          clash: Callable[[str, str], bool]) -> list[str]:
    """``N_DISTRACTORS`` other saved words' values (none that could also be right), or [] when there are too few."""
    pool = sorted((o for o in others if o.lemma_key != word.lemma_key), key=lambda o: o.lemma_key)
    seeded_rng(card_id).shuffle(pool)
    chosen: list[str] = []
    for o in pool:
        v = value(o)
        if v and not clash(v, value(word)) and not any(clash(v, c) for c in chosen):
            chosen.append(v)
        if len(chosen) == N_DISTRACTORS:
            return chosen
    return []


def _english_clash(a: str, b: str) -> bool:
    return bool({english_answer_key(x) for x in _glosses(a)} & {english_answer_key(x) for x in _glosses(b)})


def _arabic_clash(a: str, b: str) -> bool:
    return bool(_readings(a) & _readings(b))


def _base(word: SavedWord, kind: str) -> dict:
    return {"id": f"{kind}:{word.lemma_key}", "kind": kind, "article_id": word.article_id, "evidence": word.uid,
            "entry_id": None, "word": word.lemma_key, "context_ar": word.sentence, "word_span": word.span,
            "word_index": word.token_index}


def meaning_card(word: SavedWord, others: Sequence[SavedWord]) -> QuizCard:
    base = _base(word, "word-meaning")
    wrong = _pick(base["id"], word, others, lambda w: w.gloss, _english_clash)
    return QuizCard(**base, prompt_en="What does this word mean here?", prompt_ar=word.surface, answer=word.gloss,
                    answer_lang="en", options=shuffled(base["id"], word.gloss, wrong) if wrong else (),
                    accepted=_glosses(word.gloss), accept_typed_en=True)


def recall_card(word: SavedWord, others: Sequence[SavedWord]) -> QuizCard:
    return QuizCard(**_base(word, "word-recall"), prompt_en=f"Type the Arabic word for: {word.gloss}", answer=word.lemma,
                    answer_lang="ar", accepted=(word.lemma, word.surface))


def cloze_card(word: SavedWord, others: Sequence[SavedWord]) -> QuizCard | None:
    a, b = word.span
    if a == b:
        return None
    base = _base(word, "word-cloze")
    wrong = _pick(base["id"], word, others, lambda w: w.surface, _arabic_clash)
    return QuizCard(**base, prompt_en=f"Which word fills the blank? ({word.gloss})", prompt_ar=word.sentence[:a] + BLANK + word.sentence[b:],
                    answer=word.surface, answer_lang="ar", options=shuffled(base["id"], word.surface, wrong) if wrong else (),
                    accepted=(word.surface, word.lemma))


def check_word_english(card: QuizCard, response: str, glossary: object = None) -> bool:
    """A chosen option, or a typed English: the gloss or one of its alternatives."""
    r = english_answer_key(response)
    return bool(r) and r in {english_answer_key(a) for a in card.accepted}


def check_word_arabic(card: QuizCard, response: str, glossary: object = None) -> bool:
    """The word, with or without clitics, diacritics, hamza forms, ى/ي, ة/ه (see the module doc)."""
    got = _readings(response)
    return bool(got) and any(got & _readings(a) for a in card.accepted)


def context_html(card: QuizCard, cls: str = "word-hit") -> str:
    """The card's sentence as escaped HTML, the word marked (``<mark class="word-hit">``)."""
    a, b = card.word_span
    s = card.context_ar
    if a == b:
        return html.escape(s)
    return f'{html.escape(s[:a])}<mark class="{cls}">{html.escape(s[a:b])}</mark>{html.escape(s[b:])}'


def word_faces(card: QuizCard) -> tuple[str, str]:
    """Front and back for Anki: the question (the word-meaning card shows the sentence, the word
    marked), then the answer (the export puts the whole sentence, the word marked, under every back)."""
    sentence = f'<div class="ar word-context" dir="rtl" lang="ar">{context_html(card)}</div>'
    front = f"<div>{html.escape(card.prompt_en)}</div>"
    if card.kind == "word-meaning":
        front += ar_html(card.prompt_ar, "ar word-shown") + sentence
    elif card.prompt_ar:
        front += ar_html(card.prompt_ar)
    if card.options:
        front += options_html(card.options, arabic=card.answer_lang == "ar")
    if card.answer_lang == "ar":
        back = f'<div class="answer ar" dir="rtl" lang="ar">{html.escape(card.answer)}</div>'
    else:
        back = f'<div class="answer">{html.escape(card.answer)}</div>'
    return front, back
