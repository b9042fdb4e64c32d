"""``gloss`` (every Arabic word of a file: its readings in context, with offsets), ``vowels`` (the
file with vowel marks added, nothing else changed) and ``eval-words`` (top-1/top-3 of the ranking
against the gold)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bilingual.cli.common import ExitCode, read_text_exact
from bilingual.corpus import default_corpus
from bilingual.glossary import Glossary, default_glossary, load_glossary
from bilingual.words.analysis import Analysis
from bilingual.words.evaluation import Order, evaluate, evaluate_hints, load_gold, load_variants
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import WordInfo, read_text
from bilingual.words.vowels import vowelize

__all__ = ["analysis_record", "cmd_eval_words", "cmd_gloss", "cmd_vowels", "register", "word_record"]


def analysis_record(a: Analysis) -> dict:
    """The CLI's JSON object for one reading."""
    return {
        "gloss": a.gloss,
        "lemma": a.lemma,
        "pos": a.pos,
        "vocalized": a.vocalized,
        "segments": [{"form": s.form, "gloss": s.gloss, "pos": "+".join(s.tags)} for s in a.segments],
    }


def word_record(w: WordInfo) -> dict:
    """The CLI's JSON object for one Arabic token (``entry_id`` only inside a glossary mention)."""
    record = {"start": w.token.start, "end": w.token.end, "surface": w.token.text,
              "analyses": [analysis_record(a) for a in w.analyses]}
    if w.entry_id is not None:
        record["entry_id"] = w.entry_id
    return record


def _glossary_from(args: argparse.Namespace) -> Glossary:
    return load_glossary(Path(args.glossary)) if getattr(args, "glossary", None) else default_glossary()


def cmd_gloss(args: argparse.Namespace) -> int:
    text = read_text_exact(args.file)
    glossary = _glossary_from(args)
    words = read_text(text, Lexicon.shared(), glossary)
    if args.json:
        print(json.dumps([word_record(w) for w in words], ensure_ascii=False, indent=1))
        return ExitCode.OK
    for w in words:
        where = f"[{w.token.start}:{w.token.end}] {w.token.text}"
        if w.entry_id is not None:
            entry = glossary.get(w.entry_id)
            print(f"{where} → {entry.en if entry else w.entry_id} (glossary: {w.entry_id})")
        elif w.best is not None:
            b = w.best
            parts = " + ".join(f"{s.form} ({s.gloss})" if s.gloss else s.form for s in b.segments)
            print(f"{where} → {b.vocalized} [{b.lemma}, {b.pos}] {parts} :: {b.gloss}")
        elif w.probably is not None:
            entry = glossary.get(w.probably.entry_id)
            print(f"{where} → probably: {entry.en if entry else w.probably.entry_id}")
        else:
            print(f"{where} → (not in the lexicon)")
    return ExitCode.OK


def cmd_vowels(args: argparse.Namespace) -> int:
    sys.stdout.write(vowelize(read_text_exact(args.file)))
    sys.stdout.flush()
    return ExitCode.OK


def _hint_scores(path: str) -> dict[str, dict]:
    variants = load_variants(Path(path))
    out = {}
    for name, split in {"all": None, "dev": "dev", "held-out": "test"}.items():
        h = evaluate_hints(variants, default_glossary(), Lexicon.shared(), split)
        out[name] = {"names": h.names, "recall_glossary_alone": h.recall_exact, "recall_with_hints": h.recall,
                     "hints": h.hints, "precision": h.precision}
    return out


def cmd_eval_words(args: argparse.Namespace) -> int:
    report = evaluate(load_gold(Path(args.gold)), default_corpus(), Lexicon.shared())
    splits = {"all": None, "dev": "dev", "held-out": "test"}
    scores = {name: {o.name.lower(): report.score(o, split) for o in Order} for name, split in splits.items()}
    hints = _hint_scores(args.variants) if args.variants else None
    if args.json:
        print(json.dumps({
            name: {o: {"n": s.n, "top1": s.rate(1), "top3": s.rate(3)} for o, s in by_order.items()}
            for name, by_order in scores.items()
        } | {"problems": list(report.problems)} | ({"hints": hints} if hints else {}), indent=1))
    else:
        print(f"{'split':9} {'order':27} {'n':>4} {'top-1':>7} {'top-3':>7}")
        for name, by_order in scores.items():
            for o in Order:
                s = by_order[o.name.lower()]
                print(f"{name:9} {o.value:27} {s.n:4d} {100 * s.rate(1):6.1f}% {100 * s.rate(3):6.1f}%")
        if hints:
            print(f"\n{'variants':9} {'names':>5} {'recall, glossary alone':>23} {'recall with hints':>18} {'hints':>6} {'precision':>10}")
            for name, h in hints.items():
                print(f"{name:9} {h['names']:5d} {100 * h['recall_glossary_alone']:22.1f}% {100 * h['recall_with_hints']:17.1f}% "
                      f"{h['hints']:6d} {100 * h['precision']:9.1f}%")
        for line in report.problems:
            print(f"error: {line}", file=sys.stderr)
    return ExitCode.BAD_INPUT if report.problems else ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gloss", help="every Arabic word of a UTF-8 text file: segments, lemma, POS, glosses, in context")
    p.add_argument("file")
    p.add_argument("--json", action="store_true",
                   help="print [{start, end, surface, analyses: [{gloss, lemma, pos, vocalized, segments}], entry_id?}]")
    p.add_argument("--glossary", help="a glossary YAML file instead of glossary/glossary.yaml")
    p.set_defaults(handler=cmd_gloss)

    p = sub.add_parser("vowels", help="print a UTF-8 text file with vowel marks added (nothing else changed)")
    p.add_argument("file")
    p.set_defaults(handler=cmd_vowels)

    p = sub.add_parser("eval-words", help="top-1/top-3 of the word ranking against a gold TSV (tests/data/words/gold.tsv)")
    p.add_argument("gold")
    p.add_argument("--variants", help="also score the 'probably' hints on unseen name spellings (tests/data/words/name_variants.tsv)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(handler=cmd_eval_words)
