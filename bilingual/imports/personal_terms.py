"""The learner's personal glossary terms: ``glossary.Entry`` objects with origin "mine".

Each learner has their own (``owner``, a profile id). They are validated with ``glossary.parse_entry`` (the same checks as the curated file), plus: the
Arabic must be in Arabic letters and no spelling may already belong to another term. Stored as
JSON by ``bilingual.store.terms``, with the match keys of their spellings, so that adding or editing
a term costs the same with 10 or 10,000 terms (index look-ups, never a read of every term);
``glossary.merge`` combines them with the curated glossary. The curated files in ``glossary/`` are
never written.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Callable, Mapping
from functools import lru_cache
from pathlib import Path

from bilingual.errors import DataError, ImportRefused
from bilingual.glossary import LIMITS, ORIGIN_MINE, Entry, Glossary, parse_entry
from bilingual.imports.clean import MIN_ARABIC_RATIO, normalize_lines
from bilingual.store import Store
from bilingual.store import terms as term_rows
from bilingual.text.charsets import DIGITS_TO_ASCII
from bilingual.text.normalize import arabic_ratio, normalize
from bilingual.text.sanitize import clean_line, one_line, strip_spoofing

__all__ = [
    "ORIGIN",
    "add_personal_term",
    "delete_personal_term",
    "get_personal_term",
    "personal_count",
    "personal_entries",
    "personal_page",
    "slugify",
    "term_fields",
    "update_personal_term",
]

ORIGIN = ORIGIN_MINE
#: The curated glossary's limits (``glossary.LIMITS``), checked first to name the form field.
_TERM_LIMITS = {"ar": LIMITS["name"], "en": LIMITS["name"], **{k: LIMITS[k] for k in ("romanization", "acronym", "description")}}
_PERSONAL_FILE = Path("your personal terms")
#: How the form's fields are named in messages.
_LABELS = {"ar": "Arabic", "en": "English", "description": "Description", "type": "Type", "lat": "Latitude", "lon": "Longitude"}
#: A coordinate as a person types it: digits, an optional sign and decimal point.
_DECIMAL = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)")


def _entry(term_id: str, raw: str) -> Entry | None:
    try:
        d = json.loads(raw)
        return Entry.from_dict({**d, "id": term_id, "origin": ORIGIN})
    except (ValueError, KeyError, TypeError, AttributeError):
        return None


@lru_cache(maxsize=16)
def _entries_of(rows: tuple[tuple[str, str], ...]) -> tuple[Entry, ...]:
    """The entries of stored (id, JSON) rows, kept for the same rows: the pages ask for a learner's
    terms on every run, and with 10,000 terms reading them costs 0.03 s but parsing them 0.2 s."""
    return tuple(e for e in (_entry(i, raw) for i, raw in rows) if e is not None)


def personal_entries(store: Store, *, owner: int) -> list[Entry]:
    """The owner's own terms (origin "mine"), oldest first; unreadable rows are skipped."""
    return list(_entries_of(tuple(term_rows.all_terms(store, owner))))


def personal_page(store: Store, *, owner: int, offset: int, limit: int) -> list[Entry]:
    """``limit`` of the owner's terms from ``offset`` on, newest first (a page of the list)."""
    return [e for e in (_entry(i, raw) for i, raw in term_rows.page(store, owner, offset, limit)) if e is not None]


def personal_count(store: Store, *, owner: int) -> int:
    return term_rows.count(store, owner)


def get_personal_term(store: Store, term_id: str, *, owner: int) -> Entry | None:
    raw = term_rows.get(store, owner, term_id)
    return None if raw is None else _entry(term_id, raw)


def slugify(name: str) -> str:
    """A glossary id from an English name: lower-case ASCII letters/digits and single hyphens."""
    ascii_ = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_.lower()).strip("-")
    return slug[:60].strip("-") or "term"


def _split_list(value: object) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        items = re.split(r"[\n,،;؛]", value)
    elif isinstance(value, (list, tuple)):
        items = [str(v) for v in value]
    else:
        raise ImportRefused("expected a list of spellings", "variants")
    seen: dict[str, None] = {}
    for item in items:
        v = one_line(item)
        if v:
            seen.setdefault(v, None)
    return list(seen)


def _number(value: object, name: str) -> float | None:
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise ImportRefused(f"{_LABELS[name]}: expected a number", name)
    text = str(value).strip().translate(DIGITS_TO_ASCII).replace("٫", ".")
    if not _DECIMAL.fullmatch(text):  # float() would also take "1_0", "1e3", "inf"
        raise ImportRefused(f"{_LABELS[name]}: expected a number, got “{clean_line(str(value), 30)}”", name)
    return float(text)


def _term_raw(fields: Mapping[str, object]) -> dict:
    raw: dict[str, object] = {}
    for key in ("ar", "en", "type", "description", "romanization", "acronym"):
        v = fields.get(key)
        raw[key] = one_line(v) if key != "description" else normalize_lines(strip_spoofing(str(v or ""))[0]).strip()
        if key in ("ar", "en", "description") and raw[key] == "":
            raw[key] = None  # parse_entry says "missing"
        limit = _TERM_LIMITS.get(key)
        if limit and raw[key] and len(str(raw[key])) > limit:
            raise ImportRefused(f"{key}: too long (at most {limit} characters)", key)
    raw["type"] = (raw.get("type") or "other").lower()
    for key in ("ar_variants", "en_variants"):
        raw[key] = _split_list(fields.get(key))
    if max(len(raw["ar_variants"]), len(raw["en_variants"])) > LIMITS["spellings"]:
        raise ImportRefused(f"At most {LIMITS['spellings']} spellings per term.", "ar_variants")
    raw["lat"] = _number(fields.get("lat"), "lat")
    raw["lon"] = _number(fields.get("lon"), "lon")
    return raw


@lru_cache(maxsize=4)
def _curated_forms(curated: Glossary) -> tuple[frozenset[str], dict[str, Entry]]:
    """The curated glossary's ids and {spelling key: entry} (computed once per glossary)."""
    taken: dict[str, Entry] = {}
    for e in curated:
        for f in e.ar_forms:
            taken.setdefault(normalize(f), e)
    return frozenset(e.id for e in curated), taken


def _already_taken(raw: dict, curated: Glossary, holder: Callable[[list[str]], Entry | None]) -> None:
    """Refuse an Arabic spelling that already belongs to another term (curated, or the learner's:
    ``holder(keys)`` finds one of theirs by index)."""
    _ids, taken = _curated_forms(curated)
    forms = [f for f in (raw.get("ar"), *raw.get("ar_variants", ())) if f]
    for form in forms:
        hit = taken.get(normalize(form))
        if hit is not None:
            raise ImportRefused(f"“{form}” is already in the glossary as “{hit.en}” ({hit.id}).", "ar")
    for form in forms:
        hit = holder([normalize(form)])
        if hit is not None:
            raise ImportRefused(f"“{form}” is already in your term as “{hit.en}” ({hit.id}).", "ar")


def _validate_term(raw: dict, term_id: str, curated: Glossary, holder: Callable[[list[str]], Entry | None]) -> Entry:
    """The entry, checked: first that its Arabic is not already another term's (no point filling in
    the rest of a name the glossary has), then the glossary's own checks, then Arabic letters."""
    raw = {**raw, "id": term_id}
    _already_taken(raw, curated, holder)
    try:
        entry = parse_entry(raw, _PERSONAL_FILE, 0)
    except DataError as exc:
        raise ImportRefused(f"{_LABELS.get(exc.field, exc.field)}: {exc.message}", exc.field) from None
    for form in (entry.ar, *entry.ar_variants):
        if arabic_ratio(form) < MIN_ARABIC_RATIO:
            raise ImportRefused(f"Arabic: “{form}” is not written in Arabic letters.", "ar")
    return dataclasses.replace(entry, origin=ORIGIN)


def _holder(store: Store, owner: int, except_id: str = "") -> Callable[[list[str]], Entry | None]:
    def find(keys: list[str]) -> Entry | None:
        for term_id in term_rows.holders_of(store, owner, keys).values():
            if term_id != except_id:
                return get_personal_term(store, term_id, owner=owner)
        return None

    return find


def _free_id(store: Store, owner: int, base: str, curated: Glossary) -> str:
    """``base``, else ``base-2``, ``base-3``...: the first id neither the glossary nor the owner's terms use."""
    curated_ids, _taken = _curated_forms(curated)
    start = 1
    while True:
        batch = [base if n == 1 else f"{base}-{n}" for n in range(start, start + 10)]
        used = term_rows.ids_taken(store, owner, batch)
        free = [i for i in batch if i not in used and i not in curated_ids]
        if free:
            return free[0]
        start += 10


def _keys(entry: Entry) -> list[str]:
    return [k for k in dict.fromkeys(normalize(f) for f in entry.ar_forms) if k]


def _stored(entry: Entry) -> str:
    return json.dumps(entry.to_dict(), ensure_ascii=False)


def add_personal_term(store: Store, fields: Mapping[str, object], curated: Glossary, *, owner: int) -> Entry:
    """Validate and store a new personal term of ``owner``; its id comes from the English name, never a
    curated id. One transaction, under the owner's terms lock (two sessions cannot both take a spelling)."""
    raw = _term_raw(fields)
    base = slugify(str(raw.get("en") or ""))
    with store.transaction():
        store.lock(f"terms:{int(owner)}")
        term_id = _free_id(store, owner, base, curated)
        entry = _validate_term(raw, term_id, curated, _holder(store, owner))
        term_rows.add(store, owner, entry.id, _stored(entry), _keys(entry))
    return entry


def update_personal_term(store: Store, term_id: str, fields: Mapping[str, object], curated: Glossary, *, owner: int) -> Entry:
    """Replace one of the owner's personal terms' fields (its id stays); raises ImportRefused."""
    raw = _term_raw(fields)
    with store.transaction():
        store.lock(f"terms:{int(owner)}")
        if term_rows.get(store, owner, term_id) is None:
            raise ImportRefused("There is no such personal term (it may have been deleted).")
        entry = _validate_term(raw, term_id, curated, _holder(store, owner, except_id=term_id))
        term_rows.update(store, owner, term_id, _stored(entry), _keys(entry))
    return entry


def delete_personal_term(store: Store, term_id: str, *, owner: int) -> bool:
    return term_rows.delete(store, owner, term_id)


def term_fields(entry: Entry) -> dict:
    """An entry as form fields (lists joined one per line), for an edit form."""
    d = entry.to_dict()
    return {
        **{k: d.get(k) or "" for k in ("ar", "en", "type", "description", "romanization", "acronym")},
        "ar_variants": "\n".join(entry.ar_variants),
        "en_variants": "\n".join(entry.en_variants),
        "lat": "" if entry.lat is None else str(entry.lat),
        "lon": "" if entry.lon is None else str(entry.lon),
    }


