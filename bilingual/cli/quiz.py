"""``quiz cards`` (card counts by kind) and ``export anki|csv`` (the cards for Anki or a spreadsheet).

With a learner (``--profile``; ``quiz cards`` also takes the only learner there is), the cards are
theirs: the curated ones, their imported texts' (the names each contains) and their saved words'."""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from bilingual.accounts.learners import Learner, list_learners
from bilingual.cli.common import ExitCode, command_group, learner_named, open_store
from bilingual.corpus import Article, default_corpus
from bilingual.glossary import Glossary, default_glossary, merge
from bilingual.imports.personal_terms import personal_entries
from bilingual.quiz import KIND_LABELS, KINDS, QuizCard, cards_for, filter_cards
from bilingual.quiz.export import write_apkg, write_csv
from bilingual.quiz.pool import learner_pool
from bilingual.schedule import clean_profile_name
from bilingual.store import Store

__all__ = ["cmd_anki", "cmd_cards", "cmd_csv", "register"]


def _learner(store: Store, name: str | None) -> Learner | None:
    """The learner named, else the only one there is, else None (several, or none yet)."""
    if name:
        return learner_named(store, name)
    everyone = list_learners(store)
    return everyone[0] if len(everyone) == 1 else None


def cmd_cards(args: argparse.Namespace) -> int:
    corpus, glossary = default_corpus(), default_glossary()
    store = open_store()
    learner = _learner(store, args.profile)
    if learner is None:
        cards = list(cards_for(corpus, glossary))
    else:
        glossary = merge(glossary, personal_entries(store, owner=learner.id))
        cards, _library = learner_pool(store, learner.id, corpus, glossary)
        print(f"learner: {learner.name} (with their imported texts, personal terms and saved words)")
    cards = filter_cards(cards, article=args.article, kinds=args.kind or None)
    counts = Counter(c.kind for c in cards)
    width = max(map(len, KINDS))
    for kind in KINDS:
        print(f"{kind:{width}} {counts.get(kind, 0):5}  {KIND_LABELS[kind]}")
    print(f"{'total':{width}} {len(cards):5}")
    return ExitCode.OK


def _selected(args: argparse.Namespace) -> tuple[list[QuizCard], tuple[Article, ...], Glossary, Store | None]:
    corpus = default_corpus()
    glossary = default_glossary()
    store = open_store() if getattr(args, "profile", None) or args.personal else None
    learner = learner_named(store, getattr(args, "profile", None)) if store is not None else None
    if args.personal and learner is not None:
        glossary = merge(glossary, personal_entries(store, owner=learner.id))
    if getattr(args, "profile", None) and learner is not None:
        cards, corpus = learner_pool(store, learner.id, corpus, glossary)
    else:
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
    p, qsub = command_group(sub, "quiz", "quiz_command", help="quiz cards: counts by kind")
    c = qsub.add_parser("cards", help="count the quiz cards by kind")
    c.add_argument("--article", help="only this article's (or imported text's, mine-<n>) cards")
    c.add_argument("--profile", help="the learner whose imported texts and saved words count too (default: the only learner)")
    c.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
    c.set_defaults(handler=cmd_cards)

    p, esub = command_group(sub, "export", "export_format", metavar="FORMAT", help="export quiz cards to Anki (.apkg) or CSV")
    for fmt, handler, help_text in (
        ("anki", cmd_anki, "an Anki package; re-importing updates the same notes"),
        ("csv", cmd_csv, "a UTF-8 CSV file, one row per card"),
    ):
        q = esub.add_parser(fmt, help=help_text)
        q.add_argument("out", help="output file")
        q.add_argument("--article", help="only this article's cards")
        q.add_argument("--kind", action="append", choices=KINDS, help="only this kind (repeatable)")
        q.add_argument("--personal", action="store_true", help="include the learner's personal terms (--profile, or the only learner)")
        q.add_argument("--profile", help="the learner: their imported texts' and saved words' cards too"
                       + ("; their due dates and accuracy" if fmt == "csv" else "; --personal adds their personal terms"))
        q.set_defaults(handler=handler)
