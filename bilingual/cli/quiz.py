"""``quiz cards`` (card counts by kind) and ``export anki|csv`` (the cards for Anki or a spreadsheet)."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bilingual.cli.common import ExitCode, learner_named, open_store
from bilingual.corpus import Article, default_corpus
from bilingual.glossary import Glossary, default_glossary, merge
from bilingual.imports.personal_terms import personal_entries
from bilingual.quiz import KIND_LABELS, KINDS, QuizCard, cards_for, filter_cards
from bilingual.quiz.export import write_apkg, write_csv
from bilingual.schedule import clean_profile_name
from bilingual.store import Store

__all__ = ["cmd_anki", "cmd_cards", "cmd_csv", "register"]


def cmd_cards(args: argparse.Namespace) -> int:
    cards = filter_cards(cards_for(default_corpus(), default_glossary()), article=args.article, kinds=args.kind or None)
    counts = Counter(c.kind for c in cards)
    for kind in KINDS:
        print(f"{kind:6} {counts.get(kind, 0):5}  {KIND_LABELS[kind]}")
    print(f"total  {len(cards):5}")
    return ExitCode.OK


def _selected(args: argparse.Namespace) -> tuple[list[QuizCard], tuple[Article, ...], Glossary, Store | None]:
    corpus = default_corpus()
    glossary = default_glossary()
    store = open_store() if getattr(args, "profile", None) or args.personal else None
    if args.personal and store is not None:
        glossary = merge(glossary, personal_entries(store, owner=learner_named(store, getattr(args, "profile", None)).id))
    cards = cards_for(corpus, glossary)
    return filter_cards(cards, article=args.article, kinds=args.kind or None), corpus, glossary, store


def cmd_anki(args: argparse.Namespace) -> int:
    cards, corpus, glossary, _store = _selected(args)
    n = write_apkg(args.out, cards, corpus, glossary)
    print(f"wrote {n} notes to {args.out}")
    return ExitCode.OK


def cmd_csv(args: argparse.Namespace) -> int:
    if args.profile:
        try:
            args.profile = clean_profile_name(args.profile)
        except ValueError as exc:
            print(f"error: --profile: {exc}", file=sys.stderr)
            return ExitCode.BAD_INPUT
    cards, corpus, glossary, store = _selected(args)
    n = write_csv(Path(args.out), cards, corpus, glossary, store=store, profile=args.profile)
    print(f"wrote {n} rows to {args.out}")
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("quiz", help="quiz cards: counts by kind")
    qsub = p.add_subparsers(dest="quiz_command", metavar="SUBCOMMAND")
    qsub.required = True
    c = qsub.add_parser("cards", help="count the quiz cards by kind")
    c.add_argument("--article", help="only this article's cards")
    c.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    c.set_defaults(handler=cmd_cards)

    p = sub.add_parser("export", help="export quiz cards to Anki (.apkg) or CSV")
    esub = p.add_subparsers(dest="export_format", metavar="FORMAT")
    esub.required = True
    for fmt, handler, help_text in (
        ("anki", cmd_anki, "an Anki package; re-importing updates the same notes"),
        ("csv", cmd_csv, "a UTF-8 CSV file, one row per card"),
    ):
        q = esub.add_parser(fmt, help=help_text)
        q.add_argument("out", help="output file")
        q.add_argument("--article", help="only this article's cards")
        q.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
        q.add_argument("--personal", action="store_true", help="include the learner's personal terms (--profile, or the only learner)")
        q.add_argument("--profile", help="the learner (csv: add their due dates and accuracy)" if fmt == "csv" else "the learner whose personal terms --personal adds")
        q.set_defaults(handler=handler)
