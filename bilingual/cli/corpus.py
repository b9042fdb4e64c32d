"""``segment`` (sentences of a text file, with offsets) and ``add-article`` (a raw article → corpus file)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from bilingual import paths
from bilingual.cli.common import ExitCode, read_text_exact
from bilingual.corpus import build_article_dict
from bilingual.datafile import dump_yaml
from bilingual.text.segment import segment

__all__ = ["cmd_add_article", "cmd_segment", "register"]


def cmd_segment(args: argparse.Namespace) -> int:
    segs = segment(read_text_exact(args.file))
    if args.json:
        print(json.dumps([s.to_dict() for s in segs], ensure_ascii=False, indent=1))
    else:
        for i, s in enumerate(segs, 1):
            print(f"{i:4d} [{s.start}:{s.end}] {s.text}")
    return ExitCode.OK


def cmd_add_article(args: argparse.Namespace) -> int:
    text = read_text_exact(args.file)
    meta = {
        "seed": Path(args.file).name,
        "title_ar": args.title_ar or "",
        "title_en": args.title_en or "",
        "outlet": args.outlet or "",
        "outlet_en": args.outlet_en or "",
        "date": args.date or "",
        "date_inferred": args.date_inferred,
        "date_note": args.date_note or "",
        "title_editorial": args.title_editorial,
    }
    data = build_article_dict(
        text, args.id, drop=args.drop or [], headings=args.heading or [], title_line=args.title_ar, meta=meta
    )
    out = Path(args.out) if args.out else paths.ARTICLES_DIR / f"{args.id}.yaml"
    if out.exists() and not args.force:
        print(f"error: {out} exists (use --force to overwrite; sentence ids would be renumbered)")
        return ExitCode.FAILED
    dump_yaml(data, out)
    n = sum(len(p["sentences"]) for p in data["paragraphs"])
    print(f"wrote {out}: {len(data['paragraphs'])} paragraphs, {n} sentences, {len(data['dropped'])} lines dropped")
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("segment", help="split a UTF-8 text file into sentences with offsets")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print [{start, end, text}] (Python string offsets)")
    p.set_defaults(handler=cmd_segment)

    p = sub.add_parser("add-article", help="segment a raw article into a new corpus/articles/<id>.yaml")
    p.add_argument("file")
    p.add_argument("--id", required=True)
    p.add_argument("--title-ar")
    p.add_argument("--title-en")
    p.add_argument("--title-editorial", action="store_true", help="the titles are ours: the text has no headline")
    p.add_argument("--outlet")
    p.add_argument("--outlet-en")
    p.add_argument("--date", help="YYYY-MM-DD, YYYY-MM or YYYY")
    p.add_argument("--date-inferred", action="store_true", help="the date is inferred from the content")
    p.add_argument("--date-note")
    p.add_argument("--drop", action="append", help="a line of page chrome to leave out (repeatable)")
    p.add_argument("--heading", action="append", help="a line to keep as a subheading (repeatable)")
    p.add_argument("--out")
    p.add_argument("--force", action="store_true")
    p.set_defaults(handler=cmd_add_article)
