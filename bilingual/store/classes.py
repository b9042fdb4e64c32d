"""Classes (table ``classes``: a name and its teacher), their students (``class_members``), what is
assigned to them (``assignments``), when a learner opened an article (``reading_log``), and the
class page's figures in one query per table."""

from __future__ import annotations

from bilingual.store.base import Store, utc_now

__all__ = [
    "add_assignment",
    "add_member",
    "article_figures",
    "assignments_of",
    "assignments_for_student",
    "classes_of_student",
    "classes_of_teacher",
    "create",
    "delete",
    "find",
    "get",
    "last_reviews",
    "members",
    "note_read",
    "reads_of",
    "remove_assignment",
    "remove_member",
]


def create(store: Store, name: str, teacher: int) -> int:
    rows = store.execute(
        "INSERT INTO classes(name, teacher_id, created_at) VALUES (?, ?, ?) RETURNING id", (name, int(teacher), utc_now())
    ).fetchall()
    return int(rows[0][0])


def find(store: Store, name: str):
    """(id, name, teacher_id, created_at) of the class called ``name``, or None."""
    return store.one("SELECT id, name, teacher_id, created_at FROM classes WHERE name = ?", (name,))


def get(store: Store, class_id: int):
    return store.one("SELECT id, name, teacher_id, created_at FROM classes WHERE id = ?", (int(class_id),))


def delete(store: Store, class_id: int) -> bool:
    return store.execute("DELETE FROM classes WHERE id = ?", (int(class_id),)).rowcount > 0


def classes_of_teacher(store: Store, teacher: int) -> list:
    return store.query("SELECT id, name, teacher_id, created_at FROM classes WHERE teacher_id = ? ORDER BY name", (int(teacher),))


def classes_of_student(store: Store, pid: int) -> list:
    return store.query(
        "SELECT c.id, c.name, c.teacher_id, c.created_at FROM classes c JOIN class_members m ON m.class_id = c.id "
        "WHERE m.profile_id = ? ORDER BY c.name",
        (int(pid),),
    )


def add_member(store: Store, class_id: int, pid: int) -> bool:
    """Add a student; False when they were already in the class."""
    cur = store.execute(
        "INSERT INTO class_members(class_id, profile_id, added_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
        (int(class_id), int(pid), utc_now()),
    )
    return cur.rowcount > 0


def remove_member(store: Store, class_id: int, pid: int) -> bool:
    return store.execute("DELETE FROM class_members WHERE class_id = ? AND profile_id = ?", (int(class_id), int(pid))).rowcount > 0


def members(store: Store, class_id: int) -> list:
    """(id, name) of the class's students, by name."""
    rows = store.query(
        "SELECT p.id, p.name FROM profiles p JOIN class_members m ON m.profile_id = p.id WHERE m.class_id = ?", (int(class_id),)
    )
    return sorted(rows, key=lambda r: (r["name"].casefold(), r["name"]))


def add_assignment(store: Store, class_id: int, article_id: str, text_id: int | None, due: str) -> int:
    """Assign an article (or a shared text) to the class; assigning it again updates the due date."""
    rows = store.execute(
        "INSERT INTO assignments(class_id, article_id, text_id, due, created_at) VALUES (?, ?, ?, ?, ?) "
        "ON CONFLICT(class_id, article_id) DO UPDATE SET due = excluded.due RETURNING id",
        (int(class_id), article_id, text_id, due, utc_now()),
    ).fetchall()
    return int(rows[0][0])


def remove_assignment(store: Store, class_id: int, article_id: str) -> bool:
    cur = store.execute("DELETE FROM assignments WHERE class_id = ? AND article_id = ?", (int(class_id), article_id))
    return cur.rowcount > 0


def assignments_of(store: Store, class_id: int) -> list:
    """(id, article_id, text_id, due, created_at) of the class's assignments, oldest first."""
    return store.query(
        "SELECT id, article_id, text_id, due, created_at FROM assignments WHERE class_id = ? ORDER BY created_at, id", (int(class_id),)
    )


def assignments_for_student(store: Store, pid: int) -> list:
    """(class name, article_id, due) of everything assigned to the student's classes."""
    return store.query(
        "SELECT c.name AS class_name, a.article_id, a.due FROM assignments a JOIN classes c ON c.id = a.class_id "
        "JOIN class_members m ON m.class_id = a.class_id WHERE m.profile_id = ? ORDER BY a.due, a.created_at",
        (int(pid),),
    )


def note_read(store: Store, pid: int, article_id: str) -> None:
    """Remember that the learner opened the article in the reader (first and last time)."""
    now = utc_now()
    store.execute(
        "INSERT INTO reading_log(profile_id, article_id, first_read_at, last_read_at) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(profile_id, article_id) DO UPDATE SET last_read_at = excluded.last_read_at",
        (int(pid), article_id, now, now),
    )


def reads_of(store: Store, pid: int) -> dict[str, tuple[str, str]]:
    rows = store.query("SELECT article_id, first_read_at, last_read_at FROM reading_log WHERE profile_id = ?", (int(pid),))
    return {r["article_id"]: (r["first_read_at"], r["last_read_at"]) for r in rows}


def article_figures(store: Store, class_id: int) -> dict[tuple[int, str], dict]:
    """{(student id, article id): {cards, reviews, correct, last_review, last_read}} for the class's
    students on the class's assigned articles (one aggregate query per table)."""
    cid = int(class_id)
    scope = "profile_id IN (SELECT profile_id FROM class_members WHERE class_id = ?) AND article_id IN (SELECT article_id FROM assignments WHERE class_id = ?)"
    out: dict[tuple[int, str], dict] = {}

    def cell(pid: int, aid: str) -> dict:
        return out.setdefault((int(pid), aid), {"cards": 0, "reviews": 0, "correct": 0, "last_review": "", "last_read": ""})

    for r in store.query(f"SELECT profile_id, article_id, count(*) AS n FROM cards WHERE {scope} GROUP BY profile_id, article_id", (cid, cid)):
        cell(r["profile_id"], r["article_id"])["cards"] = int(r["n"])
    for r in store.query(
        f"SELECT profile_id, article_id, count(*) AS n, sum(correct) AS ok, max(reviewed_at) AS last FROM reviews WHERE {scope} "
        "GROUP BY profile_id, article_id",
        (cid, cid),
    ):
        c = cell(r["profile_id"], r["article_id"])
        c.update(reviews=int(r["n"]), correct=int(r["ok"] or 0), last_review=r["last"] or "")
    for r in store.query(f"SELECT profile_id, article_id, last_read_at FROM reading_log WHERE {scope}", (cid, cid)):
        cell(r["profile_id"], r["article_id"])["last_read"] = r["last_read_at"]
    return out


def last_reviews(store: Store, class_id: int) -> dict[int, str]:
    """{student id: time of their latest review of anything} for the class's students."""
    rows = store.query(
        "SELECT profile_id, max(reviewed_at) AS last FROM reviews WHERE profile_id IN "
        "(SELECT profile_id FROM class_members WHERE class_id = ?) GROUP BY profile_id",
        (int(class_id),),
    )
    return {int(r["profile_id"]): r["last"] for r in rows}
