"""Classes for a teacher: students, assignments (``classes``) and the class page's figures (``report``)."""

from bilingual.classroom.classes import (
    Assignment,
    ClassInfo,
    add_students,
    assign,
    assignments,
    class_of_teacher,
    create_class,
    find_class,
    note_read,
    remove_student,
    student_assignments,
    students,
    teacher_classes,
    unassign,
)
from bilingual.classroom.report import Cell, ClassReport, class_report, report_csv

__all__ = [
    "Assignment",
    "Cell",
    "ClassInfo",
    "ClassReport",
    "add_students",
    "assign",
    "assignments",
    "class_of_teacher",
    "class_report",
    "create_class",
    "find_class",
    "note_read",
    "remove_student",
    "report_csv",
    "student_assignments",
    "students",
    "teacher_classes",
    "unassign",
]
