"""The migration scripts of both back ends and the steps they share: loading ``NNN_*.sql`` in order,
running one step (its SQL, then its Python part, ``MIGRATION_HOOKS``), and migrations whose file is
not there yet.

A number below the highest that has no file yet (a migration still being written on another branch)
is an empty step: a database that passes it records the number (SQLite: a bit of ``PRAGMA
application_id``; PostgreSQL: ``schema_version.skipped``), and the script runs there as soon as its
file arrives (``apply_late``), so no database misses it; the numbers above it keep their meaning.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from bilingual.store import terms

__all__ = [
    "MIGRATION_HOOKS",
    "Skipped",
    "apply_late",
    "apply_step",
    "bits_to_numbers",
    "late_steps",
    "load_migrations",
    "newer_version_message",
    "numbers_to_bits",
    "statements",
]

#: Python steps run right after a migration, in its transaction (both back ends): version reached ->
#: step(run), ``run(sql, params)`` a statement with ``?`` placeholders returning its rows.
MIGRATION_HOOKS: dict[int, Callable[[Callable[..., list]], None]] = {4: terms.fill_forms}
Run = Callable[..., list]


class Skipped:
    """Where a database keeps the numbers of the migrations it passed over: ``get()`` and ``put(numbers)``
    (each back end gives its own; both run inside the migration's transaction)."""

    def __init__(self, get: Callable[[], list[int]], put: Callable[[list[int]], None]):
        self.get, self.put = get, put


def load_migrations(directory: Path) -> list[str]:
    """The SQL scripts ``NNN_*.sql`` in order: script i takes the schema from version i to i + 1
    (``""`` for a number with no file yet, see the module doc)."""
    files: dict[int, Path] = {}
    for f in sorted(directory.glob("[0-9][0-9][0-9]_*.sql")):
        n = int(f.name[:3])
        if n == 0 or n in files:
            raise RuntimeError(f"migration {f.name} is out of sequence (its number is 0 or already taken)")
        files[n] = f
    return [files[n].read_text(encoding="utf-8") if n in files else "" for n in range(1, max(files, default=0) + 1)]


def newer_version_message(version: int, known: int) -> str:
    return (
        f"the database was written by a newer version of the app (schema {version}; this version "
        f"understands up to {known}). Update the app, or restore a backup made with this version."
    )


def statements(script: str) -> list[str]:
    """A SQLite script cut into its statements."""
    out, buf = [], ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    return [s for s in out if s.strip(" ;\n")]


def bits_to_numbers(bits: int) -> list[int]:
    """SQLite keeps the skipped numbers as the bits of ``PRAGMA application_id`` (bit n-1: migration n)."""
    return [n for n in range(1, 32) if bits & (1 << (n - 1))]


def numbers_to_bits(numbers: list[int]) -> int:
    if any(not 1 <= n <= 31 for n in numbers):
        raise RuntimeError(f"only migrations 1 to 31 can be passed over, not {numbers}")
    return sum(1 << (n - 1) for n in set(numbers))


def apply_step(number: int, scripts: list[str], run: Run, script_runner: Callable[[str], object], skipped: Skipped) -> None:
    """Migration ``number`` (1-based) in the caller's transaction: its script and its Python step, or,
    when its file is not there yet, the note that it was skipped."""
    if scripts[number - 1]:
        script_runner(scripts[number - 1])
        if (hook := MIGRATION_HOOKS.get(number)) is not None:
            hook(run)
    else:
        skipped.put(sorted({*skipped.get(), number}))


def late_steps(scripts: list[str], skipped: Skipped) -> list[int]:
    """The migrations this database passed over whose file has arrived since."""
    return [n for n in skipped.get() if n <= len(scripts) and scripts[n - 1]]


def apply_late(scripts: list[str], run: Run, script_runner: Callable[[str], object], skipped: Skipped) -> list[int]:
    """In the caller's transaction: every skipped migration whose file has arrived, in their order
    (such a step only adds what the later ones do not touch). Returns their numbers."""
    done = late_steps(scripts, skipped)
    if not done:
        return []
    for n in done:
        apply_step(n, scripts, run, script_runner, skipped)
    skipped.put([n for n in skipped.get() if n not in done])
    return done
