"""The learner's personal glossary terms: ``glossary.Entry`` objects with origin "mine".

Each learner has their own (``owner``, a profile id). They are validated with ``glossary.parse_entry`` (the same checks as the curated file), plus: the
Arabic must be in Arabic letters and no spelling may already belong to another term. Stored as
JSON by ``bilingual.store.terms``; ``glossary.merge`` combines them with the curated glossary. The
curated files in ``glossary/`` are never written.
"""

from __future__ import annotations

import dataclasses
import json
import re
import unicodedata
from collections.abc import Mapping, Sequence
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
    "personal_entries",
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


def personal_entries(store: Store, *, owner: int) -> list[Entry]:
    """The owner's own terms (origin "mine"), oldest first; unreadable rows are skipped."""
    out = []
    for term_id, raw in term_rows.all_terms(store, owner):
        try:
            d = json.loads(raw)
            entry = Entry.from_dict({**d, "id": term_id, "origin": ORIGIN})
        except (ValueError, KeyError, TypeError):
            continue
        out.append(entry)
    return out


def get_personal_term(store: Store, term_id: str, *, owner: int) -> Entry | None:
    return next((e for e in personal_entries(store, owner=owner) if e.id == term_id), None)


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


def _already_taken(raw: dict, term_id: str, curated: Glossary, others: Sequence[Entry]) -> None:
    """Refuse an Arabic spelling that already belongs to another term (curated or the learner's)."""
    taken: dict[str, Entry] = {}
    for e in (*curated, *others):
        if e.id == term_id:
            continue
        for f in e.ar_forms:
            taken.setdefault(normalize(f), e)
    for form in (raw.get("ar"), *raw.get("ar_variants", ())):
        hit = taken.get(normalize(form)) if form else None
        if hit is not None:
            whose = "your term" if hit.origin == ORIGIN else "the glossary"
            raise ImportRefused(f"“{form}” is already in {whose} as “{hit.en}” ({hit.id}).", "ar")


def _validate_term(raw: dict, term_id: str, curated: Glossary, others: Sequence[Entry]) -> Entry:
    """The entry, checked: first that its Arabic is not already another term's (no point filling in
    the rest of a name the glossary has), then the glossary's own checks, then Arabic letters."""
    raw = {**raw, "id": term_id}
    _already_taken(raw, term_id, curated, others)
    try:
        entry = parse_entry(raw, _PERSONAL_FILE, 0)
    except DataError as exc:
        raise ImportRefused(f"{_LABELS.get(exc.field, exc.field)}: {exc.message}", exc.field) from None
    for form in (entry.ar, *entry.ar_variants):
        if arabic_ratio(form) < MIN_ARABIC_RATIO:
            raise ImportRefused(f"Arabic: “{form}” is not written in Arabic letters.", "ar")
    return dataclasses.replace(entry, origin=ORIGIN)


def add_personal_term(store: Store, fields: Mapping[str, object], curated: Glossary, *, owner: int) -> Entry:
    """Validate and store a new personal term of ``owner``; its id comes from the English name, never a curated id."""
    raw = _term_raw(fields)
    existing = personal_entries(store, owner=owner)
    used = {e.id for e in curated} | {e.id for e in existing}
    base = slugify(str(raw.get("en") or ""))
    term_id, n = base, 2
    while term_id in used:
        term_id, n = f"{base}-{n}", n + 1
    entry = _validate_term(raw, term_id, curated, existing)
    term_rows.add(store, owner, entry.id, json.dumps(entry.to_dict(), ensure_ascii=False))
    return entry


def update_personal_term(store: Store, term_id: str, fields: Mapping[str, object], curated: Glossary, *, owner: int) -> Entry:
    """Replace one of the owner's personal terms' fields (its id stays); raises ImportRefused."""
    existing = personal_entries(store, owner=owner)
    if not any(e.id == term_id for e in existing):
        raise ImportRefused("There is no such personal term (it may have been deleted).")
    entry = _validate_term(_term_raw(fields), term_id, curated, [e for e in existing if e.id != term_id])
    term_rows.update(store, owner, term_id, json.dumps(entry.to_dict(), ensure_ascii=False))
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


