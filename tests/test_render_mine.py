"""A learner's own term is marked "mine" wherever it is shown: hover text and term card."""

from __future__ import annotations

import dataclasses

from bilingual import render
from bilingual.glossary import ORIGIN_MINE, Entry, EntryType

CURATED = Entry("yerevan", EntryType.PLACE, "يريفان", "Yerevan", description="Capital of Armenia.", lat=40.18, lon=44.51)
MINE = dataclasses.replace(CURATED, id="gyumri", ar="غيومري", en="Gyumri", origin=ORIGIN_MINE)


def test_the_tooltip_says_mine_for_a_personal_term_only():
    assert render.tooltip_text(MINE).splitlines()[0] == "Gyumri · Place · mine"
    assert "mine" not in render.tooltip_text(CURATED)


def test_the_term_card_says_mine_for_a_personal_term_only():
    for full in (False, True):
        assert "mine · your own term" in render.term_card_html(MINE, full=full)
        assert "mine" not in render.term_card_html(CURATED, full=full)
