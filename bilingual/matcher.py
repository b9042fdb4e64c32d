"""Glossary mentions in Arabic running text (and English names in a translation).

One Aho–Corasick automaton per glossary holds the normalized key of every Arabic form. A text is
normalized once (``normalize_with_map``), the automaton runs over the key, and each hit is kept only
when it is a whole word, or a whole word after a valid proclitic combination (و ف ب ل ك ال and
their combinations, ل + ال → لل). Overlapping hits are resolved longest first. Offsets go back to
the untouched original through the offset map. See docs/ENGINE.md for the contract.
"""

from __future__ import annotations

import re
import weakref
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import NamedTuple

import ahocorasick

from bilingual.glossary import Glossary, default_glossary
from bilingual.text.clitics import (
    LAM,
    MAX_PROCLITIC_LEN,
    MIN_STEM_LETTERS,
    PROCLITICS,
    Proclitic,
    elided_article,
    has_article,
    is_word_char,
    letter_count,
)
from bilingual.text.keys import latin_key
from bilingual.text.normalize import Normalized, normalize, normalize_with_map

__all__ = ["EnglishMention", "Matcher", "Mention", "annotate", "find_english", "matcher_for", "matching_key"]

#: Hyphens between two letters (ناغورنو-كاراباخ) match like a space; one character for one, so offsets hold.
HYPHENS = re.compile("[-\u2010\u2011]")


def matching_key(key: str) -> str:
    """A normalized key as the automaton sees it (forms and texts alike): inner hyphens become spaces."""
    if HYPHENS.search(key) is None:
        return key
    inner = [
        m.start()
        for m in HYPHENS.finditer(key)
        if 0 < m.start() < len(key) - 1 and is_word_char(key[m.start() - 1]) and is_word_char(key[m.start() + 1])
    ]
    if not inner:
        return key
    pieces, pos = [], 0
    for i in inner:
        pieces += [key[pos:i], " "]
        pos = i + 1
    pieces.append(key[pos:])
    return "".join(pieces)


# --- mentions --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Mention:
    start: int  # the name itself in the original text, without the attached proclitic
    end: int
    entry_id: str
    surface: str  # == text[start:end]
    form: str  # the glossary spelling that matched
    prefix: str = ""  # attached proclitic(s) as written: "و", "وب", "ل" (for لل + name: "ل")
    prefix_start: int = -1  # start - len(prefix) when prefix, else start

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class EnglishMention:
    start: int
    end: int
    entry_id: str
    surface: str


class _Target(NamedTuple):
    """What one automaton key stands for: an entry's form(s), and how it may attach (a tuple: one
    is made per spelling of every entry, 10,000 personal terms included)."""

    entry_id: str
    forms: tuple[str, ...]  # glossary spellings with this key (first is reported unless one equals the surface)
    key_has_article: bool  # the form key starts with ال
    after_lam: bool = False  # the key is an ال-form without its alef: valid only after the preposition ل


class _Hit(NamedTuple):
    word_start: int  # key offsets: proclitic start, name start, name end
    start: int
    end: int
    target: _Target


def _accepts(target: _Target, clitic: Proclitic | None, stem_letters: int) -> bool:
    if clitic is None:
        return not target.after_lam
    if stem_letters < MIN_STEM_LETTERS:
        return False
    if target.after_lam:
        return clitic.preposition == LAM and not clitic.article
    return not (clitic.article and target.key_has_article)


def _proclitic_before(key: str, start: int) -> tuple[int, Proclitic | None] | None:
    """(word start, proclitic) when ``key[:start]`` ends in a word boundary or a valid proclitic; else None."""
    if start == 0 or not is_word_char(key[start - 1]):
        return start, None
    for n in range(1, MAX_PROCLITIC_LEN + 1):
        w = start - n
        if w < 0:
            return None
        if w == 0 or not is_word_char(key[w - 1]):
            clitic = PROCLITICS.get(key[w:start])
            return (w, clitic) if clitic else None
    return None


class Matcher:
    """Finds every glossary mention in a text; build once per glossary (see ``matcher_for``)."""

    def __init__(self, glossary: Glossary):
        self.glossary = glossary
        targets: dict[str, list[_Target]] = {}
        for key, target in _keys_and_targets(glossary):
            same = targets.setdefault(key, [])
            if not any(t.entry_id == target.entry_id and t.after_lam == target.after_lam for t in same):
                same.append(target)
        self.automaton = ahocorasick.Automaton()
        for key, ts in targets.items():
            self.automaton.add_word(key, (len(key), letter_count(key), tuple(ts)))
        self.size = len(targets)
        if targets:
            self.automaton.make_automaton()

    def find(self, text: str) -> list[Mention]:
        """Every mention in ``text``, sorted by start, non-overlapping, offsets into ``text`` as given."""
        if not self.size or not text:
            return []
        norm = normalize_with_map(text)
        hits = self._hits(matching_key(norm.key))
        return [_to_mention(norm, h) for h in _longest_first(hits)]

    def _hits(self, key: str) -> list[_Hit]:
        hits = []
        n = len(key)
        for last, (length, letters, targets) in self.automaton.iter(key):
            end = last + 1
            if end < n and is_word_char(key[end]):
                continue
            start = end - length
            found = _proclitic_before(key, start)
            if found is None:
                continue
            word_start, clitic = found
            for t in targets:
                if _accepts(t, clitic, letters):
                    hits.append(_Hit(word_start, start, end, t))
                    break
        return hits


def _keys_and_targets(glossary: Glossary) -> Iterable[tuple[str, _Target]]:
    for entry in glossary:
        by_key: dict[str, list[str]] = {}
        for form in entry.ar_forms:
            key = matching_key(normalize(form))
            if key:
                by_key.setdefault(key, []).append(form)
        for key, forms in by_key.items():
            article = has_article(forms[0])
            yield key, _Target(entry.id, tuple(forms), article)
            if article:
                yield elided_article(key), _Target(entry.id, tuple(forms), article, after_lam=True)  # ل + ال → لل


def _longest_first(hits: list[_Hit]) -> list[_Hit]:
    """Non-overlapping hits, preferring the longest word span, then the longest name, then the earliest.

    Hits are grouped into clusters of mutually overlapping spans (sorted sweep, linear); the
    longest-first choice is made inside each cluster, which is tiny (a multiword name and its parts).
    """
    chosen: list[_Hit] = []
    cluster: list[_Hit] = []
    cluster_end = -1
    for h in sorted(hits, key=lambda h: (h.word_start, -h.end)):
        if cluster and h.word_start >= cluster_end:
            chosen.extend(_resolve(cluster))
            cluster = []
        cluster.append(h)
        cluster_end = max(cluster_end, h.end) if len(cluster) > 1 else h.end
    chosen.extend(_resolve(cluster))
    return chosen


def _resolve(cluster: list[_Hit]) -> list[_Hit]:
    if len(cluster) < 2:
        return cluster
    kept: list[_Hit] = []
    for h in sorted(cluster, key=lambda h: (-(h.end - h.word_start), -(h.end - h.start), h.word_start)):
        if all(h.end <= k.word_start or k.end <= h.word_start for k in kept):
            kept.append(h)
    return sorted(kept, key=lambda h: h.start)


def _to_mention(norm: Normalized, hit: _Hit) -> Mention:
    text = norm.original
    start, end = norm.span(hit.start, hit.end)
    surface = text[start:end]
    prefix_start = norm.start_of(hit.word_start) if hit.word_start < hit.start else start
    form = next((f for f in hit.target.forms if f == surface), hit.target.forms[0])
    return Mention(start, end, hit.target.entry_id, surface, form, text[prefix_start:start], prefix_start)


# --- one matcher per glossary ----------------------------------------------------------------

_by_identity: dict[int, tuple[weakref.ref, Matcher]] = {}


def matcher_for(glossary: Glossary) -> Matcher:
    """The Matcher of ``glossary``, built on first use and cached (by identity, then by equality)."""
    cached = _by_identity.get(id(glossary))
    if cached and cached[0]() is glossary:
        return cached[1]
    matcher = _matcher_by_value(glossary)
    key, cache = id(glossary), _by_identity  # the closure keeps the dict even while the interpreter shuts down
    cache[key] = (weakref.ref(glossary, lambda _ref: cache.pop(key, None)), matcher)
    return matcher


@lru_cache(maxsize=8)
def _matcher_by_value(glossary: Glossary) -> Matcher:
    return Matcher(glossary)


def annotate(text: str, glossary: Glossary | None = None) -> list[Mention]:
    """Every glossary mention in ``text`` (the curated glossary when none is given)."""
    return matcher_for(glossary if glossary is not None else default_glossary()).find(text)


# --- English names in a translation ----------------------------------------------------------


@lru_cache(maxsize=64)
def _english_pattern(glossary: Glossary, entry_ids: frozenset[str] | None) -> tuple[re.Pattern[str] | None, dict]:
    by_form: dict[str, str] = {}
    for entry in glossary:
        if entry_ids is not None and entry.id not in entry_ids:
            continue
        for form in entry.en_forms:
            if form.strip():
                by_form.setdefault(latin_key(form), entry.id)
    if not by_form:
        return None, by_form
    forms = sorted(by_form, key=lambda f: (-len(f), f))
    alternatives = "|".join(r"\s+".join(map(re.escape, f.split(" "))) for f in forms)
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)", re.IGNORECASE), by_form


def find_english(text: str, glossary: Glossary, entry_ids: Iterable[str] | None = None) -> list[EnglishMention]:
    """English names, variants and acronyms of entries in ``text``: case-insensitive whole words,
    longest first, non-overlapping; only the given entries when ``entry_ids`` is not None."""
    ids = frozenset(entry_ids) if entry_ids is not None else None
    pattern, by_form = _english_pattern(glossary, ids)
    if pattern is None:
        return []
    out = []
    for m in pattern.finditer(text):
        entry_id = by_form.get(latin_key(m.group()))
        if entry_id:
            out.append(EnglishMention(m.start(), m.end(), entry_id, m.group()))
    return out
