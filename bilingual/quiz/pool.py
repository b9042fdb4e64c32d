"""Every quiz card of one learner: the curated corpus's (key facts, name drills), their imported
texts' (the names each contains: ``cards.library_cards``) and their saved words'
(``cards.vocabulary_cards``). The command line's counts and exports use it; the pages build the same
pool from their cached parts (``ui.data.quiz_pool``)."""

from __future__ import annotations

from collections.abc import Sequence

from bilingual.concordance import CorpusIndex, build_index
from bilingual.corpus import Article
from bilingual.glossary import Glossary
from bilingual.imports.texts import readable_articles
from bilingual.quiz.card import QuizCard
from bilingual.quiz.cards import cards_for, library_cards, vocabulary_cards
from bilingual.store import Store
from bilingual.vocab.saved import saved_words

__all__ = ["learner_pool"]


def learner_pool(store: Store, learner_id: int, corpus: Sequence[Article], glossary: Glossary, *,
                 index: CorpusIndex | None = None) -> tuple[list[QuizCard], tuple[Article, ...]]:
    """(every card of the learner, the library they come from: ``corpus`` and the texts the learner
    may read). ``index`` may hold the texts' mentions already (else they are found here)."""
    texts = tuple(readable_articles(store, reader=learner_id))
    index = index if index is not None else build_index(texts, glossary)
    cards = library_cards(cards_for(corpus, glossary), texts, index, glossary)
    return cards + vocabulary_cards(saved_words(store, learner_id)), (*corpus, *texts)
