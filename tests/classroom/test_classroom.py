"""A small class, its figures checked by hand, and who may see or change what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bilingual import accounts, schedule
from bilingual.accounts import Role
from bilingual.classroom import add_students, assign, class_of_teacher, class_report, create_class, note_read, report_csv, unassign
from bilingual.errors import AccessDenied, AccountError
from bilingual.imports.texts import article_id_for, get_article, readable_articles, save_text
from bilingual.quiz.cards import QuizCard

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
KNOWN = {"art-a", "art-b"}


def card(cid: str, article: str) -> QuizCard:
    return QuizCard(id=cid, kind="fact", article_id=article, evidence="", entry_id=None, prompt_en="?", answer="A", options=(), answer_lang="en")


@pytest.fixture
def klass(any_store):
    s = any_store
    teacher = accounts.create_learner(s, "Ms T", Role.TEACHER, "password-1")
    people = [accounts.create_learner(s, n, Role.STUDENT, "password-1") for n in ("amal", "bilal", "carla")]
    k = create_class(s, "Arabic 2", teacher)
    add_students(s, k, people)
    assign(s, k, "art-a", by=teacher, known_articles=KNOWN, due="2026-03-10")
    assign(s, k, "art-b", by=teacher, known_articles=KNOWN)
    return s, teacher, k, people


def test_the_figures_of_a_small_class_checked_by_hand(klass):
    s, teacher, k, (amal, bilal, carla) = klass
    # amal: read A, answered A1 right, A1 right again (later), A2 wrong -> 2 cards seen, 2/3 right
    note_read(s, amal, "art-a")
    schedule.record_answer(s, "amal", card("fact:art-a/q1", "art-a"), True, now=T0)
    schedule.record_answer(s, "amal", card("fact:art-a/q2", "art-a"), False, now=T0 + timedelta(minutes=1))
    schedule.record_answer(s, "amal", card("fact:art-a/q1", "art-a"), True, now=T0 + timedelta(days=2))
    # bilal: nothing on A; B read only; a review of an article not assigned (not counted per assignment)
    note_read(s, bilal, "art-b")
    schedule.record_answer(s, "bilal", card("fact:art-c/q1", "art-c"), True, now=T0 + timedelta(days=1))
    # carla: one wrong answer on B, not read
    schedule.record_answer(s, "carla", card("fact:art-b/q1", "art-b"), False, now=T0 + timedelta(hours=5))
    report = class_report(s, k, {"art-a": 10, "art-b": 4})
    assert [n for _, n in report.students] == ["amal", "bilal", "carla"]
    assert [(a.article_id, a.due) for a in report.assignments] == [("art-a", "2026-03-10"), ("art-b", "")]
    a = report.cell(amal.id, "art-a")
    assert (a.read, a.cards_seen, a.cards_total, a.reviews, a.correct) == (True, 2, 10, 3, 2)
    assert a.accuracy == pytest.approx(2 / 3) and a.last_activity >= "2026-03-04T09:00:00"
    assert report.cell(amal.id, "art-b") == type(a)(False, 0, 4, 0, 0, "")
    b = report.cell(bilal.id, "art-b")
    assert (b.read, b.cards_seen, b.reviews, b.accuracy) == (True, 0, 0, None) and b.last_activity  # the time of reading
    assert report.cell(bilal.id, "art-a").last_activity == ""
    c = report.cell(carla.id, "art-b")
    assert (c.read, c.cards_seen, c.reviews, c.correct, c.accuracy) == (False, 1, 1, 0, 0.0)
    assert c.last_activity == "2026-03-02T14:00:00.000000Z" and c.words_known is None
    assert report.last_activity == {amal.id: "2026-03-04T09:00:00.000000Z", bilal.id: "2026-03-03T09:00:00.000000Z",
                                    carla.id: "2026-03-02T14:00:00.000000Z"}
    lines = report_csv(report, {"art-a": "Article A", "art-b": "=HYPERLINK(1)"}).splitlines()
    assert lines[0].startswith("class,student,article,title,due,read,cards_seen,cards_total,reviews,correct,accuracy")
    assert lines[1].startswith("Arabic 2,amal,art-a,Article A,2026-03-10,yes,2,10,3,2,0.667,")
    assert lines[6].startswith("Arabic 2,carla,art-b,'=HYPERLINK(1),,no,1,4,1,0,0.000,")  # a formula stays text
    assert len(lines) == 7


def test_only_the_classs_teacher_reads_or_changes_it(klass):
    s, teacher, k, (amal, _b, _c) = klass
    other = accounts.create_learner(s, "Mr O", Role.TEACHER, "password-1")
    assert class_of_teacher(s, teacher, k.id) == k
    for who in (amal, other):
        with pytest.raises(AccessDenied):
            class_of_teacher(s, who, k.id)
        with pytest.raises(AccessDenied):
            assign(s, k, "art-a", by=who, known_articles=KNOWN)
        with pytest.raises(AccessDenied):
            unassign(s, k, "art-a", by=who)
    for bad in ("999", "x", None, 10**30):
        with pytest.raises(AccessDenied):
            class_of_teacher(s, teacher, bad)
    with pytest.raises(AccountError, match="not a teacher"):
        create_class(s, "Mine", amal)
    with pytest.raises(AccountError, match="already a class"):
        create_class(s, "Arabic 2", other)
    with pytest.raises(AccountError, match="is a teacher"):
        add_students(s, k, [other])
    with pytest.raises(AccountError, match="no article"):
        assign(s, k, "nope", by=teacher, known_articles=KNOWN)
    with pytest.raises(AccountError, match="YYYY-MM-DD"):
        assign(s, k, "art-a", by=teacher, known_articles=KNOWN, due="next week")


def test_a_teachers_shared_text_reaches_the_class_and_nobody_else(klass):
    s, teacher, k, (amal, _b, _c) = klass
    outsider = accounts.create_learner(s, "zed")
    tid = save_text(s, "نص المعلمة للصف. جملة ثانية.", title="For the class", owner=teacher.id)
    mine = save_text(s, "نص أمل الخاص بها وحدها.", owner=amal.id)
    with pytest.raises(AccountError, match="not one of your imported texts"):
        assign(s, k, article_id_for(mine), by=teacher, known_articles=KNOWN)  # a student's text is not the teacher's to share
    assert get_article(s, article_id_for(tid), reader=amal.id) is None
    assign(s, k, article_id_for(tid), by=teacher, known_articles=KNOWN)
    assert get_article(s, article_id_for(tid), reader=amal.id).title_en == "For the class"
    assert [a.id for a in readable_articles(s, reader=amal.id)] == [article_id_for(mine), article_id_for(tid)]
    assert get_article(s, article_id_for(tid), reader=outsider.id) is None
    assert get_article(s, article_id_for(mine), reader=teacher.id) is None  # the teacher does not read the student's own
