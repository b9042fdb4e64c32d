"""Validating all curated data: the corpus, reference translations, glossary and questions.

Each file is read by its loader (the same strict loader the app uses, ``bilingual.datafile``); on top
of that come rules across files: an article keeps its seed's wording, every sentence has a reference
translation, an article's ``outlet_entry`` is an organization of the glossary.
Errors name file, entry and field; warnings are what may be on purpose: a glossary spelling that
occurs nowhere in the corpus (other outlets' spellings are listed on purpose), an article with
fewer key-fact questions than expected. ``python -m bilingual check`` prints the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bilingual import paths
from bilingual.corpus import Article, load_article
from bilingual.datafile import read_yaml
from bilingual.errors import DataError
from bilingual.glossary import EntryType, Glossary, load_glossary
from bilingual.quiz.questions import coverage_warnings, load_questions
from bilingual.text.clitics import LAM, elided_article
from bilingual.text.normalize import normalize

__all__ = ["CheckReport", "check_article", "check_article_text", "outlet_errors", "run_checks", "spelling_warnings"]


@dataclass
class CheckReport:
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.errors


_WS = re.compile(r"\s+")


def _squash(text: str) -> str:
    return _WS.sub(" ", text).strip()


def check_article_text(article: Article, seeds_dir: Path) -> list[str]:
    """The article keeps its seed's wording character for character, minus the recorded chrome."""
    seed = seeds_dir / article.seed if article.seed else None
    if seed is None or not seed.exists():
        return []
    raw = seed.read_text(encoding="utf-8")
    where = f"{article.source_file}: article {article.id}"
    errors = [
        f"{where} sentence {s.id}: ar: not found verbatim in the seed {article.seed}"
        for s in article.sentences
        if s.ar not in raw
    ]
    kept = [ln for ln in raw.splitlines() if ln.strip() and ln.strip() not in set(article.dropped)]
    if _squash(" ".join(kept)) != _squash(" ".join(s.ar for s in article.sentences)):
        errors.append(f"{where}: paragraphs: the sentences do not reproduce the seed text minus the dropped lines")
    for d in article.dropped:
        if d not in raw:
            errors.append(f"{where}: dropped: {d!r} is not a line of the seed")
    return errors


def check_article(article: Article) -> list[str]:
    where = f"{article.source_file}: article {article.id}"
    errors = []
    missing = [s.id for s in article.sentences if s.id not in article.reference]
    if missing:
        errors.append(f"{where}: reference: no reference translation for sentence(s) {', '.join(missing)}")
    if not article.title_editorial:
        first = article.paragraphs[0]
        if first.kind != "title" or " ".join(s.ar for s in first.sentences) != article.title_ar:
            errors.append(f"{where}: title_ar: does not match the headline paragraph (set title_editorial: true if the text has none)")
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", article.date):
        errors.append(f"{where}: date: {article.date!r} is not YYYY-MM-DD, YYYY-MM or YYYY")
    return errors


def outlet_errors(glossary: Glossary, articles: list[Article]) -> list[str]:
    """Each article's ``outlet_entry`` names an organization of the glossary."""
    out = []
    for a in articles:
        for eid in a.outlet_entry:
            e = glossary.get(eid)
            if e is None or e.type != EntryType.ORGANIZATION:
                why = "is not a glossary entry" if e is None else f"is a {e.type.label.lower()}, not an organization"
                out.append(f"{a.source_file}: article {a.id}: outlet_entry: {eid!r} {why}")
    return out


def spelling_warnings(glossary: Glossary, articles: list[Article]) -> list[str]:
    corpus_key = normalize("\n".join(s.ar for a in articles for s in a.sentences))
    out = []
    for e in glossary:
        for form in e.ar_forms:
            key = normalize(form)
            elided = elided_article(key)  # ل + ال is written لل: للبيان is a mention of البيان
            if key not in corpus_key and not (elided and LAM + elided in corpus_key):
                out.append(f"glossary entry {e.id}: spelling {form!r} occurs nowhere in the corpus")
    return out


def run_checks(
    articles_dir: Path | None = None,
    reference_dir: Path | None = None,
    glossary_file: Path | None = None,
    questions_dir: Path | None = None,
    seeds_dir: Path | None = None,
) -> CheckReport:
    report = CheckReport()
    articles: list[Article] = []
    adir = articles_dir or paths.ARTICLES_DIR
    # articles whose file could not be read: their reference and questions are not checked (each
    # would only repeat that the article is missing); the article's own error says what to fix
    unreadable: set[str] = set()
    for path in sorted(adir.glob("*.yaml")):
        try:
            art = load_article(path, reference_dir)
        except DataError as exc:
            report.errors.append(str(exc))
            unreadable.add(path.stem)
            continue
        if any(a.id == art.id for a in articles):
            report.errors.append(f"{path}: article {art.id}: id: duplicate article id")
            continue
        articles.append(art)
        report.errors += check_article(art)
        report.errors += check_article_text(art, seeds_dir or paths.SEEDS_DIR)
    rdir = reference_dir or paths.REFERENCE_DIR
    known = {a.id for a in articles}
    for path in sorted(rdir.glob("*.yaml")) if rdir.exists() else []:
        try:
            data = read_yaml(path)
        except DataError as exc:
            report.errors.append(str(exc))
            continue
        art_id = data.get("article") if isinstance(data, dict) else None
        named = isinstance(art_id, str) and (art_id in known or art_id in unreadable)
        if not named and not any(str(e).startswith(str(path)) for e in report.errors):
            report.errors.append(f"{path}: file: article: {art_id!r} is not an article of the corpus")
    report.counts["articles"] = len(articles)
    report.counts["sentences"] = sum(a.sentence_count for a in articles)
    report.counts["translated sentences"] = sum(len(a.reference) for a in articles)
    glossary = None
    try:
        glossary = load_glossary(glossary_file)
    except DataError as exc:
        report.errors.append(str(exc))
    if glossary is not None:
        report.errors += outlet_errors(glossary, articles)
        report.warnings += spelling_warnings(glossary, articles)
        report.counts["glossary entries"] = len(glossary)
        report.counts["glossary spellings"] = sum(len(e.ar_forms) for e in glossary)
    _check_questions(report, articles, questions_dir, unreadable)
    return report


def _check_questions(report: CheckReport, articles: list[Article], questions_dir: Path | None, unreadable: set[str]) -> None:
    try:
        questions = load_questions(questions_dir, articles, skip_articles=unreadable)
    except DataError as exc:
        report.errors.append(str(exc))
        return
    report.counts["questions"] = len(questions)
    report.warnings += coverage_warnings(questions, articles)
