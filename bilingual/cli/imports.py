"""``import``: the learner's own Arabic text (.txt, .md, .html or stdin) into their library."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bilingual.cli.common import ExitCode, learner_named, open_store, warn
from bilingual.errors import DataError
from bilingual.glossary import Glossary, default_glossary, merge
from bilingual.imports.clean import MAX_CHARS, Cleaned
from bilingual.imports.decode import read_upload
from bilingual.imports.personal_terms import personal_entries
from bilingual.imports.texts import article_id_for, get_article, prepare, save_text
from bilingual.store import Store
from bilingual.translation import translate_article

__all__ = ["cmd_import", "register"]


def _glossary(store: Store, owner: int) -> Glossary | None:
    try:
        return merge(default_glossary(), personal_entries(store, owner=owner))
    except DataError as exc:
        warn(f"glossary not loaded, mentions not counted ({exc})")
        return None


def cmd_import(args: argparse.Namespace) -> int:
    try:
        data = sys.stdin.buffer.read() if args.file == "-" else Path(args.file).read_bytes()
    except OSError as exc:
        print(f"error: cannot read {args.file}: {exc.strerror or exc}", file=sys.stderr)
        return ExitCode.BAD_INPUT
    upload = read_upload(data, "stdin.txt" if args.file == "-" else args.file)
    store = open_store()
    learner = learner_named(store, args.learner)
    glossary = _glossary(store, learner.id)
    preview = prepare(upload.text, glossary, args.title or upload.title, args.source or "", args.date or "")
    text_id = save_text(store, preview.text, preview.title, preview.source, preview.date, owner=learner.id)
    if upload.converted:
        print(f"converted from {upload.encoding_label}")
    if preview.removed:
        print(f"removed {sum(preview.removed.values())} invisible characters ({Cleaned(preview.text, preview.removed).removed_summary()})")
    print(f"id: {text_id}  (article {article_id_for(text_id)})")
    print(f"title: {preview.title}")
    print(f"sentences: {len(preview.article.sentences)}")
    if glossary is not None:
        print(f"mentions: {preview.mention_count} of {len(preview.term_ids)} glossary terms")
    article = get_article(store, article_id_for(text_id), reader=learner.id)
    if args.translate and article is not None:

        def show(done: int, total: int) -> None:
            print(f"\rtranslating: {done}/{total}", end="", file=sys.stderr, flush=True)

        run = translate_article(store, article, show)
        if run is None:
            print("no translation model installed (python -m bilingual model install)", file=sys.stderr)
        else:
            print(file=sys.stderr)
            print(f"translated: {len(run.targets)} sentences ({run.cache_hits} from the cache)")
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    about = f"Import an Arabic text into your database (at most {MAX_CHARS:,} characters). Prints its id, sentences and glossary mentions."
    p = sub.add_parser("import", help="import your own Arabic text (.txt, .md, .html) into your library", description=about)
    p.add_argument("file", metavar="FILE", help="a .txt, .md or .html file ('-' reads plain text from stdin)")
    p.add_argument("--title", default="", help="title (default: the file's title or first line)")
    p.add_argument("--source", default="", help="where it comes from (outlet, URL)")
    p.add_argument("--date", default="", help="YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--translate", action="store_true", help="also machine-translate it if a model is installed")
    p.add_argument("--learner", help="whose library it goes into (default: the only learner); a teacher's text can then be assigned to a class")
    p.set_defaults(handler=cmd_import)
