"""Command line: ``python -m bilingual <command> ...`` for every headless job.

Each feature module contributes its commands through a ``register_cli(subparsers)`` function;
heavy imports (argostranslate, ctranslate2, genanki) stay inside the command handlers.
"""

from __future__ import annotations

import argparse
import importlib
import sys

from bilingual.corpus import DataError
from bilingual.store import StoreError

FEATURE_MODULES = (
    "bilingual.check",
    "bilingual.matcher",
    "bilingual.corpus_cli",
    "bilingual.translation",
    "bilingual.quiz",
    "bilingual.export",
    "bilingual.importer",
    "bilingual.backup",
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m bilingual", description="Arabic–English reader: headless jobs.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True
    for name in FEATURE_MODULES:
        try:
            module = importlib.import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register_cli(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(encoding="utf-8")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.handler(args) or 0)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except StoreError as exc:
        print(f"error: your data could not be opened: {exc}", file=sys.stderr)
        return 1
    except BrokenPipeError:  # output piped into `head` and the like
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
