"""`python -m bilingual check`: clean on the repo's data; clear messages on broken data."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from bilingual import paths
from bilingual.check import run_checks
from bilingual.datafile import dump_yaml

ARTICLE = {
    "id": "a",
    "title_ar": "عنوان",
    "title_en": "Title",
    "title_editorial": True,
    "outlet": "العالم",
    "date": "2023-01-19",
    "paragraphs": [{"id": "p01", "kind": "text", "sentences": [{"id": "s001", "ar": "زار لافروف باكو."}]}],
}
ENTRY = {
    "id": "baku",
    "type": "place",
    "ar": "باكو",
    "en": "Baku",
    "description": "Capital of Azerbaijan.",
    "lat": 40.4,
    "lon": 49.9,
}


def _tree(tmp: Path, article=None, reference=None, entries=None) -> dict:
    arts, refs, gl = tmp / "articles", tmp / "reference", tmp / "glossary.yaml"
    dump_yaml(article if article is not None else ARTICLE, arts / "a.yaml")
    dump_yaml(reference if reference is not None else {"article": "a", "sentences": {"s001": "Lavrov visited Baku."}}, refs / "a.yaml")
    dump_yaml({"entries": entries if entries is not None else [ENTRY]}, gl)
    return {"articles_dir": arts, "reference_dir": refs, "glossary_file": gl, "questions_dir": tmp / "questions"}


def test_repo_data_is_clean():
    report = run_checks()
    assert report.errors == []
    assert report.counts["articles"] == 5
    assert report.counts["sentences"] == report.counts["translated sentences"]
    assert report.counts["glossary entries"] >= 50


def test_cli_check_exits_zero_on_repo_data():
    out = subprocess.run([sys.executable, "-m", "bilingual", "check"], cwd=paths.REPO_ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert out.stdout.strip().splitlines()[-1].startswith("ok: 5 articles")


def test_small_clean_tree_passes(tmp_path):
    assert run_checks(**_tree(tmp_path)).errors == []


@pytest.mark.parametrize(
    "kind, change, expect",
    [
        ("article", lambda a: a.pop("title_en"), "article a: title_en: missing"),
        ("article", lambda a: a.update(date=20230119), "date: expected text, got a number (20230119)"),
        ("article", lambda a: a.update(date="19/01/2023"), "date: '19/01/2023' is not YYYY-MM-DD"),
        ("entry", lambda e: e.update(type="city"), "entry baku: type: 'city' is not one of"),
        ("entry", lambda e: e.pop("lat"), "entry baku: lat: give both lat and lon"),
        ("entry", lambda e: e.pop("en"), "entry baku: en: missing"),
        ("entry", lambda e: e.update(id="Baku City"), "entry Baku City: id: use lower-case"),
        ("entry", lambda e: e.update(ar_variants="باكو"), "entry baku: ar_variants: expected a list"),
    ],
)
def test_broken_field_is_reported_with_file_entry_field(tmp_path, kind, change, expect):
    article, entry = dict(ARTICLE), dict(ENTRY)
    change(article if kind == "article" else entry)
    report = run_checks(**_tree(tmp_path, article=article, entries=[entry]))
    assert any(expect in e for e in report.errors), report.errors
    target = "articles/a.yaml" if kind == "article" else "glossary.yaml"
    assert any(target in e for e in report.errors)


def test_duplicate_glossary_id(tmp_path):
    report = run_checks(**_tree(tmp_path, entries=[ENTRY, dict(ENTRY)]))
    assert any("entry baku: id: duplicate id" in e for e in report.errors)


def test_untranslated_and_orphan_translations(tmp_path):
    report = run_checks(**_tree(tmp_path, reference={"article": "a", "sentences": {}}))
    assert any("no reference translation for sentence(s) s001" in e for e in report.errors)
    report = run_checks(**_tree(tmp_path, reference={"article": "a", "sentences": {"s001": "x", "s002": "y"}}))
    assert any("sentence s002: id: no such sentence" in e for e in report.errors)


def test_unknown_spelling_is_a_warning_not_an_error(tmp_path):
    entry = dict(ENTRY, ar_variants=["باكوو"])
    report = run_checks(**_tree(tmp_path, entries=[entry]))
    assert report.errors == []
    assert any("'باكوو' occurs nowhere" in w for w in report.warnings)


def test_not_yaml_at_all(tmp_path):
    tree = _tree(tmp_path)
    tree["glossary_file"].write_bytes(b"entries: [\x00\xff\xfe")
    report = run_checks(**tree)
    assert any("glossary.yaml" in e and ("not UTF-8" in e or "not valid YAML" in e) for e in report.errors)


def test_an_unreadable_article_is_one_error_not_one_per_file_that_refers_to_it(tmp_path):
    tree = _tree(tmp_path)
    dump_yaml({"article": "a", "questions": []}, tree["questions_dir"] / "a.yaml")
    (tree["articles_dir"] / "a.yaml").write_text("id: [unclosed\nparagraphs: {\n", encoding="utf-8")
    report = run_checks(**tree)
    assert len(report.errors) == 1 and "a.yaml: line 2" in report.errors[0], report.errors
    # the same reference file for an article that does not exist at all is still reported
    dump_yaml({"article": "zz", "sentences": {}}, tree["reference_dir"] / "zz.yaml")
    report = run_checks(**tree)
    assert any("'zz' is not an article of the corpus" in e for e in report.errors)
    # an article field that is not a name at all is reported, not a crash
    dump_yaml({"article": ["x"], "sentences": {}}, tree["reference_dir"] / "zz.yaml")
    report = run_checks(**tree)
    assert any("['x'] is not an article of the corpus" in e for e in report.errors)


def test_cli_error_count_reads_as_english(tmp_path, monkeypatch, capsys):
    from bilingual.cli import check as cli_check

    tree = _tree(tmp_path)
    (tree["articles_dir"] / "a.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    monkeypatch.setattr(cli_check, "run_checks", lambda: run_checks(**tree))
    assert cli_check.cmd_check(type("Args", (), {"verbose": False})()) == 1
    assert "1 error; " in capsys.readouterr().out
