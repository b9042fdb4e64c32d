"""Glossary mentions in Arabic running text (and English names in a translation).

One Aho–Corasick automaton per glossary holds the normalized key of every Arabic form. A text is
normalized once (``normalize_with_map``), the automaton runs over the key, and each hit is kept only
when it is a whole word, or a whole word after a valid proclitic combination (و ف ب ل ك ال and
their combinations, ل + ال → لل). Overlapping hits are resolved longest first. Offsets go back to
the untouched original through the offset map. See docs/ENGINE.md for the contract.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import weakref
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, NamedTuple

import ahocorasick

from bilingual.arabic import COMBINING_MARKS, INVISIBLE, Normalized, normalize, normalize_with_map
from bilingual.glossary import Entry, Glossary, default_glossary, load_glossary

# --- proclitics ------------------------------------------------------------------------------

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
LAM = "ل"
#: A stripped prefix must leave at least this many letters of name.
MIN_STEM_LETTERS = 3


@dataclass(frozen=True)
class Proclitic:
    """A valid combination of attached proclitics, as it appears in the match key."""

    key: str
    preposition: str = ""
    article: bool = False


def _proclitic_combinations() -> dict[str, Proclitic]:
    combos: dict[str, Proclitic] = {}
    for conj in ("", *CONJUNCTIONS):
        for prep in ("", *PREPOSITIONS):
            for article in (False, True):
                if prep == LAM and article:
                    key = conj + LAM + LAM  # ل + ال → لل
                else:
                    key = conj + prep + (ARTICLE if article else "")
                if key:
                    combos[key] = Proclitic(key, prep, article)
    return combos


#: Every valid proclitic combination, by its key: و ف ب ل ك ال وب ول وك وال بال لل فال وبال ولل ...
PROCLITICS = _proclitic_combinations()
MAX_PROCLITIC_LEN = max(map(len, PROCLITICS))


def strip_proclitics(key: str) -> list[str]:
    """Candidate stems of a normalized key after removing a valid proclitic combination, longest stem first.

    ``strip_proclitics("وبالاتحاد")`` → ``["بالاتحاد", "الاتحاد", "اتحاد"]``; for لل + word both
    ``ال`` + word and word are offered (``"للاتحاد"`` → ``["لاتحاد", "الاتحاد", "اتحاد"]``).
    Stems keep at least MIN_STEM_LETTERS letters. Candidates only: callers look them up.
    """
    out: dict[str, None] = {}
    for n in range(1, min(MAX_PROCLITIC_LEN, len(key)) + 1):
        clitic = PROCLITICS.get(key[:n])
        stem = key[n:]
        if clitic is None or _letters(stem) < MIN_STEM_LETTERS:
            continue
        out.setdefault(stem, None)
        if clitic.preposition == LAM and not clitic.article and stem.startswith(LAM):
            out.setdefault("ا" + stem, None)  # لل + word: the word had the article ال
    return list(out)


def _letters(s: str) -> int:
    return sum(1 for c in s if c.isalnum())


def is_word_char(c: str) -> bool:
    """Letters and digits continue a word; anything else (space, punctuation) ends it."""
    return c.isalnum()


#: Hyphens between two letters (ناغورنو-كاراباخ) match like a space; one character for one, so offsets hold.
HYPHENS = re.compile("[-\u2010\u2011]")


def matching_key(key: str) -> str:
    """A normalized key as the automaton sees it (forms and texts alike): inner hyphens become spaces."""
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


def has_article(form: str) -> bool:
    """The form starts with the article ال as written (bare alef or wasla, not إ/أ as in إلهام)."""
    letters = "".join(c for c in form if c not in COMBINING_MARKS and c not in INVISIBLE).lstrip()
    return letters[:2] in ("ال", "ٱل") and _letters(letters.split(" ")[0]) > 2


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


@dataclass(frozen=True)
class _Target:
    """What one automaton key stands for: an entry's form(s), and how it may attach."""

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
            self.automaton.add_word(key, (len(key), _letters(key), tuple(ts)))
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
                yield key[1:], _Target(entry.id, tuple(forms), article, after_lam=True)  # ل + ال → لل


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
    _by_identity[id(glossary)] = (weakref.ref(glossary, lambda _, k=id(glossary), cache=_by_identity: cache.pop(k, None)), matcher)
    return matcher


@lru_cache(maxsize=8)
def _matcher_by_value(glossary: Glossary) -> Matcher:
    return Matcher(glossary)


def annotate(text: str, glossary: Glossary | None = None) -> list[Mention]:
    """Every glossary mention in ``text`` (the curated glossary when none is given)."""
    return matcher_for(glossary if glossary is not None else default_glossary()).find(text)


# --- English names in a translation ----------------------------------------------------------


def _english_key(s: str) -> str:
    return " ".join(s.casefold().split())


@lru_cache(maxsize=64)
def _english_pattern(glossary: Glossary, entry_ids: frozenset[str] | None) -> tuple[re.Pattern[str] | None, dict]:
    by_form: dict[str, str] = {}
    for entry in glossary:
        if entry_ids is not None and entry.id not in entry_ids:
            continue
        for form in entry.en_forms:
            if form.strip():
                by_form.setdefault(_english_key(form), entry.id)
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
        entry_id = by_form.get(_english_key(m.group()))
        if entry_id:
            out.append(EnglishMention(m.start(), m.end(), entry_id, m.group()))
    return out


# --- gold annotations and evaluation ---------------------------------------------------------

#: A gold mark: ``[surface](entry-id)``.
GOLD_MARK = re.compile(r"\[([^\[\]]+)\]\(([a-z0-9]+(?:-[a-z0-9]+)*)\)")


@dataclass(frozen=True)
class GoldSentence:
    article_id: str
    sentence_id: str
    text: str
    spans: frozenset[tuple[int, int, str]]


def parse_gold_line(marked: str) -> tuple[str, frozenset[tuple[int, int, str]]]:
    """Strip ``[surface](id)`` marks; return the plain text and the (start, end, id) of each mark."""
    plain: list[str] = []
    spans = set()
    pos = 0
    length = 0
    for m in GOLD_MARK.finditer(marked):
        before = marked[pos : m.start()]
        plain.append(before)
        length += len(before)
        spans.add((length, length + len(m.group(1)), m.group(2)))
        plain.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    plain.append(marked[pos:])
    return "".join(plain), frozenset(spans)


def load_gold(gold_dir: Path) -> list[GoldSentence]:
    """Gold files ``<article id>.txt``: ``s001<TAB>marked text`` per line; '#' lines are comments."""
    out = []
    for path in sorted(Path(gold_dir).glob("*.txt")):
        for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip() or line.startswith("#"):
                continue
            sid, sep, marked = line.partition("\t")
            if not sep:
                raise ValueError(f"{path}:{n}: expected '<sentence id><TAB><marked text>'")
            text, spans = parse_gold_line(marked)
            out.append(GoldSentence(path.stem, sid.strip(), text, spans))
    return out


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class Evaluation:
    overall: Score
    per_entry: dict[str, Score]
    errors: list[str]  # gold problems: text differs from the corpus, unknown ids, missing sentences
    misses: list[str]  # readable false negatives / positives


def evaluate(gold: list[GoldSentence], glossary: Glossary, corpus=None) -> Evaluation:
    """Compare the matcher's (start, end, entry id) per sentence with the gold's."""
    from bilingual.corpus import article_by_id

    overall, per_entry, errors, misses = Score(), {}, [], []
    seen: dict[str, set[str]] = {}
    for g in gold:
        article = article_by_id(g.article_id, corpus)
        sentence = article.sentence(g.sentence_id) if article else None
        if sentence is None:
            errors.append(f"{g.article_id}/{g.sentence_id}: no such sentence in the corpus")
            continue
        if sentence.ar != g.text:
            errors.append(f"{g.article_id}/{g.sentence_id}: gold text differs from the corpus sentence")
            continue
        seen.setdefault(g.article_id, set()).add(g.sentence_id)
        unknown = {eid for _, _, eid in g.spans if glossary.get(eid) is None}
        errors.extend(f"{g.article_id}/{g.sentence_id}: unknown entry id {eid}" for eid in sorted(unknown))
        found = {(m.start, m.end, m.entry_id) for m in matcher_for(glossary).find(g.text)}
        for span in g.spans | found:
            score = per_entry.setdefault(span[2], Score())
            if span in g.spans and span in found:
                kind = "tp"
            else:
                kind = "fn" if span in g.spans else "fp"
                label = "missed" if kind == "fn" else "spurious"
                misses.append(f"{g.article_id}/{g.sentence_id}: {label} {g.text[span[0]:span[1]]!r} ({span[2]})")
            for s in (score, overall):
                setattr(s, kind, getattr(s, kind) + 1)
    for aid, sids in seen.items():
        article = article_by_id(aid, corpus)
        missing = [s.id for s in article.sentences if s.id not in sids]
        if missing:
            errors.append(f"{aid}: gold lacks sentences {', '.join(missing)}")
    return Evaluation(overall, per_entry, errors, misses)


# --- command line ----------------------------------------------------------------------------


def _glossary_from(args: argparse.Namespace) -> Glossary:
    return load_glossary(Path(args.glossary)) if getattr(args, "glossary", None) else default_glossary()


def mention_record(m: Mention, glossary: Glossary) -> dict:
    """The CLI's JSON object for one mention."""
    entry: Entry | None = glossary.get(m.entry_id)
    return {
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "entry_id": m.entry_id,
        "english": entry.en if entry else "",
        "type": entry.type if entry else "",
        "form": m.form,
        "prefix": m.prefix,
        "prefix_start": m.prefix_start,
    }


def cmd_annotate(args: argparse.Namespace) -> int:
    from bilingual.corpus_cli import read_text_exact

    glossary = _glossary_from(args)
    text = read_text_exact(args.file)
    records = [mention_record(m, glossary) for m in matcher_for(glossary).find(text)]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    for r in records:
        clitic = f" (+{r['prefix']})" if r["prefix"] else ""
        print(f"[{r['start']}:{r['end']}] {r['surface']}{clitic} → {r['english']} ({r['entry_id']}, {r['type']})")
    print(f"{len(records)} mentions")
    return 0


def cmd_eval_glossary(args: argparse.Namespace) -> int:
    glossary = _glossary_from(args)
    result = evaluate(load_gold(Path(args.gold_dir)), glossary)
    o = result.overall
    if args.json:
        report = {
            "overall": {"precision": o.precision, "recall": o.recall, "tp": o.tp, "fp": o.fp, "fn": o.fn},
            "per_entry": {k: {"precision": s.precision, "recall": s.recall, **asdict(s)} for k, s in sorted(result.per_entry.items())},
            "errors": result.errors,
            "misses": result.misses,
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"{'entry':40} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for eid, s in sorted(result.per_entry.items(), key=lambda kv: (kv[1].precision + kv[1].recall, kv[0])):
            print(f"{eid:40} {s.precision:6.3f} {s.recall:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
        print(f"{'OVERALL':40} {o.precision:6.3f} {o.recall:6.3f} {o.tp:4d} {o.fp:4d} {o.fn:4d}")
        for line in result.misses:
            print(line)
        for line in result.errors:
            print(f"error: {line}", file=sys.stderr)
    if result.errors:
        return 2
    return 0 if min(o.precision, o.recall) >= args.min else 1


def register_cli(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotate", help="list glossary mentions in a UTF-8 text file, with offsets")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print [{start, end, surface, entry_id, english, type, ...}]")
    p.add_argument("--glossary", help="a glossary YAML file instead of glossary/glossary.yaml")
    p.set_defaults(handler=cmd_annotate)

    p = sub.add_parser("eval-glossary", help="precision/recall of the matcher against hand-annotated gold")
    p.add_argument("gold_dir")
    p.add_argument("--json", action="store_true")
    p.add_argument("--glossary", help="a glossary YAML file instead of glossary/glossary.yaml")
    p.add_argument("--min", type=float, default=0.99, help="exit 1 when precision or recall is below (default 0.99)")
    p.set_defaults(handler=cmd_eval_glossary)
