"""Saved words: a lemma the learner wants to learn, with the spelling and the sentence they met it in
(article, sentence id, the word's place) and the English they chose for it. Saved words become quiz
cards (``bilingual.quiz.word_cards``). The sentence's Arabic is kept with the word, so its cards
stay whole even when the text it came from is deleted.

One saved word per lemma and learner: saving the lemma again (from another sentence, with another
gloss) replaces it. Saving a word the learner had not marked makes it "learning 1".
"""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.corpus import Article
from bilingual.errors import VocabRefused
from bilingual.store import Store
from bilingual.store import vocab as rows
from bilingual.text.keys import arabic_answer_key
from bilingual.text.sanitize import one_line
from bilingual.vocab.status import Status
from bilingual.vocab.statuses import set_status_if_new
from bilingual.words.analysis import Analysis
from bilingual.words.tokens import Token, tokenize

__all__ = ["MAX_GLOSS", "SavedWord", "find_word", "forget_word", "gloss_options", "save_word", "saved_word", "saved_words"]

#: The longest English a learner may give a saved word.
MAX_GLOSS = 200


@dataclass(frozen=True)
class SavedWord:
    lemma_key: str
    lemma: str  # the Arabic citation form, vowelled
    surface: str  # the word as met
    article_id: str
    sentence_id: str
    token_index: int
    sentence: str  # the sentence's Arabic
    gloss: str  # the English the learner chose
    created_at: str = ""

    @property
    def uid(self) -> str:
        """The sentence's corpus uid ``<article>/<sentence>``."""
        return f"{self.article_id}/{self.sentence_id}"

    @property
    def span(self) -> tuple[int, int]:
        """Where the word is in ``sentence`` ((0, 0) when the sentence no longer has it)."""
        tokens = tokenize(self.sentence)
        if 0 <= self.token_index < len(tokens):
            return tokens[self.token_index].start, tokens[self.token_index].end
        return 0, 0


def gloss_options(readings: tuple[Analysis, ...] | list[Analysis], *, shown: int = 3) -> list[tuple[int, str]]:
    """What the word card offers to save as the word's English: each sense of the first ``shown``
    readings, as (reading's position, the sense's glosses joined), best first, each text once."""
    out: list[tuple[int, str]] = []
    seen: set[str] = set()
    for n, a in enumerate(readings[:shown]):
        for sense in a.senses:
            text = "; ".join(sense)
            if text and text not in seen:
                seen.add(text)
                out.append((n, text))
    return out


def find_word(sentence: str, word: str) -> Token | None:
    """The first Arabic word of ``sentence`` that is ``word`` (diacritics, hamza forms, ى/ي and ة/ه aside)."""
    want = arabic_answer_key(word)
    return next((t for t in tokenize(sentence) if want and arabic_answer_key(t.text) == want), None)


def _row_to_saved(r) -> SavedWord:
    return SavedWord(r["lemma_key"], r["lemma"], r["surface"], r["article_id"], r["sentence_id"], int(r["token_index"]),
                     r["sentence"], r["gloss"], r["created_at"])


def save_word(store: Store, owner: int, article: Article, sentence_id: str, token_index: int, reading: Analysis,
              gloss: str) -> SavedWord:
    """Save word ``token_index`` of a sentence with one of its readings and an English gloss
    (VocabRefused for a sentence or word that is not there, a reading of another word, an empty or too
    long gloss)."""
    sentence = article.sentence(sentence_id)
    if sentence is None:
        raise VocabRefused(f"there is no sentence “{sentence_id}” in “{article.display_title}”")
    tokens = tokenize(sentence.ar)
    if not 0 <= token_index < len(tokens):
        raise VocabRefused(f"sentence {sentence.uid} has no word {token_index}")
    token = tokens[token_index]
    if arabic_answer_key(reading.word) != arabic_answer_key(token.text):
        raise VocabRefused(f"that reading is of «{reading.word}», not of «{token.text}»")
    text = one_line(gloss)
    if not text:
        raise VocabRefused("give the word an English meaning to learn it by")
    if len(text) > MAX_GLOSS:
        raise VocabRefused(f"the English is {len(text)} characters long; at most {MAX_GLOSS}")
    row = {"lemma_key": reading.lemma_key, "lemma": reading.lemma, "surface": token.text, "article_id": article.id,
           "sentence_id": sentence.id, "token_index": token_index, "sentence": sentence.ar, "gloss": text}
    with store.transaction():
        rows.save(store, owner, row)
        set_status_if_new(store, owner, reading.lemma_key, Status.LEARNING_1)
    return saved_word(store, owner, reading.lemma_key)


def saved_words(store: Store, owner: int) -> list[SavedWord]:
    """The learner's saved words, in the order they saved them."""
    return [_row_to_saved(r) for r in rows.saved_rows(store, owner)]


def saved_word(store: Store, owner: int, lemma_key: str) -> SavedWord | None:
    r = rows.get_saved(store, owner, lemma_key)
    return None if r is None else _row_to_saved(r)


def forget_word(store: Store, owner: int, lemma_key: str) -> bool:
    """Remove a saved word (its status stays; its quiz cards are no longer made)."""
    return rows.delete_saved(store, owner, lemma_key)
