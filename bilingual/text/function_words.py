"""Arabic function words: the one stop-list (prepositions, conjunctions, particles, pronouns...).

A glossary form that is one of these (or one of these with proclitics attached, وفي، ومن، بأن) would
be highlighted all over every text: ``in``, ``from``, ``that`` are not names. The glossary refuses
such forms (``bilingual.glossary.form_problem``). Keys are normalized like every match key
(``bilingual.text.normalize``), so على and علي are one key: a single-word form علي would match every
على "on" in a text, and is refused for that reason.
"""

from __future__ import annotations

from bilingual.text.clitics import PROCLITICS
from bilingual.text.normalize import normalize

__all__ = ["FUNCTION_WORDS", "function_word"]

_WORDS = """
في من إلى على عن مع حتى منذ مذ عند لدى بين حول خلال قبل بعد فوق تحت أمام خلف وراء دون بدون ضد نحو
عبر ضمن عدا سوى غير مثل إزاء تجاه
ثم أو أم بل لكن إن أن كأن لأن لعل ليت لا لم لن ما قد لقد سوف هل إذا إذ إذن لو لولا كي لكي
حيث كما أما إما إلا ألا أي كل بعض جميع كلا كلتا عدة أيضا فقط جدا الآن عندما بينما حين حينما ثمة
أنا نحن أنت أنتم أنتن هو هي هما هم هن إياه إياها إياهم
هذا هذه هذان هاتان ذلك تلك ذاك هؤلاء أولئك هنا هناك هنالك
الذي التي الذين اللذان اللتان اللواتي اللاتي
متى أين كيف لماذا ماذا كم
كان كانت كانوا يكون تكون ليس ليست
ال
"""

#: The stop-list as normalized keys.
FUNCTION_WORDS: frozenset[str] = frozenset(normalize(w) for w in _WORDS.split())


def function_word(word_key: str) -> str | None:
    """The function word a normalized word key is, alone or after proclitics (ومن → من); None if none."""
    if word_key in FUNCTION_WORDS:
        return word_key
    for n in range(1, len(word_key)):
        if word_key[:n] in PROCLITICS and word_key[n:] in FUNCTION_WORDS:
            return word_key[n:]
    return None
