"""Quiz cards and the registry of card kinds.

Every card points back to the sentence that proves its answer (``QuizCard.evidence``, a corpus uid
``<article>/<sentence>``), so feedback can show that sentence and link into the reader. Card ids are
stable: they key the learner's scheduling state and the Anki GUIDs.

One ``CardKind`` per kind, in ``KIND_REGISTRY`` (the one place that defines a kind: how its cards
are made, how an answer is checked, its faces for export):

=========  ==============================  ===============================================
kind       id                              what is asked
=========  ==============================  ===============================================
fact       ``fact:<article>/<question>``   a key fact of an article (multiple choice, or
                                           typed in English; asked in English or Arabic)
ar-en      ``ar-en:<entry>``               Arabic name → English (multiple choice)
en-ar      ``en-ar:<entry>``               English name → Arabic (typed)
cloze      ``cloze:<entry>``               a corpus sentence with the name blanked
                                           (multiple choice of Arabic names)
type       ``type:<entry>``                is this name a person, place, organization...?
=========  ==============================  ===============================================

and the three kinds of a saved word (``word-meaning``, ``word-recall``, ``word-cloze``: see
``bilingual.quiz.word_cards``). An imported text of the learner adds a cloze card for each name it
contains (``cloze:<text>/<entry>``, from its first mention there) and lists the drills of those names
as its own (``QuizCard.texts``): see ``library_cards``.

Distractors of generated drills come from entries of the same type, chosen deterministically
(a ``random.Random`` seeded by the card id), and options are shuffled the same way.
"""

from __future__ import annotations

import html
import random
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from operator import attrgetter
from pathlib import Path

from bilingual.concordance import CorpusIndex
from bilingual.corpus import Article, Sentence
from bilingual.glossary import ENTRY_TYPES, Entry, Glossary
from bilingual.matcher import Mention, annotate
from bilingual.quiz import word_cards
from bilingual.quiz.answers import Verdict, arabic_matches, clitic_note, english_matches
from bilingual.quiz.card import BLANK, LABELS, Deferred, QuizCard, ar_html, options_html, seeded_rng, shuffled
from bilingual.quiz.questions import N_DISTRACTORS, FactQuestion, load_questions, questions_signature
from bilingual.text.keys import arabic_answer_key, english_answer_key
from bilingual.vocab.saved import SavedWord

__all__ = [
    "BLANK",
    "Deferred",
    "GLOSSARY_KINDS",
    "KINDS",
    "KIND_LABELS",
    "KIND_REGISTRY",
    "WORD_KINDS",
    "CardKind",
    "QuizCard",
    "build_cards",
    "cards_by_article",
    "cards_for",
    "check_answer",
    "entry_of",
    "filter_cards",
    "library_cards",
    "mention_index",
    "pick_distractors",
    "seeded_rng",
    "shuffled",
    "sibling_of",
    "vocabulary_cards",
]

#: A glossary entry's mentions in the corpus: (article, sentence, mention), text paragraphs first.
Hits = Sequence[tuple[Article, Sentence, Mention]]


#: a pool of wrong options up to this size is shuffled whole; a larger one (thousands of personal
#: terms) is sampled, so making every card costs the same per card whatever the glossary's size
SHUFFLED_POOL = 256


Pools = dict[str, tuple[tuple[Entry, ...], tuple[Entry, ...]]]


@dataclass
class _Shared:
    """What the drills of one glossary share, made once per glossary: the deferred options of its
    name drills (one for all English-option cards, one for all Arabic-option cards) and the pools
    their wrong options are drawn from (made on the first draw)."""

    glossary: Glossary
    english: Deferred
    arabic: Deferred
    pools: Pools | None = None


#: the last glossary's, by identity (hashing a glossary of 10,000 entries for every card would cost
#: as much as the cards)
_last_shared: list[_Shared] = []


def _shared(glossary: Glossary) -> _Shared:
    if not _last_shared or _last_shared[0].glossary is not glossary:
        _last_shared[:] = [_Shared(glossary, Deferred(_name_options, (glossary, attrgetter("en"), english_answer_key)),
                                   Deferred(_name_options, (glossary, attrgetter("ar"), arabic_answer_key)))]
    return _last_shared[0]


def _pools(glossary: Glossary, entry_type: str) -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
    """(entries of ``entry_type``, entries of the other types), each sorted by id (made once per glossary)."""
    shared = _shared(glossary)
    if shared.pools is None:
        ordered = sorted(glossary, key=lambda e: e.id)
        types = {e.type for e in ordered}
        shared.pools = {t: (tuple(e for e in ordered if e.type == t), tuple(e for e in ordered if e.type != t)) for t in types}
    pools = shared.pools
    if entry_type not in pools:  # an entry that is not in the glossary: every entry is of another type
        pools[entry_type] = ((), tuple(sorted(glossary, key=lambda e: e.id)))
    return pools[entry_type]


def _in_random_order(rng: random.Random, pool: Sequence[Entry], skip_id: str, enough: int) -> Iterator[Entry]:
    """The entries of ``pool`` but ``skip_id`` in an order drawn from ``rng``: a small pool shuffled
    whole, a large one sampled (``enough`` draws first, then the rest in shuffled order)."""
    if len(pool) <= SHUFFLED_POOL:
        picked = [e for e in pool if e.id != skip_id]
        rng.shuffle(picked)
        yield from picked
        return
    first = rng.sample(range(len(pool)), min(len(pool), enough))
    yield from (pool[i] for i in first if pool[i].id != skip_id)
    drawn = set(first)
    rest = [e for i, e in enumerate(pool) if i not in drawn and e.id != skip_id]
    rng.shuffle(rest)
    yield from rest


def pick_distractors(
    card_id: str, entry: Entry, glossary: Glossary, render: Callable[[Entry], str], key: Callable[[str], str], n: int = N_DISTRACTORS
) -> list[str]:
    """``n`` wrong options: entries of the same type first, chosen by a RNG seeded with the card id.

    ``render(entry) -> str`` gives the option text; options whose ``key`` equals one of the
    entry's own forms (or each other) are skipped. Other types fill in when a type is too small.
    """
    rng = seeded_rng(card_id)
    own = {key(f) for f in (*entry.ar_forms, *entry.en_forms)}
    chosen: list[str] = []
    keys: set[str] = set(own)
    same, other = _pools(glossary, entry.type)
    for pool in (same, other):
        for e in _in_random_order(rng, pool, entry.id, 8 * n):
            if len(chosen) >= n:
                return chosen
            text = render(e)
            k = key(text)
            if not k or k in keys:
                continue
            keys.add(k)
            chosen.append(text)
    return chosen


# --- how each kind makes its cards -----------------------------------------------------------


def _fact(q: FactQuestion) -> QuizCard:
    return QuizCard(
        id=q.card_id,
        kind="fact",
        article_id=q.article_id,
        evidence=q.evidence_uid,
        entry_id=None,
        prompt_en=q.question_en,
        answer=q.answer_en,
        answer_lang="en",
        options=shuffled(q.card_id, q.answer_en, q.distractors_en),
        accepted=(q.answer_en, *q.accept_en),
        question_ar=q.question_ar,
        answer_ar=q.answer_ar,
        options_ar=shuffled(q.card_id + "#ar", q.answer_ar, q.distractors_ar),
        accept_typed_en=True,
    )


def _where(hits: Hits) -> tuple[str | None, str | None]:
    """(article id, evidence uid) of an entry's first mention."""
    return (hits[0][0].id, hits[0][1].uid) if hits else (None, None)


def _entry_of_card(card: QuizCard, glossary: Glossary) -> Entry:
    entry = glossary.get(card.entry_id or "")
    if entry is None:
        raise KeyError(f"{card.id}: its entry is not in the glossary")
    return entry


def _name_options(card: QuizCard, glossary: Glossary, render: Callable[[Entry], str], key: Callable[[str], str]) -> tuple[str, ...]:
    """The options of a name drill: its answer among other entries' names (see ``pick_distractors``)."""
    return shuffled(card.id, card.answer, pick_distractors(card.id, _entry_of_card(card, glossary), glossary, render, key))


def _type_options(card: QuizCard) -> tuple[str, ...]:
    """The options of a type drill: the entry's type among other types."""
    others = [t for t in ENTRY_TYPES if t != card.answer]
    return shuffled(card.id, card.answer, seeded_rng(card.id).sample(others, min(N_DISTRACTORS, len(others))))


_TYPE_OPTIONS = Deferred(_type_options)
#: what a type drill accepts, one tuple per type (shared by the cards, as their options are)
_TYPE_ANSWERS = {t: (str(t),) for t in ENTRY_TYPES}


def _ar_en(entry: Entry, glossary: Glossary, hits: Hits) -> QuizCard:
    cid = f"ar-en:{entry.id}"
    art_id, evidence = _where(hits)
    return QuizCard(
        id=cid, kind="ar-en", article_id=art_id, evidence=evidence, entry_id=entry.id,
        prompt_en="What is this name in English?", prompt_ar=entry.ar,
        answer=entry.en, answer_lang="en", options=_shared(glossary).english,
        accepted=entry.en_forms, accept_typed_en=True,
    )


def _en_ar(entry: Entry, glossary: Glossary, hits: Hits) -> QuizCard:
    art_id, evidence = _where(hits)
    return QuizCard(
        id=f"en-ar:{entry.id}", kind="en-ar", article_id=art_id, evidence=evidence, entry_id=entry.id,
        prompt_en=f"Type the Arabic for: {entry.en}",
        answer=entry.ar, answer_lang="ar", accepted=entry.ar_forms,
    )


def _cloze(entry: Entry, glossary: Glossary, hits: Hits) -> QuizCard | None:
    if not hits:
        return None
    art, sent, m = hits[0]
    cid = f"cloze:{entry.id}"
    surface = sent.ar[m.start:m.end]
    return QuizCard(
        id=cid, kind="cloze", article_id=art.id, evidence=sent.uid, entry_id=entry.id,
        prompt_en="Which name fills the blank?", prompt_ar=sent.ar[: m.start] + BLANK + sent.ar[m.end:],
        answer=surface, answer_lang="ar", options=_shared(glossary).arabic,
        accepted=(surface, *entry.ar_forms),
    )


def _type(entry: Entry, glossary: Glossary, hits: Hits) -> QuizCard | None:
    if entry.type == "other":
        return None
    cid = f"type:{entry.id}"
    art_id, evidence = _where(hits)
    return QuizCard(
        id=cid, kind="type", article_id=art_id, evidence=evidence, entry_id=entry.id,
        prompt_en="What kind of name is this?", prompt_ar=entry.ar,
        answer=str(entry.type), answer_lang="en", options=_TYPE_OPTIONS,
        accepted=_TYPE_ANSWERS[entry.type],
    )


# --- how each kind checks an answer ----------------------------------------------------------


def _check_english(card: QuizCard, response: str, glossary: Glossary | None) -> bool:
    return english_matches(response, card.accepted)


def _article_optional(card: QuizCard, glossary: Glossary | None) -> bool:
    """A person's name is typed as written; other names may take or drop ال (see ``quiz.answers``)."""
    entry = glossary.get(card.entry_id) if glossary is not None and card.entry_id else None
    return entry is None or entry.type != "person"


def _check_arabic_name(card: QuizCard, response: str, glossary: Glossary | None) -> bool:
    """An accepted Arabic form (hamza, ى/ي, ة/ه, diacritics tolerated; no clitic glued on: see
    ``quiz.answers``), but never exactly another entry's name even when dropping the article would
    make it fit."""
    if not arabic_matches(response, card.accepted, article_optional=_article_optional(card, glossary)):
        return False
    if glossary is None or not card.entry_id:
        return True
    r = arabic_answer_key(response)
    if r in {arabic_answer_key(f) for f in card.accepted}:
        return True
    return not any(r == arabic_answer_key(f) for e in glossary if e.id != card.entry_id for f in e.ar_forms)


def _check_type(card: QuizCard, response: str, glossary: Glossary | None) -> bool:
    return english_answer_key(response) == english_answer_key(card.answer)


# --- faces for export (escaped HTML) ---------------------------------------------------------


def _faces(card: QuizCard, question_ar: str = "", answer_ar: str = "") -> tuple[str, str]:
    front = f"<div>{html.escape(card.prompt_en)}</div>"
    for arabic in (card.prompt_ar, question_ar):
        if arabic:
            front += ar_html(arabic)
    if card.options:
        front += options_html(card.options, arabic=card.answer_lang == "ar")
    back = f'<div class="answer">{html.escape(card.answer)}</div>' if card.answer_lang == "en" else (
        f'<div class="answer ar" dir="rtl" lang="ar">{html.escape(card.answer)}</div>'
    )
    if answer_ar:
        back += f'<div class="answer ar" dir="rtl" lang="ar">{html.escape(answer_ar)}</div>'
    return front, back


def _standard_faces(card: QuizCard) -> tuple[str, str]:
    return _faces(card)


def _fact_faces(card: QuizCard) -> tuple[str, str]:
    """A key fact shows its Arabic question and answer too."""
    return _faces(card, card.question_ar, card.answer_ar)


# --- the registry ----------------------------------------------------------------------------


@dataclass(frozen=True)
class CardKind:
    """Everything one kind of card needs: made from a question or from a glossary entry."""

    name: str
    label: str
    check: Callable[[QuizCard, str, Glossary | None], bool]
    faces: Callable[[QuizCard], tuple[str, str]] = _standard_faces
    #: for a kind made from a question
    from_question: Callable[[FactQuestion], QuizCard] | None = None
    #: for a drill of one glossary entry (siblings: the drills of one entry give each other away)
    from_entry: Callable[[Entry, Glossary, Hits], QuizCard | None] | None = None
    #: for a card of a saved word, given the learner's other saved words (siblings: one word's cards)
    from_word: Callable[[SavedWord, Sequence[SavedWord]], QuizCard | None] | None = None

    @property
    def per_entry(self) -> bool:
        return self.from_entry is not None


#: Every kind, in the order cards are listed and sessions interleave them.
KIND_REGISTRY: dict[str, CardKind] = {
    k.name: k
    for k in (
        CardKind("fact", "Key facts", _check_english, _fact_faces, from_question=_fact),
        CardKind("ar-en", "Arabic name → English", _check_english, from_entry=_ar_en),
        CardKind("en-ar", "English name → Arabic (typed)", _check_arabic_name, from_entry=_en_ar),
        CardKind("cloze", "Fill the blank", _check_arabic_name, from_entry=_cloze),
        CardKind("type", "What kind of name?", _check_type, from_entry=_type),
        CardKind("word-meaning", "Saved word → English", word_cards.check_word_english,
                 word_cards.word_faces, from_word=word_cards.meaning_card),
        CardKind("word-recall", "English → saved word (typed)", word_cards.check_word_arabic,
                 word_cards.word_faces, from_word=word_cards.recall_card),
        CardKind("word-cloze", "Saved word in its sentence", word_cards.check_word_arabic,
                 word_cards.word_faces, from_word=word_cards.cloze_card),
    )
}
KINDS = tuple(KIND_REGISTRY)
GLOSSARY_KINDS = tuple(k.name for k in KIND_REGISTRY.values() if k.per_entry)
WORD_KINDS = tuple(k.name for k in KIND_REGISTRY.values() if k.from_word is not None)
KIND_LABELS = LABELS
LABELS.update({k.name: k.label for k in KIND_REGISTRY.values()})


def entry_of(card_id: str) -> str | None:
    """The glossary entry a drill card is about (``cloze:<text>/<entry>`` too; None for other cards)."""
    kind, _, rest = card_id.partition(":")
    return rest.rpartition("/")[2] if kind in GLOSSARY_KINDS and rest else None


def sibling_of(card_id: str) -> str | None:
    """What a card's siblings share (they give each other away): its glossary entry, or
    ``word:<lemma key>`` for a saved word's cards; None for a card without siblings."""
    kind, _, rest = card_id.partition(":")
    if kind in WORD_KINDS and rest:
        return f"word:{rest}"
    return entry_of(card_id)


def check_answer(card: QuizCard, response: str, *, arabic: bool = False, glossary: Glossary | None = None) -> Verdict:
    """Is ``response`` (a chosen option or typed text) right for ``card``?

    ``arabic=True`` for a fact card asked in its Arabic version (answer among ``options_ar``).
    With ``glossary``, a typed Arabic answer that is exactly another entry's name is wrong, and a
    person's name takes no article. A typed Arabic name with a clitic glued on is wrong, with a
    ``Verdict.note`` saying so.
    """
    response = response or ""
    if card.kind == "fact" and arabic:
        return Verdict(arabic_matches(response, (card.answer_ar,)), card.answer_ar, response)
    correct = KIND_REGISTRY[card.kind].check(card, response, glossary)
    note = ""
    if not correct and card.typed and card.answer_lang == "ar":
        note = clitic_note(response, card.accepted, article_optional=_article_optional(card, glossary))
    return Verdict(correct, card.answer, response, note)


# --- every card of a corpus ------------------------------------------------------------------


def mention_index(corpus: Sequence[Article], glossary: Glossary) -> dict[str, list[tuple[Article, Sentence, Mention]]]:
    """entry id -> [(article, sentence, mention)] in corpus order (text paragraphs before titles)."""
    out: dict[str, list[tuple[Article, Sentence, Mention]]] = defaultdict(list)
    for art in corpus:
        for sent in art.sentences:
            for m in annotate(sent.ar, glossary):
                out[m.entry_id].append((art, sent, m))
    for hits in out.values():
        hits.sort(key=lambda h: 0 if h[1].kind == "text" else 1)  # stable: keeps corpus order within
    return out


def build_cards(corpus: Sequence[Article], glossary: Glossary, questions: Sequence[FactQuestion]) -> list[QuizCard]:
    """Every card: question cards (file order), then each glossary entry's drills (glossary order)."""
    cards = [k.from_question(q) for q in questions for k in KIND_REGISTRY.values() if k.from_question]
    index = mention_index(corpus, glossary)
    for entry in glossary:
        hits = index.get(entry.id, [])
        for kind in KIND_REGISTRY.values():
            if kind.from_entry is not None and (card := kind.from_entry(entry, glossary, hits)) is not None:
                cards.append(card)
    return cards


@lru_cache(maxsize=4)
def _cached_cards(corpus: tuple[Article, ...], glossary: Glossary, questions: tuple[FactQuestion, ...]) -> tuple[QuizCard, ...]:
    return tuple(build_cards(corpus, glossary, questions))


@lru_cache(maxsize=4)
def _questions_cached(signature: tuple, corpus: tuple[Article, ...]) -> tuple[FactQuestion, ...]:
    return tuple(load_questions(Path(signature[0]), corpus))


def cards_for(corpus: Sequence[Article], glossary: Glossary, questions_dir: Path | None = None) -> tuple[QuizCard, ...]:
    """All cards of ``corpus`` and ``glossary`` with the questions in ``questions_dir`` (default: the repo's).

    Question files are re-read when they change on disk; otherwise the cards come from a cache.
    """
    corpus = tuple(corpus)
    return _cached_cards(corpus, glossary, _questions_cached(questions_signature(questions_dir), corpus))


def filter_cards(cards: Iterable[QuizCard], *, article: str | None = None, kinds: Iterable[str] | None = None) -> list[QuizCard]:
    """The cards of one article (``QuizCard.belongs_to``) and of some kinds."""
    kinds = set(kinds) if kinds is not None else None
    return [c for c in cards if (article is None or c.belongs_to(article)) and (kinds is None or c.kind in kinds)]


def cards_by_article(cards: Iterable[QuizCard]) -> dict[str, list[QuizCard]]:
    """article id -> its cards (``QuizCard.belongs_to``: a card is listed under its article and under
    each text that names its entry), in one pass (the Library asks for every article's)."""
    out: dict[str, list[QuizCard]] = defaultdict(list)
    for c in cards:
        for aid in dict.fromkeys(((c.article_id,) if c.article_id else ()) + c.texts):
            out[aid].append(c)
    return dict(out)


# --- the learner's own: imported texts and saved words ----------------------------------------


def library_cards(cards: Sequence[QuizCard], texts: Sequence[Article], index: CorpusIndex, glossary: Glossary) -> list[QuizCard]:
    """``cards`` (the curated corpus's) with the learner's imported ``texts`` in them: each name a text
    contains lists the text among its drills' ``texts`` and gets a cloze card from the text's first
    mention of it (id ``cloze:<text>/<entry>``); ``index`` holds the texts' mentions."""
    named: dict[str, list[str]] = defaultdict(list)  # entry id -> the texts naming it
    clozes: list[QuizCard] = []
    for art in texts:
        first: dict[str, tuple[Article, Sentence, Mention]] = {}
        for sent in sorted(art.sentences, key=lambda s: 0 if s.kind == "text" else 1):
            for m in index.mentions(sent):
                first.setdefault(m.entry_id, (art, sent, m))
        for eid, hit in first.items():
            entry = glossary.get(eid)
            if entry is None:
                continue
            named[eid].append(art.id)
            if (card := _cloze(entry, glossary, [hit])) is not None:
                clozes.append(replace(card, id=f"cloze:{art.id}/{eid}"))
    out = [replace(c, texts=c.texts + tuple(named[c.entry_id])) if c.entry_id in named and c.kind != "cloze" else c
           for c in cards]
    return out + clozes


def vocabulary_cards(saved: Sequence[SavedWord]) -> list[QuizCard]:
    """The cards of the learner's saved words: each word's cards (registry order), words in the order saved."""
    return [card for word in saved for kind in KIND_REGISTRY.values()
            if kind.from_word is not None and (card := kind.from_word(word, saved)) is not None]
