"""Arabic proclitics: the one analysis of what may be attached before a word.

و ف (and, so), then ب ل ك (by/with, for/to, like), then the article ال, in that order; ل + ال is
written لل (the alef drops: للمنظمة = ل + المنظمة). The glossary matcher, the quiz's answer
checker and ``check`` all use these rules; a stripped prefix must leave at least
``MIN_STEM_LETTERS`` letters, so names that begin like a clitic (لاتشين, باكو, فرنسا, واشنطن)
are offered whole first and never reduced to a fragment.

Everything here works on normalized keys (``bilingual.text.normalize.normalize``).
"""

from __future__ import annotations

from dataclasses import dataclass

from bilingual.text.charsets import COMBINING_MARKS, INVISIBLE

__all__ = [
    "ARTICLE",
    "CONJUNCTIONS",
    "LAM",
    "MAX_PROCLITIC_LEN",
    "MIN_STEM_LETTERS",
    "PREPOSITIONS",
    "PROCLITICS",
    "Proclitic",
    "clitic_readings",
    "elided_article",
    "has_article",
    "is_word_char",
    "letter_count",
    "strip_proclitics",
    "without_article",
]

CONJUNCTIONS = ("و", "ف")
PREPOSITIONS = ("ب", "ل", "ك")
ARTICLE = "ال"
LAM = "ل"
#: A stripped prefix must leave at least this many letters of name.
MIN_STEM_LETTERS = 3


@dataclass(frozen=True)
class Proclitic:
    """A valid combination of attached proclitics, as it appears in the match key."""

    key: str
    preposition: str = ""
    article: bool = False
    conjunction: str = ""


def _proclitic_combinations() -> dict[str, Proclitic]:
    combos: dict[str, Proclitic] = {}
    for conj in ("", *CONJUNCTIONS):
        for prep in ("", *PREPOSITIONS):
            for article in (False, True):
                if prep == LAM and article:
                    key = conj + LAM + LAM  # ل + ال → لل
                else:
                    key = conj + prep + (ARTICLE if article else "")
                if key:
                    combos[key] = Proclitic(key, prep, article, conj)
    return combos


#: Every valid proclitic combination, by its key: و ف ب ل ك ال وب ول وك وال بال لل فال وبال ولل ...
PROCLITICS = _proclitic_combinations()
MAX_PROCLITIC_LEN = max(map(len, PROCLITICS))


def is_word_char(c: str) -> bool:
    """Letters and digits continue a word; anything else (space, punctuation) ends it."""
    return c.isalnum()


def letter_count(s: str) -> int:
    """Letters and digits in ``s`` (spaces and punctuation do not count)."""
    return sum(map(str.isalnum, s))


def strip_proclitics(key: str) -> list[str]:
    """Candidate stems of a normalized key after removing a valid proclitic combination, longest stem first.

    ``strip_proclitics("وبالاتحاد")`` → ``["بالاتحاد", "الاتحاد", "اتحاد"]``; for لل + word both
    ``ال`` + word and word are offered (``"للاتحاد"`` → ``["لاتحاد", "الاتحاد", "اتحاد"]``).
    Stems keep at least MIN_STEM_LETTERS letters. Candidates only: callers look them up.
    """
    out: dict[str, None] = {}
    for n in range(1, min(MAX_PROCLITIC_LEN, len(key)) + 1):
        clitic = PROCLITICS.get(key[:n])
        stem = key[n:]
        if clitic is None or letter_count(stem) < MIN_STEM_LETTERS:
            continue
        out.setdefault(stem, None)
        if clitic.preposition == LAM and not clitic.article and stem.startswith(LAM):
            out.setdefault("ا" + stem, None)  # لل + word: the word had the article ال
    return list(out)


def clitic_readings(key: str) -> set[str]:
    """``key`` itself and every stem left by one valid proclitic group (see ``strip_proclitics``)."""
    return {key, *strip_proclitics(key)} if key else {key}


def without_article(key: str) -> str:
    """The key without a leading ال (when a word of two letters or more remains)."""
    return key[len(ARTICLE):] if key.startswith(ARTICLE) and len(key) > len(ARTICLE) + 1 else key


def elided_article(key: str) -> str | None:
    """How an ال-word's key continues after an attached ل, which drops the alef: المنظمة → لمنظمة
    (للمنظمة = ل + لمنظمة). None when the key has no article."""
    return key[1:] if key.startswith(ARTICLE) else None


#: ``str.translate`` table dropping marks and invisible characters (what ``has_article`` reads past)
_WITHOUT_MARKS = dict.fromkeys(map(ord, COMBINING_MARKS | INVISIBLE))


def has_article(form: str) -> bool:
    """The form starts with the article ال as written (bare alef or wasla, not إ/أ as in إلهام)."""
    letters = form.translate(_WITHOUT_MARKS).lstrip()
    return letters[:2] in ("ال", "ٱل") and letter_count(letters.split(" ")[0]) > 2
