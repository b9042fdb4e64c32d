"""Quizzes: hand-written key-fact questions (``questions``), cards and the registry of card kinds
(``cards``), answer matching (``answers``), the evidence shown in feedback (``evidence``) and the
Anki/CSV export (``export``). The names the pages and the command line need are re-exported here.
"""

from bilingual.quiz.answers import Verdict, arabic_matches, english_matches
from bilingual.quiz.cards import (
    BLANK,
    GLOSSARY_KINDS,
    KIND_LABELS,
    KIND_REGISTRY,
    KINDS,
    CardKind,
    QuizCard,
    build_cards,
    cards_for,
    check_answer,
    entry_of,
    filter_cards,
    mention_index,
)
from bilingual.quiz.evidence import Evidence, display_option, evidence_for, is_arabic_text, option_label
from bilingual.quiz.questions import (
    MIN_QUESTIONS_PER_ARTICLE,
    N_DISTRACTORS,
    FactQuestion,
    coverage_warnings,
    load_questions,
    parse_questions,
    questions_signature,
)

__all__ = [
    "BLANK",
    "GLOSSARY_KINDS",
    "KINDS",
    "KIND_LABELS",
    "KIND_REGISTRY",
    "MIN_QUESTIONS_PER_ARTICLE",
    "N_DISTRACTORS",
    "CardKind",
    "Evidence",
    "FactQuestion",
    "QuizCard",
    "Verdict",
    "arabic_matches",
    "build_cards",
    "cards_for",
    "check_answer",
    "coverage_warnings",
    "display_option",
    "english_matches",
    "entry_of",
    "evidence_for",
    "filter_cards",
    "is_arabic_text",
    "load_questions",
    "mention_index",
    "option_label",
    "parse_questions",
    "questions_signature",
]
