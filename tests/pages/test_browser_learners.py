"""Learners in a real browser (Chromium): two browsers on one app never share learner, quiz or settings;
a browser remembers its own last choice (a cookie, not the shared database); in server mode the login
cookie keeps a browser logged in across reloads until it logs out; two app processes on one
PostgreSQL database see each other's writes and accept each other's logins."""

from __future__ import annotations

import re
import time

import pytest

from bilingual import accounts
from bilingual.accounts import Role
from bilingual.classroom import add_students, assign, create_class
from bilingual.imports.texts import list_texts
from bilingual.store import Store
from tests.pages.browser import SHOTS, no_errors, settle
from tests.pages.conftest import running_app

ARTICLE = "lavrov-border-mission-2023"
TEXT = "هذه جملة عربية للتجربة بين خادمين. وهذه جملة ثانية في النص نفسه."


def new_page(browser, server):
    """A fresh browser context (its own cookies), every request outside the app aborted and recorded."""
    ctx = browser.new_context(viewport={"width": 1400, "height": 950})
    pg = ctx.new_page()
    pg.outside = []

    def guard(route):
        if route.request.url.startswith(server) or route.request.url.startswith(("data:", "blob:")):
            route.continue_()
        else:
            pg.outside.append(route.request.url)
            route.abort()

    pg.route("**/*", guard)
    return pg


def go(page, url: str) -> None:
    page.goto(url)
    settle(page)
    no_errors(page)


def quiz_caption(page) -> str:
    page.wait_for_selector("text=/Profile \\w+ ·/", timeout=30_000)
    return page.get_by_text(re.compile(r"Profile \w+ ·")).first.inner_text()


def app_with(tmp_path_factory, name: str, setup):
    """The app served on a fresh data dir that ``setup(store)`` filled first."""
    home = tmp_path_factory.mktemp(name)
    store = Store(home / "data" / "bilingual.sqlite3")
    setup(store)
    store.close()
    return running_app(home)


@pytest.fixture(scope="module")
def local_app(tmp_path_factory):
    with app_with(tmp_path_factory, "learners-home", lambda s: [accounts.create_learner(s, n) for n in ("alice", "bob")]) as app:
        yield app


def test_two_browsers_keep_their_own_learner_and_the_choice_is_remembered_per_browser(browser, local_app):
    a, b = new_page(browser, local_app), new_page(browser, local_app)
    go(a, f"{local_app}/Quiz")
    a.get_by_text("Who is reading?").wait_for()
    a.get_by_text("alice", exact=True).click()
    a.get_by_role("button", name="Continue").click()
    assert "Profile alice" in quiz_caption(a)
    a.get_by_role("button", name="Start a session").click()
    a.get_by_text(re.compile(r"Card 1 of \d+")).wait_for(timeout=30_000)

    go(b, f"{local_app}/Quiz")  # another browser: asked, nothing preselected, not alice's quiz
    b.get_by_text("Who is reading?").wait_for()
    assert not b.get_by_role("radio", name="alice").is_checked() and not b.get_by_role("radio", name="bob").is_checked()
    b.get_by_text("bob", exact=True).click()
    b.get_by_role("button", name="Continue").click()
    assert "Profile bob" in quiz_caption(b)
    assert b.get_by_role("button", name="Start a session").count() == 1 and b.get_by_text("Card 1 of").count() == 0

    for pg, name in ((a, "alice"), (b, "bob")):  # a reload asks again, this browser's own choice preselected
        go(pg, f"{local_app}/Quiz")
        pg.get_by_text("Who is reading?").wait_for()
        assert pg.get_by_role("radio", name=name).is_checked()
        assert {c["name"]: c["value"] for c in pg.context.cookies()}["bilingual_learner"] == name
    a.get_by_role("button", name="Continue").click()
    a.get_by_text(re.compile(r"Resumed your unfinished session at card 1")).wait_for(timeout=30_000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    a.screenshot(path=str(SHOTS / "learners-resumed.png"))
    assert a.outside == [] and b.outside == []
    a.context.close()
    b.context.close()


def log_in(page, name: str, password: str) -> None:
    page.get_by_role("textbox", name="Name").fill(name)
    page.get_by_role("textbox", name="Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    settle(page)


def _a_class(store: Store) -> None:
    alice = accounts.create_learner(store, "alice", Role.STUDENT, "alice-password")
    bob = accounts.create_learner(store, "bob", Role.STUDENT, "bob-password")
    teacher = accounts.create_learner(store, "ms-t", Role.TEACHER, "teacher-pass")
    klass = create_class(store, "Arabic 2", teacher)
    add_students(store, klass, [alice, bob])
    assign(store, klass, ARTICLE, by=teacher, known_articles={ARTICLE}, due="2026-12-15")


@pytest.fixture(scope="module")
def class_server(tmp_path_factory):
    with app_with(tmp_path_factory, "class-home", _a_class) as app:
        yield app


def test_a_dead_login_cookie_is_cleared_by_the_login_page(browser, class_server):
    """A login that ended on the server (logged out elsewhere, expired) is never sent again: the page
    that asks for a login clears it."""
    a = new_page(browser, class_server)
    host = class_server.split("//", 1)[1].split(":")[0]
    a.context.add_cookies([{"name": "bilingual_session", "value": "v1.not-a-live-session", "domain": host, "path": "/"}])
    go(a, f"{class_server}/Progress")
    a.get_by_role("heading", name="Log in").wait_for(timeout=30_000)
    deadline = time.monotonic() + 20
    while any(c["name"] == "bilingual_session" and c["value"] for c in a.context.cookies()) and time.monotonic() < deadline:
        a.wait_for_timeout(200)
    assert not any(c["name"] == "bilingual_session" and c["value"] for c in a.context.cookies())
    assert a.outside == []
    a.context.close()


def test_server_mode_login_cookie_reload_and_logout(browser, class_server):
    a, b = new_page(browser, class_server), new_page(browser, class_server)
    go(a, f"{class_server}/Quiz")
    a.get_by_role("heading", name="Log in").wait_for()
    a.get_by_text("Password", exact=True).wait_for()
    SHOTS.mkdir(parents=True, exist_ok=True)
    a.screenshot(path=str(SHOTS / "login.png"))
    log_in(a, "alice", "not-her-password")
    a.get_by_text("Wrong name or password.").wait_for()
    log_in(a, "alice", "alice-password")
    assert "Profile alice" in quiz_caption(a)
    cookie = next(c for c in a.context.cookies() if c["name"] == "bilingual_session")
    assert cookie["sameSite"] == "Strict" and cookie["value"].startswith("v1.") and "alice-password" not in cookie["value"]
    go(a, f"{class_server}/Progress")  # a reload (a new session on the server): still alice, through the cookie
    a.get_by_text("Signed in as").wait_for(timeout=30_000)
    assert "alice" in a.get_by_text("Signed in as").inner_text()

    go(b, f"{class_server}/Progress")  # another browser: the login page, not alice
    b.get_by_role("heading", name="Log in").wait_for()
    log_in(b, "bob", "bob-password")
    b.get_by_text("Signed in as").wait_for(timeout=30_000)
    assert "bob" in b.get_by_text("Signed in as").inner_text()

    a.get_by_role("button", name="Log out").click()
    a.get_by_role("heading", name="Log in").wait_for(timeout=30_000)
    go(a, f"{class_server}/Progress")
    a.get_by_role("heading", name="Log in").wait_for(timeout=30_000)  # logged out for good
    # the page's script clears the cookie after the server ended the session: wait for it (a loaded machine is slow)
    deadline = time.monotonic() + 20
    while any(c["name"] == "bilingual_session" and c["value"] for c in a.context.cookies()) and time.monotonic() < deadline:
        a.wait_for_timeout(200)
    assert not any(c["name"] == "bilingual_session" and c["value"] for c in a.context.cookies())
    go(b, f"{class_server}/Progress")
    b.get_by_text("Signed in as").wait_for(timeout=30_000)  # bob's login is his own
    assert a.outside == [] and b.outside == []
    a.context.close()
    b.context.close()


def test_a_students_reading_shows_on_the_teachers_class_page(browser, class_server):
    student, teacher = new_page(browser, class_server), new_page(browser, class_server)
    go(student, f"{class_server}/Class")
    log_in(student, "alice", "alice-password")
    student.get_by_role("heading", name="Your assignments").wait_for(timeout=30_000)
    student.get_by_role("link", name="Read it").click()
    student.locator(".reader .row").first.wait_for(timeout=30_000)
    go(teacher, f"{class_server}/Class")
    log_in(teacher, "ms-t", "teacher-pass")
    table = teacher.locator('[data-testid="stDataFrame"]')
    table.wait_for(timeout=30_000)
    teacher.wait_for_timeout(1000)
    teacher.screenshot(path=str(SHOTS / "class.png"))
    from bilingual.classroom import class_report, find_class

    store = Store(class_server.data_dir / "bilingual.sqlite3")
    report = class_report(store, find_class(store, "Arabic 2"), {})
    alice = accounts.find_learner(store, "alice")
    assert report.cell(alice.id, ARTICLE).read  # opened through the student's assignment link
    assert not report.cell(accounts.find_learner(store, "bob").id, ARTICLE).read
    store.close()
    student.context.close()
    teacher.context.close()


def test_two_app_processes_share_one_postgresql_database(browser, pg_url, tmp_path_factory):
    store = Store(pg_url)
    alice = accounts.create_learner(store, "alice", Role.STUDENT, "alice-password")
    with running_app(tmp_path_factory.mktemp("pg-one"), BILINGUAL_DATABASE_URL=pg_url) as one, \
            running_app(tmp_path_factory.mktemp("pg-two"), BILINGUAL_DATABASE_URL=pg_url) as two:
        page = new_page(browser, "http://127.0.0.1:")
        go(page, f"{one}/Import")
        log_in(page, "alice", "alice-password")
        page.get_by_label("Arabic text").fill(TEXT)
        page.get_by_role("button", name="Save").click()
        page.get_by_text(re.compile(r"Saved as text \d+")).wait_for(timeout=30_000)
        [saved] = list_texts(store, owner=alice.id)
        assert saved.body == TEXT
        # the other process: the same login (cookies are per host; the token's secret is in the shared database)
        go(page, f"{two}/Import")
        page.get_by_text(saved.title[:25]).first.wait_for(timeout=30_000)  # in "My texts", read from the database
        go(page, f"{two}/Account")
        page.get_by_text("Signed in as").wait_for(timeout=30_000)
        assert page.outside == []
        page.context.close()
    store.close()
