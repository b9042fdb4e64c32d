"""``python -m bilingual gloss FILE --json``, ``vowels FILE`` and ``eval-words``: offsets as ``annotate``
gives them (Python string indices into the file as read), the text otherwise untouched."""

from __future__ import annotations

import json

from bilingual.cli import main
from bilingual.paths import REPO_ROOT
from bilingual.words.tokens import strip_harakat

RAW = "\ufeffعنوان\r\n\r\nقال لافروف إن روسيا مستعدة لنشر قوات بأرمينيا، والأمن café 2020.\r\n"


def run(argv: list[str], capsys) -> tuple[int, str]:
    code = main(argv)
    return code, capsys.readouterr().out


def test_gloss_json_gives_every_arabic_word_with_exact_offsets(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_bytes(RAW.encode("utf-8"))
    code, out = run(["gloss", str(f), "--json"], capsys)
    assert code == 0
    records = json.loads(out)
    assert [r["surface"] for r in records] == [
        "عنوان", "قال", "لافروف", "إن", "روسيا", "مستعدة", "لنشر", "قوات", "بأرمينيا", "والأمن",
    ]
    for r in records:
        assert RAW[r["start"]:r["end"]] == r["surface"]
        assert set(r) <= {"start", "end", "surface", "analyses", "entry_id"}
        for a in r["analyses"]:
            assert set(a) == {"gloss", "lemma", "pos", "vocalized", "segments"}
            assert "".join(s["form"] for s in a["segments"]) == a["vocalized"]
    by = {r["surface"]: r for r in records}
    assert by["لافروف"]["entry_id"] == "sergei-lavrov" and by["بأرمينيا"]["entry_id"] == "armenia"
    assert "entry_id" not in by["والأمن"]
    security = by["والأمن"]["analyses"][0]  # best first in context
    assert security["pos"] == "NOUN" and security["gloss"].startswith("security")
    assert [(s["form"], s["gloss"]) for s in security["segments"]][:3] == [("وَ", "and"), ("ال", "the"), ("أَمْن", "security")]
    assert by["لنشر"]["analyses"][0]["segments"][0] == {"form": "لِ", "gloss": "for/to", "pos": "PREP"}


def test_gloss_listing(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_text("والأمن بيرفان", encoding="utf-8")
    code, out = run(["gloss", str(f)], capsys)
    assert code == 0
    assert "[0:6] والأمن → وَالأَمْن" in out and "security" in out
    assert "[7:13] بيرفان → probably: Yerevan" in out


def test_vowels_adds_marks_and_changes_nothing_else(tmp_path, capsys):
    f = tmp_path / "a.txt"
    f.write_bytes(RAW.encode("utf-8"))
    code, out = run(["vowels", str(f)], capsys)
    assert code == 0
    assert out != RAW and strip_harakat(out) == RAW  # BOM, CRLF, Latin, digits, hamza letters as they were
    assert "café 2020.\r\n" in out and "بأرمينيا" in strip_harakat(out)


def test_eval_words_reports_before_and_after_ranking(capsys):
    gold = REPO_ROOT / "tests" / "data" / "words"
    code, out = run(["eval-words", str(gold / "gold.tsv"), "--variants", str(gold / "name_variants.tsv"), "--json"], capsys)
    assert code == 0
    report = json.loads(out)
    held_out = report["held-out"]
    assert held_out["ranked"]["top1"] > held_out["rows"]["top1"] > held_out["raw"]["top1"]
    assert report["problems"] == [] and report["hints"]["held-out"]["recall_glossary_alone"] == 0.0
