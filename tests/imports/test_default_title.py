"""The title of a text the learner did not name: its first sentence, shortened at a word boundary."""

from __future__ import annotations

import pytest

from bilingual.imports import texts as imported
from bilingual.imports.clean import DEFAULT_TITLE_CHARS, default_title
from bilingual.store import Store
from tests.fixtures.learners import me

LONG = (
    "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو يوم الاثنين في زيارة رسمية تستمر يومين يبحث خلالها "
    "مع نظيره الأذربيجاني الوضع في ممر لاتشين. وقال إن الوضع هادئ."
)


@pytest.mark.parametrize(
    "text, title",
    [
        ("زار لافروف باكو أمس. وقال إن الحدود هادئة.", "زار لافروف باكو أمس"),  # the first sentence, no full stop
        ("هل تنجح المحادثات؟ قال لافروف ذلك.", "هل تنجح المحادثات؟"),  # its own question mark kept
        ("\n\nلافروف يصل إلى موسكو\nنص المقال.", "لافروف يصل إلى موسكو"),  # a heading line stands alone
        (LONG, "وصل وزير الخارجية الروسي سيرغي لافروف إلى باكو يوم الاثنين…"),
    ],
)
def test_default_title(text, title):
    assert default_title(text) == title


def test_a_long_first_sentence_is_cut_after_a_whole_word_with_the_ellipsis_at_its_end():
    title = default_title(LONG)
    assert len(title) <= DEFAULT_TITLE_CHARS + 1 and title.endswith("…")
    kept = title.removesuffix("…")
    assert LONG.startswith(kept) and LONG[len(kept)] == " "  # cut at a word boundary
    assert kept.split(" ")[-1] == "الاثنين"  # the last word is whole
    # a comma before the cut does not dangle before the ellipsis
    assert default_title("قال لافروف، " * 10).endswith("لافروف…")


def test_an_imported_text_without_a_title_gets_it(data_dir):
    store = Store()
    tid = imported.save_text(store, LONG, owner=me(store))
    assert imported.get_text(store, tid, owner=me(store)).title == default_title(LONG)
    art = imported.get_article(store, imported.article_id_for(tid), reader=me(store))
    assert art.display_title == art.title_ar == default_title(LONG)
    # the learner's own title wins
    tid2 = imported.save_text(store, "نص آخر عن لافروف.", title="Lavrov, my notes", owner=me(store))
    assert imported.get_text(store, tid2, owner=me(store)).title == "Lavrov, my notes"
