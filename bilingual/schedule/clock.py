"""Time as the scheduler sees it: aware UTC datetimes, stored as fixed-width ISO 8601 strings
(``2024-05-01T09:30:00.000000Z``) so they sort as text; "today" is the local calendar day."""

from __future__ import annotations

from datetime import UTC, datetime

__all__ = ["UTC", "day_start", "describe_due", "iso", "now_utc", "parse_iso"]

UTC = UTC


def now_utc() -> datetime:
    return datetime.now(UTC)


def iso(dt: datetime) -> str:
    """Fixed-width, sortable ISO 8601 UTC."""
    if dt.tzinfo is None:
        raise ValueError("timezone-aware datetime expected")
    return dt.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def parse_iso(text: str) -> datetime:
    return datetime.fromisoformat(text.replace("Z", "+00:00")).astimezone(UTC)


def day_start(now: datetime) -> datetime:
    """Start of the local calendar day containing ``now``, in UTC."""
    local = now.astimezone()
    return local.replace(hour=0, minute=0, second=0, microsecond=0).astimezone(UTC)


def describe_due(due: datetime, now: datetime | None = None) -> str:
    """'now', 'in 10 minutes', 'in 3 hours', 'in 4 days', 'in 2 months' (rounded)."""
    seconds = (due - (now or now_utc())).total_seconds()
    if seconds < 30:
        return "now"
    for unit, size in (("month", 30 * 86400), ("day", 86400), ("hour", 3600), ("minute", 60)):
        if seconds >= size:
            n = round(seconds / size)
            return f"in {n} {unit}{'s' if n != 1 else ''}"
    return "in 1 minute"
