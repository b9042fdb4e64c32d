"""``annotate`` (glossary mentions in a file, with offsets) and ``eval-glossary`` (precision/recall
of the matcher against hand-annotated gold)."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path

from bilingual.cli.common import ExitCode, read_text_exact
from bilingual.evaluation import evaluate, load_gold
from bilingual.glossary import Entry, Glossary, default_glossary, load_glossary
from bilingual.matcher import Mention, matcher_for

__all__ = ["cmd_annotate", "cmd_eval_glossary", "mention_record", "register"]


def _glossary_from(args: argparse.Namespace) -> Glossary:
    return load_glossary(Path(args.glossary)) if getattr(args, "glossary", None) else default_glossary()


def mention_record(m: Mention, glossary: Glossary) -> dict:
    """The CLI's JSON object for one mention."""
    entry: Entry | None = glossary.get(m.entry_id)
    return {
        "start": m.start,
        "end": m.end,
        "surface": m.surface,
        "entry_id": m.entry_id,
        "english": entry.en if entry else "",
        "type": entry.type if entry else "",
        "form": m.form,
        "prefix": m.prefix,
        "prefix_start": m.prefix_start,
    }


def cmd_annotate(args: argparse.Namespace) -> int:
    glossary = _glossary_from(args)
    text = read_text_exact(args.file)
    records = [mention_record(m, glossary) for m in matcher_for(glossary).find(text)]
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return 0
    for r in records:
        clitic = f" (+{r['prefix']})" if r["prefix"] else ""
        print(f"[{r['start']}:{r['end']}] {r['surface']}{clitic} → {r['english']} ({r['entry_id']}, {r['type']})")
    print(f"{len(records)} mentions")
    return 0


def cmd_eval_glossary(args: argparse.Namespace) -> int:
    glossary = _glossary_from(args)
    result = evaluate(load_gold(Path(args.gold_dir)), glossary)
    o = result.overall
    if args.json:
        report = {
            "overall": {"precision": o.precision, "recall": o.recall, "tp": o.tp, "fp": o.fp, "fn": o.fn},
            "per_entry": {k: {"precision": s.precision, "recall": s.recall, **asdict(s)} for k, s in sorted(result.per_entry.items())},
            "errors": result.errors,
            "misses": result.misses,
        }
        print(json.dumps(report, ensure_ascii=False, indent=1))
    else:
        print(f"{'entry':40} {'P':>6} {'R':>6} {'tp':>4} {'fp':>4} {'fn':>4}")
        for eid, s in sorted(result.per_entry.items(), key=lambda kv: (kv[1].precision + kv[1].recall, kv[0])):
            print(f"{eid:40} {s.precision:6.3f} {s.recall:6.3f} {s.tp:4d} {s.fp:4d} {s.fn:4d}")
        print(f"{'OVERALL':40} {o.precision:6.3f} {o.recall:6.3f} {o.tp:4d} {o.fp:4d} {o.fn:4d}")
        for line in result.misses:
            print(line)
        for line in result.errors:
            print(f"error: {line}", file=sys.stderr)
    if result.errors:
        return ExitCode.BAD_INPUT
    return ExitCode.OK if min(o.precision, o.recall) >= args.min else ExitCode.FAILED


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("annotate", help="list glossary mentions in a UTF-8 text file, with offsets")
    p.add_argument("file")
    p.add_argument("--json", action="store_true", help="print [{start, end, surface, entry_id, english, type, ...}]")
    p.add_argument("--glossary", help="a glossary YAML file instead of glossary/glossary.yaml")
    p.set_defaults(handler=cmd_annotate)

    p = sub.add_parser("eval-glossary", help="precision/recall of the matcher against hand-annotated gold")
    p.add_argument("gold_dir")
    p.add_argument("--json", action="store_true")
    p.add_argument("--glossary", help="a glossary YAML file instead of glossary/glossary.yaml")
    p.add_argument("--min", type=float, default=0.99, help="exit 1 when precision or recall is below (default 0.99)")
    p.set_defaults(handler=cmd_eval_glossary)
