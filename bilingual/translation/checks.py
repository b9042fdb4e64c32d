"""Checks on a machine translation: are the glossary's names in it, and how close is it to the reference?

- ``glossary_checks``: for each name mentioned in the Arabic, is its English name (or a variant)
  in the MT? A miss is what the reader flags ("MT may have garbled: Lachin corridor").
- ``chrf``: sentence-level chrF against the reference (sacrebleu).
- ``align``: sentence id, Arabic, MT, reference, chrF and checks, side by side (the CLI's output).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from bilingual.glossary import Glossary
from bilingual.matcher import Mention, annotate, find_english

__all__ = ["LOW_CHRF", "AlignedSentence", "GlossaryCheck", "align", "chrf", "glossary_checks"]

#: Below this sentence chrF the reader marks "low agreement with the reference" (when asked to).
LOW_CHRF = 35.0


@dataclass(frozen=True)
class GlossaryCheck:
    entry_id: str
    english: str
    found: bool




def glossary_checks(target: str, mentions: Sequence[Mention], glossary: Glossary) -> list[GlossaryCheck]:
    """For each glossary entry mentioned in the Arabic sentence (once each, in order of first
    mention): does the MT contain its English name or an accepted variant?"""
    ids = [eid for eid in dict.fromkeys(m.entry_id for m in mentions) if glossary.get(eid) is not None]
    if not ids:
        return []
    # one entry at a time: find_english keeps the longest non-overlapping match, and "Lachin
    # corridor" in the MT must not hide that "Lachin" (also mentioned) is there too
    hit = {eid for eid in ids if find_english(target or "", glossary, [eid])}
    return [GlossaryCheck(eid, glossary.get(eid).en, eid in hit) for eid in ids]


_CHRF = None


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence-level chrF (sacrebleu defaults: character 6-grams, β = 2), 0..100."""
    global _CHRF
    if _CHRF is None:
        from sacrebleu.metrics import CHRF

        _CHRF = CHRF()
    return float(_CHRF.sentence_score(hypothesis or "", [reference or ""]).score)


@dataclass(frozen=True)
class AlignedSentence:
    id: str
    source: str
    target: str
    reference: str | None = None
    chrf: float | None = None
    checks: tuple[GlossaryCheck, ...] = ()

    def to_dict(self) -> dict:
        return {
            "id": self.id,
            "ar": self.source,
            "mt": self.target,
            "reference": self.reference,
            "chrf": None if self.chrf is None else round(self.chrf, 2),
            "glossary": [asdict(c) for c in self.checks],
            "mt_may_have_garbled": [c.english for c in self.checks if not c.found],
        }


def align(
    ids: list[str],
    sources: list[str],
    targets: list[str],
    references: dict[str, str] | None = None,
    glossary: Glossary | None = None,
) -> list[AlignedSentence]:
    """Pair each sentence id with its source, MT, reference (if any), chrF and glossary checks."""
    out = []
    for sid, src, tgt in zip(ids, sources, targets, strict=True):
        ref = (references or {}).get(sid)
        checks: tuple[GlossaryCheck, ...] = ()
        if glossary is not None:
            checks = tuple(glossary_checks(tgt, annotate(src, glossary), glossary))
        out.append(AlignedSentence(sid, src, tgt, ref, chrf(tgt, ref) if ref else None, checks))
    return out
