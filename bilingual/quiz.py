"""Quizzes: hand-written key-fact questions, glossary drills generated from the glossary and the
corpus, and answer checking.

Every card points back to the sentence that proves its answer (``QuizCard.evidence``, a corpus
uid ``<article>/<sentence>``), so feedback can show that sentence and link into the reader.

Card kinds and ids (ids are stable: they key the learner's scheduling state and Anki GUIDs):

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

Distractors of generated drills come from entries of the same type, chosen deterministically
(a ``random.Random`` seeded by the card id), and options are shuffled the same way.

Answer checking (``check_answer``):

- Arabic: both sides go through ``arabic.normalize`` (diacritics, tatweel, alef/hamza-on-alef
  variants, ى/ي, ة/ه, Arabic-Indic digits, runs of spaces); surrounding punctuation is ignored;
  one leading proclitic group is tolerated: an optional و/ف, then an optional ب/ك/ل, then an
  optional ال (and لل = ل + ال); the definite article may be present on either side. Stripping
  never leaves fewer than three letters, and the result must equal an accepted form exactly, so a
  different name is rejected.
- English: case, punctuation, accents and a leading "the" are ignored; every listed variant
  (``Entry.en_forms``, the question's ``accept_en``) is accepted.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from bilingual import paths
from bilingual.arabic import BIDI_MARKS, arabic_ratio, normalize
from bilingual.corpus import Article, DataError, read_yaml
from bilingual.glossary import ENTRY_TYPES, Entry, Glossary
from bilingual.matcher import annotate
from bilingual.render import TYPE_LABELS as render_type_labels

KINDS = ("fact", "ar-en", "en-ar", "cloze", "type")
GLOSSARY_KINDS = ("ar-en", "en-ar", "cloze", "type")
KIND_LABELS = {
    "fact": "Key facts",
    "ar-en": "Arabic name → English",
    "en-ar": "English name → Arabic (typed)",
    "cloze": "Fill the blank",
    "type": "What kind of name?",
}
#: How entry types are shown (options and answers of "What kind of name?"): the reader's labels.
TYPE_LABELS = dict(render_type_labels)
MIN_QUESTIONS_PER_ARTICLE = 8
N_DISTRACTORS = 3
BLANK = "ـــــ؟ـــــ"
QUESTION_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]*$")


# --- key-fact questions -------------------------------------------------------------------


@dataclass(frozen=True)
class FactQuestion:
    """One hand-written question from ``corpus/questions/<article>.yaml``."""

    article_id: str
    id: str
    evidence: str  # sentence id within the article
    question_en: str
    answer_en: str
    distractors_en: tuple[str, ...]
    question_ar: str
    answer_ar: str
    distractors_ar: tuple[str, ...]
    accept_en: tuple[str, ...] = ()
    source_file: str = field(default="", compare=False)

    @property
    def uid(self) -> str:
        return f"{self.article_id}/{self.id}"

    @property
    def evidence_uid(self) -> str:
        return f"{self.article_id}/{self.evidence}"

    @property
    def card_id(self) -> str:
        return f"fact:{self.uid}"


def _text(raw: dict, key: str, file: Path, entry: str) -> str:
    value = raw.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise DataError(file, entry, key, "missing")
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise DataError(file, entry, key, f"expected text, got {type(value).__name__}")
    return str(value).strip()


def _texts(raw: dict, key: str, file: Path, entry: str, *, exactly: int | None = None, optional: bool = False) -> tuple[str, ...]:
    value = raw.get(key)
    if value is None and optional:
        return ()
    if not isinstance(value, list) or not all(
        isinstance(v, (str, int, float)) and not isinstance(v, bool) and str(v).strip() for v in value
    ):
        raise DataError(file, entry, key, "expected a list of non-empty texts" if value is not None else "missing")
    out = tuple(str(v).strip() for v in value)
    if exactly is not None and len(out) != exactly:
        raise DataError(file, entry, key, f"expected exactly {exactly} wrong options, got {len(out)}")
    return out


def _distinct(options: Sequence[str], key, file: Path, entry: str, field_name: str) -> None:
    seen: dict[str, str] = {}
    for opt in options:
        k = key(opt)
        if k in seen:
            raise DataError(file, entry, field_name, f"{opt!r} is the same option as {seen[k]!r}")
        seen[k] = opt


def parse_questions(data: object, file: Path, article: Article | None, known_ids: Iterable[str] = ()) -> list[FactQuestion]:
    """Validate one questions file against its article; raises DataError(file, entry, field, message)."""
    if not isinstance(data, dict):
        raise DataError(file, "file", "questions", "expected a mapping with 'article:' and 'questions:'")
    aid = data.get("article")
    if not isinstance(aid, str) or not aid.strip():
        raise DataError(file, "file", "article", "missing")
    aid = aid.strip()
    if article is None:
        known = ", ".join(sorted(known_ids)) or "none"
        raise DataError(file, "file", "article", f"{aid!r} is not an article of the corpus (known: {known})")
    if file.stem != aid:
        raise DataError(file, "file", "article", f"names {aid!r}; the file must be called {aid}.yaml")
    raw_list = data.get("questions")
    if not isinstance(raw_list, list):
        raise DataError(file, f"questions {aid}", "questions", "expected a list of questions")
    sentence_ids = {s.id for s in article.sentences}
    out: list[FactQuestion] = []
    seen: set[str] = set()
    for i, raw in enumerate(raw_list):
        where = f"question #{i + 1}"
        if not isinstance(raw, dict):
            raise DataError(file, where, "question", "expected a mapping")
        qid = _text(raw, "id", file, where)
        where = f"question {qid}"
        if not QUESTION_ID_RE.match(qid):
            raise DataError(file, where, "id", "use letters, digits, '-' or '_' (e.g. q01)")
        if qid in seen:
            raise DataError(file, where, "id", "duplicate question id")
        seen.add(qid)
        evidence = _text(raw, "evidence", file, where)
        if evidence not in sentence_ids:
            raise DataError(file, where, "evidence", f"sentence {evidence!r} does not exist in article {aid}")
        q = FactQuestion(
            article_id=aid,
            id=qid,
            evidence=evidence,
            question_en=_text(raw, "question_en", file, where),
            answer_en=_text(raw, "answer_en", file, where),
            distractors_en=_texts(raw, "distractors_en", file, where, exactly=N_DISTRACTORS),
            question_ar=_text(raw, "question_ar", file, where),
            answer_ar=_text(raw, "answer_ar", file, where),
            distractors_ar=_texts(raw, "distractors_ar", file, where, exactly=N_DISTRACTORS),
            accept_en=_texts(raw, "accept_en", file, where, optional=True),
            source_file=str(file),
        )
        _distinct((q.answer_en, *q.distractors_en), english_key, file, where, "distractors_en")
        _distinct((q.answer_ar, *q.distractors_ar), arabic_key, file, where, "distractors_ar")
        accepted = {english_key(a) for a in (q.answer_en, *q.accept_en)}
        for d in q.distractors_en:
            if english_key(d) in accepted:
                raise DataError(file, where, "accept_en", f"accepts the wrong option {d!r}")
        out.append(q)
    return out


def load_questions(
    questions_dir: Path | None = None, corpus: Sequence[Article] | None = None, *, skip_articles: Iterable[str] = ()
) -> list[FactQuestion]:
    """Every question of ``corpus/questions/*.yaml`` (file-name order), validated against the corpus.

    Raises DataError naming file, entry and field, e.g. when a question's evidence sentence does
    not exist. A missing directory means no questions. Files for ``skip_articles`` are not read.
    """
    skip = set(skip_articles)
    qdir = Path(questions_dir) if questions_dir is not None else paths.QUESTIONS_DIR
    if corpus is None:
        from bilingual.corpus import default_corpus

        corpus = default_corpus()
    by_id = {a.id: a for a in corpus}
    out: list[FactQuestion] = []
    seen_articles: dict[str, Path] = {}
    for path in sorted(qdir.glob("*.yaml")) if qdir.is_dir() else []:
        if path.stem in skip:
            continue
        data = read_yaml(path)
        aid = data.get("article") if isinstance(data, dict) else None
        qs = parse_questions(data, path, by_id.get(aid) if isinstance(aid, str) else None, by_id)
        if qs and qs[0].article_id in seen_articles:
            raise DataError(path, "file", "article", f"questions for {aid!r} already in {seen_articles[aid]}")
        if qs:
            seen_articles[qs[0].article_id] = path
        out.extend(qs)
    return out


def coverage_warnings(questions: Sequence[FactQuestion], corpus: Sequence[Article], minimum: int = MIN_QUESTIONS_PER_ARTICLE) -> list[str]:
    """Articles with fewer than ``minimum`` questions (a warning, not an error, while they are written)."""
    counts: dict[str, int] = defaultdict(int)
    for q in questions:
        counts[q.article_id] += 1
    return [
        f"questions {a.id}: {counts[a.id]} question(s), at least {minimum} expected"
        for a in corpus
        if counts[a.id] < minimum
    ]


# --- answer checking ----------------------------------------------------------------------

_PUNCT_EDGE = re.compile(r"^[\W_]+|[\W_]+$", re.UNICODE)
_INNER_PUNCT = re.compile(r"[\u060c\u061b\u061f\u066a-\u066d\u06d4.,;:!?\"'«»“”‘’()\[\]{}<>/\\|*_~`^-]+")
_WS = re.compile(r"\s+")

_CONJ = ("و", "ف")
_PREP = ("ب", "ك", "ل")
_DEF = "ال"


def arabic_key(text: str) -> str:
    """The comparison key of an Arabic answer: ``normalize`` plus punctuation dropped."""
    key = normalize(text)
    key = _INNER_PUNCT.sub(" ", key)
    return _WS.sub(" ", key).strip()


def _clitic_readings(key: str) -> set[str]:
    """``key`` with one leading proclitic group removed, every plausible way (see module doc)."""
    out = {key}
    if not key:
        return out
    heads = [("", key)]
    for c in _CONJ:
        if key.startswith(c):
            heads.append((c, key[1:]))
    more = []
    for consumed, rest in heads:
        for p in _PREP:
            if rest.startswith(p):
                more.append((consumed + p, rest[1:]))
                if p == "ل" and rest.startswith("لل"):
                    more.append((consumed + "لل", _DEF + rest[2:]))  # لل = ل + ال (alef dropped)
                    more.append((consumed + "لل", rest[2:]))
    heads += more
    for _consumed, rest in heads:
        for cand in (rest, rest[len(_DEF):] if rest.startswith(_DEF) else None):
            if cand and len(cand.replace(" ", "")) >= 3:
                out.add(cand)
    return out


def _without_article(key: str) -> str:
    return key[len(_DEF):] if key.startswith(_DEF) and len(key) > len(_DEF) + 1 else key


def arabic_matches(response: str, accepted: Iterable[str]) -> bool:
    """True when ``response`` is one of the ``accepted`` Arabic forms (see module doc for the rules)."""
    r = arabic_key(response)
    if not r:
        return False
    targets = set()
    for form in accepted:
        k = arabic_key(form)
        if k:
            targets.add(k)
            targets.add(_without_article(k))
    return any(c in targets for c in _clitic_readings(r))


def english_key(text: str) -> str:
    """The comparison key of an English answer: no accents, case, punctuation or leading 'the'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    plain = plain.replace("&", " and ")
    plain = "".join(c if (c.isalnum() or c.isspace()) else " " for c in plain)
    plain = _WS.sub(" ", plain).strip()
    if plain.startswith("the "):
        plain = plain[4:]
    return plain


def english_matches(response: str, accepted: Iterable[str]) -> bool:
    r = english_key(response)
    return bool(r) and r in {english_key(a) for a in accepted}


# --- cards ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class QuizCard:
    """One schedulable card; ``options`` empty means the answer is typed."""

    id: str
    kind: str
    article_id: str | None
    evidence: str | None  # corpus uid "<article>/<sentence>", None when the name is not in the corpus
    entry_id: str | None
    prompt_en: str
    answer: str  # the answer shown as correct
    answer_lang: str  # "en" or "ar"
    options: tuple[str, ...] = ()
    accepted: tuple[str, ...] = ()
    prompt_ar: str = ""  # the Arabic shown with the prompt (a name, a blanked sentence, a question)
    # Arabic version of a fact question, for advanced learners
    question_ar: str = ""
    answer_ar: str = ""
    options_ar: tuple[str, ...] = ()
    accept_typed_en: bool = False  # fact/ar-en cards may also be answered by typing English

    @property
    def typed(self) -> bool:
        return not self.options

    @property
    def label(self) -> str:
        return KIND_LABELS.get(self.kind, self.kind)


def seeded_rng(card_id: str) -> random.Random:
    return random.Random(int.from_bytes(hashlib.sha256(card_id.encode("utf-8")).digest()[:8], "big"))


def shuffled(card_id: str, answer: str, wrong: Sequence[str]) -> tuple[str, ...]:
    """The answer among the wrong options, in an order fixed by the card id."""
    opts = [answer, *wrong]
    seeded_rng(card_id + "#order").shuffle(opts)
    return tuple(opts)


def pick_distractors(
    card_id: str, entry: Entry, glossary: Glossary, render, key, n: int = N_DISTRACTORS
) -> list[str]:
    """``n`` wrong options: entries of the same type first, chosen by a RNG seeded with the card id.

    ``render(entry) -> str`` gives the option text; options whose ``key`` equals one of the
    entry's own forms (or each other) are skipped. Other types fill in when a type is too small.
    """
    rng = seeded_rng(card_id)
    own = {key(f) for f in (*entry.ar_forms, *entry.en_forms)}
    chosen: list[str] = []
    keys: set[str] = set(own)
    same = sorted((e for e in glossary if e.type == entry.type and e.id != entry.id), key=lambda e: e.id)
    other = sorted((e for e in glossary if e.type != entry.type), key=lambda e: e.id)
    for pool in (same, other):
        pool = list(pool)
        rng.shuffle(pool)
        for e in pool:
            if len(chosen) >= n:
                return chosen
            text = render(e)
            k = key(text)
            if not k or k in keys:
                continue
            keys.add(k)
            chosen.append(text)
    return chosen


def fact_card(q: FactQuestion) -> QuizCard:
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


def mention_index(corpus: Sequence[Article], glossary: Glossary) -> dict[str, list[tuple[Article, object, object]]]:
    """entry id -> [(article, sentence, mention)] in corpus order (text paragraphs before titles)."""
    out: dict[str, list] = defaultdict(list)
    for art in corpus:
        for sent in art.sentences:
            for m in annotate(sent.ar, glossary):
                out[m.entry_id].append((art, sent, m))
    for hits in out.values():
        hits.sort(key=lambda h: 0 if h[1].kind == "text" else 1)  # stable: keeps corpus order within
    return out


def glossary_cards(entry: Entry, glossary: Glossary, hits: Sequence[tuple]) -> list[QuizCard]:
    """The four drills of one glossary entry."""
    first = hits[0] if hits else None
    art_id = first[0].id if first else None
    evidence = first[1].uid if first else None
    cards = []

    cid = f"ar-en:{entry.id}"
    wrong = pick_distractors(cid, entry, glossary, lambda e: e.en, english_key)
    cards.append(QuizCard(
        id=cid, kind="ar-en", article_id=art_id, evidence=evidence, entry_id=entry.id,
        prompt_en="What is this name in English?", prompt_ar=entry.ar,
        answer=entry.en, answer_lang="en", options=shuffled(cid, entry.en, wrong),
        accepted=entry.en_forms, accept_typed_en=True,
    ))

    cid = f"en-ar:{entry.id}"
    cards.append(QuizCard(
        id=cid, kind="en-ar", article_id=art_id, evidence=evidence, entry_id=entry.id,
        prompt_en=f"Type the Arabic for: {entry.en}",
        answer=entry.ar, answer_lang="ar", accepted=entry.ar_forms,
    ))

    if first is not None:
        _art, sent, m = first
        blanked = sent.ar[: m.start] + BLANK + sent.ar[m.end:]
        cid = f"cloze:{entry.id}"
        surface = sent.ar[m.start:m.end]
        wrong = pick_distractors(cid, entry, glossary, lambda e: e.ar, arabic_key)
        cards.append(QuizCard(
            id=cid, kind="cloze", article_id=art_id, evidence=evidence, entry_id=entry.id,
            prompt_en="Which name fills the blank?", prompt_ar=blanked,
            answer=surface, answer_lang="ar", options=shuffled(cid, surface, wrong),
            accepted=(surface, *entry.ar_forms),
        ))

    if entry.type == "other":
        return cards
    cid = f"type:{entry.id}"
    types = [t for t in ENTRY_TYPES if t != entry.type]
    rng = seeded_rng(cid)
    wrong_types = rng.sample(types, min(N_DISTRACTORS, len(types)))
    cards.append(QuizCard(
        id=cid, kind="type", article_id=art_id, evidence=evidence, entry_id=entry.id,
        prompt_en="What kind of name is this?", prompt_ar=entry.ar,
        answer=entry.type, answer_lang="en", options=shuffled(cid, entry.type, wrong_types),
        accepted=(entry.type,),
    ))
    return cards


def build_cards(
    corpus: Sequence[Article], glossary: Glossary, questions: Sequence[FactQuestion]
) -> list[QuizCard]:
    """Every card: fact questions (file order), then the glossary drills (glossary order)."""
    cards = [fact_card(q) for q in questions]
    index = mention_index(corpus, glossary)
    for entry in glossary:
        cards.extend(glossary_cards(entry, glossary, index.get(entry.id, [])))
    return cards


@lru_cache(maxsize=4)
def cached_cards(corpus: tuple[Article, ...], glossary: Glossary, questions: tuple[FactQuestion, ...]) -> tuple[QuizCard, ...]:
    return tuple(build_cards(corpus, glossary, questions))


def default_cards(glossary: Glossary | None = None) -> tuple[QuizCard, ...]:
    """All cards of the repo's corpus, questions and glossary (``glossary`` may add personal terms)."""
    from bilingual.corpus import default_corpus
    from bilingual.glossary import default_glossary

    return cards_for(default_corpus(), glossary if glossary is not None else default_glossary())


def questions_signature(questions_dir: Path | None = None) -> tuple:
    """Names, sizes and modification times of the question files: changes when one is edited."""
    qdir = Path(questions_dir) if questions_dir is not None else paths.QUESTIONS_DIR
    files = sorted(qdir.glob("*.yaml")) if qdir.is_dir() else []
    return (str(qdir), *((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files))


@lru_cache(maxsize=4)
def _questions_cached(signature: tuple, corpus: tuple[Article, ...]) -> tuple[FactQuestion, ...]:
    return tuple(load_questions(Path(signature[0]), corpus))


def cards_for(corpus: Sequence[Article], glossary: Glossary, questions_dir: Path | None = None) -> tuple[QuizCard, ...]:
    """All cards of ``corpus`` and ``glossary`` with the questions in ``questions_dir`` (default: the repo's).

    Question files are re-read when they change on disk; otherwise the cards come from a cache.
    """
    corpus = tuple(corpus)
    return cached_cards(corpus, glossary, _questions_cached(questions_signature(questions_dir), corpus))


def filter_cards(cards: Iterable[QuizCard], *, article: str | None = None, kinds: Iterable[str] | None = None) -> list[QuizCard]:
    kinds = set(kinds) if kinds is not None else None
    return [c for c in cards if (article is None or c.article_id == article) and (kinds is None or c.kind in kinds)]


# --- answering ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    correct: bool
    expected: str  # the correct answer, as shown to the learner
    response: str


def check_answer(card: QuizCard, response: str, *, arabic: bool = False, glossary: Glossary | None = None) -> Verdict:
    """Is ``response`` (a chosen option or typed text) right for ``card``?

    ``arabic=True`` for a fact card asked in its Arabic version (answer among ``options_ar``).
    With ``glossary``, a typed Arabic answer that is exactly another entry's name is wrong even
    when clitic stripping would make it fit (e.g. لبنان is not ل + بنان).
    """
    response = response or ""
    if card.kind == "fact" and arabic:
        return Verdict(arabic_matches(response, (card.answer_ar,)), card.answer_ar, response)
    if card.answer_lang == "ar":
        ok = arabic_matches(response, card.accepted)
        if ok and glossary is not None and card.entry_id:
            r = arabic_key(response)
            own = {arabic_key(f) for f in card.accepted}
            if r not in own and any(
                r == arabic_key(f) for e in glossary if e.id != card.entry_id for f in e.ar_forms
            ):
                ok = False
        return Verdict(ok, card.answer, response)
    if card.kind == "type":
        ok = english_key(response) == english_key(card.answer)
        return Verdict(ok, card.answer, response)
    return Verdict(english_matches(response, card.accepted), card.answer, response)


# --- feedback ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Evidence:
    article_id: str
    sentence_id: str
    article_title_en: str
    article_title_ar: str
    ar: str
    en: str  # the reference translation ('' when there is none)
    html: str  # the Arabic sentence as escaped HTML with the names highlighted
    link: str  # into the reader at that sentence
    term: str | None = None  # the card's glossary entry: its card opens in the reader

    @property
    def query_params(self) -> dict[str, str]:
        """Query parameters of the reader page: article, sentence and (for glossary drills) term."""
        params = {"article": self.article_id, "sentence": self.sentence_id}
        if self.term:
            params["term"] = self.term
        return params


def reader_link(article_id: str, sentence_id: str) -> str:
    from urllib.parse import urlencode

    return "/Reader?" + urlencode({"article": article_id, "sentence": sentence_id})


def display_option(text: str) -> str:
    """An option as shown: bidi controls removed, so an Arabic option is plain Arabic text and the
    page's right-to-left rule applies to it (the option's value, used for checking, is unchanged)."""
    return "".join(c for c in text if c not in BIDI_MARKS).strip()


def option_label(card: QuizCard, option: str) -> str:
    """The text of one option of ``card``: type names as the reader shows them, others verbatim."""
    if card.kind == "type":
        return TYPE_LABELS.get(option, option)
    return display_option(option)


def is_arabic_text(text: str) -> bool:
    """Mostly Arabic letters (options to be laid out right to left)."""
    return arabic_ratio(text) > 0.5


def sentence_markup(text: str, glossary: Glossary, focus_entry: str | None = None) -> str:
    """The sentence as escaped HTML with mentions highlighted (``render.sentence_html`` when present)."""
    mentions = annotate(text, glossary)
    try:
        from bilingual.render import sentence_html
    except ModuleNotFoundError as exc:
        if exc.name != "bilingual.render":
            raise
        return _fallback_html(text, mentions, focus_entry)
    return sentence_html(text, mentions, glossary, focus_entry=focus_entry)


def _fallback_html(text: str, mentions: Sequence, focus_entry: str | None) -> str:
    import html

    parts, pos = [], 0
    for m in sorted(mentions, key=lambda m: m.start):
        if m.start < pos:
            continue
        parts.append(html.escape(text[pos:m.start]))
        cls = "mention focus" if m.entry_id == focus_entry else "mention"
        parts.append(f'<mark class="{cls}" data-entry="{html.escape(m.entry_id)}">{html.escape(text[m.start:m.end])}</mark>')
        pos = m.end
    parts.append(html.escape(text[pos:]))
    return "".join(parts)


def evidence_for(card: QuizCard, corpus: Sequence[Article], glossary: Glossary, *, with_html: bool = True) -> Evidence | None:
    if not card.evidence:
        return None
    aid, _, sid = card.evidence.partition("/")
    art = next((a for a in corpus if a.id == aid), None)
    sent = art.sentence(sid) if art else None
    if sent is None:
        return None
    return Evidence(
        article_id=aid,
        sentence_id=sid,
        article_title_en=art.title_en,
        article_title_ar=art.title_ar,
        ar=sent.ar,
        en=art.reference.get(sid, ""),
        html=sentence_markup(sent.ar, glossary, card.entry_id) if with_html else "",
        link=reader_link(aid, sid),
        term=card.entry_id,
    )


# --- command line ---------------------------------------------------------------------------


def cmd_cards(args: argparse.Namespace) -> int:
    cards = filter_cards(default_cards(), article=args.article, kinds=args.kind or None)
    counts: dict[str, int] = defaultdict(int)
    for c in cards:
        counts[c.kind] += 1
    for kind in KINDS:
        print(f"{kind:6} {counts.get(kind, 0):5}  {KIND_LABELS[kind]}")
    print(f"total  {len(cards):5}")
    return 0


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="quiz cards: counts by kind")
    qsub = p.add_subparsers(dest="quiz_command", metavar="SUBCOMMAND")
    qsub.required = True
    c = qsub.add_parser("cards", help="count the quiz cards by kind")
    c.add_argument("--article", help="only this article's cards")
    c.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    c.set_defaults(handler=cmd_cards)
