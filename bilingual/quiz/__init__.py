"""Quizzes: hand-written key-fact questions (``questions``), cards and the registry of card kinds
(``cards``), answer matching (``answers``), the evidence shown in feedback (``evidence``) and the
Anki/CSV export (``export``). The few names the pages use most are re-exported here.
"""

from bilingual.quiz.cards import KIND_LABELS, KINDS, QuizCard, cards_for, check_answer, filter_cards
from bilingual.quiz.evidence import display_option, entry_facts, evidence_for, is_arabic_text, option_label
from bilingual.quiz.questions import load_questions, questions_signature

__all__ = [
    "KINDS",
    "KIND_LABELS",
    "QuizCard",
    "cards_for",
    "check_answer",
    "display_option",
    "entry_facts",
    "evidence_for",
    "filter_cards",
    "is_arabic_text",
    "load_questions",
    "option_label",
    "questions_signature",
]
