"""A learner's portable export: only their data, and it moves SQLite -> PostgreSQL -> SQLite with nothing lost."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from bilingual import accounts, schedule, vocab
from bilingual.accounts import Role, portable, sessions
from bilingual.classroom import note_read
from bilingual.errors import AccountError, BackupError
from bilingual.imports.own_translation import own_translation, set_own_sentence
from bilingual.imports.personal_terms import add_personal_term
from bilingual.imports.texts import article_id_for, get_article, save_text
from bilingual.store import Store
from bilingual.store import profiles as learner_settings
from bilingual.words.lexicon import Lexicon
from tests.accounts.test_accounts import CARD

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TERM = {"ar": "المنسق التجريبي", "en": "Test coordinator", "type": "person", "description": "A made-up person."}


def _fill(store: Store, name: str) -> accounts.Learner:
    """A learner with something in every table they own (and a text link in their reviews)."""
    from bilingual.glossary import Glossary
    from bilingual.quiz.cards import QuizCard

    learner = accounts.create_learner(store, name, Role.STUDENT, "password-1")
    tid = save_text(store, "هذا نص عربي قصير للتجربة. وهذه جملة ثانية فيه.", title="نص", owner=learner.id)
    save_text(store, "نص آخر مستورد للتجربة هنا.", owner=learner.id)
    on_text = QuizCard(id=f"cloze:{article_id_for(tid)}/s001", kind="cloze", article_id=article_id_for(tid), evidence="", entry_id=None,
                       prompt_en="?", answer="x", options=(), answer_lang="ar")
    for i in range(3):
        schedule.record_answer(store, name, CARD, i != 1, f"answer {i} 100%", now=NOW + timedelta(days=i))
    schedule.record_answer(store, name, on_text, True, "x", now=NOW)
    add_personal_term(store, TERM, Glossary(()), owner=learner.id)
    learner_settings.set_setting(store, learner.id, "pref.reader_ar_size", "2.2")
    schedule.set_new_limit(store, name, 7)
    note_read(store, learner, article_id_for(tid))
    note_read(store, learner, "some-article")
    text = get_article(store, article_id_for(tid), reader=learner.id)
    vocab.set_status(store, learner.id, "qaSiyr/N", vocab.Status.KNOWN)
    reading = next(a for a in Lexicon.shared().analyse("نص") if a.pos == "NOUN")
    vocab.save_word(store, learner.id, text, "s001", 1, reading, "text")  # also makes its lemma "learning 1"
    set_own_sentence(store, learner.id, article_id_for(tid), "s002", "And this is a second sentence in it.")
    return learner


def _comparable(data: dict) -> dict:
    """The export without what legitimately changes on the way: the export time and text ids (renumbered consistently)."""
    data = json.loads(json.dumps(data))
    data.pop("exported_at")
    ids = {f"mine-{t['id']}": f"mine-#{i}" for i, t in enumerate(data["tables"]["texts"])}
    for i, t in enumerate(data["tables"]["texts"]):
        t["id"] = i
    for row in data["tables"]["own_translations"]:
        row["text_id"] = ids[f"mine-{row['text_id']}"]
    for table in ("cards", "reviews", "reading_log", "saved_words"):
        for row in data["tables"][table]:
            row["article_id"] = ids.get(row["article_id"], row["article_id"])
            if "card_id" in row:
                for old, new in ids.items():
                    row["card_id"] = row["card_id"].replace(f":{old}/", f":{new}/")
    return data


def test_an_export_holds_that_learner_only(data_dir):
    s = Store(data_dir / "a.sqlite3")
    ana = _fill(s, "ana")
    _fill(s, "omar")
    data = portable.export_learner(s, ana)
    assert data["learner"]["name"] == "ana" and data["learner"]["password_hash"].startswith("$2b$")
    blob = json.dumps(data, ensure_ascii=False)
    assert "omar" not in blob and "password-1" not in blob
    assert {t: len(rows) for t, rows in data["tables"].items()} == {
        "learner_settings": 2, "cards": 2, "reviews": 4, "texts": 2, "personal_terms": 1, "reading_log": 2,
        "word_statuses": 2, "word_status_log": 2, "saved_words": 1, "own_translations": 1}
    assert portable.summary(data).startswith("2 settings, 2 quiz cards, 4 quiz reviews, 2 imported texts")


def test_a_learner_moves_sqlite_to_postgresql_and_back_with_nothing_lost(data_dir, pg_url):
    laptop = Store(data_dir / "laptop.sqlite3")
    _fill(laptop, "someone")  # ids on the server will differ from the laptop's
    ana = _fill(laptop, "ana")
    before = portable.export_learner(laptop, ana)

    server = Store(pg_url)
    accounts.create_learner(server, "first on the server")
    on_server = portable.import_bytes(server, portable.export_bytes(laptop, ana))
    middle = portable.export_learner(server, on_server)
    assert _comparable(middle) == _comparable(before)
    assert sessions.login(server, "ana", "password-1").learner == on_server  # the password came along (as its hash)
    assert schedule.totals(server, "ana", now=NOW + timedelta(days=3)).reviews == 4
    assert schedule.new_limit(server, "ana") == 7

    back = Store(data_dir / "back.sqlite3")
    again = portable.import_learner(back, middle)
    after = portable.export_learner(back, again)
    assert _comparable(after) == _comparable(before)
    text_ids = {t["id"] for t in after["tables"]["texts"]}
    assert {r["article_id"] for r in after["tables"]["reading_log"]} == {f"mine-{min(text_ids)}", "some-article"}
    # the vocabulary came along, pointing at the learner's own copy of the text
    assert [(w.lemma_key, w.article_id, w.gloss) for w in vocab.saved_words(back, again.id)] == [("naS~/N", f"mine-{min(text_ids)}", "text")]
    assert vocab.statuses(back, again.id) == {"qaSiyr/N": 5, "naS~/N": 1}
    mine = get_article(back, f"mine-{min(text_ids)}", reader=again.id)
    assert own_translation(back, again.id, mine) == {"s002": "And this is a second sentence in it."}
    server.close()


def test_an_import_is_refused_under_a_taken_or_look_alike_name_and_for_other_files(data_dir):
    s = Store(data_dir / "a.sqlite3")
    ana = _fill(s, "ana")
    blob = portable.export_bytes(s, ana)
    with pytest.raises(AccountError, match="already a learner"):
        portable.import_bytes(s, blob)
    with pytest.raises(AccountError, match="looks too much like"):
        portable.import_bytes(s, blob, name="\u0430na")
    assert portable.import_bytes(s, blob, name="ana two").name == "ana two"
    for bad, message in ((b"\x00\x01", "not JSON"), (b"{}", "not a learner export"), (b'{"format": "bilingual-learner", "version": 99}', "newer version"),
                         (json.dumps({"format": "bilingual-learner", "version": 1, "learner": {"name": "x"},
                                      "tables": {"reviews": [{"card_id": "c"}]}}).encode(), "reviews are incomplete")):
        with pytest.raises(BackupError, match=message):
            portable.import_bytes(s, bad)
    assert [x.name for x in accounts.list_learners(s)] == ["ana", "ana two"]
