"""A word's status for one learner, as LUTE and LingQ keep it: new, learning (levels 1–4), known or
ignored; and the keys that set it on the word card (1–4 a learning level, 5 or k known, i ignored,
0 new again).

Statuses belong to a lemma (``words.analysis.Analysis.lemma_key``), never to a spelling: وبالأمن،
الأمن and أمن are one word to learn. A lemma without a stored status is new, except names and
numbers, which are ignored until the learner gives them a status (``default_status``).
"""

from __future__ import annotations

from enum import IntEnum

__all__ = ["DEFAULT_IGNORED_POS", "KEYS", "Status", "default_status", "parse_status"]


class Status(IntEnum):
    """The numbers are what the database stores (``word_statuses.status``)."""

    NEW = 0
    LEARNING_1 = 1
    LEARNING_2 = 2
    LEARNING_3 = 3
    LEARNING_4 = 4
    KNOWN = 5
    IGNORED = 9

    @property
    def is_learning(self) -> bool:
        return 1 <= self <= 4

    @property
    def level(self) -> int:
        """The learning level (1–4); 0 for the others."""
        return int(self) if self.is_learning else 0

    @property
    def label(self) -> str:
        if self.is_learning:
            return f"learning {self.level}"
        return self.name.lower()

    @property
    def css(self) -> str:
        """The underline class of a word with this status in the reader ('' for an ignored word)."""
        if self.is_learning:
            return f"learning l{self.level}"
        return {Status.NEW: "new", Status.KNOWN: "known"}.get(self, "")


#: The word card's keys (as LUTE's: 1–5 and k, i), and 0 to make a word new again.
KEYS: dict[str, Status] = {
    "0": Status.NEW, "1": Status.LEARNING_1, "2": Status.LEARNING_2, "3": Status.LEARNING_3, "4": Status.LEARNING_4,
    "5": Status.KNOWN, "k": Status.KNOWN, "i": Status.IGNORED,
}

#: Readings ignored by default: names and numbers are not vocabulary to learn.
DEFAULT_IGNORED_POS = frozenset({"NOUN_PROP", "NUM"})


def default_status(pos: str | None, *, in_name: bool = False) -> Status:
    """The status of a word the learner never marked: ignored for a glossary name, a proper noun or a
    number, else new."""
    return Status.IGNORED if in_name or pos in DEFAULT_IGNORED_POS else Status.NEW


def parse_status(text: str) -> Status:
    """``new``, ``learning`` (level 1), ``learning-2`` … ``learning-4``, ``known``, ``ignored`` (or a key
    of ``KEYS``); ValueError otherwise."""
    word = text.strip().casefold().replace(" ", "-").replace("_", "-")
    if word in KEYS:
        return KEYS[word]
    names = {"new": Status.NEW, "learning": Status.LEARNING_1, "known": Status.KNOWN, "ignored": Status.IGNORED,
             "ignore": Status.IGNORED, **{f"learning-{n}": Status(n) for n in range(1, 5)}}
    if word not in names:
        raise ValueError(f"not a word status: {text!r} (new, learning, learning-2…4, known, ignored)")
    return names[word]
