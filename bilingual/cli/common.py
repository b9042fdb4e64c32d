"""What every command shares: exit codes, opening the learner's store, naming a learner, reading a
file exactly, reading a password, a progress line on stderr."""

from __future__ import annotations

import argparse
import getpass
import sys
from enum import IntEnum
from typing import TextIO

from bilingual.accounts.learners import Learner, create_learner, find_learner, list_learners
from bilingual.errors import AccountError, StoreFault
from bilingual.schedule import DEFAULT_PROFILE
from bilingual.store import Store
from bilingual.store.faults import message

__all__ = ["ExitCode", "ProgressPrinter", "command_group", "fault_message", "human_size", "learner_named", "open_store", "read_password", "read_text_exact", "warn"]


class ExitCode(IntEnum):
    OK = 0
    #: the command ran and found a problem or could not do what was asked (check errors, a refused restore)
    FAILED = 1
    #: the input is wrong: a bad argument, an unreadable or refused file, broken curated data
    BAD_INPUT = 2
    #: no machine-translation model is installed
    NO_MODEL = 3
    #: interrupted with Ctrl-C
    INTERRUPTED = 130


def command_group(sub: argparse._SubParsersAction, name: str, dest: str, *, metavar: str = "SUBCOMMAND",
                  **options: str) -> tuple[argparse.ArgumentParser, argparse._SubParsersAction]:
    """A command with required subcommands (``users add``, ``model install``...): the command's parser
    and its subcommands' (chosen one is ``args.<dest>``)."""
    parser = sub.add_parser(name, **options)
    group = parser.add_subparsers(dest=dest, metavar=metavar)
    group.required = True
    return parser, group


def warn(message: str) -> None:
    print(f"warning: {message}", file=sys.stderr)


def open_store() -> Store:
    """The learner's store; says on stderr what it found at start-up (a damaged database moved aside,
    a read-only data folder: ``Store.notices``).

    A ``StoreError`` propagates: ``bilingual.cli.main`` prints it and exits ``FAILED``.
    """
    store = Store()
    for notice in store.notices:
        warn(notice.message)
    return store


#: what each command writes, for "... could not be saved" (``fault_message``)
WRITES = {
    "import": "The text", "translate": "The translations", "restore": "The restore", "import-learner": "The learner",
    "users": "The change to the accounts", "class": "The change to the class", "quiz": "Your quiz data",
    "add-article": "The article",
}


def fault_message(fault: StoreFault, command: str | None) -> list[str]:
    """The lines the command line prints for a store fault: what the store did about its file (if
    anything), then the same message as the pages (``bilingual.store.faults.message``)."""
    lines = [f"warning: {fault.notice}"] if fault.notice else []
    return [*lines, f"error: {message(fault, WRITES.get(command or '', 'Your change'), page=False)}"]


def learner_named(store: Store, name: str | None) -> Learner:
    """The learner ``name``; without a name, the only learner there is (``default``, created, when
    there is none). AccountError when there is no such learner, or several and none was named."""
    if name:
        learner = find_learner(store, name)
        if learner is None:
            raise AccountError(f"there is no learner called “{name}” (python -m bilingual users list)")
        return learner
    everyone = list_learners(store)
    if not everyone:
        return create_learner(store, DEFAULT_PROFILE)
    if len(everyone) == 1:
        return everyone[0]
    raise AccountError("there are several learners: say which with --learner NAME (python -m bilingual users list)")


def read_password(prompt: str = "Password: ", *, confirm: bool = True) -> str:
    """A password from the terminal (asked twice, not echoed), or the first line of stdin when it is not a terminal."""
    if not sys.stdin.isatty():
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass(prompt)
    if confirm and getpass.getpass("Again: ") != first:
        raise AccountError("the two passwords differ")
    return first


def read_text_exact(path: str) -> str:
    """A file's text exactly as stored (UTF-8, no newline translation), so offsets are stable."""
    with open(path, encoding="utf-8", newline="") as fh:
        return fh.read()


def human_size(n: float) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"  # pragma: no cover


class ProgressPrinter:
    """A one-line progress bar on stderr (plain lines every 10 % when not a terminal)."""

    def __init__(self, stream: TextIO | None = None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last = -1

    def __call__(self, fraction: float, message: str) -> None:
        pct = int(fraction * 100)
        if self.tty:
            bar = "#" * (pct // 4)
            self.stream.write(f"\r[{bar:<25}] {pct:3d}% {message[:60]:<60}")
            if fraction >= 1.0:
                self.stream.write("\n")
            self.stream.flush()
        elif pct // 10 != self.last // 10 or fraction >= 1.0 and self.last < 100:
            self.stream.write(f"{pct:3d}% {message}\n")
        self.last = pct

    def end(self) -> None:
        """Finish a half-drawn bar before an error message."""
        if self.tty and 0 <= self.last < 100:
            self.stream.write("\n")
            self.stream.flush()
