"""A teacher's classes: students, and assignments (a curated article or one of the teacher's own
imported texts, with an optional due date).

Only the class's teacher changes it or reads its figures (``class_of_teacher`` raises
``AccessDenied`` for anyone else); a student sees only what is assigned to them. Assigning an
imported text shares it with the class: its students can read it (``bilingual.imports.texts``).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bilingual.accounts.learners import Learner, Role
from bilingual.accounts.names import clean_name
from bilingual.errors import AccessDenied, AccountError
from bilingual.store import Store
from bilingual.store import classes as rows
from bilingual.store import texts as text_rows

__all__ = [
    "Assignment",
    "ClassInfo",
    "add_students",
    "assign",
    "assignments",
    "class_of_teacher",
    "create_class",
    "find_class",
    "note_read",
    "remove_student",
    "student_assignments",
    "students",
    "teacher_classes",
    "unassign",
]

_TEXT_PREFIX = "mine-"


@dataclass(frozen=True)
class ClassInfo:
    id: int
    name: str
    teacher_id: int


@dataclass(frozen=True)
class Assignment:
    article_id: str
    due: str  # YYYY-MM-DD or ''
    text_id: int | None = None
    created_at: str = ""
    class_name: str = ""


def _info(row) -> ClassInfo:
    return ClassInfo(int(row["id"]), row["name"], int(row["teacher_id"]))


def create_class(store: Store, name: str, teacher: Learner) -> ClassInfo:
    if teacher.role is not Role.TEACHER:
        raise AccountError(f"“{teacher.name}” is not a teacher (python -m bilingual users add NAME --role teacher)")
    try:
        clean = clean_name(name)
    except ValueError:
        raise AccountError("a class name is 1 to 40 characters") from None
    with store.transaction():
        store.lock("classes")
        if rows.find(store, clean) is not None:
            raise AccountError(f"there is already a class called “{clean}”")
        return ClassInfo(rows.create(store, clean, teacher.id), clean, teacher.id)


def find_class(store: Store, name: str) -> ClassInfo | None:
    try:
        row = rows.find(store, clean_name(name))
    except ValueError:
        return None
    return _info(row) if row is not None else None


def teacher_classes(store: Store, teacher: Learner) -> list[ClassInfo]:
    return [_info(r) for r in rows.classes_of_teacher(store, teacher.id)] if teacher.is_teacher else []


def class_of_teacher(store: Store, teacher: Learner, class_id: int | str) -> ClassInfo:
    """The class ``class_id`` if ``teacher`` teaches it; AccessDenied otherwise (a student, another teacher)."""
    try:
        row = rows.get(store, int(class_id))
    except (TypeError, ValueError, OverflowError):
        row = None
    if row is None or not teacher.is_teacher or int(row["teacher_id"]) != teacher.id:
        raise AccessDenied("This class is not one of yours.")
    return _info(row)


def students(store: Store, klass: ClassInfo) -> list[tuple[int, str]]:
    return [(int(r["id"]), r["name"]) for r in rows.members(store, klass.id)]


def add_students(store: Store, klass: ClassInfo, learners: list[Learner]) -> list[Learner]:
    """Add students to the class; returns those who were not in it yet. Teachers cannot be added."""
    for learner in learners:
        if learner.role is not Role.STUDENT:
            raise AccountError(f"“{learner.name}” is a teacher, not a student")
    with store.transaction():
        return [learner for learner in learners if rows.add_member(store, klass.id, learner.id)]


def remove_student(store: Store, klass: ClassInfo, learner: Learner) -> bool:
    """Take a student out of the class (their own data stays theirs)."""
    return rows.remove_member(store, klass.id, learner.id)


def _valid_due(due: str) -> str:
    due = (due or "").strip()
    if not due:
        return ""
    try:
        return date.fromisoformat(due).isoformat() if len(due) == 10 else _bad_due(due)
    except ValueError:
        return _bad_due(due)


def _bad_due(due: str) -> str:
    raise AccountError(f"a due date is YYYY-MM-DD (got “{due[:20]}”)")


def assign(store: Store, klass: ClassInfo, article_id: str, *, by: Learner, known_articles: set[str], due: str = "") -> Assignment:
    """Assign a curated article (one of ``known_articles``) or one of the teacher's own imported texts
    (``mine-<n>``, which the class's students can then read). Assigning it again changes the due date."""
    if by.id != klass.teacher_id:
        raise AccessDenied("Only the class's teacher assigns its reading.")
    due = _valid_due(due)
    text_id = None
    if article_id.startswith(_TEXT_PREFIX) and article_id[len(_TEXT_PREFIX):].isdigit():
        text_id = int(article_id[len(_TEXT_PREFIX):])
        if text_rows.get(store, by.id, text_id) is None:
            raise AccountError(f"{article_id} is not one of your imported texts")
    elif article_id not in known_articles:
        raise AccountError(f"there is no article “{article_id[:80]}”")
    rows.add_assignment(store, klass.id, article_id, text_id, due)
    return Assignment(article_id, due, text_id)


def unassign(store: Store, klass: ClassInfo, article_id: str, *, by: Learner) -> bool:
    if by.id != klass.teacher_id:
        raise AccessDenied("Only the class's teacher changes its reading.")
    return rows.remove_assignment(store, klass.id, article_id)


def assignments(store: Store, klass: ClassInfo) -> list[Assignment]:
    return [
        Assignment(r["article_id"], r["due"], None if r["text_id"] is None else int(r["text_id"]), r["created_at"], klass.name)
        for r in rows.assignments_of(store, klass.id)
    ]


def student_assignments(store: Store, learner: Learner) -> list[Assignment]:
    """What the learner's classes have assigned them, soonest due first."""
    return [Assignment(r["article_id"], r["due"], class_name=r["class_name"]) for r in rows.assignments_for_student(store, learner.id)]


def note_read(store: Store, learner: Learner, article_id: str) -> None:
    """The learner opened ``article_id`` in the reader (what the class page calls "read")."""
    rows.note_read(store, learner.id, article_id)
