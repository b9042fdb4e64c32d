"""A lemma concordance: every sentence of the library where a word of the same lemma is read.

A sentence is listed when one of its tokens' best reading in context has the lemma key
(``Analysis.lemma_key``), so الأمن، وبالأمن and أمنها all list under أَمْن. Only sentences with a
token that *can* have the lemma are ranked, so a lookup costs one pass of cached analyses over the
library and the ranking of a few sentences.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from bilingual.corpus import Article, Sentence
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import ranked_readings
from bilingual.words.tokens import Token, tokenize

__all__ = ["LemmaLine", "lemma_concordance"]


@dataclass(frozen=True)
class LemmaLine:
    """One sentence of the library with the lemma: the word(s) there that have it."""

    article: Article
    sentence: Sentence
    tokens: tuple[Token, ...]


def lemma_concordance(lemma_key: str, articles: Iterable[Article], lexicon: Lexicon) -> list[LemmaLine]:
    """Every sentence (library order) in which a word's best reading has ``lemma_key``."""
    out = []
    for article in articles:
        for sentence in article.sentences:
            tokens = tokenize(sentence.ar)
            if not any(a.lemma_key == lemma_key for t in tokens for a in lexicon.analyse(t.text)):
                continue
            ranked = ranked_readings(sentence.ar, tokens, lexicon)
            hits = tuple(t for t, r in zip(tokens, ranked, strict=True) if r and r[0].lemma_key == lemma_key)
            if hits:
                out.append(LemmaLine(article, sentence, hits))
    return out
