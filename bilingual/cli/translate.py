"""``model install`` / ``model status`` (the offline translation model) and ``translate``
(sentence-aligned machine translation of an article or a text, cached)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from bilingual import paths
from bilingual.cli.common import ExitCode, ProgressPrinter, command_group, human_size, open_store, warn
from bilingual.corpus import article_by_id, default_corpus
from bilingual.errors import DataError, InstallError, ModelNotInstalled
from bilingual.glossary import Glossary, default_glossary
from bilingual.text.segment import segment
from bilingual.translation import (
    APPROX_DOWNLOAD,
    DEFAULT_BEAM,
    MT_LABEL,
    ModelInfo,
    align,
    how_to_install,
    install_from_file,
    install_from_index,
    installed_model,
    translate_sentences,
)

__all__ = ["cmd_model_install", "cmd_model_status", "cmd_translate", "cmd_translate_all", "register"]


def cmd_model_install(args: argparse.Namespace) -> int:
    progress = ProgressPrinter()
    try:
        if args.from_file:
            info = install_from_file(Path(args.from_file), progress=progress)
        else:
            print(f"Downloading the Argos Translate ar→en package ({APPROX_DOWNLOAD}) from the Argos package index…", file=sys.stderr)
            info = install_from_index(progress=progress)
    except InstallError as exc:
        progress.end()
        print(f"error: {exc}", file=sys.stderr)
        return ExitCode.FAILED
    except KeyboardInterrupt:
        progress.end()
        print("Install interrupted; the previous model (if any) is unchanged.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    print(f"Installed {info.name} {info.version} at {info.path} ({human_size(info.size_bytes)}).")
    return ExitCode.OK


def cmd_model_status(args: argparse.Namespace) -> int:
    info = installed_model()
    if args.json:
        print(json.dumps({"installed": info is not None, "model": info.to_dict() if info else None, "how_to_install": None if info else how_to_install(), "label": MT_LABEL}, ensure_ascii=False, indent=1))
        return ExitCode.OK
    if info is None:
        print(how_to_install())
        print(f"(packages folder: {paths.models_dir()})")
        return ExitCode.OK
    print(f"{MT_LABEL}: installed")
    print(f"  name:     {info.name}")
    print(f"  version:  {info.version}")
    print(f"  path:     {info.path}")
    print(f"  size:     {human_size(info.size_bytes)}")
    print(f"  checksum: {info.checksum[:16]}")
    return ExitCode.OK


def cmd_translate_all(args: argparse.Namespace, model: ModelInfo) -> int:
    """Pre-translate every curated article: one run over their distinct sentences, resumable (the cache
    keeps every finished call, so an interrupted run goes on where it stopped)."""
    corpus = default_corpus()
    sources = list(dict.fromkeys(s.ar for a in corpus for s in a.sentences))
    progress = ProgressPrinter()
    store = open_store()
    try:
        run = translate_sentences(
            sources, store, model=model, beam_size=args.beam, refresh=args.refresh,
            progress=lambda done, total: progress(done / max(total, 1), f"{done} of {total} sentences"),
        )
    except KeyboardInterrupt:
        progress.end()
        print("Interrupted: what was translated is kept; run the command again to go on.", file=sys.stderr)
        return ExitCode.INTERRUPTED
    finally:
        store.close()
    for w in run.warnings:
        warn(w)
    print(f"{len(corpus)} articles, {len(sources)} sentences: {run.cache_hits} were already translated, "
          f"{run.model_calls} translated now in {run.batches} model call(s), {run.seconds:.1f} s.")
    return ExitCode.OK


def cmd_translate(args: argparse.Namespace) -> int:
    model = installed_model()
    if model is None:
        print(f"error: {how_to_install()}", file=sys.stderr)
        return ExitCode.NO_MODEL
    if args.all:
        return cmd_translate_all(args, model)
    references: dict[str, str] = {}
    if args.article:
        art = article_by_id(args.article)
        if art is None:
            print(f"error: no article with id {args.article!r} (see corpus/articles/)", file=sys.stderr)
            return ExitCode.BAD_INPUT
        ids = [s.id for s in art.sentences]
        sources = [s.ar for s in art.sentences]
        references = dict(art.reference)
    else:
        segs = segment(args.text)
        ids = [f"s{i + 1:03d}" for i in range(len(segs))]
        sources = [s.text for s in segs]
    store = open_store()
    try:
        try:
            run = translate_sentences(sources, store, model=model, beam_size=args.beam, refresh=args.refresh)
        except ModelNotInstalled as exc:
            print(f"error: {exc}", file=sys.stderr)
            return ExitCode.NO_MODEL
    finally:
        store.close()
    glossary = _glossary_or_none()
    rows = align(ids, sources, run.targets, references, glossary)
    if run.cache_warning:
        print(f"warning: {run.cache_warning}", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "label": MT_LABEL,
            "model": run.model.to_dict(),
            "article": args.article,
            "beam_size": args.beam,
            "sentences": [r.to_dict() for r in rows],
            "model_calls": run.model_calls,
            "cache_hits": run.cache_hits,
            "batches": run.batches,
            "seconds": round(run.seconds, 3),
        }, ensure_ascii=False, indent=1))
    else:
        print(f"# {MT_LABEL} — {run.model.name} {run.model.version}")
        for r in rows:
            print(f"[{r.id}] {r.source}")
            print(f"       {r.target}")
            if r.reference is not None:
                print(f"  ref: {r.reference}   (chrF {r.chrf:.1f})")
            misses = [c.english for c in r.checks if not c.found]
            if misses:
                print(f"  MT may have garbled: {', '.join(misses)}")
        print(f"{len(rows)} sentences: {run.cache_hits} from the cache, {run.model_calls} translated in {run.batches} model call(s), {run.seconds:.2f} s", file=sys.stderr)
    return ExitCode.OK


def _glossary_or_none() -> Glossary | None:
    """The glossary for the MT checks, or None when it is broken (``check`` reports that)."""
    try:
        return default_glossary()
    except DataError as exc:
        warn(f"glossary not loaded, names not checked ({exc})")
        return None


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {text!r}")
    return value


def register(sub: argparse._SubParsersAction) -> None:
    model, msub = command_group(sub, "model", "model_command", metavar="ACTION", help="the offline machine-translation model: install, status")
    inst = msub.add_parser("install", help="install the Argos Translate ar→en package (download, or --from-file)")
    inst.add_argument("--from-file", metavar="PATH", help="install from an .argosmodel file instead of downloading")
    inst.set_defaults(handler=cmd_model_install)
    status = msub.add_parser("status", help="what model is installed (name, version, path, size)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=cmd_model_status)

    tr = sub.add_parser("translate", help="machine-translate an article or a text, sentence by sentence (offline)")
    what = tr.add_mutually_exclusive_group(required=True)
    what.add_argument("--article", metavar="ID", help="an article id from corpus/articles")
    what.add_argument("--text", metavar="TEXT", help="Arabic text (split into sentences)")
    what.add_argument("--all", action="store_true", help="every curated article, so reading them later costs no model call (resumable)")
    tr.add_argument("--json", action="store_true", help="machine-readable output")
    tr.add_argument("--beam", type=_positive_int, default=DEFAULT_BEAM, metavar="N", help=f"beam size (default {DEFAULT_BEAM}; 1 is faster)")
    tr.add_argument("--refresh", action="store_true", help="translate again, replacing cached translations")
    tr.set_defaults(handler=cmd_translate)

