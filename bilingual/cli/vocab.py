"""``vocab add`` (save a word with its sentence: it becomes quiz cards), ``vocab status`` (a lemma's
status: new, learning, known, ignored) and ``vocab list`` (the learner's lemmas, statuses and saved
sentences). Statuses belong to the lemma: ``vocab status وبالأمن known`` marks الأمن and أمن known too."""

from __future__ import annotations

import argparse
import json

from bilingual.cli.common import ExitCode, command_group, learner_named, open_store
from bilingual.corpus import Article, article_by_id
from bilingual.errors import VocabRefused
from bilingual.glossary import default_glossary, merge
from bilingual.imports.personal_terms import personal_entries
from bilingual.imports.texts import get_article, is_imported
from bilingual.store import Store
from bilingual.vocab import Status, find_word, parse_status, save_word, saved_words, set_status, statuses
from bilingual.words.analysis import Analysis
from bilingual.words.buckwalter import bw2ar
from bilingual.words.lexicon import Lexicon
from bilingual.words.lookup import ranked_readings, read_sentence
from bilingual.words.tokens import tokenize

__all__ = ["cmd_add", "cmd_list", "cmd_status", "lemma_records", "register"]


def _article(store: Store, article_id: str, reader: int) -> Article:
    art = get_article(store, article_id, reader=reader) if is_imported(article_id) else article_by_id(article_id)
    if art is None:
        raise VocabRefused(f"there is no article or text “{article_id}” (an imported text is mine-<n>: python -m bilingual import)")
    return art


def _where(store: Store, uid: str, reader: int) -> tuple[Article, str]:
    article_id, _, sid = uid.partition("/")
    art = _article(store, article_id, reader)
    if not sid or art.sentence(sid) is None:
        raise VocabRefused(f"“{article_id}” has no sentence “{sid}” (give ARTICLE/SID, e.g. {art.id}/{art.sentences[0].id})")
    return art, sid


def _reading_in(store: Store, word: str, uid: str, reader: int) -> tuple[Article, str, int, list[Analysis]]:
    art, sid = _where(store, uid, reader)
    sentence = art.sentence(sid).ar
    token = find_word(sentence, word)
    if token is None:
        raise VocabRefused(f"«{word}» is not in {art.id}/{sid}: {sentence}")
    glossary = merge(default_glossary(), personal_entries(store, owner=reader))
    info = read_sentence(sentence, Lexicon.shared(), glossary)[token.index]
    if info.entry_id is not None:
        raise VocabRefused(f"«{token.text}» is part of the glossary name “{info.entry_id}”: the quiz drills names already")
    if not info.analyses:
        raise VocabRefused(f"«{token.text}» is not in the lexicon (a name, a rare word or a spelling it does not know)")
    return art, sid, token.index, list(info.analyses)


def _lemma_key(store: Store, word: str, uid: str | None, reader: int) -> tuple[str, str]:
    """(lemma key, Arabic lemma) of WORD: a lemma key as given (``>amon/N``), the word's best reading in
    the sentence ``uid``, or, alone, its best reading as a word on its own."""
    if word.isascii() and "/" in word:
        return word, bw2ar(word.rpartition("/")[0])
    if uid:
        best = _reading_in(store, word, uid, reader)[3][0]
        return best.lemma_key, best.lemma
    tokens = tokenize(word)
    if len(tokens) != 1:
        raise VocabRefused(f"give one Arabic word (or a lemma key such as >amon/N), not «{word}»")
    readings = ranked_readings(word, tokens, Lexicon.shared())[0]
    if not readings:
        raise VocabRefused(f"«{word}» is not in the lexicon")
    return readings[0].lemma_key, readings[0].lemma


def cmd_add(args: argparse.Namespace) -> int:
    store = open_store()
    learner = learner_named(store, args.profile)
    art, sid, index, readings = _reading_in(store, args.word, args.sentence, learner.id)
    if not 1 <= args.reading <= len(readings):
        raise VocabRefused(f"«{args.word}» has {len(readings)} reading(s) here; --reading 1…{len(readings)}")
    reading = readings[args.reading - 1]
    gloss = args.gloss or "; ".join(next((s for s in reading.senses if s), ()))
    saved = save_word(store, learner.id, art, sid, index, reading, gloss)
    status = Status(statuses(store, learner.id).get(saved.lemma_key, Status.NEW))
    print(f"saved {saved.lemma} ({saved.lemma_key}) as met, «{saved.surface}» in {saved.uid}: {saved.gloss}")
    print(f"status: {status.label}; its quiz cards are in the Quiz")
    return ExitCode.OK


def cmd_status(args: argparse.Namespace) -> int:
    try:
        status = parse_status(args.status)
    except ValueError as exc:
        raise VocabRefused(str(exc)) from None
    store = open_store()
    learner = learner_named(store, args.profile)
    key, lemma = _lemma_key(store, args.word, args.sentence, learner.id)
    changed = set_status(store, learner.id, key, status)
    print(f"{lemma} ({key}): {status.label}" + ("" if changed else " (already)"))
    return ExitCode.OK


def lemma_records(store: Store, owner: int) -> list[dict]:
    """Every lemma the learner gave a status or saved: the saved ones first (in the order saved)."""
    marks = statuses(store, owner)
    saved = {w.lemma_key: w for w in saved_words(store, owner)}
    out = []
    for key in [*saved, *sorted(k for k in marks if k not in saved)]:
        w = saved.get(key)
        status = Status(marks.get(key, Status.NEW))
        out.append({
            "lemma_key": key, "lemma": w.lemma if w else bw2ar(key.rpartition("/")[0]), "status": "learning" if status.is_learning else status.name.lower(),
            "level": status.level, "label": status.label,
            "saved": {"surface": w.surface, "sentence": w.uid, "gloss": w.gloss, "text": w.sentence} if w else None,
        })
    return out


def cmd_list(args: argparse.Namespace) -> int:
    store = open_store()
    learner = learner_named(store, args.profile)
    records = lemma_records(store, learner.id)
    if args.json:
        print(json.dumps(records, ensure_ascii=False, indent=1))
        return ExitCode.OK
    for r in records:
        saved = f"  «{r['saved']['surface']}» {r['saved']['sentence']}: {r['saved']['gloss']}" if r["saved"] else ""
        print(f"{r['lemma']}  {r['lemma_key']:<20} {r['label']:<11}{saved}".rstrip())
    print(f"{len(records)} lemmas, {sum(1 for r in records if r['saved'])} saved")
    return ExitCode.OK


def register(sub: argparse._SubParsersAction) -> None:
    p, vsub = command_group(sub, "vocab", "vocab_command", help="your vocabulary: save words with their sentence, word statuses, the list")
    a = vsub.add_parser("add", help="save a word with the sentence you met it in (it becomes quiz cards)")
    a.add_argument("word", metavar="WORD", help="the word as written in the sentence (vowel marks and hamza forms aside)")
    a.add_argument("--sentence", required=True, metavar="ARTICLE/SID", help="where you met it, e.g. lavrov-border-mission-2023/s004 or mine-3/s002")
    a.add_argument("--gloss", default="", help="the English to learn it by (default: its best reading's first sense)")
    a.add_argument("--reading", type=int, default=1, help="which reading of the word, best first (default 1)")
    a.add_argument("--profile", help="the learner (default: the only one)")
    a.set_defaults(handler=cmd_add)
    s = vsub.add_parser("status", help="set a word's status (it applies to its lemma, every spelling)")
    s.add_argument("word", metavar="WORD", help="an Arabic word, or a lemma key as `vocab list` shows it (>amon/N)")
    s.add_argument("status", metavar="STATUS", help="new, learning (or learning-2 … learning-4), known or ignored")
    s.add_argument("--sentence", metavar="ARTICLE/SID", help="read the word in this sentence (its lemma there)")
    s.add_argument("--profile", help="the learner (default: the only one)")
    s.set_defaults(handler=cmd_status)
    ls = vsub.add_parser("list", help="your lemmas: status and saved sentence")
    ls.add_argument("--json", action="store_true", help="a JSON list: [{lemma_key, lemma, status, level, label, saved}]")
    ls.add_argument("--profile", help="the learner (default: the only one)")
    ls.set_defaults(handler=cmd_list)
