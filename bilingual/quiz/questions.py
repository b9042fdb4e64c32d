"""Hand-written key-fact questions: ``corpus/questions/<article>.yaml``, validated against the corpus.

Each question names its evidence (the sentence id that proves the answer), three wrong options in
English and three in Arabic, and optionally extra accepted typed answers (``accept_en``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from bilingual import paths
from bilingual.corpus import Article, default_corpus
from bilingual.datafile import Record, describe, entry_name, read_yaml
from bilingual.errors import DataError
from bilingual.text.keys import arabic_answer_key, english_answer_key

__all__ = [
    "MIN_QUESTIONS_PER_ARTICLE",
    "N_DISTRACTORS",
    "LIMITS",
    "MAX_QUESTIONS",
    "FactQuestion",
    "coverage_warnings",
    "load_questions",
    "parse_questions",
    "questions_signature",
]

MIN_QUESTIONS_PER_ARTICLE = 8
N_DISTRACTORS = 3
QUESTIONS_FIELDS = ("article", "questions")
QUESTION_FIELDS = (
    "id", "evidence", "question_en", "answer_en", "distractors_en", "question_ar", "answer_ar", "distractors_ar", "accept_en",
)
#: Length limits in characters, from the real data (longest today: 122) with room to spare.
LIMITS = {"text": 500, "option": 300, "accepted": 20}
#: At most this many questions per article (today: at most 22).
MAX_QUESTIONS = 500


@dataclass(frozen=True)
class FactQuestion:
    """One hand-written question from ``corpus/questions/<article>.yaml``."""

    article_id: str
    id: str
    evidence: str  # sentence id within the article
    question_en: str
    answer_en: str
    distractors_en: tuple[str, ...]
    question_ar: str
    answer_ar: str
    distractors_ar: tuple[str, ...]
    accept_en: tuple[str, ...] = ()
    source_file: str = field(default="", compare=False)

    @property
    def uid(self) -> str:
        return f"{self.article_id}/{self.id}"

    @property
    def evidence_uid(self) -> str:
        return f"{self.article_id}/{self.evidence}"

    @property
    def card_id(self) -> str:
        return f"fact:{self.uid}"


def _options(r: Record, key: str) -> tuple[str, ...]:
    """The wrong options: exactly N_DISTRACTORS texts."""
    out = r.texts(key, max_len=LIMITS["option"], max_items=N_DISTRACTORS + 10, required=True)
    if len(out) != N_DISTRACTORS:
        raise r.error(key, f"expected exactly {N_DISTRACTORS} wrong options, got {len(out)}")
    return out


def _distinct(options: Sequence[str], key: Callable[[str], str], file: Path, entry: str, field_name: str) -> None:
    seen: dict[str, str] = {}
    for opt in options:
        k = key(opt)
        if k in seen:
            raise DataError(file, entry, field_name, f"{opt!r} is the same option as {seen[k]!r}")
        seen[k] = opt


def parse_questions(data: object, file: Path, article: Article | None, known_ids: Iterable[str] = ()) -> list[FactQuestion]:
    """Validate one questions file against its article; raises DataError(file, entry, field, message)."""
    top = Record(data, file, "file", QUESTIONS_FIELDS, what="questions")
    aid = top.text("article", max_len=80)
    if article is None:
        known = ", ".join(sorted(known_ids)) or "none"
        raise DataError(file, "file", "article", f"{aid!r} is not an article of the corpus (known: {known})")
    if file.stem != aid:
        raise DataError(file, "file", "article", f"names {aid!r}; the file must be called {aid}.yaml")
    top.entry = f"questions {aid}"
    raw_list = top.raw.get("questions")
    if not isinstance(raw_list, list):
        raise top.error("questions", f"expected a list of questions, got {describe(raw_list)}")
    if len(raw_list) > MAX_QUESTIONS:
        raise top.error("questions", f"too many questions: {len(raw_list):,}; at most {MAX_QUESTIONS:,}")
    sentence_ids = {s.id for s in article.sentences}
    out: list[FactQuestion] = []
    seen: set[str] = set()
    text, option = LIMITS["text"], LIMITS["option"]
    for i, raw in enumerate(raw_list):
        r = Record(raw, file, entry_name(raw, "question", f"question #{i + 1}"), QUESTION_FIELDS, what="question")
        qid = r.local_id()
        if qid in seen:
            raise r.error("id", "duplicate question id")
        seen.add(qid)
        evidence = r.text("evidence", max_len=40)
        if evidence not in sentence_ids:
            raise r.error("evidence", f"sentence {evidence!r} does not exist in article {aid}")
        q = FactQuestion(
            article_id=aid,
            id=qid,
            evidence=evidence,
            question_en=r.text("question_en", max_len=text),
            answer_en=r.text("answer_en", max_len=option),
            distractors_en=_options(r, "distractors_en"),
            question_ar=r.text("question_ar", max_len=text),
            answer_ar=r.text("answer_ar", max_len=option),
            distractors_ar=_options(r, "distractors_ar"),
            accept_en=r.texts("accept_en", max_len=option, max_items=LIMITS["accepted"]),
            source_file=str(file),
        )
        _distinct((q.answer_en, *q.distractors_en), english_answer_key, file, r.entry, "distractors_en")
        _distinct((q.answer_ar, *q.distractors_ar), arabic_answer_key, file, r.entry, "distractors_ar")
        accepted = {english_answer_key(a) for a in (q.answer_en, *q.accept_en)}
        for d in q.distractors_en:
            if english_answer_key(d) in accepted:
                raise r.error("accept_en", f"accepts the wrong option {d!r}")
        out.append(q)
    return out


def load_questions(
    questions_dir: Path | None = None, corpus: Sequence[Article] | None = None, *, skip_articles: Iterable[str] = ()
) -> list[FactQuestion]:
    """Every question of ``corpus/questions/*.yaml`` (file-name order), validated against the corpus.

    Raises DataError naming file, entry and field, e.g. when a question's evidence sentence does
    not exist. A missing directory means no questions. Files for ``skip_articles`` are not read.
    """
    skip = set(skip_articles)
    qdir = Path(questions_dir) if questions_dir is not None else paths.QUESTIONS_DIR
    if corpus is None:
        corpus = default_corpus()
    by_id = {a.id: a for a in corpus}
    out: list[FactQuestion] = []
    seen_articles: dict[str, Path] = {}
    for path in sorted(qdir.glob("*.yaml")) if qdir.is_dir() else []:
        if path.stem in skip:
            continue
        data = read_yaml(path)
        aid = data.get("article") if isinstance(data, dict) else None
        qs = parse_questions(data, path, by_id.get(aid) if isinstance(aid, str) else None, by_id)
        if qs and qs[0].article_id in seen_articles:
            raise DataError(path, "file", "article", f"questions for {aid!r} already in {seen_articles[aid]}")
        if qs:
            seen_articles[qs[0].article_id] = path
        out.extend(qs)
    return out


def coverage_warnings(questions: Sequence[FactQuestion], corpus: Sequence[Article], minimum: int = MIN_QUESTIONS_PER_ARTICLE) -> list[str]:
    """Articles with fewer than ``minimum`` questions (a warning, not an error, while they are written)."""
    counts: dict[str, int] = defaultdict(int)
    for q in questions:
        counts[q.article_id] += 1
    return [
        f"questions {a.id}: {counts[a.id]} question(s), at least {minimum} expected"
        for a in corpus
        if counts[a.id] < minimum
    ]


def questions_signature(questions_dir: Path | None = None) -> tuple:
    """Names, sizes and modification times of the question files: changes when one is edited."""
    qdir = Path(questions_dir) if questions_dir is not None else paths.QUESTIONS_DIR
    files = sorted(qdir.glob("*.yaml")) if qdir.is_dir() else []
    return (str(qdir), *((p.name, p.stat().st_size, p.stat().st_mtime_ns) for p in files))
