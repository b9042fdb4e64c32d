"""The hostile-input catalogue: what the app says to bad input, and proof that nothing stored was lost.

Every case feeds one hostile input to a feature's public API (or the ``python -m bilingual`` command
line) and asserts on the text a user would read. Before each case the learner's database is seeded
with a profile and a quiz review, an imported text and a personal glossary term; after the case
those rows are unchanged and ``PRAGMA integrity_check`` says ok. Model cases first install the tiny
test model and afterwards check that it is still the installed one, intact, with no leftovers.

======================  ===============================================  =====================================================
area                    hostile input                                    what the user reads (or what is stored/rendered)
======================  ===============================================  =====================================================
import (upload)         <script>/onerror in an .html file                stored text has the Arabic only, no script, no handler
import (upload)         <script> in a .md file                           stored text has the Arabic only
import (upload)         unclosed <script> at the end of an .html file    stored text has the Arabic only
import (upload)         empty / whitespace-only file                     "The file is empty."
import (upload)         3 MB file                                        "The file is too large (3.0 MB)..."
import (upload)         PNG bytes named .txt                             "This looks like a PNG image, not a text file..."
import (upload)         every byte value (binary junk)                   "...binary file, not text (it contains NUL bytes)."
import (upload)         UTF-8 BOM followed by invalid bytes              "The file says it is UTF-8 but is not valid UTF-8."
import (upload)         UTF-16 BOM with a lone surrogate                 "The file says it is UTF-16 but is not valid UTF-16."
import (upload)         French text in Latin-1                           "This is mostly not Arabic: only 12% of the letters..."
import (upload)         Arabic in Windows-1256                           converted, stored as the same Arabic text
import (upload)         file named "<img onerror>.exe"                   "...is not a .txt, .md or .html file..." (name as text)
import (upload)         file name with a RIGHT-TO-LEFT OVERRIDE          the name is shown without the override
import (paste)          empty text                                       "The text is empty: paste or upload an Arabic text."
import (paste)          only invisible/bidi characters                   "The text is empty once invisible characters are removed."
import (paste)          200,001 characters / 800,001 characters          "The text is too long: ... the limit is 200,000..."
import (paste)          Arabic followed by 50 control characters         "This looks like binary data, not text..."
import (paste)          <script> inside Arabic text                      stored as text, rendered escaped in the reader
import (paste)          RLO ... PDF bidi override inside Arabic          removed: "1 × RIGHT-TO-LEFT OVERRIDE, 1 × POP..."
import (paste)          300-character title / "<script>" as date         "The title is too long..." / "The date must look like..."
personal term           <script> name, attribute-breaking description    stored as typed, escaped in the reader's tooltip
personal term           HTML as the Arabic name                          "Arabic: “<b>x</b>” is not written in Arabic letters."
personal term           10,000-character description                     "description: too long (at most 2000 characters)"
personal term           nothing filled in                                "Arabic: missing"
personal term           "<script>" as the type                           "Type: '<script>' is not one of person, place, ..."
personal term           latitude "nan" / "abc"                           "Latitude: expected a number between..." / "lat: ..."
personal term           a curated glossary name                          "“سيرغي لافروف” is already in the glossary as ..."
personal term           60 spellings                                     "At most 50 spellings per term."
profile                 "<script>alert(1)</script>"                      stored as typed; the Quiz page shows it escaped
profile                 "" / 10,000 characters / NUL inside              "a profile name is 1 to 40 characters"
profile                 RLO + "admin", "ad<ZWSP>min"                     the profile "admin" (no invisible characters stored)
render                  <script> in a curated article's sentence/title   escaped in sentence_html
render                  <img onerror> in a reference translation         escaped in english_html
render                  '" onmouseover=' in a glossary description       quotes escaped inside data-tip
render                  hostile sentence id, labels, flags               escaped in row_html
corpus file             invalid YAML / not UTF-8 / a list / empty        "...line 2: yaml: not valid YAML" / "encoding: ..." ...
corpus file             paragraphs: [] / duplicate sentence id           "paragraphs: empty" / "duplicate sentence id"
corpus file             dropped: 5 (was a TypeError) / ar: {x: 1}        "dropped: expected a list of texts..." / "expected text"
corpus file             alias bomb in seed / date_note (was MemoryError) "line 1: b0: a YAML anchor (&b0) is not allowed..."
corpus file             36 MB article (was 67 s)                         "file: size: the file is 36.0 MB; ... at most 1 MB"
corpus file             a second paragraphs: key (was misleading)        "line 25 (in alpha-2023): paragraphs: duplicate key..."
corpus file             paragraph id collision (was not flagged)         "paragraph p01: id: duplicate paragraph id"
corpus file             date_inferred: 'no' / title_editorial: 'false'   "expected true or false, got text ('no')" (was True)
corpus file             a curated id mine-1 (crashed the Library)        "id: ids starting with 'mine-' are reserved..."
reference file          unknown sentence id / sentences as a list        "no such sentence in the article" / "expected a mapping"
glossary file           empty / entries as a mapping / binary            "expected a top-level 'entries:' list" / "not UTF-8"
glossary file           duplicate id / place without coordinates         "duplicate id" / "places need coordinates"
glossary file           lat: .nan (was accepted) / <script> as id        "expected a number between -90 and 90" / "use lower-case"
glossary file           alias bomb in romanization / acronym (hung)      "line 1: b0: a YAML anchor (&b0) is not allowed..."
glossary file           52 MB description / 100k entries, 45 MB          "file: size: the file is 52.0 MB; ... at most 1 MB"
glossary file           a second entries: block (replaced the glossary)  "entries: duplicate key: already given on line 1..."
glossary file           romanization: [a, b] / acronym: {x: 1}           "expected text, got a list" / "...got a mapping"
glossary file           form of diacritics only / و في من ال / التي      "has 0 letters..." / "has 2 letters" / "is a function word"
glossary file           lat: 1_0 (was read as 10)                        "lat: expected a number between -90 and 90, got text ('1_0')"
questions file          a bare string / unknown article                  "expected a mapping..." / "'nope' is not an article..."
questions file          evidence s999 / distractor is a mapping          "sentence 's999' does not exist..." / "item 1: expected text"
model (.argosmodel)     HTML error page / empty / cut in half            "...is not a zip archive... Was the download cut short?"
model (.argosmodel)     fr→en package                                    "...is a fr→en package (translate); this app needs..."
model (.argosmodel)     two top folders / files at the top level         "...holds 2 top-level folders..." / "has files at its top"
model (.argosmodel)     '../evil.txt', 'pkg/../../evil.txt', '/abs/...'  "...contains an unsafe path...", nothing written outside
model (.argosmodel)     metadata.json not JSON / a list / missing        "metadata.json is not valid JSON..." / ...
model (.argosmodel)     garbage model.bin / sentencepiece.model          "The package's model could not be loaded (...)"
model (.argosmodel)     a member with a bad CRC / an empty zip           "...is damaged (checksum error in ...)" / "empty archive"
model (.argosmodel)     install interrupted (Ctrl-C)                     "Install interrupted; the previous model (if any)..."
restore                 a text file / empty file / PNG upload            "...is not a backup of this app: it is not an SQLite..."
restore                 another app's SQLite / missing our tables        "...without our schema" / "...it lacks cards, ..."
restore                 schema 99 / truncated / pages overwritten        "...made by a newer version..." / "...is damaged..."
database                garbage file / damaged pages / -wal a folder     "Your database ... was damaged (...). It was kept as..."
command line            import PNG / empty file; restore text file       exit 2 "error: not imported: ..." / exit 1 "refused"
command line            import / export with a damaged database          "warning: Your database ... was damaged" (was silent)
command line            export csv --profile of 100 characters           exit 2 "error: --profile: ..." (was a traceback)
command line            model install of a path-traversal archive        exit 1 "error: ... contains an unsafe path"
======================  ===============================================  =====================================================
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sqlite3
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from bilingual import check, corpus, glossary, matcher, paths, quiz, render, schedule, translation
from bilingual.cli import translate as cli_translate
from bilingual.errors import BackupError, DataError, ImportRefused
from bilingual.imports import clean, decode, personal_terms
from bilingual.imports import texts as imported
from bilingual.store import Store, StoreError, backup
from bilingual.translation import InstallError
from bilingual.translation import install as tr_install
from tests.fixtures.hostile_data import alias_bomb, article_of_bytes, glossary_of_entries, huge_description
from tests.fixtures.learners import me
from tests.fixtures.tiny_argos import build_package
from tests.quiz.test_cards import make_world

ROOT = Path(__file__).resolve().parent.parent
AR = "قال وزير الخارجية الروسي سيرغي لافروف إن روسيا مستعدة لنشر قوات على الحدود."
SEEDED_TEXT = "وأوضح لافروف في مؤتمر صحفي في موسكو أن منظمة معاهدة الأمن الجماعي مستعدة لإرسال بعثة."
SEEDED_TERM = {"ar": "مصطلح شخصي محفوظ", "en": "Kept term", "description": "Seeded before the hostile input.", "type": "other"}
#: What a refused input raises; its text is what the app shows.
USER_ERRORS = (ImportRefused, DataError, InstallError, BackupError, StoreError, ValueError)


# --- the environment each case runs in -------------------------------------------------------------


@dataclass
class Env:
    tmp: Path
    data_dir: Path
    store: Store
    curated: glossary.Glossary
    request: pytest.FixtureRequest
    monkeypatch: pytest.MonkeyPatch
    capsys: pytest.CaptureFixture

    @property
    def pkg(self) -> Path:
        """The tiny valid .argosmodel (built once per session)."""
        return self.request.getfixturevalue("tiny_pkg")

    def file(self, name: str, data: bytes | str) -> Path:
        p = self.tmp / "inputs" / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
        return p


def said(fn: Callable[[], object]) -> str:
    """What the user reads: the refusal's message (anything else propagates and fails the case)."""
    try:
        result = fn()
    except USER_ERRORS as exc:
        return str(exc)
    return result if isinstance(result, str) else "accepted"


def cli(env: Env, *args: str, db: Path | None = None) -> str:
    extra = {"BILINGUAL_DATA_DIR": str(env.data_dir)}
    if db is not None:
        extra["BILINGUAL_DB"] = str(db)
    out = subprocess.run(
        [sys.executable, "-m", "bilingual", *args], cwd=ROOT, env={**os.environ, **extra},
        capture_output=True, text=True, timeout=120,
    )
    assert "Traceback" not in out.stderr, out.stderr
    stderr = "\n".join(line for line in out.stderr.splitlines() if not re.match(r"\s*\d+% ", line))  # no progress lines
    return f"exit {out.returncode}: {stderr.strip()} {out.stdout.strip()}"


# --- import ----------------------------------------------------------------------------------------


def upload_and_save(env: Env, data: bytes, name: str) -> str:
    """Upload → clean → save, as the Import page does; returns the stored body or the refusal."""
    def go() -> str:
        up = decode.read_upload(data, name)
        tid = imported.save_text(env.store, up.text, up.title, owner=me(env.store))
        return imported.get_text(env.store, tid, owner=me(env.store)).body

    try:
        return "stored: " + go()
    except ImportRefused as exc:
        return str(exc)


def paste_and_render(env: Env, text: str) -> str:
    """Save pasted text, then render it as the reader does (every sentence through sentence_html)."""
    tid = imported.save_text(env.store, text, owner=me(env.store))
    art = imported.get_article(env.store, imported.article_id_for(tid), reader=me(env.store))
    g = glossary.merge(env.curated, personal_terms.personal_entries(env.store, owner=me(env.store)))
    return "".join(render.sentence_html(s.ar, matcher.annotate(s.ar, g), g) for s in art.sentences)


def bidi_removed(env: Env) -> str:
    text = f"{AR}\u202eعكس\u202c"
    tid = imported.save_text(env.store, text, owner=me(env.store))
    body = imported.get_text(env.store, tid, owner=me(env.store)).body
    assert "\u202e" not in body and "\u202c" not in body and "عكس" in body
    return clean.clean_report(text).removed_summary()


def term(env: Env, **fields: object) -> str:
    return said(lambda: personal_terms.add_personal_term(env.store, {"description": "d", "type": "other", **fields}, env.curated, owner=me(env.store)))


def hostile_term_rendered(env: Env) -> str:
    """A personal term whose names carry markup: stored as typed, escaped wherever the reader shows it."""
    entry = personal_terms.add_personal_term(
        env.store,
        {"ar": "تجربة خبيثة", "en": "<script>alert(1)</script>", "type": "person",
         "description": '" onmouseover="alert(1)" <img src=x onerror=alert(2)>'},
        env.curated,
    owner=me(env.store))
    assert personal_terms.get_personal_term(env.store, entry.id, owner=me(env.store)).en == "<script>alert(1)</script>"
    g = glossary.merge(env.curated, personal_terms.personal_entries(env.store, owner=me(env.store)))
    text = "قال تجربة خبيثة اليوم"
    return render.sentence_html(text, matcher.annotate(text, g), g)


# --- profiles --------------------------------------------------------------------------------------


def profile(env: Env, name: str) -> str:
    def go() -> str:
        pid = schedule.profile_id(env.store, name)
        stored = env.store.query("SELECT name FROM profiles WHERE id = ?", (pid,))[0]["name"]
        return f"stored as {stored!r}"

    return said(go)


def profile_on_quiz_page(env: Env) -> str:
    """The Quiz page with a '<script>' profile: the caption carries it Markdown-escaped, the selectbox as plain text."""
    import streamlit as st
    from streamlit.testing.v1 import AppTest

    name = "<script>alert(1)</script>"
    schedule.profile_id(env.store, name)
    st.cache_data.clear()
    st.cache_resource.clear()
    try:
        at = AppTest.from_file(str(ROOT / "pages" / "3_Quiz.py"), default_timeout=60)
        at.run()  # several learners: the page asks who is reading
        at.radio(key="learner_choice").set_value(name)
        at.button(key="learner_continue").click().run()
        assert not at.exception, [e.message for e in at.exception]
        assert name in at.selectbox[0].options
        return "\n".join(c.value for c in at.caption) + "\n" + "\n".join(m.value for m in at.markdown)
    finally:
        st.cache_data.clear()
        st.cache_resource.clear()


# --- rendering curated data ------------------------------------------------------------------------


def world(env: Env) -> dict:
    return make_world(env.tmp / "world")


def hostile_article_rendered(env: Env) -> str:
    w = world(env)
    path = w["articles"] / "alpha-2023.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["title_en"] = "<script>alert('title')</script>"
    data["paragraphs"][1]["sentences"][0]["ar"] = "<script>alert(1)</script> قال لافروف <b onmouseover=x()>نعم</b>"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    art = corpus.load_article(path, w["reference"])
    g = glossary.load_glossary(w["glossary_file"])
    s = art.sentence("s002")
    return render.sentence_html(s.ar, matcher.annotate(s.ar, g), g) + render.note_html(art.title_en)


def hostile_reference_rendered(env: Env) -> str:
    w = world(env)
    path = w["reference"] / "alpha-2023.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["sentences"]["s002"] = 'Lavrov <img src=x onerror=alert(1)> said "<script>" in Moscow'
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    art = corpus.load_article(w["articles"] / "alpha-2023.yaml", w["reference"])
    g = glossary.load_glossary(w["glossary_file"])
    en = art.reference["s002"]
    return render.english_html(en, matcher.find_english(en, g), g)


def hostile_description_rendered(env: Env) -> str:
    w = world(env)
    data = yaml.safe_load(w["glossary_file"].read_text(encoding="utf-8"))
    data["entries"][0]["description"] = '" onmouseover="alert(1)" data-x="'
    w["glossary_file"].write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    g = glossary.load_glossary(w["glossary_file"])
    text = "قال سيرغي لافروف"
    return render.sentence_html(text, matcher.annotate(text, g), g)


def hostile_row(env: Env) -> str:
    block = render.EnglishBlock("<b>label</b>", render.note_html("<i>none</i>"), '"><x', ("<script>flag</script>",))
    return render.row_html('"><script>alert(1)</script>', "", [block], kind='"><k', number="<n>")


# --- data files (check.run_checks on a temp copy of a small world) --------------------------------


def checks(env: Env, which: str, content: bytes | str | None = None, edit: Callable[[str], str] | None = None) -> str:
    """Break one file of a small valid world, run the checks, return their errors."""
    w = world(env)
    path = {
        "article": w["articles"] / "alpha-2023.yaml",
        "reference": w["reference"] / "alpha-2023.yaml",
        "glossary": w["glossary_file"],
        "questions": w["questions"] / "alpha-2023.yaml",
    }[which]
    if edit is not None:
        before = path.read_text(encoding="utf-8")
        content = edit(before)
        assert content != before, "the edit did not apply"
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    report = check.run_checks(w["articles"], w["reference"], w["glossary_file"], w["questions"], env.tmp / "no-seeds")
    assert not report.ok
    assert all(e.startswith(str(env.tmp)) for e in report.errors)  # every error names its file
    return "\n".join(report.errors)


def questions_api(env: Env) -> str:
    """The quiz loader itself (what the Quiz page calls) on a question whose evidence does not exist."""
    w = world(env)
    path = w["questions"] / "alpha-2023.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("evidence: s002", "evidence: s099", 1), encoding="utf-8")
    articles = corpus.load_corpus(w["articles"], w["reference"])
    return said(lambda: quiz.load_questions(w["questions"], articles))


# --- models --------------------------------------------------------------------------------------


def rezip(env: Env, name: str, edit: Callable[[str, bytes], tuple[str, bytes] | None] = lambda n, d: (n, d),
          extra: dict[str, bytes] | None = None) -> Path:
    """A copy of the tiny package with members edited (None drops one) and extra members added."""
    out = env.tmp / "inputs" / name
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(env.pkg) as zin, zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as zout:
        for info in zin.infolist():
            new = edit(info.filename, zin.read(info.filename))
            if new is not None:
                zout.writestr(new[0], new[1])
        for member, data in (extra or {}).items():
            zout.writestr(member, data)
    return out


def install(path: Path) -> str:
    return said(lambda: translation.install_from_file(path))


def fr_en(name: str, data: bytes) -> tuple[str, bytes]:
    if name.endswith("metadata.json"):
        meta = json.loads(data)
        meta.update(from_code="fr", from_name="French")
        return name, json.dumps(meta).encode()
    return name, data


def replace_member(suffix: str, data: bytes | None):
    return lambda n, d: (None if data is None else (n, data)) if n.endswith(suffix) else (n, d)


def bad_crc(env: Env) -> str:
    path = rezip(env, "crc.argosmodel")
    raw = bytearray(path.read_bytes())
    i = raw.find(b"Random-weight test package")  # README.md, stored uncompressed
    raw[i] ^= 0xFF
    path.write_bytes(bytes(raw))
    return install(path)


def traversal(env: Env, member: str) -> str:
    msg = install(rezip(env, "evil.argosmodel", extra={member: b"pwned"}))
    for root in (env.tmp, env.tmp / "inputs", env.data_dir.parent):
        assert not (root / "evil.txt").exists()
    assert not list(env.data_dir.rglob("evil.txt"))
    return msg


def interrupted_install(env: Env) -> str:
    """Ctrl-C while unpacking, through the command's handler: a message, the previous model untouched."""
    class Interrupting:
        def __call__(self, fraction: float, message: str) -> None:
            if fraction > 0.3:
                raise KeyboardInterrupt

        def end(self) -> None:
            pass

    env.monkeypatch.setattr(cli_translate, "ProgressPrinter", Interrupting)
    env.capsys.readouterr()
    rc = cli_translate.cmd_model_install(argparse.Namespace(from_file=str(env.pkg)))
    return f"exit {rc}: {env.capsys.readouterr().err.strip()}"


# --- backups and the database --------------------------------------------------------------------


def restore(env: Env, path: Path) -> str:
    return said(lambda: backup.restore(path, env.store.path))


def sqlite_file(env: Env, name: str, sql: str, version: int = 0) -> Path:
    path = env.tmp / "inputs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    with sqlite3.connect(path) as conn:
        conn.executescript(sql)
        conn.execute(f"PRAGMA user_version = {version}")
    conn.close()
    return path


def real_backup(env: Env, name: str) -> Path:
    return backup.backup(env.store, env.tmp / "inputs" / name).path


def truncated_backup(env: Env) -> Path:
    path = real_backup(env, "cut.sqlite3")
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    return path


def overwritten_backup(env: Env) -> Path:
    path = real_backup(env, "damaged.sqlite3")
    raw = bytearray(path.read_bytes())
    for off in range(4096, len(raw), 4096):  # every page but the header page
        raw[off : off + 4096] = b"\xff" * 4096
    path.write_bytes(bytes(raw))
    return path


def open_bad_database(env: Env, how: str) -> str:
    """Open a database file that is garbage / has damaged pages / has a folder as its journal.

    The bad bytes are never deleted: they are kept next to it, and a fresh database starts.
    """
    path = env.tmp / f"other-{how}" / "bilingual.sqlite3"
    path.parent.mkdir(parents=True)
    if how == "garbage":
        path.write_bytes(b"this is not a database at all " * 200)
    elif how == "pages":
        s = Store(path)
        schedule.profile_id(s, "bob")
        s.close()
        raw = bytearray(path.read_bytes())
        for off in range(4096, len(raw), 4096):
            raw[off : off + 4096] = b"\xff" * 4096
        path.write_bytes(bytes(raw))
    else:
        Store(path).close()
        for side in ("-wal", "-shm"):
            Path(f"{path}{side}").unlink(missing_ok=True)
        Path(f"{path}-wal").mkdir()
    before = path.read_bytes()
    s = Store(path)
    try:
        assert s.report.moved_aside is not None and s.report.moved_aside.read_bytes() == before
        assert s.check() == "ok" and s.schema_version() >= 1
        return s.report.message
    finally:
        s.close()


def cli_with_damaged_db(env: Env, *args: str) -> str:
    db = env.tmp / "damaged-db" / "bilingual.sqlite3"
    db.parent.mkdir(parents=True)
    db.write_bytes(b"garbage " * 500)
    out = cli(env, *args, db=db)
    kept = [p for p in db.parent.iterdir() if ".corrupt-" in p.name]
    assert len(kept) == 1 and kept[0].read_bytes() == b"garbage " * 500
    return out


# --- the catalogue ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    id: str
    run: Callable[[Env], str]
    expect: str  # what the user reads (a substring of the message, or of the stored/rendered text)
    forbid: tuple[str, ...] = ()  # must not appear (raw markup, invisible characters...)
    model: bool = False  # install the tiny model first; afterwards it must still be the one installed


#: raw markup that must never reach a page (its escaped form, &lt;script&gt;, is fine)
SCRIPT = ("<script", "<img", 'onmouseover="', "<b ")
HTML_PAGE = (
    "<html><head><title>t</title><script>alert(1)</script><style>p{}</style></head>"
    f"<body><p onclick='steal()'>{AR}</p><img src=x onerror=alert(1)><iframe src=evil></iframe></body></html>"
)

CASES: list[Case] = [
    # import: uploads
    Case("upload-html-script", lambda e: upload_and_save(e, HTML_PAGE.encode(), "page.html"), f"stored: {AR}",
         ("alert", "<script", "steal", "onerror", "iframe")),
    Case("upload-md-script", lambda e: upload_and_save(e, f"# عنوان\n<script>alert(1)</script>\n{AR}".encode(), "a.md"),
         f"stored: عنوان\n\n{AR}", ("alert", "<script")),
    Case("upload-html-unclosed-script", lambda e: upload_and_save(e, f"<p>{AR}</p><script>alert(1)".encode(), "a.html"),
         f"stored: {AR}", ("alert",)),
    Case("upload-empty", lambda e: upload_and_save(e, b" \n\t ", "a.txt"), "The file is empty."),
    Case("upload-3mb", lambda e: upload_and_save(e, "ب".encode() * 1_500_001, "big.txt"),
         "The file is too large (3.0 MB); files up to 3.0 MB"),
    Case("upload-png-named-txt", lambda e: upload_and_save(e, b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "photo.txt"),
         "This looks like a PNG image, not a text file. Copy the text and paste it"),
    Case("upload-binary-junk", lambda e: upload_and_save(e, bytes(range(256)) * 8, "junk.txt"),
         "This looks like a binary file, not text (it contains NUL bytes)."),
    Case("upload-bad-utf8-after-bom", lambda e: upload_and_save(e, b"\xef\xbb\xbf\xff\xfe\xfd" + AR.encode(), "a.txt"),
         "The file says it is UTF-8 but is not valid UTF-8."),
    Case("upload-bad-utf16", lambda e: upload_and_save(e, b"\xff\xfe\x00\xd8a\x00", "a.txt"),
         "The file says it is UTF-16 but is not valid UTF-16."),
    Case("upload-latin1-french",
         lambda e: upload_and_save(e, "Le ministre a déclaré à Genève que la réunion était très importante.".encode("latin-1"), "fr.txt"),
         "This is mostly not Arabic"),
    Case("upload-cp1256-arabic", lambda e: upload_and_save(e, AR.encode("cp1256"), "old.txt"), f"stored: {AR}"),
    Case("upload-name-html", lambda e: upload_and_save(e, b"x", "<img src=x onerror=alert(1)>.exe"),
         "“<img src=x onerror=alert(1)>.exe” is not a .txt, .md or .html file"),
    Case("upload-name-bidi", lambda e: upload_and_save(e, b"x", "report\u202etxt.exe"),
         "“reporttxt.exe” is not a .txt, .md or .html file", ("\u202e",)),
    # import: pasted text and its fields
    Case("paste-empty", lambda e: said(lambda: imported.save_text(e.store, "", owner=me(e.store))),
         "The text is empty: paste or upload an Arabic text."),
    Case("paste-only-invisible", lambda e: said(lambda: imported.save_text(e.store, "\u200b\u202e\u2066\ufeff \n", owner=me(e.store))),
         "The text is empty once invisible characters are removed."),
    Case("paste-200001-chars", lambda e: said(lambda: imported.save_text(e.store, "ب" * 200_001, owner=me(e.store))),
         "The text is too long: 200,001 characters; the limit is 200,000 characters."),
    Case("paste-800001-chars", lambda e: said(lambda: imported.save_text(e.store, "ب " * 400_001, owner=me(e.store))),
         "The text is too long: 800,002 characters"),
    Case("paste-control-chars", lambda e: said(lambda: imported.save_text(e.store, AR + "\x01" * 50, owner=me(e.store))),
         "This looks like binary data, not text (it is full of control characters)."),
    Case("paste-script-rendered", lambda e: paste_and_render(e, f"{AR} <script>alert(1)</script>"),
         "&lt;script&gt;alert(1)&lt;/script&gt;", SCRIPT),
    Case("paste-bidi-override", bidi_removed, "1 × RIGHT-TO-LEFT OVERRIDE, 1 × POP DIRECTIONAL FORMATTING"),
    Case("paste-title-300-chars", lambda e: said(lambda: imported.save_text(e.store, AR, title="x" * 300, owner=me(e.store))),
         "The title is too long (300 characters; at most 200)."),
    Case("paste-date-script", lambda e: said(lambda: imported.save_text(e.store, AR, date="<script>", owner=me(e.store))),
         "The date must look like 2023-01-19, 2023-01 or 2023"),
    # personal glossary terms
    Case("term-html-rendered", hostile_term_rendered,
         'data-tip="&lt;script&gt;alert(1)&lt;/script&gt; · Person · mine\n&quot; onmouseover=&quot;alert(1)&quot; &lt;img', SCRIPT),
    Case("term-arabic-is-html", lambda e: term(e, ar="<b>x</b>", en="x"), "Arabic: “<b>x</b>” is not written in Arabic letters."),
    Case("term-description-10k", lambda e: term(e, ar="تجربة", en="x", description="d" * 10_000),
         "description: too long (at most 2000 characters)"),
    Case("term-all-empty", lambda e: said(lambda: personal_terms.add_personal_term(e.store, {}, e.curated, owner=me(e.store))), "Arabic: missing"),
    Case("term-type-script", lambda e: term(e, ar="تجربة ثانية", en="x", type="<script>"),
         "Type: '<script>' is not one of person, place, organization, agreement, event, other"),
    Case("term-lat-nan", lambda e: term(e, ar="مكان غريب", en="Odd", type="place", lat="nan", lon="nan"),
         "Latitude: expected a number, got “nan”"),
    Case("term-lat-text", lambda e: term(e, ar="مكان غريب", en="Odd", type="place", lat="abc", lon="1"),
         "Latitude: expected a number, got “abc”"),
    Case("term-lat-underscore", lambda e: term(e, ar="مكان غريب", en="Odd", type="place", lat="1_0", lon="1"),
         "Latitude: expected a number, got “1_0”"),
    Case("term-curated-name", lambda e: term(e, ar="سيرغي لافروف", en="x"),
         "“سيرغي لافروف” is already in the glossary as “Sergei Lavrov” (sergei-lavrov)."),
    Case("term-60-spellings", lambda e: term(e, ar="تجربة خامسة", en="x", ar_variants=[f"تجربة{i}" for i in range(60)]),
         "At most 50 spellings per term."),
    # learner profiles
    Case("profile-script-stored", lambda e: profile(e, "<script>alert(1)</script>"), "stored as '<script>alert(1)</script>'"),
    # Markdown-escaped: shown as the typed text, never as a tag, a link or bold
    Case("profile-script-on-quiz-page", profile_on_quiz_page, r"Profile **\<script\>alert\(1\)\</script\>**", ("<script>", "</script>")),
    Case("profile-empty", lambda e: profile(e, ""), "a profile name is 1 to 40 characters"),
    Case("profile-10k-chars", lambda e: profile(e, "a" * 10_000), "a profile name is 1 to 40 characters"),
    Case("profile-nul", lambda e: profile(e, "a\x00b"), "a profile name is 1 to 40 characters"),
    Case("profile-bidi-override", lambda e: profile(e, "\u202eadmin\u202c"), "stored as 'admin'", ("\u202e",)),
    Case("profile-zero-width", lambda e: profile(e, "ad\u200bmin"), "stored as 'admin'", ("\u200b",)),
    # rendering curated data
    Case("article-script-rendered", hostile_article_rendered, "&lt;script&gt;alert(1)&lt;/script&gt; قال", SCRIPT),
    Case("reference-img-rendered", hostile_reference_rendered, "&lt;img src=x onerror=alert(1)&gt; said &quot;&lt;script&gt;&quot;", SCRIPT),
    Case("glossary-description-breakout", hostile_description_rendered, "&quot; onmouseover=&quot;alert(1)&quot; data-x=&quot;", SCRIPT),
    Case("row-hostile-ids", hostile_row, 'id="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;"', ("<script", "<b>", "<i>", "<n>", '"><k', '"><x')),
    # corpus, reference, glossary and question files
    Case("article-invalid-yaml", lambda e: checks(e, "article", "id: [unclosed\nparagraphs: {"),
         "alpha-2023.yaml: line 2: yaml: not valid YAML"),
    Case("article-not-utf8", lambda e: checks(e, "article", b"\x89PNG\r\n\x1a\n\xff\xfe\x00garbage"),
         "alpha-2023.yaml: file: encoding: not UTF-8 text"),
    Case("article-top-level-list", lambda e: checks(e, "article", "- a\n- b\n"),
         "alpha-2023.yaml: file: article: expected a mapping of fields, got a list"),
    Case("article-empty-file", lambda e: checks(e, "article", ""), "file: article: expected a mapping of fields, got nothing"),
    Case("article-no-paragraphs", lambda e: checks(e, "article", edit=lambda t: t.split("paragraphs:")[0] + "paragraphs: []\n"),
         "article alpha-2023: paragraphs: empty"),
    Case("article-duplicate-sentence", lambda e: checks(e, "article", edit=lambda t: t.replace("id: s003", "id: s002")),
         "article alpha-2023 sentence s002: id: duplicate sentence id"),
    Case("article-dropped-int", lambda e: checks(e, "article", edit=lambda t: t.replace("date: '2023-01-19'", "date: '2023-01-19'\ndropped: 5")),
         "article alpha-2023: dropped: expected a list of texts, got a number (5)"),
    Case("article-sentence-mapping", lambda e: checks(e, "article", edit=lambda t: t.replace("ar: واجتمع باشينيان مع علييف في بروكسل بحضور ممثل عن الكرملين.", "ar: {x: 1}")),
         "article alpha-2023 sentence s004: ar: expected text, got a mapping"),
    Case("article-alias-bomb-seed", lambda e: checks(e, "article", edit=alias_bomb("seed: *b8")),
         "alpha-2023.yaml: line 1: b0: a YAML anchor (&b0) is not allowed in curated files"),
    Case("article-alias-bomb-date-note", lambda e: checks(e, "article", edit=alias_bomb("date_note: *b8")),
         "alpha-2023.yaml: line 1: b0: a YAML anchor (&b0) is not allowed in curated files"),
    Case("article-36mb", lambda e: checks(e, "article", edit=article_of_bytes(36)),
         "alpha-2023.yaml: file: size: the file is 36.0 MB; a curated file is at most 1 MB"),
    Case("article-duplicate-paragraphs-key",
         lambda e: checks(e, "article", edit=lambda t: t + "paragraphs:\n- id: p09\n  sentences:\n  - id: s009\n    ar: جملة.\n"),
         "alpha-2023.yaml: line 25 (in alpha-2023): paragraphs: duplicate key: already given on line 8 of the same mapping"),
    Case("article-paragraph-id-collision", lambda e: checks(e, "article", edit=lambda t: t.replace("- id: p02", "- id: p01")),
         "article alpha-2023 paragraph p01: id: duplicate paragraph id"),
    Case("article-date-inferred-no", lambda e: checks(e, "article", edit=lambda t: t.replace("outlet: ", "date_inferred: 'no'\noutlet: ")),
         "article alpha-2023: date_inferred: expected true or false, got text ('no')"),
    Case("article-title-editorial-false", lambda e: checks(e, "article", edit=lambda t: t.replace("outlet: ", "title_editorial: 'false'\noutlet: ")),
         "article alpha-2023: title_editorial: expected true or false, got text ('false')"),
    Case("article-curated-id-mine-1", lambda e: checks(e, "article", edit=lambda t: t.replace("id: alpha-2023", "id: mine-1")),
         "article mine-1: id: ids starting with 'mine-' are reserved for the learner's imported texts"),
    Case("reference-unknown-sentence", lambda e: checks(e, "reference", edit=lambda t: t.replace("s004:", "s999:")),
         "reference alpha-2023 sentence s999: id: no such sentence in the article"),
    Case("reference-sentences-list", lambda e: checks(e, "reference", "article: alpha-2023\nsentences: [a, b]\n"),
         "reference alpha-2023: sentences: expected a mapping, got a list"),
    Case("glossary-empty-file", lambda e: checks(e, "glossary", ""), "glossary.yaml: file: entries: expected a top-level 'entries:' list"),
    Case("glossary-entries-mapping", lambda e: checks(e, "glossary", "entries: {a: 1}\n"), "file: entries: expected a list, got a mapping"),
    Case("glossary-binary", lambda e: checks(e, "glossary", b"\xff\xfe\x00garbage\x80\x81"), "glossary.yaml: file: encoding: not UTF-8 text"),
    Case("glossary-duplicate-id", lambda e: checks(e, "glossary", edit=lambda t: t.replace("id: nikol-pashinyan", "id: sergei-lavrov")),
         "entry sergei-lavrov: id: duplicate id"),
    Case("glossary-place-no-coordinates", lambda e: checks(e, "glossary", edit=lambda t: t.replace("  lat: 40.0\n  lon: 45.0\n", "", 1)),
         "entry armenia: lat: places need coordinates (lat, lon)"),
    Case("glossary-lat-nan", lambda e: checks(e, "glossary", edit=lambda t: t.replace("lat: 40.0", "lat: .nan", 1)),
         "entry armenia: lat: expected a number between -90 and 90"),
    Case("glossary-alias-bomb-romanization", lambda e: checks(e, "glossary", edit=alias_bomb("  romanization: *b8")),
         "glossary.yaml: line 1: b0: a YAML anchor (&b0) is not allowed in curated files"),
    Case("glossary-alias-bomb-acronym", lambda e: checks(e, "glossary", edit=alias_bomb("  acronym: *b8")),
         "glossary.yaml: line 1: b0: a YAML anchor (&b0) is not allowed in curated files"),
    Case("glossary-52mb-description", lambda e: checks(e, "glossary", edit=huge_description(52)),
         "glossary.yaml: file: size: the file is 52.0 MB; a curated file is at most 1 MB"),
    Case("glossary-100k-entries", lambda e: checks(e, "glossary", edit=glossary_of_entries(100_000)),
         "glossary.yaml: file: size: the file is 4"),
    Case("glossary-second-entries-block",
         lambda e: checks(e, "glossary", edit=lambda t: t + "entries:\n- id: x\n  type: other\n  ar: شيء ما\n  en: X\n  description: x\n"),
         "entries: duplicate key: already given on line 1 of the same mapping"),
    Case("glossary-romanization-list", lambda e: checks(e, "glossary", edit=lambda t: t.replace("  en: Sergei Lavrov\n", "  en: Sergei Lavrov\n  romanization: [a, b]\n")),
         "entry sergei-lavrov: romanization: expected text, got a list"),
    Case("glossary-acronym-mapping", lambda e: checks(e, "glossary", edit=lambda t: t.replace("  en: Sergei Lavrov\n", "  en: Sergei Lavrov\n  acronym: {x: 1}\n")),
         "entry sergei-lavrov: acronym: expected text, got a mapping"),
    Case("glossary-form-diacritics-only", lambda e: checks(e, "glossary", edit=lambda t: t.replace("  - لافروف", "  - \u064e\u0651")),
         "entry sergei-lavrov: ar_variants: '\u064e\u0651' has 0 letters once diacritics are set aside; a form needs at least 3"),
    *(Case(f"glossary-form-{i}", lambda e, f=f: checks(e, "glossary", edit=lambda t: t.replace("  - لافروف", f"  - {f}")),
           f"entry sergei-lavrov: ar_variants: '{f}' has {len(f)} letter")
      for i, f in enumerate(("و", "في", "من", "ال"))),
    Case("glossary-form-function-word", lambda e: checks(e, "glossary", edit=lambda t: t.replace("  - لافروف", "  - التي")),
         "entry sergei-lavrov: ar_variants: 'التي' is a function word (التي), not a name"),
    Case("glossary-lat-underscore", lambda e: checks(e, "glossary", edit=lambda t: t.replace("lat: 40.0", "lat: 1_0", 1)),
         "entry armenia: lat: expected a number between -90 and 90, got text ('1_0')"),
    Case("glossary-id-script", lambda e: checks(e, "glossary", edit=lambda t: t.replace("id: sergei-lavrov", "id: <script>", 1)),
         "entry <script>: id: use lower-case letters, digits and single hyphens"),
    Case("questions-bare-string", lambda e: checks(e, "questions", "just a string\n"),
         "file: questions: expected a mapping of fields, got text ('just a string')"),
    Case("questions-unknown-article", lambda e: checks(e, "questions", edit=lambda t: t.replace("article: alpha-2023", "article: nope")),
         "file: article: 'nope' is not an article of the corpus (known: alpha-2023)"),
    Case("questions-missing-evidence", lambda e: checks(e, "questions", edit=lambda t: t.replace("evidence: s003", "evidence: s999")),
         "question q02: evidence: sentence 's999' does not exist in article alpha-2023"),
    Case("questions-distractor-mapping", lambda e: checks(e, "questions", edit=lambda t: t.replace("  - Yerevan", "  - {a: 1}")),
         "question q02: distractors_en: item 1: expected text, got a mapping"),
    Case("questions-load-unknown-evidence", questions_api,
         "alpha-2023.yaml: question q01: evidence: sentence 's099' does not exist in article alpha-2023"),
    # machine-translation model packages
    Case("model-html-error-page", lambda e: install(e.file("dl.argosmodel", b"<html>404 Not Found</html>" * 20)),
         "dl.argosmodel is not a zip archive, so not an Argos Translate package (.argosmodel). Was the download cut short?", model=True),
    Case("model-empty-file", lambda e: install(e.file("empty.argosmodel", b"")), "empty.argosmodel is not a zip archive", model=True),
    Case("model-cut-in-half", lambda e: install(e.file("half.argosmodel", e.pkg.read_bytes()[: e.pkg.stat().st_size // 2])),
         "half.argosmodel is not a zip archive, so not an Argos Translate package (.argosmodel). Was the download cut short?", model=True),
    Case("model-wrong-pair-fr", lambda e: install(rezip(e, "translate-fr_en-1_0.argosmodel", fr_en)),
         "translate-fr_en-1_0.argosmodel is a fr→en package (translate); this app needs an Arabic→English (ar→en) translation package.",
         model=True),
    Case("model-two-top-folders", lambda e: install(rezip(e, "two.argosmodel", extra={"other/readme.txt": b"x"})),
         "two.argosmodel holds 2 top-level folders; an Argos package holds exactly one.", model=True),
    Case("model-file-at-top", lambda e: install(rezip(e, "top.argosmodel", extra={"readme.txt": b"x"})),
         "top.argosmodel has files at its top level", model=True),
    Case("model-traversal-dotdot", lambda e: traversal(e, "../evil.txt"),
         "evil.argosmodel contains an unsafe path ('../evil.txt'); refusing to install it.", model=True),
    Case("model-traversal-nested", lambda e: traversal(e, "translate-ar_en-1_0/../../evil.txt"),
         "contains an unsafe path ('translate-ar_en-1_0/../../evil.txt')", model=True),
    Case("model-absolute-member", lambda e: traversal(e, f"{e.tmp}/evil.txt"), "contains an unsafe path ('/", model=True),
    Case("model-metadata-not-json", lambda e: install(rezip(e, "bj.argosmodel", replace_member("metadata.json", b"{not json"))),
         "bj.argosmodel: metadata.json is not valid JSON; the package is damaged.", model=True),
    Case("model-metadata-a-list", lambda e: install(rezip(e, "ml.argosmodel", replace_member("metadata.json", b"[1, 2]"))),
         "ml.argosmodel: metadata.json is not a JSON object; the package is damaged.", model=True),
    Case("model-no-metadata", lambda e: install(rezip(e, "nm.argosmodel", replace_member("metadata.json", None))),
         "nm.argosmodel has no metadata.json; it is not an Argos Translate package.", model=True),
    Case("model-garbage-weights", lambda e: install(rezip(e, "bw.argosmodel", replace_member("model.bin", b"\x00garbage" * 50))),
         "The package's model could not be loaded (", model=True),
    Case("model-garbage-tokenizer", lambda e: install(rezip(e, "bs.argosmodel", replace_member("sentencepiece.model", b"\x00garbage" * 50))),
         "the package is damaged or not a CTranslate2 model.", model=True),
    Case("model-bad-crc", bad_crc, "crc.argosmodel is damaged (checksum error in translate-ar_en-1_0/README.md); download it again.", model=True),
    Case("model-empty-zip", lambda e: install(e.file("ez.argosmodel", b"PK\x05\x06" + b"\x00" * 18)),
         "ez.argosmodel is an empty archive, not an Argos Translate package.", model=True),
    Case("model-install-interrupted", interrupted_install,
         "exit 130: Install interrupted; the previous model (if any) is unchanged.", model=True),
    # backups offered for restore
    Case("restore-text-file", lambda e: restore(e, e.file("notes.txt", "my notes")),
         "notes.txt is not a backup of this app: it is not an SQLite database"),
    Case("restore-empty-file", lambda e: restore(e, e.file("empty.sqlite3", b"")),
         "empty.sqlite3 is not a backup of this app: it is not an SQLite database"),
    Case("restore-png-upload", lambda e: said(lambda: backup.restore_bytes(b"\x89PNG" + b"x" * 100, e.store.path, name="<script>.png")),
         "<script>.png is not a backup of this app: it is not an SQLite database"),
    Case("restore-foreign-sqlite", lambda e: restore(e, sqlite_file(e, "other-app.sqlite3", "CREATE TABLE foo(x);")),
         "other-app.sqlite3 is not a backup of this app: it is an SQLite database without our schema"),
    Case("restore-foreign-schema-v1", lambda e: restore(e, sqlite_file(e, "v1.sqlite3", "CREATE TABLE profiles(x);", version=1)),
         "v1.sqlite3 is not a backup of this app: it lacks cards, mt_cache, personal_terms, profiles."),
    Case("restore-newer-schema", lambda e: restore(e, sqlite_file(e, "future.sqlite3", "CREATE TABLE foo(x);", version=99)),
         "future.sqlite3 was made by a newer version of the app (schema 99; this version understands up to"),
    Case("restore-truncated", lambda e: restore(e, truncated_backup(e)), "cut.sqlite3 is damaged and cannot be restored"),
    Case("restore-overwritten-pages", lambda e: restore(e, overwritten_backup(e)), "damaged.sqlite3 is damaged and cannot be restored"),
    # the learner's database itself
    Case("database-garbage-file", lambda e: open_bad_database(e, "garbage"),
         "was damaged (file is not a database). It was kept as"),
    Case("database-damaged-pages", lambda e: open_bad_database(e, "pages"),
         "was damaged (database disk image is malformed). It was kept as"),
    Case("database-journal-is-a-folder", lambda e: open_bad_database(e, "wal"),
         "was damaged (its journal bilingual.sqlite3-wal cannot be read). It was kept as"),
    # the command line
    Case("cli-import-png", lambda e: cli(e, "import", str(e.file("scan.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256))))),
         "exit 2: error: not imported: This looks like a PNG image, not a text file."),
    Case("cli-import-empty", lambda e: cli(e, "import", str(e.file("empty.md", b""))), "exit 2: error: not imported: The file is empty."),
    Case("cli-import-damaged-db", lambda e: cli_with_damaged_db(e, "import", str(e.file("a.txt", AR))),
         "exit 0: warning: Your database"),
    Case("cli-export-damaged-db", lambda e: cli_with_damaged_db(e, "export", "csv", str(e.tmp / "out.csv"), "--profile", "ana"),
         "was damaged (file is not a database). It was kept as"),
    Case("cli-export-long-profile", lambda e: cli(e, "export", "csv", str(e.tmp / "out.csv"), "--profile", "a" * 100),
         "exit 2: error: --profile: a profile name is 1 to 40 characters"),
    Case("cli-restore-text-file", lambda e: cli(e, "restore", str(e.file("notes.txt", "my notes"))),
         "exit 1: error: refused: notes.txt is not a backup of this app: it is not an SQLite database. Your data was not changed."),
    Case("cli-model-install-traversal", lambda e: cli(e, "model", "install", "--from-file", str(rezip(e, "evil.argosmodel", extra={"../evil.txt": b"x"}))),
         "exit 1: error: evil.argosmodel contains an unsafe path ('../evil.txt'); refusing to install it.", model=True),
]


# --- fixtures and the test ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_pkg(tmp_path_factory) -> Path:
    return build_package(tmp_path_factory.mktemp("hostile-argos"), version="1.0", seed=3)


def _seed(store: Store, curated: glossary.Glossary) -> dict:
    card = quiz.QuizCard(
        id="ar-en:sergei-lavrov", kind="ar-en", article_id=None, evidence=None, entry_id="sergei-lavrov",
        prompt_en="What is this name in English?", answer="Sergei Lavrov", answer_lang="en",
    )
    schedule.record_answer(store, "ana", card, True, "Sergei Lavrov")
    imported.save_text(store, SEEDED_TEXT, title="نص محفوظ", owner=me(store))
    personal_terms.add_personal_term(store, SEEDED_TERM, curated, owner=me(store))
    return _snapshot(store.path)


def _snapshot(db: Path) -> dict:
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("PRAGMA integrity_check")] == ["ok"]
        snap = {
            "profiles": conn.execute("SELECT * FROM profiles WHERE name = 'ana'").fetchall(),
            "reviews": conn.execute("SELECT * FROM reviews WHERE card_id = 'ar-en:sergei-lavrov'").fetchall(),
            "cards": conn.execute("SELECT * FROM cards WHERE card_id = 'ar-en:sergei-lavrov'").fetchall(),
            "texts": conn.execute("SELECT * FROM texts WHERE body = ?", (SEEDED_TEXT,)).fetchall(),
            "personal_terms": conn.execute("SELECT * FROM personal_terms WHERE id = 'kept-term'").fetchall(),
        }
    conn.close()
    return snap


@pytest.fixture
def env(data_dir, tmp_path, request, monkeypatch, capsys):
    store = Store()
    curated = glossary.default_glossary()
    e = Env(tmp_path, data_dir, store, curated, request, monkeypatch, capsys)
    e.seeded = _seed(store, curated)
    assert all(len(rows) == 1 for rows in e.seeded.values())
    yield e
    store.close()


def _package_dirs() -> list[str]:
    d = paths.models_dir()
    return sorted(p.name for p in d.iterdir()) if d.exists() else []


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, env: Env) -> None:
    previous = translation.install_from_file(env.pkg) if case.model else None
    before_dirs = _package_dirs()

    said_ = case.run(env)

    assert case.expect in said_, f"{case.id}: expected {case.expect!r} in what the user sees:\n{said_}"
    for bad in case.forbid:
        assert bad not in said_, f"{case.id}: {bad!r} reached the user:\n{said_}"
    # nothing already stored was lost, and the database is sound
    env.store.close()
    assert _snapshot(env.store.path) == env.seeded
    reopened = Store(env.store.path)
    try:
        assert reopened.report.ok and reopened.check() == "ok"
    finally:
        reopened.close()
    # the installed model is untouched
    if previous is not None:
        assert translation.installed_model() == previous
        assert _package_dirs() == before_dirs
        staging = tr_install.staging_dir(paths.models_dir())
        assert sorted(p.name for p in staging.iterdir() if p.name != "install.lock") == []
        assert translation.package_checksum(previous.path) == previous.checksum


def test_the_catalogue_is_a_catalogue() -> None:
    assert len(CASES) >= 30
    assert len({c.id for c in CASES}) == len(CASES)
