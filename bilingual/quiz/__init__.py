"""Quizzes: hand-written key-fact questions (``questions``), the card (``card``), the registry of card
kinds (``cards``; a saved word's kinds in ``word_cards``), answer matching (``answers``), the evidence
shown in feedback (``evidence``) and the Anki/CSV export (``export``). The few names the pages use
most are re-exported here.
"""

from bilingual.quiz.cards import (
    KIND_LABELS,
    KINDS,
    WORD_KINDS,
    QuizCard,
    cards_for,
    check_answer,
    filter_cards,
    library_cards,
    vocabulary_cards,
)
from bilingual.quiz.evidence import display_option, entry_facts, evidence_for, is_arabic_text, option_label
from bilingual.quiz.questions import load_questions, questions_signature
from bilingual.quiz.word_cards import context_html

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "WORD_KINDS",
    "QuizCard",
    "cards_for",
    "check_answer",
    "context_html",
    "display_option",
    "entry_facts",
    "evidence_for",
    "filter_cards",
    "is_arabic_text",
    "library_cards",
    "load_questions",
    "option_label",
    "questions_signature",
    "vocabulary_cards",
]
