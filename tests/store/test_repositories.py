"""Every repository function, on both back ends (SQLite and a real PostgreSQL server): the same code,
the same answers. Plus what only a schema can promise: both dialects' migrations build the same
tables, and a schema-1 database's data goes to its learners."""

from __future__ import annotations

import json
import sqlite3

import pytest

from bilingual.store import Store, accounts, classes, learner_data, mt_cache, profiles, reviews, terms, texts, utc_now
from bilingual.store.db import MIGRATIONS, _statements
from bilingual.store.postgres import PG_MIGRATIONS, pg_sql


def test_placeholders_become_psycopgs_and_percent_signs_are_doubled():
    assert pg_sql("SELECT a FROM t WHERE b = ? AND c LIKE '%' || ?") == "SELECT a FROM t WHERE b = %s AND c LIKE '%%' || %s"
    assert pg_sql("SELECT '?' AS q, \"we?ird\" FROM t WHERE x = ?") == "SELECT '?' AS q, \"we?ird\" FROM t WHERE x = %s"
    assert pg_sql("SELECT 'it''s ?' WHERE y = ?") == "SELECT 'it''s ?' WHERE y = %s"


def test_profiles_and_their_own_settings(any_store):
    s = any_store
    a = profiles.create(s, "alice", "student", None)
    b = profiles.ensure(s, "Bob")
    assert profiles.ensure(s, "Bob") == b and profiles.find(s, "alice") == a and profiles.find(s, "nobody") is None
    assert profiles.names(s) == ["alice", "Bob"]
    row = profiles.get(s, a)
    assert (row["name"], row["role"], row["password_hash"]) == ("alice", "student", None) and row[1] == "alice"
    assert not profiles.any_password(s) and not profiles.any_teacher(s)
    assert profiles.set_password(s, a, "$2b$hash", role="teacher")
    assert profiles.any_password(s) and profiles.any_teacher(s)
    profiles.set_setting(s, a, "pref.size", "2.0")
    profiles.set_setting(s, a, "pref.size", "2.2")
    profiles.set_setting(s, b, "pref.size", "1.0")
    assert profiles.get_setting(s, a, "pref.size") == "2.2" and profiles.get_setting(s, b, "pref.size") == "1.0"
    assert profiles.get_setting(s, b, "missing", "x") == "x"
    s.set_setting("app", "1")
    assert s.get_setting("app") == "1" and s.get_setting("nope") is None


def test_reviews_and_cards_per_profile(any_store):
    s = any_store
    a, b = profiles.ensure(s, "a"), profiles.ensure(s, "b")
    with s.transaction():
        reviews.save_card(s, a, "fact:x/q1", "fact", "x", '{"s": 1}', "2026-01-02T00:00:00.000000Z")
        first = reviews.add_review(s, a, "fact:x/q1", "fact", "x", True, 3, "ans 100%", "2026-01-01T10:00:00.000000Z")
        reviews.add_review(s, a, "fact:x/q1", "fact", "x", False, 1, "", "2026-01-01T11:00:00.000000Z")
        reviews.save_card(s, a, "ar-en:y", "ar-en", None, '{"s": 2}', "2026-01-05T00:00:00.000000Z")
        reviews.add_review(s, a, "ar-en:y", "ar-en", None, True, 3, "", "2026-01-02T09:00:00.000000Z")
        reviews.add_review(s, b, "ar-en:y", "ar-en", None, True, 4, "", "2026-01-02T09:00:00.000000Z")
    assert reviews.card_state(s, a, "fact:x/q1") == '{"s": 1}' and reviews.card_state(s, b, "fact:x/q1") is None
    reviews.set_card_state(s, a, "fact:x/q1", '{"s": 3}', "2026-01-03T00:00:00.000000Z")
    assert reviews.card_states(s, a) == {"fact:x/q1": '{"s": 3}', "ar-en:y": '{"s": 2}'}
    assert reviews.seen_card_ids(s, a) == {"fact:x/q1", "ar-en:y"} and reviews.card_count(s, b) == 0
    assert reviews.due_card_ids(s, a, "2026-01-04T00:00:00.000000Z") == ["fact:x/q1"]
    assert sorted(reviews.card_dues(s, a, "x")) == [("fact:x/q1", "2026-01-03T00:00:00.000000Z")]
    assert reviews.first_reviews_since(s, a, "2026-01-01T10:30:00.000000Z") == 1
    assert reviews.cards_reviewed_since(s, a, "2026-01-01T10:30:00.000000Z") == {"fact:x/q1", "ar-en:y"}
    assert [r["answer"] for r in reviews.review_log(s, a)] == ["ans 100%", "", ""]
    assert reviews.review_counts(s, a) == (3, 2) and reviews.review_counts(s, a, "x") == (2, 1) and reviews.review_counts(s, b) == (1, 1)
    assert reviews.accuracy_by(s, a, "kind") == [("ar-en", 1, 1), ("fact", 2, 1)]
    assert reviews.reviews_by_card(s, a) == {"fact:x/q1": (2, 1), "ar-en:y": (1, 1)}
    reviews.set_review_rating(s, b, first, 4)  # someone else's review: untouched
    reviews.set_review_rating(s, a, first, 2)
    assert [r["rating"] for r in reviews.review_log(s, a)] == [2, 1, 3]
    latest = reviews.latest_review_since(s, a, "fact:x/q1", "2026-01-01T00:00:00.000000Z")
    assert latest["reviewed_at"] == "2026-01-01T11:00:00.000000Z" and latest["correct"] == 0
    assert reviews.latest_review_since(s, a, "fact:x/q1", "2026-01-02T00:00:00.000000Z") is None


def test_texts_belong_to_their_owner_and_to_the_classes_they_are_shared_with(any_store):
    s = any_store
    teacher, alice, bob = (profiles.create(s, n, r) for n, r in (("t", "teacher"), ("alice", "student"), ("bob", "student")))
    t1 = texts.add(s, alice, "Mine", "", "", "نص أليس")
    t2 = texts.add(s, teacher, "Shared", "src", "2024", "نص المعلم")
    assert [r["id"] for r in texts.newest_first(s, alice)] == [t1]
    assert texts.find_by_body(s, alice, "نص أليس")["id"] == t1 and texts.find_by_body(s, bob, "نص أليس") is None
    assert texts.get(s, bob, t1) is None and texts.get_readable(s, bob, t1) is None
    assert not texts.rename(s, bob, t1, "stolen") and not texts.delete(s, bob, t1)
    klass = classes.create(s, "A1", teacher)
    classes.add_member(s, klass, alice)
    assert texts.get_readable(s, alice, t2) is None
    classes.add_assignment(s, klass, f"mine-{t2}", t2, "")
    assert texts.get_readable(s, alice, t2)["title"] == "Shared" and texts.get_readable(s, bob, t2) is None
    assert [r["id"] for r in texts.readable(s, alice)] == [t1, t2]  # own first
    assert [r["id"] for r in texts.readable(s, teacher)] == [t2]
    assert texts.rename(s, alice, t1, "Renamed") and texts.get(s, alice, t1)["title"] == "Renamed"
    assert texts.sources_of_others(s, t1) == ["نص المعلم"]
    assert texts.delete(s, teacher, t2)
    assert classes.assignments_of(s, klass) == []  # the shared text's assignment went with it


def test_personal_terms_per_learner(any_store):
    s = any_store
    a, b = profiles.ensure(s, "a"), profiles.ensure(s, "b")
    terms.add(s, a, "my-term", json.dumps({"ar": "مصطلح"}))
    terms.add(s, b, "my-term", json.dumps({"ar": "آخر"}))  # the same id, another learner: no clash
    assert terms.all_terms(s, a) == [("my-term", '{"ar": "\\u0645\\u0635\\u0637\\u0644\\u062d"}')]
    assert not terms.update(s, a, "missing", "{}") and terms.update(s, a, "my-term", "{}")
    assert terms.all_terms(s, a) == [("my-term", "{}")] and json.loads(terms.all_terms(s, b)[0][1]) == {"ar": "آخر"}
    assert terms.delete(s, a, "my-term") and terms.all_terms(s, a) == [] and len(terms.all_terms(s, b)) == 1


def test_the_translation_cache_is_shared(any_store):
    s = any_store
    mt_cache.save(s, "m@1", [("جملة ١", "one"), ("جملة ٢", "two")])
    mt_cache.save(s, "m@1", [("جملة ١", "one, again")])
    assert mt_cache.lookup(s, "m@1", ["جملة ١", "جملة ٢", "جملة ٣"]) == {"جملة ١": "one, again", "جملة ٢": "two"}
    assert mt_cache.lookup(s, "m@2", ["جملة ١"]) == {}
    mt_cache.forget_sources(s, ["جملة ١"])
    assert mt_cache.lookup(s, "m@1", ["جملة ١", "جملة ٢"]) == {"جملة ٢": "two"}


def test_login_sessions_and_failures(any_store):
    s = any_store
    a = profiles.ensure(s, "a")
    accounts.start_session(s, "sid1", a, "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z")
    accounts.start_session(s, "sid2", a, "2026-01-01T00:00:00.000Z", "2026-01-01T12:00:00.000Z")
    assert accounts.get_session(s, "sid1")["profile_id"] == a and accounts.get_session(s, "nope") is None
    assert accounts.end_session(s, "sid1", "2026-01-01T01:00:00.000Z") and not accounts.end_session(s, "sid1", "x")
    assert accounts.end_sessions_of(s, a, "2026-01-01T02:00:00.000Z") == 1
    for t in ("2026-01-01T00:00:00.000Z", "2026-01-01T00:10:00.000Z"):
        accounts.add_failure(s, "a", t)
    assert accounts.failures_since(s, "a", "2026-01-01T00:05:00.000Z") == ["2026-01-01T00:10:00.000Z"]
    accounts.prune(s, "2026-01-01T00:05:00.000Z")
    assert accounts.failures_since(s, "a", "") == ["2026-01-01T00:10:00.000Z"]
    accounts.forget_failures(s, "a")
    assert accounts.failures_since(s, "a", "") == []


def test_classes_members_assignments_and_figures(any_store):
    s = any_store
    t = profiles.create(s, "t", "teacher")
    a, b, c = (profiles.create(s, n) for n in ("a", "b", "c"))
    k = classes.create(s, "A1", t)
    assert classes.find(s, "A1")["id"] == k and classes.get(s, k)["teacher_id"] == t
    assert [r["name"] for r in classes.classes_of_teacher(s, t)] == ["A1"]
    assert classes.add_member(s, k, a) and classes.add_member(s, k, b) and not classes.add_member(s, k, a)
    assert [r["name"] for r in classes.members(s, k)] == ["a", "b"] and [r["name"] for r in classes.classes_of_student(s, a)] == ["A1"]
    first = classes.add_assignment(s, k, "art1", None, "2026-02-01")
    assert classes.add_assignment(s, k, "art1", None, "2026-03-01") == first  # again: the due date changes
    classes.add_assignment(s, k, "art2", None, "")
    assert [(r["article_id"], r["due"]) for r in classes.assignments_of(s, k)] == [("art1", "2026-03-01"), ("art2", "")]
    assert [r["article_id"] for r in classes.assignments_for_student(s, a)] == ["art2", "art1"]
    with s.transaction():
        reviews.save_card(s, a, "c1", "fact", "art1", "{}", "2026-01-09T00:00:00.000000Z")
        reviews.add_review(s, a, "c1", "fact", "art1", True, 3, "", "2026-01-05T00:00:00.000000Z")
        reviews.add_review(s, a, "c1", "fact", "art1", False, 1, "", "2026-01-06T00:00:00.000000Z")
        reviews.add_review(s, c, "c1", "fact", "art1", True, 3, "", "2026-01-07T00:00:00.000000Z")  # not in the class
        reviews.add_review(s, b, "c9", "fact", "other", True, 3, "", "2026-01-08T00:00:00.000000Z")  # not assigned
    classes.note_read(s, b, "art2")
    classes.note_read(s, b, "art2")
    assert set(classes.reads_of(s, b)) == {"art2"}
    figures = classes.article_figures(s, k)
    assert figures[(a, "art1")] == {"cards": 1, "reviews": 2, "correct": 1, "last_review": "2026-01-06T00:00:00.000000Z", "last_read": ""}
    assert figures[(b, "art2")]["last_read"] and set(figures) == {(a, "art1"), (b, "art2")}
    assert classes.last_reviews(s, k) == {a: "2026-01-06T00:00:00.000000Z", b: "2026-01-08T00:00:00.000000Z"}
    assert classes.remove_member(s, k, b) and classes.remove_assignment(s, k, "art2") and not classes.remove_assignment(s, k, "art2")
    assert classes.delete(s, k) and classes.find(s, "A1") is None


def test_a_learners_rows_dump_and_load(any_store):
    s = any_store
    a, b = profiles.ensure(s, "a"), profiles.ensure(s, "b")
    profiles.set_setting(s, a, "pref.x", "1")
    with s.transaction():
        reviews.save_card(s, a, "c1", "fact", "art", "{}", "2026-01-09T00:00:00.000000Z")
        reviews.add_review(s, a, "c1", "fact", "art", True, 3, "yes", "2026-01-05T00:00:00.000000Z")
    texts.add(s, a, "T", "", "", "نص")
    terms.add(s, a, "t1", "{}")
    classes.note_read(s, a, "art")
    dumped = learner_data.dump(s, a)
    assert {t: len(v) for t, v in dumped.items()} == dict.fromkeys(learner_data.COLUMNS, 1)
    assert learner_data.dump(s, b) == {t: [] for t in learner_data.COLUMNS}
    with s.transaction():
        learner_data.insert_text(s, b, dumped["texts"][0])
        learner_data.load(s, b, dumped)
    again = learner_data.dump(s, b)
    strip = lambda d: {t: [{k: v for k, v in r.items() if k != "id"} for r in rows] for t, rows in d.items()}  # noqa: E731
    assert strip(again) == strip(dumped)
    deleted = profiles.owned_counts(s, b)
    assert profiles.delete(s, b) and deleted["reviews"] == 1 and deleted["texts"] == 1
    assert profiles.owned_counts(s, b) == dict.fromkeys((*profiles.OWNED_TABLES, "classes"), 0)


def test_a_read_modify_write_under_a_lock_and_a_rollback(any_store):
    s = any_store
    pid = profiles.ensure(s, "a")
    with pytest.raises(RuntimeError), s.transaction():
        s.lock("x")
        reviews.add_review(s, pid, "c", "fact", None, True, 3, "", utc_now())
        with s.transaction():  # a savepoint inside
            reviews.add_review(s, pid, "d", "fact", None, True, 3, "", utc_now())
        raise RuntimeError("boom")
    assert reviews.review_counts(s, pid) == (0, 0)
    with s.transaction():
        with pytest.raises(RuntimeError), s.transaction():
            reviews.add_review(s, pid, "e", "fact", None, True, 3, "", utc_now())
            raise RuntimeError("inner only")
        reviews.add_review(s, pid, "f", "fact", None, True, 3, "", utc_now())
    assert [r["card_id"] for r in reviews.review_log(s, pid)] == ["f"]


# --- the schema ------------------------------------------------------------------------------------


def _sqlite_columns(s: Store) -> dict[str, set[str]]:
    tables = [r[0] for r in s.query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")]
    return {t: {r[1] for r in s.query(f'PRAGMA table_info("{t}")')} for t in tables}


def _pg_columns(s: Store) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in s.query("SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'"):
        out.setdefault(r[0], set()).add(r[1])
    out.pop("schema_version")  # PostgreSQL's version number (SQLite keeps it in PRAGMA user_version)
    return out


def test_both_dialects_build_the_same_tables(data_dir, pg_url):
    assert len(MIGRATIONS) == len(PG_MIGRATIONS)
    lite, pg = Store(data_dir / "x.sqlite3"), Store(pg_url)
    assert lite.schema_version() == pg.schema_version() == len(MIGRATIONS)
    assert _sqlite_columns(lite) == _pg_columns(pg)
    pg.close()


def _v1_data(run) -> None:
    """A schema-1 library: two profiles, a text and a term everyone saw, per-name settings."""
    run("INSERT INTO profiles(id, name, created_at) VALUES (1, 'ana', 't'), (2, 'omar', 't')")
    run("INSERT INTO texts(id, title, source, date, body, created_at, updated_at) VALUES (7, 'T', '', '', 'نص', 't', 't')")
    run("INSERT INTO personal_terms(id, entry, created_at, updated_at) VALUES ('my-term', '{}', 't', 't')")
    run("INSERT INTO settings(key, value) VALUES ('last_profile', 'omar'), ('pref.ana.reader_ar_size', '2.0'), "
        "('pref.omar.reader_ar_size', '1.2'), ('quiz.new_per_day.ana', '5'), ('quiz.running.omar', '{}'), "
        "('pref.ghost.reader_ar_size', '9'), ('theme', 'dark')")


def _after_v2(s: Store) -> None:
    # the original (its id, so links keep working) to omar, who used the app last; a copy for ana
    assert [tuple(r) for r in s.query("SELECT id, profile_id, title FROM texts ORDER BY id")] == [(7, 2, "T"), (8, 1, "T")]
    assert sorted(tuple(r) for r in s.query("SELECT profile_id, id FROM personal_terms")) == [(1, "my-term"), (2, "my-term")]
    assert sorted(tuple(r) for r in s.query("SELECT profile_id, key, value FROM learner_settings")) == [
        (1, "pref.reader_ar_size", "2.0"), (1, "quiz.new_per_day", "5"), (2, "pref.reader_ar_size", "1.2"), (2, "quiz.running", "{}")]
    assert [tuple(r) for r in s.query("SELECT key, value FROM settings")] == [("theme", "dark")]


def test_a_schema_1_database_gives_each_learner_their_data_sqlite(data_dir):
    data_dir.mkdir(parents=True)
    path = data_dir / "v1.sqlite3"
    with sqlite3.connect(path) as raw:
        raw.executescript(MIGRATIONS[0])
        _v1_data(raw.execute)
        raw.execute("PRAGMA user_version = 1")
    s = Store(path)
    assert s.schema_version() == len(MIGRATIONS)
    _after_v2(s)


def test_a_schema_1_database_gives_each_learner_their_data_postgresql(pg_url):
    import psycopg

    with psycopg.connect(pg_url, autocommit=True) as raw:
        raw.execute(PG_MIGRATIONS[0])
        _v1_data(raw.execute)
        raw.execute("CREATE TABLE schema_version (version INTEGER NOT NULL); INSERT INTO schema_version VALUES (1)")
    s = Store(pg_url)
    _after_v2(s)
    s.close()


def test_every_migration_statement_splits_cleanly():
    for script in MIGRATIONS:
        assert all(sqlite3.complete_statement(stmt) and stmt.strip() for stmt in _statements(script))


# --- choosing the back end ---------------------------------------------------------------------------


def test_the_environment_chooses_postgresql_and_sqlite_stays_the_default(data_dir, pg_url, monkeypatch):
    from bilingual.store import PostgresStore, SqliteStore

    assert isinstance(Store(), SqliteStore) and Store().path == data_dir / "bilingual.sqlite3"
    monkeypatch.setenv("BILINGUAL_DATABASE_URL", pg_url)
    s = Store()
    assert isinstance(s, PostgresStore) and s.path is None and s.location == pg_url and s.check() == "ok"
    s.close()
    assert isinstance(Store(data_dir / "file.sqlite3"), SqliteStore)  # an explicit file is still a file


def test_a_bad_url_or_an_unreachable_server_is_a_clear_error_without_the_password(monkeypatch):
    import socket

    from bilingual.store import StoreError

    monkeypatch.setenv("BILINGUAL_DATABASE_URL", "mysql://x")
    with pytest.raises(StoreError, match="must be a postgresql:// URL"):
        Store()
    with socket.socket() as probe:  # a port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with pytest.raises(StoreError, match="cannot connect to the PostgreSQL database") as info:
        Store(f"postgresql://bob:s3cret-pw@127.0.0.1:{port}/db")
    assert "s3cret-pw" not in str(info.value) and "bob:***@" in str(info.value)
