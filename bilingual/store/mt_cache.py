"""Cached machine translations (table ``mt_cache``), keyed by the model's cache key and the exact source."""

from __future__ import annotations

from collections.abc import Iterable

from bilingual.store.base import Store, utc_now

__all__ = ["forget_sources", "lookup", "save"]

#: Sources per query (SQLite allows 999 parameters in older builds).
_CHUNK = 500


def lookup(store: Store, model_key: str, sources: Iterable[str]) -> dict[str, str]:
    """{source: target} for the sources cached under ``model_key``."""
    out: dict[str, str] = {}
    unique = list(dict.fromkeys(sources))
    for i in range(0, len(unique), _CHUNK):
        part = unique[i : i + _CHUNK]
        marks = ",".join("?" * len(part))
        for row in store.query(f"SELECT source, target FROM mt_cache WHERE model_key = ? AND source IN ({marks})", (model_key, *part)):
            out[row["source"]] = row["target"]
    return out


def save(store: Store, model_key: str, pairs: Iterable[tuple[str, str]]) -> None:
    """Cache (source, target) pairs under ``model_key`` in one transaction (newer replaces older)."""
    now = utc_now()
    rows = [(model_key, src, tgt, now) for src, tgt in pairs]
    with store.transaction():
        store.executemany(
            "INSERT INTO mt_cache(model_key, source, target, created_at) VALUES (?, ?, ?, ?) "
            "ON CONFLICT(model_key, source) DO UPDATE SET target = excluded.target, created_at = excluded.created_at",
            rows,
        )


def forget_sources(store: Store, sources: Iterable[str]) -> None:
    """Drop every model's cached translation of these sources."""
    for src in sources:
        store.execute("DELETE FROM mt_cache WHERE source = ?", (src,))
