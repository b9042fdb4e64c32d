"""What a word shows: its readings ranked in its sentence, its glossary entry or a "probably" name.

``read_sentence(text, lexicon, glossary)`` reads every Arabic token of a sentence: the readings
best first in context (``ranking``), folded into display rows (``analysis.group_lemmas``); a token
inside a glossary mention carries that entry (the reader shows its term card), and a token the
lexicon does not know may get a ``probably`` name (``names``); so may a token whose every reading
is a verb form news hardly uses (dual, feminine plural, 2nd person: يرفان is read "they two
glitter", بلنكن "(they, f.) urinate"), shown beside those readings. ``read_text`` does the same for a
whole text, sentence by sentence, with offsets into the text as given.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from bilingual.glossary import Glossary
from bilingual.matcher import matcher_for
from bilingual.text.segment import segment
from bilingual.words.analysis import Analysis, group_lemmas
from bilingual.words.lexicon import Lexicon
from bilingual.words.names import NameHint, hints_for
from bilingual.words.ranking import Context, rank
from bilingual.words.tokens import Token, tokenize

__all__ = ["WordInfo", "mention_spans", "ranked_readings", "read_sentence", "read_text"]


@dataclass(frozen=True)
class WordInfo:
    """One Arabic token and what the app knows about it."""

    token: Token
    analyses: tuple[Analysis, ...]  # display rows, best first in the sentence
    entry_id: str | None = None  # the glossary entry of the mention the token is part of
    probably: NameHint | None = None  # a glossary name it is probably a spelling of (unknown words only)

    @property
    def best(self) -> Analysis | None:
        return self.analyses[0] if self.analyses else None

    @property
    def lemma_key(self) -> str | None:
        return self.best.lemma_key if self.best else None


def ranked_readings(text: str, tokens: Sequence[Token], lexicon: Lexicon) -> list[list[Analysis]]:
    """Each token's readings ranked in ``text`` (ungrouped), left to right: the previous word's ranked
    readings and the next word's readings are its context."""
    out: list[list[Analysis]] = []
    readings = [lexicon.analyse(t.text) for t in tokens]
    for i in range(len(tokens)):
        nxt = readings[i + 1] if i + 1 < len(tokens) else ()
        out.append(rank(readings[i], Context.of(text, tokens, i, out[-1] if out else (), nxt)))
    return out


_RARE_PERSONS = frozenset({"3MD", "3FD", "3D", "3FP", "D", "FP"})


def _unlikely(readings: Sequence[Analysis]) -> bool:
    """No reading, or only verb forms a news text hardly uses (a respelt name often reads so)."""
    return all(a.pos == "VERB" and (a.person[:1] == "2" or a.person in _RARE_PERSONS) for a in readings)


def mention_spans(mentions: Sequence) -> list[tuple[int, int, str]]:
    """(start, end, entry id) of each glossary mention (``bilingual.matcher.Mention``), its attached
    proclitic included: the stretch of text whose words are the glossary's."""
    return [(m.prefix_start if m.prefix and m.prefix_start >= 0 else m.start, m.end, m.entry_id) for m in mentions]


def _mention_spans(text: str, glossary: Glossary) -> list[tuple[int, int, str]]:
    return mention_spans(matcher_for(glossary).find(text))


def read_sentence(text: str, lexicon: Lexicon, glossary: Glossary | None = None,
                  mentions: Sequence[tuple[int, int, str]] | None = None) -> list[WordInfo]:
    """Every Arabic token of ``text`` (one sentence) with its readings; with a glossary, its entry
    (``mentions`` as (start, end, entry id) when already known, else found here) and near-miss names."""
    tokens = tokenize(text)
    if glossary is not None and mentions is None:
        mentions = _mention_spans(text, glossary)
    hints = hints_for(glossary) if glossary is not None else None
    out = []
    for t, ranked in zip(tokens, ranked_readings(text, tokens, lexicon), strict=True):
        entry = next((eid for a, b, eid in mentions or () if a < t.end and t.start < b), None)
        probably = hints.probably(t.text) if hints is not None and entry is None and _unlikely(ranked) else None
        out.append(WordInfo(t, tuple(group_lemmas(ranked)), entry, probably))
    return out


def read_text(text: str, lexicon: Lexicon, glossary: Glossary | None = None) -> list[WordInfo]:
    """``read_sentence`` over each sentence of ``text`` (``bilingual.text.segment``); token offsets and
    indices are into the whole text."""
    spans = _mention_spans(text, glossary) if glossary is not None else []
    out: list[WordInfo] = []
    for seg in segment(text):
        local = [(a - seg.start, b - seg.start, e) for a, b, e in spans if a < seg.end and seg.start < b]
        for w in read_sentence(seg.text, lexicon, glossary, local):
            t = w.token
            out.append(replace(w, token=Token(t.text, t.start + seg.start, t.end + seg.start, len(out))))
    return out
