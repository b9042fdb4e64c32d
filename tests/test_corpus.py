"""The five seed articles as a structured corpus with aligned reference translations."""

from __future__ import annotations

from pathlib import Path

import pytest

from bilingual import paths
from bilingual.corpus import build_article_dict, load_article, load_corpus
from bilingual.datafile import dump_yaml
from bilingual.errors import DataError

EXPECTED_SEEDS = {
    "000_33a46d52206eb315.txt",
    "001_bc99a3831e3b3ed2.txt",
    "002_ab924b65eb77ff68.txt",
    "003_580eb0930ae513f5.txt",
    "004_7869ac890df7723d.txt",
}
CHROME = ["بالفيديو", "هل أعجبك الموضوع", "اخترنا لك", "شاركه مع أصدقائك", "سيرياهوم نيوز3", "الأحد 16 يونيو 2024"]


@pytest.fixture(scope="module")
def corpus():
    return load_corpus()


def test_all_five_seeds_are_articles(corpus):
    assert {a.seed for a in corpus} == EXPECTED_SEEDS
    assert len({a.id for a in corpus}) == 5


def test_sentence_ids_unique_within_each_article(corpus):
    for art in corpus:
        ids = [s.id for s in art.sentences]
        assert len(ids) == len(set(ids)), art.id


def test_every_sentence_has_a_reference_translation(corpus):
    for art in corpus:
        missing = [s.id for s in art.sentences if not art.reference.get(s.id, "").strip()]
        assert not missing, f"{art.id}: untranslated {missing}"
        assert set(art.reference) <= {s.id for s in art.sentences}


def test_wording_kept_character_for_character(corpus):
    assert paths.SEEDS_DIR.exists(), "../shared/seeds must sit beside the repo"
    for art in corpus:
        raw = (paths.SEEDS_DIR / art.seed).read_text(encoding="utf-8")
        for s in art.sentences:
            assert s.ar in raw, f"{art.id}/{s.id} is not verbatim from {art.seed}"


def test_page_chrome_dropped_and_recorded(corpus):
    text = "\n".join(s.ar for a in corpus for s in a.sentences)
    for chrome in CHROME:
        assert chrome not in text
    dropped = [d for a in corpus for d in a.dropped]
    assert "اخترنا لك" in dropped and "هل أعجبك الموضوع؟ شاركه مع أصدقائك!" in dropped


def test_subheadings_of_article_002_are_headings(corpus):
    art = next(a for a in corpus if a.seed.startswith("002"))
    headings = [p.sentences[0].ar for p in art.paragraphs if p.kind == "heading"]
    assert len(headings) == 4
    assert "زيادة التبادل التجاري بين روسيا وأذربيجان" in headings


def test_metadata_present(corpus):
    for art in corpus:
        assert art.title_ar and art.title_en and art.outlet and art.date
        assert art.word_count > 100 and art.sentence_count >= 10
    by_seed = {a.seed[:3]: a for a in corpus}
    assert by_seed["000"].date == "2023-01-19" and not by_seed["000"].date_inferred
    assert by_seed["003"].date == "2020-10-09"
    assert by_seed["004"].date_inferred


def test_build_article_from_text_segments_drops_and_marks():
    text = "بالفيديو..\n\nعنوان الخبر\n\nقال لافروف إن \"الوضع صعب\". وأضاف أن الحل ممكن.\nعنوان فرعي\nجملة أخيرة؟\nاخترنا لك\n"
    data = build_article_dict(text, "x", drop=["بالفيديو..", "اخترنا لك"], headings=["عنوان فرعي"], title_line="عنوان الخبر")
    kinds = [p["kind"] for p in data["paragraphs"]]
    assert kinds == ["title", "text", "heading", "text"]
    assert [s["ar"] for s in data["paragraphs"][1]["sentences"]] == ['قال لافروف إن "الوضع صعب".', "وأضاف أن الحل ممكن."]
    assert data["dropped"] == ["بالفيديو..", "اخترنا لك"]
    ids = [s["id"] for p in data["paragraphs"] for s in p["sentences"]]
    assert ids == ["s001", "s002", "s003", "s004", "s005"]


def _write_article(tmp: Path, body: str) -> Path:
    p = tmp / "a.yaml"
    p.write_text(body, encoding="utf-8")
    return p


GOOD = """id: a
title_ar: عنوان
title_en: Title
outlet: العالم
date: '2023-01-19'
paragraphs:
- id: p01
  kind: text
  sentences:
  - id: s001
    ar: جملة.
"""


@pytest.mark.parametrize(
    "body, field, message",
    [
        (GOOD.replace("title_en: Title\n", ""), "title_en", "missing"),
        (GOOD.replace("kind: text", "kind: poem"), "kind", "must be one of"),
        (GOOD.replace("  - id: s001\n    ar: جملة.\n", "  - id: s001\n    ar: جملة.\n  - id: s001\n    ar: أخرى.\n"), "id", "duplicate"),
        (GOOD.replace("ar: جملة.", "ar: [1, 2]"), "ar", "expected text, got a list"),
        (GOOD.split("paragraphs:")[0] + "paragraphs: oops\n", "paragraphs", "expected a list, got text ('oops')"),
        ("id: a\n  bad: [\n", "yaml", "not valid YAML"),
    ],
)
def test_malformed_article_names_file_entry_and_field(tmp_path, body, field, message):
    path = _write_article(tmp_path, body)
    with pytest.raises(DataError) as err:
        load_article(path, tmp_path / "none")
    assert err.value.field == field
    assert message in err.value.message
    assert str(path) in str(err.value)


def test_reference_pointing_at_missing_sentence_is_an_error(tmp_path):
    path = _write_article(tmp_path, GOOD)
    ref = tmp_path / "ref"
    dump_yaml({"article": "a", "sentences": {"s001": "A sentence.", "s999": "Orphan."}}, ref / "a.yaml")
    with pytest.raises(DataError) as err:
        load_article(path, ref)
    assert "s999" in str(err.value) and "no such sentence" in str(err.value)


def test_source_notes_sit_under_their_sentences(corpus):
    """Issue 16: where the source itself is wrong or loose, the sentence carries a short English note."""
    notes = {s.uid: s.note for a in corpus for s in a.sentences if s.note}
    assert set(notes) == {
        "moscow-hosts-peace-talks-2020/s012",
        "lavrov-baku-peace-treaty-2023/s013",
        "lavrov-baku-peace-treaty-2023/s015",
        "lavrov-baku-peace-treaty-2023/s027",
        "pashinyan-appeal-lavrov-turkey-2020/s001",
    }
    assert "Pashinyan" in notes["moscow-hosts-peace-talks-2020/s012"]
    assert "9 November 2020" in notes["lavrov-baku-peace-treaty-2023/s013"]
    assert "1997 Treaty of Friendship" in notes["pashinyan-appeal-lavrov-turkey-2020/s001"]
    assert all(len(n) <= 300 for n in notes.values())


def test_outlets_name_their_glossary_entries(corpus):
    """The outlet links to its entry by id, so «العالم» ("the world") need not be a glossary form."""
    from bilingual.glossary import default_glossary

    by_id = {a.id: a.outlet_entry for a in corpus}
    assert by_id["lavrov-border-mission-2023"] == ("al-alam",)
    assert by_id["lavrov-baku-peace-treaty-2023"] == ("syriahomenews", "al-mayadeen")
    assert by_id["pashinyan-appeal-lavrov-turkey-2020"] == ("turk-press",)
    assert by_id["moscow-hosts-peace-talks-2020"] == by_id["lavrov-shoigu-yerevan-2020"] == ()
    assert "العالم" not in default_glossary().get("al-alam").ar_forms


def test_a_note_and_an_outlet_entry_are_read_from_the_file(tmp_path):
    body = GOOD.replace("outlet: العالم\n", "outlet: العالم\noutlet_entry: al-alam\n") + "    note: 'The source says \"x\"; it was y.'\n"
    art = load_article(_write_article(tmp_path, body), tmp_path / "none")
    assert art.outlet_entry == ("al-alam",)
    assert art.sentence("s001").note == 'The source says "x"; it was y.'
    plain = load_article(_write_article(tmp_path, GOOD), tmp_path / "none")
    assert plain.outlet_entry == () and plain.sentence("s001").note == ""
