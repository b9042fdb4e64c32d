"""Learner names, passwords, logging in and out, server mode, and answers that count once."""

from __future__ import annotations

import threading
import unicodedata
from datetime import UTC, datetime, timedelta

import pytest

from bilingual import accounts, schedule
from bilingual.accounts import Role, sessions
from bilingual.accounts.names import clean_name
from bilingual.accounts.passwords import check_password, hash_password
from bilingual.errors import AccountError, LoginRefused
from bilingual.quiz.cards import QuizCard
from bilingual.store import Store

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
CARD = QuizCard(id="fact:art/q1", kind="fact", article_id="art", evidence="art/s001", entry_id=None, prompt_en="Q?", answer="A",
                options=("A", "B"), answer_lang="en")


# --- names ---------------------------------------------------------------------------------------


def test_names_have_one_normal_form(any_store):
    nfc, nfd = unicodedata.normalize("NFC", "émile"), unicodedata.normalize("NFD", "émile")
    assert nfc != nfd and clean_name(nfd) == clean_name(nfc) == nfc
    assert clean_name("Ａｎａ") == "Ana"  # full-width letters
    assert clean_name(" \u202eadmin\u202c  two ") == "admin two"
    accounts.create_learner(any_store, nfd)
    with pytest.raises(AccountError, match="already a learner called “émile”"):
        accounts.create_learner(any_store, nfc)
    assert [x.name for x in accounts.list_learners(any_store)] == [nfc]
    assert accounts.find_learner(any_store, nfd).name == nfc


@pytest.mark.parametrize("look_alike", ["\u0430lice", "Alice", "ALICE", "a1ice", "aIice"])
def test_a_name_that_looks_like_an_existing_one_is_refused(any_store, look_alike):
    accounts.create_learner(any_store, "alice")
    with pytest.raises(AccountError, match="looks too much like the existing learner “alice”|already a learner"):
        accounts.create_learner(any_store, look_alike)
    assert [x.name for x in accounts.list_learners(any_store)] == ["alice"]
    with pytest.raises(AccountError):  # the scheduler's "created on first use" path refuses it too
        schedule.profile_id(any_store, look_alike)


def test_different_names_are_welcome(any_store):
    for name in ("alice", "bob", "Layla", "Leila", "Omar", "Omer", "ليلى", "سارة", "student 1", "student 2"):
        accounts.create_learner(any_store, name)
    assert len(accounts.list_learners(any_store)) == 10


# --- passwords -----------------------------------------------------------------------------------


def test_passwords_are_bcrypt_hashes_and_checked_in_one_form():
    h = hash_password("correct horse")
    assert h.startswith("$2b$") and "correct horse" not in h
    assert check_password("correct horse", h) and not check_password("correct hors", h)
    assert check_password("ｃｏｒｒｅｃｔ horse", h)  # NFKC: the same characters from another keyboard
    assert not check_password("anything", None)
    with pytest.raises(AccountError, match="at least 8"):
        hash_password("short")
    with pytest.raises(AccountError, match="at most 72 bytes"):
        hash_password("ش" * 40)  # 80 bytes: bcrypt would silently cut it


def test_no_password_is_stored_in_clear(any_store):
    learner = accounts.create_learner(any_store, "ana", Role.STUDENT, "a very secret phrase")
    sessions.login(any_store, "ana", "a very secret phrase")
    with pytest.raises(LoginRefused):
        sessions.login(any_store, "ana", "another secret guess")
    accounts.set_password(any_store, learner, "the next secret phrase")
    tables = [r[0] for r in any_store.query(
        "SELECT name FROM sqlite_master WHERE type = 'table'" if any_store.path else
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'")]
    dump = "\n".join(str(tuple(row)) for t in tables for row in any_store.query(f"SELECT * FROM {t}"))
    for secret in ("a very secret phrase", "another secret guess", "the next secret phrase"):
        assert secret not in dump


# --- logging in and out --------------------------------------------------------------------------


def test_login_resolve_logout(any_store):
    ana = accounts.create_learner(any_store, "Ana", Role.STUDENT, "password-1")
    result = sessions.login(any_store, "ana", "password-1", now=NOW)  # the name case-insensitively
    assert result.learner == ana and result.expires == NOW + sessions.session_lifetime()
    assert sessions.resolve(any_store, result.token, now=NOW + timedelta(hours=1)) == ana
    assert sessions.logout(any_store, result.token, now=NOW + timedelta(hours=1))
    assert sessions.resolve(any_store, result.token, now=NOW + timedelta(hours=1)) is None
    assert not sessions.logout(any_store, result.token, now=NOW + timedelta(hours=1))


def test_a_login_expires(any_store, monkeypatch):
    monkeypatch.setenv(sessions.SESSION_HOURS_ENV, "2")
    accounts.create_learner(any_store, "ana", Role.STUDENT, "password-1")
    token = sessions.login(any_store, "ana", "password-1", now=NOW).token
    assert sessions.resolve(any_store, token, now=NOW + timedelta(hours=1, minutes=59)) is not None
    assert sessions.resolve(any_store, token, now=NOW + timedelta(hours=2)) is None


def test_a_forged_or_foreign_token_logs_nobody_in(any_store, data_dir):
    accounts.create_learner(any_store, "ana", Role.STUDENT, "password-1")
    token = sessions.login(any_store, "ana", "password-1", now=NOW).token
    version, sid, expiry, sig = token.split(".")
    later = str(int(expiry) + 10**6)
    for bad in (f"{version}.{sid}.{later}.{sig}", f"{version}.{sid}.{expiry}.{sig[:-2]}AA", "v1.x.1.y", "", "garbage", "." * 500):
        assert sessions.resolve(any_store, bad, now=NOW) is None
    other = Store(data_dir / "other.sqlite3")  # another server: another secret
    accounts.create_learner(other, "ana", Role.STUDENT, "password-1")
    assert sessions.resolve(other, token, now=NOW) is None


def test_a_wrong_password_and_an_unknown_name_say_the_same(any_store):
    accounts.create_learner(any_store, "ana", Role.STUDENT, "password-1")
    accounts.create_learner(any_store, "local")  # no password: cannot log in
    messages = set()
    for name, password in (("ana", "password-2"), ("nobody", "password-1"), ("local", "")):
        with pytest.raises(LoginRefused) as info:
            sessions.login(any_store, name, password, now=NOW)
        messages.add(str(info.value))
    assert messages == {"Wrong name or password."}


def test_login_attempts_are_rate_limited_per_name(any_store):
    accounts.create_learner(any_store, "ana", Role.STUDENT, "password-1")
    accounts.create_learner(any_store, "omar", Role.STUDENT, "password-2")
    for i in range(sessions.MAX_FAILURES):
        with pytest.raises(LoginRefused, match="Wrong"):
            sessions.login(any_store, "ana", f"guess-{i}xxx", now=NOW + timedelta(seconds=i))
    with pytest.raises(LoginRefused, match="Too many failed attempts") as info:
        sessions.login(any_store, "ANA", "password-1", now=NOW + timedelta(minutes=1))  # even the right password
    assert 13 * 60 < info.value.retry_after <= 15 * 60
    assert sessions.login(any_store, "omar", "password-2", now=NOW + timedelta(minutes=1))  # another name is not locked
    assert sessions.login(any_store, "ana", "password-1", now=NOW + sessions.WINDOW + timedelta(seconds=1))
    with pytest.raises(LoginRefused, match="Wrong"):  # a success starts the count again
        sessions.login(any_store, "ana", "nope-nope", now=NOW + sessions.WINDOW + timedelta(seconds=2))


def test_a_password_change_or_removal_ends_open_logins(any_store):
    ana = accounts.create_learner(any_store, "ana", Role.STUDENT, "password-1")
    token = sessions.login(any_store, "ana", "password-1", now=NOW).token
    accounts.set_password(any_store, ana, "password-2")
    assert sessions.resolve(any_store, token, now=NOW) is None
    token = sessions.login(any_store, "ana", "password-2", now=NOW).token
    accounts.remove_learner(any_store, ana)
    assert sessions.resolve(any_store, token, now=NOW) is None


def test_server_mode_is_off_by_default_and_on_with_the_setting_or_an_account(any_store, monkeypatch):
    accounts.create_learner(any_store, "local")
    assert not accounts.server_mode(any_store)
    monkeypatch.setenv(accounts.ACCOUNTS_ENV, "on")
    assert accounts.server_mode(any_store)
    monkeypatch.delenv(accounts.ACCOUNTS_ENV)
    accounts.create_learner(any_store, "teacher", Role.TEACHER, "password-1")
    assert accounts.server_mode(any_store)


def test_removing_a_learner_removes_their_data_and_says_what(any_store):
    from bilingual.imports.texts import save_text

    ana = accounts.create_learner(any_store, "ana")
    omar = accounts.create_learner(any_store, "omar")
    schedule.record_answer(any_store, "ana", CARD, True, "A", now=NOW)
    schedule.record_answer(any_store, "omar", CARD, True, "A", now=NOW)
    save_text(any_store, "هذا نص عربي قصير للتجربة فقط.", owner=ana.id)
    counts = accounts.remove_learner(any_store, ana)
    assert counts["reviews"] == 1 and counts["cards"] == 1 and counts["texts"] == 1
    assert accounts.find_learner(any_store, "ana") is None
    assert schedule.totals(any_store, "omar", now=NOW).reviews == 1 and omar in accounts.list_learners(any_store)


# --- the same card answered in two windows -------------------------------------------------------


def test_the_same_card_answered_in_two_windows_counts_once(any_store):
    started = NOW - timedelta(minutes=5)
    first = schedule.record_answer(any_store, "ana", CARD, True, "A", now=NOW, once_since=started)
    again = schedule.record_answer(any_store, "ana", CARD, False, "B", now=NOW + timedelta(seconds=20), once_since=started)
    assert not first.duplicate and again.duplicate and again.review_id == first.review_id and again.correct
    assert schedule.amend_rating(any_store, "ana", CARD, again, 4) == again  # that window's rating buttons change nothing
    assert schedule.totals(any_store, "ana", now=NOW).reviews == 1
    # a new session (started later) reviews it again normally
    later = schedule.record_answer(any_store, "ana", CARD, True, "A", now=NOW + timedelta(days=3), once_since=NOW + timedelta(days=3))
    assert not later.duplicate and schedule.totals(any_store, "ana", now=NOW).reviews == 2


def test_two_sessions_answering_at_the_same_moment_count_once(any_store):
    """Four browser tabs of one learner submit the same card at once (PostgreSQL: no SQLite write lock to save us)."""
    schedule.profile_id(any_store, "ana")
    started = NOW - timedelta(minutes=1)
    barrier, results, errors = threading.Barrier(4), [], []

    def answer() -> None:
        try:
            barrier.wait()
            results.append(schedule.record_answer(any_store, "ana", CARD, True, "A", now=NOW, once_since=started))
        except BaseException as exc:  # reported below
            errors.append(exc)

    threads = [threading.Thread(target=answer) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    assert not errors
    assert sorted(r.duplicate for r in results) == [False, True, True, True]
    assert schedule.totals(any_store, "ana", now=NOW).reviews == 1
