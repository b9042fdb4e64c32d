"""The words of a text as vocabulary: each Arabic word's lemma (its best reading in its sentence, as
the word card shows it), and, for one learner's statuses, what the text holds for them: how many
distinct lemmas, how many of them new (the Library's "% new", the Reader's count), the underline of
each word, the lemmas "mark the rest known" would mark.

A lemma counts once per text, whatever its spellings (وبالأمن، الأمن، أمن: one lemma). Words the
lexicon does not read (mostly names and foreign words) have no lemma and are not counted; names
(inside a glossary name, or read as a proper noun) and numbers are ignored unless the learner gave
their lemma a status (``status.default_status``). A stored status wins over the default.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from bilingual.corpus import Article, Sentence
from bilingual.vocab.status import Status, default_status
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import mention_spans, ranked_readings
from bilingual.words.tokens import tokenize

__all__ = [
    "TextStats",
    "TextWord",
    "TextWords",
    "lemma_status",
    "text_stats",
    "text_words",
    "texts_by_id",
    "underlines",
    "untouched",
]

#: A learner's stored statuses: lemma key -> status number (``bilingual.store.vocab.statuses``).
Statuses = Mapping[str, int]


@dataclass(frozen=True)
class TextWord:
    """One Arabic word of a text that the lexicon reads."""

    sentence_id: str
    index: int  # its place among the sentence's Arabic words (``words.tokens.Token.index``)
    key: str  # the lemma key of its best reading in the sentence
    default: Status  # NEW, or IGNORED for a name or a number


@dataclass(frozen=True)
class TextWords:
    """Every word of one text with its lemma; ``tokens`` counts all its Arabic words (read or not)."""

    article_id: str
    tokens: int
    words: tuple[TextWord, ...]
    #: each lemma once, in reading order, with its default: NEW when any of its words is not a name
    lemmas: tuple[tuple[str, Status], ...] = ()


def text_words(article: Article, lexicon: Lexicon, mentions: Callable[[Sentence], Sequence] | None = None) -> TextWords:
    """The words of ``article``, each read in its sentence; ``mentions(sentence)`` gives the glossary
    mentions (``CorpusIndex.mentions``), whose words are names."""
    words: list[TextWord] = []
    tokens = 0
    for s in article.sentences:
        spans = mention_spans(mentions(s)) if mentions is not None else []
        found = tokenize(s.ar)
        tokens += len(found)
        for t, readings in zip(found, ranked_readings(s.ar, found, lexicon), strict=True):
            if readings:
                in_name = any(a < t.end and t.start < b for a, b, _ in spans)
                words.append(TextWord(s.id, t.index, readings[0].lemma_key, default_status(readings[0].pos, in_name=in_name)))
    defaults: dict[str, Status] = {}
    for w in words:
        if defaults.get(w.key) is not Status.NEW:
            defaults[w.key] = w.default
    return TextWords(article.id, tokens, tuple(words), tuple(defaults.items()))


def texts_by_id(articles: Sequence[Article], lexicon: Lexicon,
                mentions: Callable[[Sentence], Sequence] | None = None) -> Callable[[str], TextWords | None]:
    """article id -> its ``TextWords`` (read on first use, then kept), None for an id not in ``articles``."""
    by_id = {a.id: a for a in articles}
    done: dict[str, TextWords] = {}

    def words_of(article_id: str) -> TextWords | None:
        if article_id not in done and article_id in by_id:
            done[article_id] = text_words(by_id[article_id], lexicon, mentions)
        return done.get(article_id)

    return words_of


def lemma_status(key: str, default: Status, statuses: Statuses) -> Status:
    """The learner's status of a lemma: the stored one, else its default."""
    stored = statuses.get(key)
    return default if stored is None else Status(stored)


@dataclass(frozen=True)
class TextStats:
    """What a text holds for one learner."""

    words: int  # Arabic words of the text
    lemmas: int  # distinct lemmas, ignored ones left out
    new: int  # of them, new for the learner
    known: int  # of them, known
    learning: int  # of them, being learnt

    @property
    def share_new(self) -> float | None:
        """new / lemmas (None for a text without a lemma to learn)."""
        return self.new / self.lemmas if self.lemmas else None


def text_stats(text: TextWords, statuses: Statuses) -> TextStats:
    counted = [lemma_status(k, d, statuses) for k, d in text.lemmas]
    counted = [s for s in counted if s is not Status.IGNORED]
    return TextStats(text.tokens, len(counted), sum(1 for s in counted if s is Status.NEW),
                     sum(1 for s in counted if s is Status.KNOWN), sum(1 for s in counted if s.is_learning))


def untouched(text: TextWords, statuses: Statuses) -> list[str]:
    """The new lemmas the learner never gave a status (what "mark the rest known" marks), in reading order."""
    return [k for k, d in text.lemmas if d is Status.NEW and k not in statuses]


def underlines(text: TextWords, statuses: Statuses) -> dict[str, dict[int, str]]:
    """sentence id -> word index -> the word's underline class (``Status.css``; ignored words have none).
    A word of a name keeps its own default (ignored) unless the lemma has a stored status."""
    out: dict[str, dict[int, str]] = {}
    for w in text.words:
        css = lemma_status(w.key, w.default, statuses).css
        if css:
            out.setdefault(w.sentence_id, {})[w.index] = css
    return out
