"""Vowel marks (tashkeel) on demand, from text2tashkeel, on the untouched original letters.

text2tashkeel's models read the text decomposed (NFD) without any combining mark (so also without
the hamza of أ إ ؤ ئ and the madda of آ, and without the author's own marks) and return it with a
mark class per base character, which may itself hold a hamza: its output changes letters
(بأرمينيا comes back بِارْمِينْيَا). Here its marks are carried back onto the original text:

- the model's base sequence is rebuilt from the input as the model builds it and checked against
  the output's (if they ever differ, the text comes back unmarked);
- only harakat (U+064B–U+0652) and the dagger alef (U+0670) are carried over;
- they go only on Arabic letters the author left unmarked; where the author wrote only a shadda,
  the model's vowel is added to it. Latin letters, digits and punctuation are never touched.

So ``strip_harakat(vowelize(t)) == strip_harakat(t)``, and every mark written in ``t`` stays. The
model (about 56 MB with onnxruntime, 0.2–0.5 s to load) is loaded on the first call, once per
process, and runs on one thread; text goes to it one sentence at a time, as the package asks.
"""

from __future__ import annotations

import os
import re
import threading
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bilingual.text.charsets import is_arabic_letter
from bilingual.words.tokens import HARAKAT

__all__ = ["MODEL", "Vowelled", "Vowelizer", "carry_marks", "marks_added", "marks_after", "vowelize"]

#: text2tashkeel's default model (int8 ONNX, shipped in its wheel).
MODEL = "rawi-ensemble"
_SHADDA, _SUKUN = "\u0651", "\u0652"
_SENTENCE_END = re.compile(r"(?<=[.!?؟؛\n])")


def _model_bases(text: str) -> list[tuple[int, str]]:
    """(index in ``text``, base character) for every character the model is fed."""
    return [
        (i, c)
        for i, ch in enumerate(text)
        for c in unicodedata.normalize("NFD", ch)
        if unicodedata.category(c) not in ("So", "Mn")
    ]


def _output_marks(predicted: str) -> list[tuple[str, str]]:
    """(base character, its marks) for each base character of the model's output."""
    out: list[list[str]] = []
    for c in unicodedata.normalize("NFD", predicted):
        if unicodedata.category(c) == "Mn":
            if out:
                out[-1][1] += c
        else:
            out.append([c, ""])
    return [(b, m) for b, m in out]


def _ordered(marks: str) -> str:
    """Shadda first, then the vowel (the usual typing order)."""
    return "".join(sorted(dict.fromkeys(marks), key=lambda c: (c != _SHADDA, c)))


def carry_marks(original: str, predicted: str) -> str:
    """The harakat of ``predicted`` (the model's output for ``original``) put onto ``original``."""
    bases, outs = _model_bases(original), _output_marks(predicted)
    if len(bases) != len(outs) or any(b != o for (_, b), (o, _) in zip(bases, outs, strict=True)):
        return original
    marks: dict[int, str] = {}
    for (i, _), (_, m) in zip(bases, outs, strict=True):
        keep = "".join(c for c in m if c in HARAKAT)
        if keep:
            marks[i] = marks.get(i, "") + keep
    res = []
    n = len(original)
    for i, ch in enumerate(original):
        res.append(ch)
        if i not in marks or not is_arabic_letter(ch):
            continue
        j = i + 1
        while j < n and original[j] in HARAKAT:
            j += 1
        written = original[i + 1:j]
        if not written:
            res.append(_ordered(marks[i]))
        elif written == _SHADDA:
            res.append("".join(c for c in marks[i] if c not in (_SHADDA, _SUKUN))[:1])
    return "".join(res)


def marks_after(text: str) -> list[tuple[str, str]]:
    """(each character that is not a vowel mark, the marks written after it), in order."""
    out: list[list[str]] = []
    for c in text:
        if c in HARAKAT and out:
            out[-1][1] += c
        else:
            out.append([c, ""])
    return [(c, m) for c, m in out]


def _sentences(text: str) -> list[str]:
    return [s for s in _SENTENCE_END.split(text) if s]


class Vowelizer:
    """text2tashkeel's model, built on the first call (``shared()``: one per process)."""

    def __init__(self, model: str = MODEL, threads: int = 1):
        self.model = model
        self.threads = threads
        self._diacritizer: Any = None
        self._lock = threading.Lock()

    @classmethod
    def shared(cls) -> Vowelizer:
        return _shared()

    def _model(self) -> Any:
        with self._lock:
            if self._diacritizer is None:
                # read by text2tashkeel when it builds the onnxruntime session: one thread, so a server
                # does not take every core (about 10 ms a sentence anyway)
                os.environ.setdefault("TT_ORT_THREADS", str(self.threads))
                from text2tashkeel import Diacritizer

                d = Diacritizer(self.model)
                d.backend  # noqa: B018 - build the session now, under the lock
                self._diacritizer = d
            return self._diacritizer

    @property
    def loaded(self) -> bool:
        return self._diacritizer is not None

    def vowelize(self, text: str) -> str:
        """``text`` with vowel marks added; nothing else changes (see the module doc)."""
        out = []
        for s in _sentences(text):
            if any(is_arabic_letter(c) for c in s):
                model = self._model()
                out.append(carry_marks(s, model.diacritize(s)))
            else:
                out.append(s)
        return "".join(out)


@lru_cache(maxsize=1)
def _shared() -> Vowelizer:
    return Vowelizer()


def vowelize(text: str) -> str:
    """``text`` with vowel marks added by the process's shared model."""
    return _shared().vowelize(text)


@dataclass(frozen=True)
class Vowelled:
    """A vowelled text and where each original offset went (marks are only ever inserted)."""

    text: str
    inserted_before: tuple[int, ...]  # original offsets before which marks were inserted, increasing
    inserted_upto: tuple[int, ...]  # marks inserted up to and including that point

    def at(self, offset: int) -> int:
        """Where original ``offset`` is in ``text``: a span [a, b) of the original is [at(a), at(b))."""
        k = bisect_right(self.inserted_before, offset)
        return offset + (self.inserted_upto[k - 1] if k else 0)


def marks_added(original: str, vowelled: str) -> Vowelled:
    """The offset map from ``original`` to ``vowelled``, which must be ``original`` with harakat
    inserted (raises ValueError otherwise). Marks inserted after a letter stay with that letter: a span
    ending after it ends after its marks."""
    before: list[int] = []
    upto: list[int] = []
    j = 0
    added = 0
    for i, ch in enumerate(original):
        while j < len(vowelled) and vowelled[j] != ch and vowelled[j] in HARAKAT:
            j += 1
            added += 1
        if j >= len(vowelled) or vowelled[j] != ch:
            raise ValueError("not the same text with marks added")
        if added and (not upto or upto[-1] != added):
            before.append(i)
            upto.append(added)
        j += 1
    if any(c not in HARAKAT for c in vowelled[j:]):
        raise ValueError("not the same text with marks added")
    if j < len(vowelled):
        before.append(len(original))
        upto.append(added + len(vowelled) - j)
    return Vowelled(vowelled, tuple(before), tuple(upto))
