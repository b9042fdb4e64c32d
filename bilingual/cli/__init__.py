"""Command line: ``python -m bilingual <command> ...`` for every headless job.

One module per command group registers its commands (``register(subparsers)``) and handles them:
parse arguments, call the library, print. Exit codes are ``common.ExitCode``; errors the library
raises on purpose (``bilingual.errors``) become one message and one exit code here.
"""

from __future__ import annotations

import argparse
import sys

from bilingual.cli import annotate, backup, check, corpus, imports, quiz, translate, users, vocab, words
from bilingual.cli.common import ExitCode, fault_message
from bilingual.errors import (
    AccountError,
    BilingualError,
    DataError,
    ImportRefused,
    ModelNotInstalled,
    StoreError,
    StoreFault,
    VocabRefused,
)

__all__ = ["build_parser", "main"]

#: The command groups, in the order ``--help`` lists them.
COMMAND_GROUPS = (check, annotate, words, corpus, translate, quiz, vocab, imports, backup, users)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bilingual", description="Arabic–English reader: headless jobs.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for group in COMMAND_GROUPS:
        group.register(sub)
    return parser


#: each error the library raises on purpose -> the words before its message and the exit code (first match)
_ERRORS: tuple[tuple[type[BilingualError] | tuple[type[BilingualError], ...], str, ExitCode], ...] = (
    (ImportRefused, "not imported: ", ExitCode.BAD_INPUT),
    ((DataError, AccountError, VocabRefused), "", ExitCode.BAD_INPUT),
    (StoreError, "your data could not be opened: ", ExitCode.FAILED),
    (ModelNotInstalled, "", ExitCode.NO_MODEL),
    (BilingualError, "", ExitCode.FAILED),  # BackupError, InstallError, AccessDenied and the rest
)


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args) or ExitCode.OK)
    except StoreFault as fault:  # the store failed while the command ran: the pages' words, no traceback
        for line in fault_message(fault, args.command):
            print(line, file=sys.stderr)
        return ExitCode.FAILED
    except BilingualError as exc:
        prefix, code = next((p, c) for kinds, p, c in _ERRORS if isinstance(exc, kinds))
        print(f"error: {prefix}{exc}", file=sys.stderr)
        return code
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return ExitCode.OK
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return ExitCode.INTERRUPTED
