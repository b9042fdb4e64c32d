"""Vocabulary study, keyed by lemma (``words.analysis.Analysis.lemma_key``), never by spelling:
وبالأمن، الأمن and أمن are one word to learn. No Streamlit.

- ``status``: new / learning 1–4 / known / ignored, the word card's keys, the defaults (names and
  numbers ignored).
- ``statuses``: a learner's statuses in the database; "mark the rest known".
- ``text_words``: the words of a text with their lemmas; for one learner, a text's distinct lemmas
  and "% new", each word's underline, the untouched lemmas.
- ``saved``: saved words (lemma, spelling, sentence, chosen English), which become quiz cards
  (``bilingual.quiz.word_cards``).
- ``progress``: known words (the headline count) and saved words, day by day (not re-exported here:
  it uses the scheduler's clock, and ``bilingual.schedule`` imports the quiz, which imports ``saved``).
"""

from __future__ import annotations

from bilingual.vocab.saved import SavedWord, find_word, forget_word, gloss_options, save_word, saved_word, saved_words
from bilingual.vocab.status import KEYS, Status, default_status, parse_status
from bilingual.vocab.statuses import mark_known, set_status, status_of, statuses, words_known
from bilingual.vocab.text_words import TextStats, TextWords, text_stats, text_words, texts_by_id, underlines, untouched

__all__ = [
    "KEYS",
    "SavedWord",
    "Status",
    "TextStats",
    "TextWords",
    "default_status",
    "find_word",
    "forget_word",
    "gloss_options",
    "mark_known",
    "parse_status",
    "save_word",
    "saved_word",
    "saved_words",
    "set_status",
    "status_of",
    "statuses",
    "text_stats",
    "text_words",
    "texts_by_id",
    "underlines",
    "untouched",
    "words_known",
]
