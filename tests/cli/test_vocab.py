"""The vocabulary from the command line: ``vocab add`` (a word saved with its sentence), ``vocab status``
(per lemma: one spelling marks all), ``vocab list [--json]``, and ``quiz cards`` / ``export anki`` with the
learner's saved words and imported texts."""

from __future__ import annotations

import json
import sqlite3
import zipfile

from bilingual.cli import main
from bilingual.imports.texts import article_id_for, save_text
from bilingual.store import Store
from tests.fixtures.learners import me

BODY = "قال الوزير إن الأمن مهم. وبالأمن تبنى الدول. والتقى سيرغي لافروف نظيره."


def cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _text() -> str:
    store = Store()
    aid = article_id_for(save_text(store, BODY, title="My text", owner=me(store)))
    store.close()
    return aid


def test_add_a_word_set_statuses_by_any_spelling_and_list_them(data_dir, capsys):
    aid = _text()
    code, out, _ = cli(capsys, "vocab", "add", "وبالامن", "--sentence", f"{aid}/s002", "--gloss", "security")
    assert code == 0
    assert out.splitlines() == [f"saved أَمْن (>amon/N) as met, «وبالأمن» in {aid}/s002: security",
                                "status: learning 1; its quiz cards are in the Quiz"]
    # a status given to one spelling is the lemma's: الأمن, للأمن, the lemma key as `vocab list` shows it
    assert cli(capsys, "vocab", "status", "الأمن", "known")[1] == "أَمْن (>amon/N): known\n"
    assert cli(capsys, "vocab", "status", "للأمن", "known")[1] == "أَمْن (>amon/N): known (already)\n"
    assert cli(capsys, "vocab", "status", ">amon/N", "known")[1] == "أَمْن (>amon/N): known (already)\n"
    assert cli(capsys, "vocab", "status", "الدول", "learning-3", "--sentence", f"{aid}/s002")[0] == 0
    code, out, _ = cli(capsys, "vocab", "list", "--json")
    records = json.loads(out)
    assert [(r["lemma_key"], r["status"], r["level"]) for r in records] == [(">amon/N", "known", 0), ("dawolap/N", "learning", 3)]
    assert records[0]["saved"] == {"surface": "وبالأمن", "sentence": f"{aid}/s002", "gloss": "security", "text": "وبالأمن تبنى الدول."}
    assert records[1]["saved"] is None
    code, out, _ = cli(capsys, "vocab", "list")
    assert out.splitlines()[-1] == "2 lemmas, 1 saved"
    assert f"«وبالأمن» {aid}/s002: security" in out.splitlines()[0]


def test_what_the_command_line_refuses(data_dir, capsys):
    aid = _text()
    code, _, err = cli(capsys, "vocab", "add", "موسكو", "--sentence", f"{aid}/s001")
    assert code == 2 and "is not in" in err
    code, _, err = cli(capsys, "vocab", "add", "لافروف", "--sentence", f"{aid}/s003")
    assert code == 2 and "part of the glossary name" in err
    code, _, err = cli(capsys, "vocab", "add", "الأمن", "--sentence", f"{aid}/s009")
    assert code == 2 and "has no sentence" in err
    code, _, err = cli(capsys, "vocab", "add", "الأمن", "--sentence", "mine-99/s001")
    assert code == 2 and "there is no article or text" in err
    code, _, err = cli(capsys, "vocab", "status", "الأمن", "famous")
    assert code == 2 and "not a word status" in err
    assert cli(capsys, "vocab", "list", "--json")[1].strip() == "[]"


def test_quiz_cards_counts_the_new_kinds_and_the_anki_deck_has_the_saved_words(data_dir, capsys, tmp_path):
    aid = _text()
    before = dict(line.split()[:2] for line in cli(capsys, "quiz", "cards")[1].splitlines()[1:])
    assert before["word-meaning"] == "0"
    cli(capsys, "vocab", "add", "الأمن", "--sentence", f"{aid}/s001", "--gloss", "security")
    code, out, _ = cli(capsys, "quiz", "cards")
    counts = dict(line.split()[:2] for line in out.splitlines()[1:])
    assert out.splitlines()[0].startswith("learner: default")
    assert (counts["word-meaning"], counts["word-recall"], counts["word-cloze"]) == ("1", "1", "1")
    assert int(counts["total"]) == int(before["total"]) + 3
    # the imported text's own cards: its saved word's and a cloze of the name it contains
    mine = dict(line.split()[:2] for line in cli(capsys, "quiz", "cards", "--article", aid)[1].splitlines()[1:])
    assert (mine["word-cloze"], mine["cloze"]) == ("1", "1") and int(mine["ar-en"]) >= 1
    deck = tmp_path / "mine.apkg"
    assert cli(capsys, "export", "anki", str(deck), "--profile", "default", "--article", aid)[0] == 0
    with zipfile.ZipFile(deck) as z:
        z.extract("collection.anki2", tmp_path)
    db = sqlite3.connect(tmp_path / "collection.anki2")
    fields = [f for (f,) in db.execute("SELECT flds FROM notes")]
    db.close()
    ids = {f.split("\x1f")[-1] for f in fields}
    assert {"word-meaning:&gt;amon/N", "word-recall:&gt;amon/N", "word-cloze:&gt;amon/N", f"cloze:{aid}/sergei-lavrov"} <= ids
