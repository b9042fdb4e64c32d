"""The class page's figures: per student and per assignment, read yes/no, quiz cards seen (of the
article's cards), accuracy, last activity, and words known (filled in by the vocabulary feature once
it exists; None until then). One aggregate query per table, whatever the class size.

"Read" means the student opened the article in the reader. Cards and answers count the quiz cards
whose article is the assigned one (key facts and glossary drills of that article).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Mapping
from dataclasses import dataclass

from bilingual.classroom.classes import Assignment, ClassInfo, assignments, students
from bilingual.store import Store
from bilingual.store import classes as rows

__all__ = ["Cell", "ClassReport", "WordsKnown", "class_report", "report_csv"]

#: (store, student id, article id) -> words known, supplied by the vocabulary feature.
WordsKnown = Callable[[Store, int, str], int | None]


@dataclass(frozen=True)
class Cell:
    read: bool
    cards_seen: int
    cards_total: int
    reviews: int
    correct: int
    last_activity: str  # ISO 8601 UTC, '' when none
    words_known: int | None = None

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.reviews if self.reviews else None


@dataclass(frozen=True)
class ClassReport:
    klass: ClassInfo
    students: tuple[tuple[int, str], ...]
    assignments: tuple[Assignment, ...]
    cells: Mapping[tuple[int, str], Cell]  # (student id, article id) -> Cell
    last_activity: Mapping[int, str]  # student id -> latest review of anything

    def cell(self, student_id: int, article_id: str) -> Cell:
        return self.cells[(student_id, article_id)]


def class_report(
    store: Store, klass: ClassInfo, cards_per_article: Mapping[str, int], *, words_known: WordsKnown | None = None
) -> ClassReport:
    """The figures of every student of ``klass`` on every assignment (the caller checked it is the teacher's)."""
    people = tuple(students(store, klass))
    work = tuple(assignments(store, klass))
    raw = rows.article_figures(store, klass.id)
    cells = {}
    for pid, _name in people:
        for a in work:
            f = raw.get((pid, a.article_id), {})
            last = max(f.get("last_review", ""), f.get("last_read", ""))
            cells[(pid, a.article_id)] = Cell(
                read=bool(f.get("last_read")), cards_seen=f.get("cards", 0), cards_total=int(cards_per_article.get(a.article_id, 0)),
                reviews=f.get("reviews", 0), correct=f.get("correct", 0), last_activity=last,
                words_known=words_known(store, pid, a.article_id) if words_known else None,
            )
    return ClassReport(klass, people, work, cells, rows.last_reviews(store, klass.id))


CSV_COLUMNS = ("class", "student", "article", "title", "due", "read", "cards_seen", "cards_total", "reviews", "correct", "accuracy",
               "last_activity", "words_known")


def _safe(value: object) -> object:
    """A text cell a spreadsheet would run as a formula (=, +, -, @ first) is quoted with a leading '."""
    return f"'{value}" if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def report_csv(report: ClassReport, titles: Mapping[str, str]) -> str:
    """One row per student and assignment (CSV, UTF-8, header row)."""
    out = io.StringIO()
    w = csv.writer(out)
    w.writerow(CSV_COLUMNS)
    for pid, name in report.students:
        for a in report.assignments:
            c = report.cell(pid, a.article_id)
            w.writerow([_safe(v) for v in [
                report.klass.name, name, a.article_id, titles.get(a.article_id, a.article_id), a.due, "yes" if c.read else "no",
                c.cards_seen, c.cards_total, c.reviews, c.correct, "" if c.accuracy is None else f"{c.accuracy:.3f}",
                c.last_activity, "" if c.words_known is None else c.words_known,
            ]])
    return out.getvalue()
