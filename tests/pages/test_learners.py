"""Learners in the app (AppTest): each browser session its own learner, quiz and settings; the login
page (wrong password, rate limit, logout, expiry); and, page by page, a student cannot reach another
student's progress, texts or terms by changing a query parameter, a widget value or the session's state.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from bilingual import accounts, schedule
from bilingual.accounts import Role
from bilingual.classroom import add_students, assign, create_class
from bilingual.glossary import default_glossary
from bilingual.imports.personal_terms import add_personal_term
from bilingual.imports.texts import article_id_for, save_text
from bilingual.paths import REPO_ROOT
from bilingual.store import Store
from tests.pages.apptest import app_on, button, html_of, run, shown

pytestmark = pytest.mark.usefixtures("fresh_caches")
READER, QUIZ, PROGRESS, IMPORT, TERMS, DATA, CLASS, ACCOUNT, GLOSSARY = (
    "pages/1_Reader.py", "pages/3_Quiz.py", "pages/4_Progress.py", "pages/5_Import.py", "pages/6_My_terms.py",
    "pages/7_Your_data.py", "pages/8_Class.py", "pages/9_Account.py", "pages/2_Glossary.py")
ARTICLE = "lavrov-border-mission-2023"
BOB_TEXT = "هذا نص بوب الخاص به وحده. لا يراه أحد غيره في الصف."
ALICE_TEXT = "هذا نص أليس الخاص بها. تقرؤه وحدها في البيت."
BOB_TERM = {"ar": "المدرب الخاص لبوب", "en": "Bob's Secret Coach", "type": "person", "description": "Only Bob knows."}


def choose(at: AppTest, name: str) -> AppTest:
    """Local use with several learners: answer "Who is reading?"."""
    assert at.title and at.title[0].value == "Who is reading?"
    at.radio(key="learner_choice").set_value(name)
    return run(at.button(key="learner_continue").click())


def log_in(at: AppTest, name: str, password: str) -> AppTest:
    assert at.title[0].value == "Log in", [t.value for t in at.title]
    at.text_input(key="login_name").input(name)
    at.text_input(key="login_password").input(password)
    return run(button(at, "Log in").click())


# --- local use: the learner is the browser session's ---------------------------------------------


def test_two_sessions_never_share_learner_quiz_or_settings(data_dir):
    store = Store()
    for name in ("alice", "bob"):
        accounts.create_learner(store, name)
    one = choose(run(app_on(QUIZ)), "alice")
    assert "Profile **alice**" in one.caption[0].value
    run(button(one, "Start a session").click())
    assert one.session_state["quiz_session"].ids
    one.switch_page(READER)
    run(one)
    run(one.slider(key="reader_ar_size").set_value(2.2))
    run(one.radio(key="reader_english").set_value("Both"))

    two = run(app_on(QUIZ))  # a new browser: asked, never silently alice
    assert two.title[0].value == "Who is reading?" and "quiz_session" not in two.session_state
    assert two.radio(key="learner_choice").value is None  # no cookie in this browser: nothing preselected
    choose(two, "bob")
    assert "Profile **bob**" in two.caption[0].value and "Start a session" in [b.label for b in two.button]
    two.switch_page(READER)
    run(two)
    assert two.slider(key="reader_ar_size").value == 1.5 and two.radio(key="reader_english").value == "Reference"

    three = choose(run(app_on(READER)), "alice")  # alice again, in a third browser: her own settings and quiz
    assert three.slider(key="reader_ar_size").value == 2.2 and three.radio(key="reader_english").value == "Both"
    three.switch_page(QUIZ)
    run(three)
    assert three.session_state["quiz_session"].ids == one.session_state["quiz_session"].ids  # her run, resumed
    assert one.session_state["learner"].name == "alice"  # the first session was not switched by the others


def test_with_one_learner_a_session_opens_on_it_and_the_url_cannot_switch_it(data_dir):
    accounts.create_learner(Store(), "solo")
    at = run(app_on(QUIZ, profile="intruder", learner="intruder"))
    assert "Profile **solo**" in at.caption[0].value
    assert [x.name for x in accounts.list_learners(Store())] == ["solo"]


def test_switching_learner_forgets_the_previous_ones_session(data_dir):
    store = Store()
    for name in ("alice", "bob"):
        accounts.create_learner(store, name)
    at = choose(run(app_on(QUIZ)), "alice")
    run(button(at, "Start a session").click())
    run(at.selectbox(key="profile_select").set_value("bob"))
    assert "Profile **bob**" in at.caption[0].value
    assert at.session_state["quiz_session"] is None  # alice's running session stayed hers
    assert "Start a session" in [b.label for b in at.button]


def test_a_look_alike_name_is_refused_on_the_quiz_page(data_dir):
    accounts.create_learner(Store(), "alice")
    at = run(app_on(QUIZ))
    at.text_input(key="profile_new").input("\u0430lice")
    run(at.button(key="profile_create").click())
    assert at.error and "looks too much like the existing learner" in shown(at.error[0].value)
    assert [x.name for x in accounts.list_learners(Store())] == ["alice"]


# --- server mode: the login page ------------------------------------------------------------------


@pytest.fixture
def school(data_dir):
    """A teacher, her class of alice and bob (each with a text and bob with a term of his own), carol in no class."""
    store = Store()
    teacher = accounts.create_learner(store, "teacher", Role.TEACHER, "teacher-pass")
    alice, bob, carol = (accounts.create_learner(store, n, Role.STUDENT, f"{n}-password") for n in ("alice", "bob", "carol"))
    klass = create_class(store, "Arabic 2", teacher)
    add_students(store, klass, [alice, bob])
    assign(store, klass, ARTICLE, by=teacher, known_articles={ARTICLE})
    bob_text = save_text(store, BOB_TEXT, title="Bob private notes", owner=bob.id)
    alice_text = save_text(store, ALICE_TEXT, title="Alice own text", owner=alice.id)
    bob_term = add_personal_term(store, BOB_TERM, default_glossary(), owner=bob.id)
    schedule.record_answer(store, "bob", _a_card(), True, "bob's typed secret")
    return {"store": store, "class": klass, "bob_text": article_id_for(bob_text), "alice_text": article_id_for(alice_text),
            "bob_term": bob_term.id}


def _a_card():
    from bilingual.corpus import default_corpus
    from bilingual.quiz import cards_for

    return next(c for c in cards_for(default_corpus(), default_glossary()) if c.article_id == ARTICLE)


def test_login_wrong_password_rate_limit_logout_and_expiry(school):
    at = run(app_on(QUIZ))
    assert at.title[0].value == "Log in" and not at.caption or "Profile" not in at.caption[0].value
    log_in(at, "alice", "wrong-password")
    assert [shown(e.value) for e in at.error] == ["Wrong name or password."]
    log_in(at, "alice", "alice-password")
    assert "Profile **alice**" in at.caption[0].value
    assert "login_password" not in at.session_state  # the typed password is not kept in the session
    at.switch_page(ACCOUNT)
    run(at)
    assert any("Signed in as **alice** (student)." in m.value for m in at.markdown)
    run(button(at, "Log out").click())
    assert at.title[0].value == "Log in" and "learner" not in at.session_state
    # the server ended that login: a copied cookie would not log in again
    rows = school["store"].query("SELECT ended_at FROM login_sessions")
    assert len(rows) == 1 and rows[0][0]
    # expiry: the same session, its login past its end
    log_in(at, "alice", "alice-password")
    school["store"].execute("UPDATE login_sessions SET expires_at = '2000-01-01T00:00:00.000Z'")
    run(at)
    assert at.title[0].value == "Log in"
    for i in range(5):
        log_in(at, "bob", f"guess-number-{i}")
    log_in(at, "bob", "bob-password")
    assert "Too many failed attempts for this name" in shown(at.error[0].value)


# --- server mode: every page answers for the signed-in student only -------------------------------


def alice_on(page: str, **params: str) -> AppTest:
    return log_in(run(app_on(page, **params)), "alice", "alice-password")


def test_library_and_reader_never_show_another_students_text(school):
    at = log_in(run(AppTest.from_file(str(REPO_ROOT / "app.py"), default_timeout=60)), "alice", "alice-password")  # the Library
    page = html_of(at)
    assert "Alice own text" in page and "Bob private notes" not in page
    at = alice_on(READER, article=school["bob_text"])
    assert any("not here" in shown(w.value) for w in at.warning)
    assert "بوب" not in html_of(at) and school["bob_text"] not in at.selectbox(key="reader_article").options
    at = alice_on(READER, article=school["alice_text"])
    assert "أليس" in html_of(at)


def test_glossary_never_shows_another_students_term(school):
    at = alice_on(GLOSSARY, term=school["bob_term"])
    assert "Bob's Secret Coach" not in html_of(at)
    at = alice_on(READER, article=ARTICLE, term=school["bob_term"])
    assert "Bob's Secret Coach" not in html_of(at)


def test_import_and_my_terms_list_only_the_students_own(school):
    at = alice_on(IMPORT)
    labels = [e.label for e in at.expander]
    assert any("Alice own text" in shown(x) for x in labels) and not any("Bob" in x for x in labels)
    at = alice_on(TERMS, ar=BOB_TERM["ar"])
    assert "Bob's Secret Coach" not in html_of(at) + " ".join(e.label for e in at.expander)
    assert "No terms of your own yet." in [c.value for c in at.caption]


def test_quiz_and_progress_are_the_students_whatever_the_session_state_says(school):
    at = alice_on(PROGRESS)
    assert next(m.value for m in at.metric if m.label == "Reviews") == "0"  # bob answered; alice did not
    bob = accounts.find_learner(school["store"], "bob")
    at.session_state["learner"] = bob  # even a forged server-side value: the login decides
    at.session_state["profile"] = "bob"
    run(at)
    assert next(m.value for m in at.metric if m.label == "Reviews") == "0"
    assert at.session_state["learner"].name == "alice"
    at.switch_page(QUIZ)
    run(at)
    assert "Profile **alice**" in at.caption[0].value
    assert all(s.label != "Profile" for s in at.selectbox)  # no learner picker in server mode: nothing to change


def test_your_data_downloads_only_the_students_data(school):
    at = alice_on(DATA)
    assert next(m.value for m in at.metric if m.label == "Quiz reviews") == "0"
    assert not at.code  # the server's location is not shown to students
    run(button(at, "Prepare my data").click())
    _name, blob = at.session_state["mydata_file"]
    assert b'"name": "alice"' in blob and b"bob" not in blob.lower()


def test_class_page_a_student_sees_their_assignments_and_no_class_figures(school):
    at = alice_on(CLASS, **{"class": str(school["class"].id)})
    assert at.title[0].value == "Your assignments" and not at.get("dataframe")
    assert any("Arabic 2" in m.value for m in at.markdown)


def test_class_page_a_teacher_sees_her_class_and_not_anothers(school):
    store = school["store"]
    accounts.create_learner(store, "other-teacher", Role.TEACHER, "other-pass-1")
    at = log_in(run(app_on(CLASS)), "teacher", "teacher-pass")
    table = at.dataframe[0].value
    assert list(table["student"]) == ["alice", "bob"] and list(table["read"]) == ["no", "no"]
    assert list(table["cards seen"])[1].startswith("1 / ") and list(table["accuracy"]) == ["–", "100%"]
    csv = at.get("download_button")[0].proto
    assert csv.label == "Download CSV"
    other = log_in(run(app_on(CLASS, **{"class": str(school["class"].id)})), "other-teacher", "other-pass-1")
    assert not other.get("dataframe") and any("no class yet" in i.value for i in other.info)
