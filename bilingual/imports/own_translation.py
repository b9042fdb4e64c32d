"""The learner's own English translation of an imported text, sentence by sentence.

An imported text has no human reference translation; the learner can write one. It is theirs (a
student's translation of a text a teacher shared is the student's), shown in the reader labelled
``YOUR_TRANSLATION`` and used as the reference when the machine translation is scored (chrF). It
goes with its text: deleting the text deletes every translation of it.
"""

from __future__ import annotations

from bilingual.corpus import Article
from bilingual.errors import VocabRefused
from bilingual.imports.texts import get_article, text_id_of
from bilingual.store import Store
from bilingual.store import own_translations as rows
from bilingual.text.sanitize import one_line

__all__ = ["MAX_CHARS", "YOUR_TRANSLATION", "own_translation", "set_own_sentence"]

#: How the reader labels it (every English text says where it comes from).
YOUR_TRANSLATION = "Your translation"
#: The longest translation of one sentence (as a curated reference sentence).
MAX_CHARS = 4000


def own_translation(store: Store, reader: int, article: Article) -> dict[str, str]:
    """sentence id -> the learner's English, for an imported text ({} for a curated article)."""
    text_id = text_id_of(article.id)
    return rows.for_text(store, reader, text_id) if text_id is not None else {}


def set_own_sentence(store: Store, reader: int, article_id: str, sentence_id: str, english: str) -> str:
    """Write the learner's translation of one sentence of an imported text they may read ('' removes
    it); returns it as stored (one line, no invisible characters). VocabRefused for a text or
    sentence that is not there, or a translation over ``MAX_CHARS``."""
    article = get_article(store, article_id, reader=reader)
    if article is None:
        raise VocabRefused("there is no such text (it may have been deleted)")
    if article.sentence(sentence_id) is None:
        raise VocabRefused(f"“{article.display_title}” has no sentence {sentence_id}")
    text = one_line(english)
    if len(text) > MAX_CHARS:
        raise VocabRefused(f"that translation is {len(text):,} characters long; at most {MAX_CHARS:,} a sentence")
    rows.set_sentence(store, reader, text_id_of(article.id), sentence_id, text)
    return text
