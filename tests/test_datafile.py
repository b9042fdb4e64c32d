"""The strict loader of the curated files (issue 18, part 2): every case that ``check`` used to pass but
the app could not survive is refused, by ``check`` and by the loader the app uses, with a message
naming the file, the entry (or line) and the field; nothing is expanded, stringified or guessed."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from bilingual.check import run_checks
from bilingual.corpus import load_corpus
from bilingual.datafile import MAX_FILE_BYTES, parse_yaml, read_yaml
from bilingual.errors import DataError
from bilingual.glossary import load_glossary
from bilingual.quiz.questions import load_questions
from tests.fixtures.hostile_data import alias_bomb, article_of_bytes, glossary_of_entries, huge_description, world_with


def sub(old: str, new: str, count: int = 1) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, count)


def append(extra: str) -> Callable[[str], str]:
    return lambda text: text.rstrip("\n") + "\n" + extra


@dataclass(frozen=True)
class Bad:
    id: str
    file: str  # article | reference | glossary | questions
    edit: Callable[[str], str]
    expect: str  # what the message says: "<entry or line>: <field>: <message>" (a substring)
    loader: bool = True  # False: a cross-file rule only ``check`` can apply


LAVROV_S002 = "    ar: قال وزير الخارجية الروسي سيرغي لافروف إن روسيا مستعدة لنشر قوات على الحدود\n      بين أرمينيا وأذربيجان.\n"
CASES = [
    # YAML alias bombs: refused at the first anchor, before anything is expanded
    Bad("alias-bomb-romanization", "glossary", alias_bomb("  romanization: *b8"), "line 1: b0: a YAML anchor (&b0) is not allowed"),
    Bad("alias-bomb-acronym", "glossary", alias_bomb("  acronym: *b8"), "line 1: b0: a YAML anchor (&b0) is not allowed"),
    Bad("alias-bomb-date-note", "article", alias_bomb("date_note: *b8"), "line 1: b0: a YAML anchor (&b0) is not allowed"),
    Bad("alias-bomb-seed", "article", alias_bomb("seed: *b8"), "line 1: b0: a YAML anchor (&b0) is not allowed"),
    Bad("anchor-in-entry", "glossary", sub("  en: Sergei Lavrov\n", "  en: &name Sergei Lavrov\n  romanization: *name\n"),
        "line 5: en: a YAML anchor (&name) is not allowed"),
    Bad("alias-alone", "reference", sub("translator: test", "translator: *someone"), "line 2: translator: a YAML alias (*someone) is not allowed"),
    Bad("alias-in-questions", "questions", sub("  - Yerevan", "  - *city"), "distractors_en: a YAML alias (*city) is not allowed"),
    # duplicate keys: never "the last one wins"
    Bad("second-entries-block", "glossary",
        append("entries:\n- id: only-one\n  type: other\n  ar: مدخل وحيد\n  en: Only one\n  description: The only entry left.\n"),
        "entries: duplicate key: already given on line 1 of the same mapping"),
    Bad("duplicate-paragraphs-key", "article",
        append("paragraphs:\n- id: p09\n  kind: text\n  sentences:\n  - id: s009\n    ar: جملة أخرى.\n"),
        "paragraphs: duplicate key: already given on line 8 of the same mapping"),
    Bad("duplicate-field-in-entry", "glossary", sub("  en: Sergei Lavrov\n", "  en: Sergei Lavrov\n  en: Someone Else\n"),
        "line 6 (in sergei-lavrov): en: duplicate key: already given on line 5"),
    Bad("duplicate-reference-sentence", "reference", sub("  s004:", "  s003: Again.\n  s004:"), "s003: duplicate key: already given on line 7"),
    Bad("duplicate-question-field", "questions", sub("  evidence: s002\n", "  evidence: s002\n  evidence: s003\n"), "(in q01): evidence: duplicate key: already given on line 4"),
    # sizes: refused before parsing, or field by field
    Bad("description-52mb", "glossary", huge_description(52), "file: size: the file is 52.0 MB; a curated file is at most 1 MB"),
    Bad("glossary-45mb-100k-entries", "glossary", glossary_of_entries(100_000), "file: size: the file is 4"),
    Bad("article-36mb", "article", article_of_bytes(36), "file: size: the file is 3"),
    Bad("description-over-limit", "glossary", huge_description(0.004002),
        "entry sergei-lavrov: description: too long: 2,001 characters; at most 2,000"),
    Bad("glossary-2001-entries", "glossary", glossary_of_entries(2001), "file: entries: too many items: 2,001; at most 2,000"),
    Bad("sentence-over-limit", "article", sub(LAVROV_S002, f"    ar: {'ب' * 2001}\n"), "sentence s002: ar: too long: 2,001 characters"),
    Bad("article-over-200k-characters", "article",
        append("".join(f"  - id: x{i:03d}\n    ar: {'ب' * 2000}\n" for i in range(101))),
        "sentence x099: ar: the article's text passes 200,000 characters"),
    Bad("title-over-limit", "article", sub("title_en: 'Lavrov: Russia is ready to deploy forces'", "title_en: " + "T" * 201),
        "article alpha-2023: title_en: too long: 201 characters; at most 200"),
    Bad("reference-over-limit", "reference", sub("  s004: Pashinyan met", "  s004: " + "x" * 4001 + " Pashinyan met"),
        "reference alpha-2023 sentence s004: text: too long"),
    Bad("question-over-limit", "questions", sub("  question_en: Where is Russia", "  question_en: " + "w" * 500 + " Where is Russia"),
        "question q01: question_en: too long: 540 characters; at most 500"),
    # strict types: no stringified lists, no 'no' read as True, no 1_0 read as 10
    Bad("romanization-a-list", "glossary", sub("  en: Sergei Lavrov\n", "  en: Sergei Lavrov\n  romanization: [a, b]\n"),
        "entry sergei-lavrov: romanization: expected text, got a list"),
    Bad("acronym-a-mapping", "glossary", sub("  en: Sergei Lavrov\n", "  en: Sergei Lavrov\n  acronym: {x: 1}\n"),
        "entry sergei-lavrov: acronym: expected text, got a mapping"),
    Bad("date-inferred-quoted-no", "article", sub("date: '2023-01-19'\n", "date: '2023-01-19'\ndate_inferred: 'no'\n"),
        "article alpha-2023: date_inferred: expected true or false, got text ('no')"),
    Bad("date-inferred-bare-no", "article", sub("date: '2023-01-19'\n", "date: '2023-01-19'\ndate_inferred: no\n"),
        "article alpha-2023: date_inferred: expected true or false, got text ('no')"),
    Bad("title-editorial-quoted-false", "article", sub("date: '2023-01-19'\n", "date: '2023-01-19'\ntitle_editorial: 'false'\n"),
        "article alpha-2023: title_editorial: expected true or false, got text ('false')"),
    Bad("sentence-a-number", "article", sub("    ar: واجتمع باشينيان مع علييف في بروكسل بحضور ممثل عن الكرملين.", "    ar: 2023"),
        "article alpha-2023 sentence s004: ar: expected text, got a number (2023)"),
    Bad("distractor-a-number", "questions", sub("  - Yerevan", "  - 7"), "question q02: distractors_en: item 1: expected text, got a number (7)"),
    Bad("lat-with-underscore", "glossary", sub("lat: 40.0", "lat: 1_0"), "entry armenia: lat: expected a number between -90 and 90, got text ('1_0')"),
    Bad("lon-sexagesimal", "glossary", sub("lon: 45.0", "lon: 45:30"), "entry armenia: lon: expected a number between -180 and 180, got text ('45:30')"),
    Bad("lat-octal", "glossary", sub("lat: 40.0", "lat: 010"), "entry armenia: lat: expected a number between -90 and 90, got text ('010')"),
    Bad("unknown-field", "glossary", sub("  description: Sergei Lavrov.", "  desciption: Sergei Lavrov."),
        "entry sergei-lavrov: desciption: unknown field (the fields are: id, type, ar"),
    Bad("yaml-tag", "glossary", sub("  description: Sergei Lavrov.", "  description: !!binary aGVsbG8="),
        "description: a YAML tag (tag:yaml.org,2002:binary) is not allowed"),
    Bad("python-tag", "article", sub("seed: ''", "seed: !!python/object/apply:os.system [echo]"),
        "line 2: seed: a YAML tag (tag:yaml.org,2002:python/object/apply:os.system) is not allowed"),
    Bad("deep-nesting", "glossary", sub("  en: Sergei Lavrov\n", "  en: Sergei Lavrov\n  romanization: " + "[" * 12 + "x" + "]" * 12 + "\n"),
        "romanization: nested more than 10 levels deep"),
    Bad("key-not-text", "reference", sub("  s004:", "  4:"), "line 9: 4: a key must be text"),
    # glossary forms: enough letters, and not function words
    Bad("form-of-diacritics-only", "glossary", sub("  - لافروف", "  - \u064b\u064e\u0651"),
        "entry sergei-lavrov: ar_variants: '\u064b\u064e\u0651' has 0 letters once diacritics are set aside; a form needs at least 3"),
    Bad("form-waw", "glossary", sub("  - لافروف", "  - و"), "entry sergei-lavrov: ar_variants: 'و' has 1 letter"),
    Bad("form-fi", "glossary", sub("  - لافروف", "  - في"), "entry sergei-lavrov: ar_variants: 'في' has 2 letters"),
    Bad("form-min", "glossary", sub("  - لافروف", "  - مِن"), "entry sergei-lavrov: ar_variants: 'مِن' has 2 letters"),
    Bad("form-article", "glossary", sub("  - لافروف", "  - ال"), "entry sergei-lavrov: ar_variants: 'ال' has 2 letters"),
    Bad("form-function-word", "glossary", sub("  - لافروف", "  - التي"), "ar_variants: 'التي' is a function word (التي), not a name"),
    Bad("form-function-word-with-clitic", "glossary", sub("  - لافروف", "  - ومن"), "ar_variants: 'ومن' is a function word (من)"),
    Bad("form-function-phrase", "glossary", sub("  - لافروف", "  - في حين"), "ar_variants: 'في حين' is a function word (حين, في)"),
    Bad("canonical-form-a-function-word", "glossary", sub("  ar: سيرغي لافروف", "  ar: على"), "entry sergei-lavrov: ar: 'على' is a function word"),
    Bad("adjective-form-short", "glossary", sub("  - لافروف", "  - لافروف\n  adjective_forms: [من]"),
        "entry sergei-lavrov: adjective_forms: 'من' has 2 letters"),
    # ids
    Bad("curated-id-mine-1", "article", sub("id: alpha-2023", "id: mine-1"),
        "article mine-1: id: ids starting with 'mine-' are reserved for the learner's imported texts"),
    Bad("article-id-not-kebab", "article", sub("id: alpha-2023", "id: Alpha 2023"), "article Alpha 2023: id: use lower-case letters"),
    Bad("article-id-not-its-file", "article", sub("id: alpha-2023", "id: beta-2023"),
        "article beta-2023: id: the file must be called beta-2023.yaml"),
    Bad("paragraph-id-collision", "article", sub("- id: p02", "- id: p01"), "article alpha-2023 paragraph p01: id: duplicate paragraph id"),
    Bad("sentence-id-markup", "article", sub("  - id: s004", "  - id: '\"><b>'"), "id: '\"><b>': use letters, digits"),
    # the source-note and outlet fields
    Bad("note-a-list", "article", sub(LAVROV_S002, LAVROV_S002 + "    note: [wrong, loose]\n"),
        "article alpha-2023 sentence s002: note: expected text, got a list"),
    Bad("note-over-limit", "article", sub(LAVROV_S002, LAVROV_S002 + "    note: " + "n" * 601 + "\n"),
        "article alpha-2023 sentence s002: note: too long: 601 characters; at most 600"),
    Bad("note-on-a-paragraph", "article", sub("- id: p02\n", "- id: p02\n  note: misplaced\n"),
        "article alpha-2023 paragraph p02: note: unknown field"),
    Bad("outlet-entry-a-mapping", "article", sub("outlet_en: Al-Alam\n", "outlet_en: Al-Alam\noutlet_entry: {id: al-alam}\n"),
        "article alpha-2023: outlet_entry: expected text, got a mapping"),
    Bad("outlet-entry-unknown", "article", sub("outlet_en: Al-Alam\n", "outlet_en: Al-Alam\noutlet_entry: al-alam\n"),
        "article alpha-2023: outlet_entry: 'al-alam' is not a glossary entry", loader=False),
    Bad("outlet-entry-a-place", "article", sub("outlet_en: Al-Alam\n", "outlet_en: Al-Alam\noutlet_entry: [kremlin, moscow]\n"),
        "article alpha-2023: outlet_entry: 'moscow' is a place, not an organization", loader=False),
]


def _load(which: str, w: dict) -> None:
    """What the app does with the world: the corpus (with references), the glossary, the questions."""
    if which == "glossary":
        load_glossary(w["glossary_file"])
        return
    corpus = load_corpus(w["articles"], w["reference"])
    if which == "questions":
        load_questions(w["questions"], corpus)


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_check_refuses_it_naming_file_entry_and_field(case: Bad, tmp_path: Path) -> None:
    w, path = world_with(tmp_path / "world", case.file, case.edit)
    report = run_checks(w["articles"], w["reference"], w["glossary_file"], w["questions"], tmp_path / "no-seeds")
    mine = [e for e in report.errors if e.startswith(f"{path}: ")]
    assert any(case.expect in e for e in mine), report.errors


@pytest.mark.parametrize("case", [c for c in CASES if c.loader], ids=[c.id for c in CASES if c.loader])
def test_the_loader_refuses_it_naming_file_entry_and_field(case: Bad, tmp_path: Path) -> None:
    w, path = world_with(tmp_path / "world", case.file, case.edit)
    with pytest.raises(DataError) as err:
        _load(case.file, w)
    assert err.value.file == str(path)
    assert case.expect in str(err.value)


def test_the_unbroken_world_loads_and_checks_clean(tmp_path: Path) -> None:
    w, _ = world_with(tmp_path / "world", "article")
    for which in ("article", "glossary", "questions"):
        _load(which, w)
    assert run_checks(w["articles"], w["reference"], w["glossary_file"], w["questions"], tmp_path / "no-seeds").errors == []


def test_scalars_are_read_as_written() -> None:
    data = parse_yaml("a: 1_0\nb: no\nc: 010\nd: 0x1F\ne: 1:30\nf: 2023-01-19\ng: true\nh: -1.5\ni: 7\nj: ~\nk: 'yes'\nl: off\n")
    assert data == {"a": "1_0", "b": "no", "c": "010", "d": "0x1F", "e": "1:30", "f": "2023-01-19",
                    "g": True, "h": -1.5, "i": 7, "j": None, "k": "yes", "l": "off"}


def test_a_file_over_the_limit_is_never_read_past_it(tmp_path: Path) -> None:
    """The size is refused before parsing, and a file that is not a regular file is read only up to the limit."""
    path = tmp_path / "big.yaml"
    path.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES)
    with pytest.raises(DataError) as err:
        read_yaml(path)
    assert (err.value.entry, err.value.field) == ("file", "size")
    with pytest.raises(DataError) as err:
        read_yaml(Path("/dev/zero"))
    assert err.value.field == "size" and "over 1.0 MB" in err.value.message


def test_a_control_character_is_a_message_not_a_traceback(tmp_path: Path) -> None:
    path = tmp_path / "nul.yaml"
    path.write_bytes(b"id: a\x00b\n")
    with pytest.raises(DataError) as err:
        read_yaml(path)
    assert "not valid YAML (character #x0000 is not allowed)" in str(err.value)


YAML_ONLY = [
    ("a: &x [1]\nb: *x\n", "line 1: a: a YAML anchor (&x) is not allowed"),
    ("a: *x\n", "line 1: a: a YAML alias (*x) is not allowed"),
    ("a: 1\nb: 2\na: 3\n", "line 3: a: duplicate key: already given on line 1"),
    ("- id: q1\n  x: 1\n  x: 2\n", "line 3 (in q1): x: duplicate key: already given on line 2"),
    ("a: !!set {x}\n", "line 1: a: a YAML tag (tag:yaml.org,2002:set) is not allowed"),
    ("1: x\n", "line 1: 1: a key must be text"),
    ("? [a]\n: x\n", "a list or mapping: a key must be text"),
    ("a: " + "[" * 11 + "]" * 11 + "\n", "a: nested more than 10 levels deep"),
    ("a: [unclosed\n", "yaml: not valid YAML"),
    ("a: 1\n---\nb: 2\n", "yaml: not valid YAML"),
]


@pytest.mark.parametrize("parser", ["libyaml", "python"])
@pytest.mark.parametrize("text, expect", YAML_ONLY)
def test_both_parsers_refuse_the_same_constructs(monkeypatch, parser: str, text: str, expect: str) -> None:
    """The loader uses libyaml's event parser when PyYAML has it, else PyYAML's own: same rules, same messages."""
    from bilingual import datafile

    if parser == "python":
        monkeypatch.setattr(datafile, "_StrictLoader", datafile._PyStrictLoader)
    else:
        assert datafile._StrictLoader.__name__ == "_CStrictLoader"  # the wheels ship libyaml; install-dev.sh installs them
    with pytest.raises(DataError) as err:
        parse_yaml(text, "f.yaml")
    assert expect in str(err.value)
    assert parse_yaml("a: [x, 1, 1.5, true, ~, 1_0, no]\n") == {"a": ["x", 1, 1.5, True, None, "1_0", "no"]}


def test_a_huge_id_is_clipped_in_the_message(tmp_path: Path) -> None:
    w, path = world_with(tmp_path / "world", "glossary", lambda t: t.replace("id: sergei-lavrov", "id: " + "x" * 50_000, 1))
    with pytest.raises(DataError) as err:
        load_glossary(w["glossary_file"])
    assert err.value.field == "id" and "too long: 50,000 characters; at most 80" in err.value.message
    assert len(str(err.value)) < 400
