"""The curated glossary of names: people, places, organizations, agreements, events.

File: ``glossary/glossary.yaml`` with a top-level ``entries:`` list (see README "Data formats").
Personal terms a learner adds live in the database and are merged in with ``merge``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from functools import cached_property, lru_cache
from pathlib import Path

from bilingual import paths
from bilingual.datafile import Record, describe, entry_name, read_yaml
from bilingual.errors import DataError
from bilingual.text.clitics import MIN_STEM_LETTERS, letter_count, strip_proclitics
from bilingual.text.function_words import function_word
from bilingual.text.keys import latin_key
from bilingual.text.normalize import normalize

__all__ = [
    "ENTRY_FIELDS",
    "ENTRY_TYPES",
    "GLOSSARY_FILE",
    "LIMITS",
    "MAX_ENTRIES",
    "MIN_FORM_LETTERS",
    "ORIGIN_CURATED",
    "ORIGIN_MINE",
    "TYPE_LABELS",
    "Entry",
    "EntryType",
    "Glossary",
    "default_glossary",
    "exact_match",
    "form_problem",
    "load_glossary",
    "merge",
    "parse_entry",
    "search",
]


class EntryType(StrEnum):
    """What a glossary name stands for."""

    PERSON = "person"
    PLACE = "place"
    ORGANIZATION = "organization"
    AGREEMENT = "agreement"
    EVENT = "event"
    OTHER = "other"

    @property
    def label(self) -> str:
        """How the type is shown ("Person", "Place"...)."""
        return self.value.capitalize()


ENTRY_TYPES = tuple(t.value for t in EntryType)
#: How each type is shown, by its value.
TYPE_LABELS: dict[str, str] = {t.value: t.label for t in EntryType}
ORIGIN_CURATED = "curated"
#: A learner's personal term.
ORIGIN_MINE = "mine"
ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
GLOSSARY_FILE = paths.GLOSSARY_DIR / "glossary.yaml"


@dataclass(frozen=True, slots=True)
class Entry:
    id: str
    type: EntryType
    ar: str
    en: str
    ar_variants: tuple[str, ...] = ()
    en_variants: tuple[str, ...] = ()
    romanization: str = ""
    description: str = ""
    lat: float | None = None
    lon: float | None = None
    acronym: str = ""
    #: nisba/adjective forms the curator explicitly opts in as mentions (off by default)
    adjective_forms: tuple[str, ...] = ()
    #: ORIGIN_CURATED for glossary/glossary.yaml, ORIGIN_MINE for a learner's personal term
    origin: str = field(default=ORIGIN_CURATED, compare=False)

    @property
    def ar_forms(self) -> tuple[str, ...]:
        """Every Arabic form that counts as a mention: canonical, variants, opted-in adjectives."""
        return tuple(dict.fromkeys((self.ar, *self.ar_variants, *self.adjective_forms)))

    @property
    def en_forms(self) -> tuple[str, ...]:
        """English name, accepted variants and acronym, for finding the name in a translation."""
        return tuple(dict.fromkeys((self.en, *self.en_variants, *((self.acronym,) if self.acronym else ()))))

    def to_dict(self) -> dict:
        d = asdict(self)
        d["type"] = str(self.type)
        return {k: (list(v) if isinstance(v, tuple) else v) for k, v in d.items()}

    @classmethod
    def from_dict(cls, d: dict) -> Entry:
        return cls(
            id=d["id"],
            type=EntryType(d["type"]),
            ar=d["ar"],
            en=d["en"],
            ar_variants=tuple(d.get("ar_variants") or ()),
            en_variants=tuple(d.get("en_variants") or ()),
            romanization=d.get("romanization") or "",
            description=d.get("description") or "",
            lat=d.get("lat"),
            lon=d.get("lon"),
            acronym=d.get("acronym") or "",
            adjective_forms=tuple(d.get("adjective_forms") or ()),
            origin=d.get("origin") or ORIGIN_CURATED,
        )


#: Limits on one entry, from the real data (longest today: name 83, romanization 58, description
#: 410 characters, 11 spellings) with room to spare; the same as for a learner's personal term.
LIMITS = {"name": 200, "romanization": 200, "acronym": 40, "description": 2000, "spellings": 50}
#: At most this many entries (the glossary has ~100; a 1 MB file holds ~2,000 at today's size).
MAX_ENTRIES = 2000
#: A form needs this many letters once normalized (diacritics, tatweel and marks do not count):
#: as many as a name left by stripping a clitic (TASS, تاس, is the shortest form today).
MIN_FORM_LETTERS = MIN_STEM_LETTERS
ENTRY_FIELDS = (
    "id", "type", "ar", "ar_variants", "en", "en_variants", "romanization", "description",
    "lat", "lon", "acronym", "adjective_forms",
)


def form_problem(form: str) -> str | None:
    """Why an Arabic spelling cannot be a glossary form (None when it can): too few letters once
    normalized (a form of diacritics only, و، في), or only function words (من، التي، ومن، في حين)."""
    key = normalize(form)
    n = letter_count(key)
    if n < MIN_FORM_LETTERS:
        return (f"{form!r} has {n} letter{'s' if n != 1 else ''} once diacritics are set aside; a form needs at "
                f"least {MIN_FORM_LETTERS} (a shorter one would match inside ordinary words)")
    words = key.split()
    if all(function_word(w) for w in words):
        which = ", ".join(sorted({function_word(w) for w in words}))
        return f"{form!r} is a function word ({which}), not a name: it would be highlighted all over the text"
    return None


def parse_entry(raw: object, file: Path, index: int) -> Entry:
    """One glossary entry, validated strictly; raises DataError naming file, entry and field."""
    r = Record(raw, file, entry_name(raw, "entry", f"entry #{index + 1}"), ENTRY_FIELDS)
    eid = r.text("id", max_len=80)
    if not ID_RE.match(eid):
        raise r.error("id", "use lower-case letters, digits and single hyphens")
    etype = r.text("type", max_len=40)
    if etype not in ENTRY_TYPES:
        raise r.error("type", f"{etype!r} is not one of {', '.join(ENTRY_TYPES)}")
    name, spellings = LIMITS["name"], LIMITS["spellings"]
    ar = r.text("ar", max_len=name)
    en = r.text("en", max_len=name)
    description = r.text("description", max_len=LIMITS["description"])
    ar_variants = r.texts("ar_variants", max_len=name, max_items=spellings)
    en_variants = r.texts("en_variants", max_len=name, max_items=spellings)
    adjective_forms = r.texts("adjective_forms", max_len=name, max_items=spellings)
    for key, forms in (("ar", (ar,)), ("ar_variants", ar_variants), ("adjective_forms", adjective_forms)):
        for form in forms:
            problem = form_problem(form)
            if problem:
                raise r.error(key, problem)
    lat, lon = r.number("lat", bound=90), r.number("lon", bound=180)
    if (lat is None) != (lon is None):
        raise r.error("lat" if lat is None else "lon", "give both lat and lon, or neither")
    if etype == EntryType.PLACE and lat is None:
        raise r.error("lat", "places need coordinates (lat, lon)")
    return Entry(
        id=eid,
        type=EntryType(etype),
        ar=ar,
        en=en,
        ar_variants=ar_variants,
        en_variants=en_variants,
        romanization=r.text("romanization", max_len=LIMITS["romanization"], required=False),
        description=description,
        lat=lat,
        lon=lon,
        acronym=r.text("acronym", max_len=LIMITS["acronym"], required=False),
        adjective_forms=adjective_forms,
    )


@dataclass(frozen=True)
class Glossary:
    entries: tuple[Entry, ...]

    _by_id: dict[str, Entry] = field(init=False, repr=False, compare=False, hash=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {e.id: e for e in self.entries})

    def get(self, entry_id: str) -> Entry | None:
        return self._by_id.get(entry_id)

    @cached_property
    def key(self) -> int:
        """``hash(entries)``, computed once (the pages key their caches on it; with 10,000 personal
        terms one hash costs about 15 ms)."""
        return hash(self.entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)


def load_glossary(path: Path | None = None) -> Glossary:
    """Load and validate the glossary file; raises DataError naming file, entry and field."""
    file = path or GLOSSARY_FILE
    data = read_yaml(file)
    if not isinstance(data, dict):
        raise DataError(file, "file", "entries", f"expected a top-level 'entries:' list, got {describe(data)}")
    top = Record(data, file, "file", ("entries",), what="entries")
    raw_entries = top.items("entries", max_items=MAX_ENTRIES)
    entries = [parse_entry(raw, file, i) for i, raw in enumerate(raw_entries)]
    seen: set[str] = set()
    for e in entries:
        if e.id in seen:
            raise DataError(file, f"entry {e.id}", "id", "duplicate id")
        seen.add(e.id)
    return Glossary(tuple(entries))


def merge(curated: Glossary, personal: list[Entry] | tuple[Entry, ...]) -> Glossary:
    """Curated entries plus the learner's own (a personal term never replaces a curated id)."""
    ids = {e.id for e in curated}
    extra = tuple(e for e in personal if e.id not in ids)
    return Glossary(curated.entries + extra)


@lru_cache(maxsize=1)
def default_glossary() -> Glossary:
    return load_glossary()


def _query_keys(query: str) -> tuple[str, set[str], str]:
    """The query's Arabic key, its clitic-stripped readings (``text.clitics``) and its Latin key."""
    q = query.strip()
    qn = normalize(q)
    return qn, set(strip_proclitics(qn)), latin_key(q)


def _exactness(entry: Entry, qn: str, stripped: set[str], ql: str) -> int | None:
    """0: one of the entry's names is the query itself; 1: it is the query less its clitics; None: neither."""
    ar_keys = {normalize(f) for f in entry.ar_forms}
    en_keys = {latin_key(f) for f in (*entry.en_forms, entry.romanization) if f}
    if (qn and qn in ar_keys) or (ql and ql in en_keys):
        return 0
    if ar_keys & stripped:
        return 1
    return None


def search(glossary: Glossary, query: str) -> list[Entry]:
    """Entries whose Arabic (normalized, clitic-tolerant), English, acronym or romanization matches.

    Entries that the query names exactly (see ``exact_match``) come first, in glossary order.
    """
    if not query.strip():
        return list(glossary)
    qn, stripped, ql = _query_keys(query)
    keys = {qn, *stripped}
    hits = []
    for e in glossary:
        ar_keys = [normalize(f) for f in e.ar_forms]
        en_keys = [latin_key(f) for f in (*e.en_forms, e.romanization) if f]
        if any(k and k in a for k in keys for a in ar_keys) or (ql and any(ql in f for f in en_keys)):
            hits.append(e)
    return sorted(hits, key=lambda e: 0 if _exactness(e, qn, stripped, ql) is not None else 1)


def exact_match(entries: Iterable[Entry], query: str) -> Entry | None:
    """The one entry among ``entries`` that ``query`` names exactly, or None.

    Exactly: one of its Arabic forms is the query (normalized) or the query less an attached
    proclitic group (وأذربيجان → أذربيجان, the one rule in ``text.clitics``), or its English name,
    a variant, the acronym or the romanization is the query (``latin_key``). A name that is the query
    itself wins over one that needs the clitic stripped; two equally exact entries give None.
    """
    if not query.strip():
        return None
    qn, stripped, ql = _query_keys(query)
    tiers: dict[int, list[Entry]] = {}
    for e in entries:
        tier = _exactness(e, qn, stripped, ql)
        if tier is not None:
            tiers.setdefault(tier, []).append(e)
    if not tiers:
        return None
    best = tiers[min(tiers)]
    return best[0] if len(best) == 1 else None
