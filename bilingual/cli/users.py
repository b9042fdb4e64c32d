"""``users add|list|passwd|remove`` (learner accounts) and ``class create|add|remove|assign|unassign|list|report``
(a teacher's classes), for the server a class shares.

Adding the first account (a learner with a password) turns server mode on: from then on every
browser must log in. Passwords are read from the terminal without echo (asked twice), or from the
first line of stdin when it is not a terminal; they are never printed, logged or stored in clear.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bilingual.accounts import learners
from bilingual.accounts.learners import Learner, Role
from bilingual.classroom import (
    add_students,
    assign,
    assignments,
    class_report,
    create_class,
    find_class,
    remove_student,
    report_csv,
    students,
    teacher_classes,
    unassign,
)
from bilingual.classroom.classes import ClassInfo
from bilingual.cli.common import ExitCode, command_group, open_store, read_password
from bilingual.concordance import build_index
from bilingual.corpus import default_corpus
from bilingual.errors import AccountError, DataError
from bilingual.glossary import default_glossary
from bilingual.imports.texts import imported_articles
from bilingual.quiz import cards_for
from bilingual.store import Store
from bilingual.store.backup import describe_counts
from bilingual.vocab import texts_by_id, words_known
from bilingual.words.lexicon import Lexicon

__all__ = ["cmd_class", "cmd_users", "register"]


def _user(store: Store, name: str) -> Learner:
    learner = learners.find_learner(store, name)
    if learner is None:
        raise AccountError(f"there is no learner called “{name}” (python -m bilingual users list)")
    return learner


def _users_add(store: Store, args: argparse.Namespace) -> int:
    password = None if args.no_password else read_password(f"Password for {args.name}: ")
    learner = learners.create_learner(store, args.name, args.role, password)
    mode = " Server mode is on: every browser now logs in." if learner.has_password else ""
    print(f"Added {learner.role.value} “{learner.name}”.{mode}")
    return ExitCode.OK


def _users_list(store: Store, args: argparse.Namespace) -> int:
    people = learners.list_learners(store)
    state = "on (every browser logs in)" if learners.server_mode(store) else "off (local use: no passwords)"
    print(f"server mode: {state}")
    for learner in people:
        print(f"{learner.name}\t{learner.role.value}\t{'password' if learner.has_password else 'no password'}")
    if not people:
        print("no learners yet")
    return ExitCode.OK


def _users_passwd(store: Store, args: argparse.Namespace) -> int:
    learner = _user(store, args.name)
    if args.remove:
        learners.set_password(store, learner, None)
        print(f"Removed the password of “{learner.name}”; they cannot log in until they have one again.")
    else:
        learners.set_password(store, learner, read_password(f"New password for {learner.name}: "), role=args.role)
        print(f"Changed the password of “{learner.name}”; their open logins have ended.")
    return ExitCode.OK


def _users_remove(store: Store, args: argparse.Namespace) -> int:
    learner = _user(store, args.name)
    if not args.yes:
        print(
            f"error: this deletes “{learner.name}” and all their data (quiz reviews and cards, imported texts, personal terms, "
            "settings, reading log, class memberships, and the classes they teach). Export it first with "
            f"`python -m bilingual export-learner {learner.name} FILE.json` if you want to keep it, then run again with --yes.",
            file=sys.stderr,
        )
        return ExitCode.BAD_INPUT
    counts = {k: v for k, v in learners.remove_learner(store, learner).items() if v}
    print(f"Removed “{learner.name}” and their data: {describe_counts(counts) if counts else 'they had none'}.")
    return ExitCode.OK


def cmd_users(args: argparse.Namespace) -> int:
    store = open_store()
    return {"add": _users_add, "list": _users_list, "passwd": _users_passwd, "remove": _users_remove}[args.users_command](store, args)


# --- classes ------------------------------------------------------------------------------------


def _teachers_class(store: Store, name: str) -> tuple[ClassInfo, Learner]:
    klass = find_class(store, name)
    if klass is None:
        raise AccountError(f"there is no class called “{name}” (python -m bilingual class list)")
    teacher = learners.get_learner(store, klass.teacher_id)
    return klass, teacher


def _article_titles(store: Store, teacher: Learner) -> dict[str, str]:
    titles = {a.id: a.title_en for a in default_corpus()}
    titles.update({a.id: a.display_title for a in imported_articles(store, owner=teacher.id)})
    return titles


def _class_create(store: Store, args: argparse.Namespace) -> int:
    teacher = _user(store, args.teacher)
    klass = create_class(store, args.name, teacher)
    print(f"Created the class “{klass.name}” (teacher: {teacher.name}).")
    if args.students:
        return _class_add(store, argparse.Namespace(name=klass.name, students=args.students))
    return ExitCode.OK


def _class_add(store: Store, args: argparse.Namespace) -> int:
    klass, _teacher = _teachers_class(store, args.name)
    added = add_students(store, klass, [_user(store, n) for n in args.students])
    print(f"Added to “{klass.name}”: {', '.join(s.name for s in added) or 'nobody new'}.")
    return ExitCode.OK


def _class_remove(store: Store, args: argparse.Namespace) -> int:
    klass, _teacher = _teachers_class(store, args.name)
    for name in args.students:
        learner = _user(store, name)
        done = remove_student(store, klass, learner)
        print(f"{'Removed' if done else 'Not in the class:'} {learner.name} (their own data stays theirs).")
    return ExitCode.OK


def _class_assign(store: Store, args: argparse.Namespace) -> int:
    klass, teacher = _teachers_class(store, args.name)
    known = {a.id for a in default_corpus()}
    done = assign(store, klass, args.article, by=teacher, known_articles=known, due=args.due or "")
    title = _article_titles(store, teacher).get(done.article_id, done.article_id)
    print(f"Assigned “{title}” ({done.article_id}) to “{klass.name}”" + (f", due {done.due}." if done.due else "."))
    return ExitCode.OK


def _class_unassign(store: Store, args: argparse.Namespace) -> int:
    klass, teacher = _teachers_class(store, args.name)
    done = unassign(store, klass, args.article, by=teacher)
    print(f"{'Removed' if done else 'Was not assigned:'} {args.article} from “{klass.name}”.")
    return ExitCode.OK


def _class_list(store: Store, args: argparse.Namespace) -> int:
    teachers = [_user(store, args.teacher)] if args.teacher else [t for t in learners.list_learners(store) if t.is_teacher]
    found = False
    for teacher in teachers:
        titles = _article_titles(store, teacher)
        for klass in teacher_classes(store, teacher):
            found = True
            names = ", ".join(n for _, n in students(store, klass)) or "no students"
            print(f"{klass.name} (teacher {teacher.name}): {names}")
            for a in assignments(store, klass):
                print(f"  {a.article_id}: {titles.get(a.article_id, a.article_id)}" + (f" (due {a.due})" if a.due else ""))
    if not found:
        print("no classes yet")
    return ExitCode.OK


def _class_report(store: Store, args: argparse.Namespace) -> int:
    klass, teacher = _teachers_class(store, args.name)
    per_article: dict[str, int] = {}
    try:
        for card in cards_for(default_corpus(), default_glossary()):
            per_article[card.article_id or ""] = per_article.get(card.article_id or "", 0) + 1
    except DataError as exc:
        print(f"warning: card totals unavailable ({exc})", file=sys.stderr)
    articles = (*default_corpus(), *imported_articles(store, owner=teacher.id))
    words = texts_by_id(articles, Lexicon.shared(), build_index(articles, default_glossary()).mentions)
    report = class_report(store, klass, per_article, words_known=words_known(words))
    text = report_csv(report, _article_titles(store, teacher))
    if args.csv:
        Path(args.csv).write_text(text, encoding="utf-8", newline="")
        print(f"wrote the figures of “{klass.name}” to {args.csv}")
    else:
        sys.stdout.write(text)
    return ExitCode.OK


def cmd_class(args: argparse.Namespace) -> int:
    store = open_store()
    handlers = {"create": _class_create, "add": _class_add, "remove": _class_remove, "assign": _class_assign,
                "unassign": _class_unassign, "list": _class_list, "report": _class_report}
    return handlers[args.class_command](store, args)


def register(sub: argparse._SubParsersAction) -> None:
    p, usub = command_group(sub, "users", "users_command", help="learner accounts for a shared server: add, list, passwd, remove",
                              description="Learner accounts. Adding the first account turns server mode on (every browser logs in).")
    a = usub.add_parser("add", help="add a learner with a password (read from stdin when it is not a terminal)")
    a.add_argument("name")
    a.add_argument("--role", choices=[r.value for r in Role], default=Role.STUDENT.value)
    a.add_argument("--no-password", action="store_true", help="a local profile without a password (cannot log in in server mode)")
    usub.add_parser("list", help="every learner, their role and whether they have a password")
    w = usub.add_parser("passwd", help="set a learner's password (ends their open logins)")
    w.add_argument("name")
    w.add_argument("--role", choices=[r.value for r in Role], help="also change their role")
    w.add_argument("--remove", action="store_true", help="remove the password instead")
    r = usub.add_parser("remove", help="delete a learner and ALL their data (reviews, texts, terms, settings, classes they teach)")
    r.add_argument("name")
    r.add_argument("--yes", action="store_true", help="really delete (without it, only says what would go)")
    p.set_defaults(handler=cmd_users)

    c, csub = command_group(sub, "class", "class_command", help="a teacher's classes: create, add/remove students, assign reading, report",
                              description="A teacher's classes, their students and assignments, and the class's figures as CSV.")
    cc = csub.add_parser("create", help="create a class")
    cc.add_argument("name")
    cc.add_argument("--teacher", required=True, help="the teacher's user name")
    cc.add_argument("--students", nargs="+", default=[], metavar="STUDENT", help="students to add at once")
    ca = csub.add_parser("add", help="add students to a class")
    ca.add_argument("name")
    ca.add_argument("students", nargs="+")
    cr = csub.add_parser("remove", help="take students out of a class (their data stays theirs)")
    cr.add_argument("name")
    cr.add_argument("students", nargs="+")
    cs = csub.add_parser("assign", help="assign an article (or one of the teacher's imported texts, mine-N) to a class")
    cs.add_argument("name")
    cs.add_argument("article", help="an article id (python -m bilingual check lists them) or mine-N")
    cs.add_argument("--due", help="YYYY-MM-DD")
    cu = csub.add_parser("unassign", help="remove an assignment")
    cu.add_argument("name")
    cu.add_argument("article")
    cl = csub.add_parser("list", help="classes, their students and assignments")
    cl.add_argument("--teacher", help="only this teacher's")
    ct = csub.add_parser("report", help="per student and assignment: read, cards seen, accuracy, last activity (CSV)")
    ct.add_argument("name")
    ct.add_argument("--csv", help="write to this file instead of stdout")
    c.set_defaults(handler=cmd_class)
