"""Vocabulary figures for the Progress page: the headline counts (known words, as LingQ's number),
the known words day by day (replayed from the log of status changes, so a word marked known and later
moved back to learning stops counting from that day) and the words saved day by day."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from bilingual.schedule.clock import now_utc, parse_iso
from bilingual.store import Store
from bilingual.store import vocab as rows
from bilingual.vocab.status import Status

__all__ = ["VocabTotals", "known_per_day", "saved_per_day", "vocab_totals"]


@dataclass(frozen=True)
class VocabTotals:
    known: int  # lemmas marked known
    learning: int  # lemmas being learnt (levels 1–4)
    ignored: int
    saved: int  # saved words (each a set of quiz cards)


def vocab_totals(store: Store, owner: int) -> VocabTotals:
    counts = Counter(Status(s) for s in rows.statuses(store, owner).values())
    return VocabTotals(counts[Status.KNOWN], sum(n for s, n in counts.items() if s.is_learning), counts[Status.IGNORED],
                       len(rows.saved_rows(store, owner)))


def _days(days: int, now: datetime | None) -> list[date]:
    today = (now or now_utc()).astimezone().date()
    return [today - timedelta(days=days - 1 - i) for i in range(days)]


def known_per_day(store: Store, owner: int, *, days: int = 30, now: datetime | None = None) -> list[dict]:
    """``[{date, known}]``: lemmas known at the end of each local day of the last ``days`` days."""
    wanted = _days(days, now)
    state: dict[str, int] = {}
    known = 0
    out: list[dict] = []
    log = iter(rows.status_log(store, owner))
    pending = next(log, None)
    for day in wanted:
        while pending is not None and parse_iso(pending[2]).astimezone().date() <= day:
            key, status, _at = pending
            known += (status == Status.KNOWN) - (state.get(key) == Status.KNOWN)
            state[key] = status
            pending = next(log, None)
        out.append({"date": day.isoformat(), "known": known})
    return out


def saved_per_day(store: Store, owner: int, *, days: int = 30, now: datetime | None = None) -> list[dict]:
    """``[{date, saved}]``: words saved by the end of each local day of the last ``days`` days (a word
    saved again keeps its first day; a removed word no longer counts)."""
    firsts = sorted(parse_iso(r["created_at"]).astimezone().date() for r in rows.saved_rows(store, owner))
    out, i = [], 0
    for day in _days(days, now):
        while i < len(firsts) and firsts[i] <= day:
            i += 1
        out.append({"date": day.isoformat(), "saved": i})
    return out
