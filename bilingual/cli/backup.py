"""``backup OUT`` (a consistent copy of the learner's data) and ``restore FILE`` (checked; the current
data is kept aside)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bilingual.cli.common import ExitCode, open_store, warn
from bilingual.errors import BackupError
from bilingual.store.backup import backup, restore

__all__ = ["cmd_backup", "cmd_restore", "register"]


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_store()
    try:
        info = backup(store, args.out, overwrite=args.force)
    finally:
        store.close()
    print(f"Backed up {store.path} to {info.path} ({info.size:,} bytes, schema {info.schema_version}): {info.summary()}.")
    return ExitCode.OK


def cmd_restore(args: argparse.Namespace) -> int:
    try:
        info = restore(args.file)
    except BackupError as exc:
        print(f"error: refused: {exc}. Your data was not changed.", file=sys.stderr)
        return ExitCode.FAILED
    if info.previous_damage:
        warn(f"your previous database was damaged ({info.previous_damage}); its bytes are kept as {info.previous}")
    print(f"Restored {info.source} into {info.store_path}: {info.summary()}.")
    if info.source_version != info.schema_version:
        print(f"The backup was brought up to date (schema {info.source_version} -> {info.schema_version}).")
    if info.previous and not info.previous_damage:
        print(f"Your previous data is kept as {info.previous}.")
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "backup",
        help="write a consistent copy of your data (progress, imported texts, terms, MT cache) to OUT",
        description="Write a consistent copy of your data to OUT; safe while the app is running.",
    )
    p.add_argument("out", type=Path, help="the backup file to write (or a folder to put a dated one in)")
    p.add_argument("--force", action="store_true", help="overwrite OUT if it already exists")
    p.set_defaults(handler=cmd_backup)

    r = sub.add_parser(
        "restore",
        help="check a backup FILE and make it your data (the current data is kept aside)",
        description="Check FILE and replace your data with it; the current data is kept as a .before-restore copy.",
    )
    r.add_argument("file", type=Path, help="a file written by `backup` or downloaded from the app")
    r.set_defaults(handler=cmd_restore)
