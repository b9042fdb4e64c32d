"""``check``: validate the corpus, reference translations, glossary and questions."""

from __future__ import annotations

import argparse

from bilingual.check import run_checks
from bilingual.cli.common import ExitCode

__all__ = ["cmd_check", "register"]


def cmd_check(args: argparse.Namespace) -> int:
    report = run_checks()
    for w in report.warnings if args.verbose else []:
        print(f"warning: {w}")
    for e in report.errors:
        print(f"error: {e}")
    summary = ", ".join(f"{v} {k}" for k, v in report.counts.items())
    if report.warnings and not args.verbose:
        print(f"{len(report.warnings)} warnings (spellings not in the corpus, articles with few questions; --verbose lists them)")
    n = len(report.errors)
    print(("ok: " if report.ok else f"{n} error{'s' if n != 1 else ''}; ") + summary)
    return ExitCode.OK if report.ok else ExitCode.FAILED


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="validate corpus, reference translations, glossary and questions")
    p.add_argument("--verbose", "-v", action="store_true", help="list every warning")
    p.set_defaults(handler=cmd_check)
