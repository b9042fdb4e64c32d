"""``backup OUT`` (a consistent copy of the whole SQLite database) and ``restore FILE`` (checked; the
current data is kept aside); ``export-learner NAME OUT`` and ``import-learner FILE`` (one learner's own
data as a portable JSON file, on either back end: it moves a learner between a laptop and a class
server). With PostgreSQL the whole-database backup is ``pg_dump`` (see the README)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bilingual.accounts import portable
from bilingual.cli.common import ExitCode, learner_named, open_store, warn
from bilingual.errors import BackupError
from bilingual.store import Dialect, database_url_hint
from bilingual.store.backup import backup, restore
from bilingual.store.base import database_url

__all__ = ["cmd_backup", "cmd_export_learner", "cmd_import_learner", "cmd_restore", "register"]


def cmd_backup(args: argparse.Namespace) -> int:
    store = open_store()
    if store.dialect is Dialect.POSTGRESQL:
        store.close()
        raise BackupError(database_url_hint("backup"))
    try:
        info = backup(store, args.out, overwrite=args.force)
    finally:
        store.close()
    print(f"Backed up {store.path} to {info.path} ({info.size:,} bytes, schema {info.schema_version}): {info.summary()}.")
    return ExitCode.OK


def cmd_restore(args: argparse.Namespace) -> int:
    if database_url():  # checked without opening: a damaged SQLite file is the restore's to deal with
        raise BackupError(database_url_hint("restore"))
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


def cmd_export_learner(args: argparse.Namespace) -> int:
    store = open_store()
    learner = learner_named(store, args.name)
    out = Path(args.out)
    if out.exists() and not args.force:
        raise BackupError(f"{out} already exists; choose another name (or pass --force to overwrite it)")
    data = portable.export_bytes(store, learner)
    try:
        out.write_bytes(data)
    except OSError as exc:
        raise BackupError(f"cannot write {out}: {exc.strerror or exc}") from None
    import json

    print(f"Exported “{learner.name}” to {out} ({len(data):,} bytes): {portable.summary(json.loads(data))}.")
    return ExitCode.OK


def cmd_import_learner(args: argparse.Namespace) -> int:
    try:
        raw = Path(args.file).read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read {args.file}: {exc.strerror or exc}") from None
    store = open_store()
    learner = portable.import_bytes(store, raw, name=args.as_name)
    import json

    print(f"Imported “{learner.name}” ({learner.role.value}) into {store.location}: {portable.summary(json.loads(raw))}.")
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

    e = sub.add_parser(
        "export-learner",
        help="write one learner's own data (progress, texts, terms, settings) to a portable JSON file",
        description="One learner's data, and nobody else's, as JSON: import it on another machine or back end with import-learner.",
    )
    e.add_argument("name", nargs="?", help="the learner (default: the only one)")
    e.add_argument("out", type=Path, help="the .json file to write")
    e.add_argument("--force", action="store_true", help="overwrite OUT if it already exists")
    e.set_defaults(handler=cmd_export_learner)

    i = sub.add_parser("import-learner", help="add a learner from a file written by export-learner (or the app's 'Your data' page)",
                       description="Create a learner from a portable export; refused when the name is taken or looks like an existing one.")
    i.add_argument("file", type=Path)
    i.add_argument("--as", dest="as_name", help="import under another name")
    i.set_defaults(handler=cmd_import_learner)
