"""Machine translation without waiting, in Chromium: an imported text opened on machine translation
starts a background job, its rows fill in while the learner reads (only the rows are redrawn, not the
whole page), the top of the text first; a reload, a visit to another page or a second tab loses
nothing and starts no second job. Structure only: the model has random weights.
"""

from __future__ import annotations

import itertools
import time

import pytest

from bilingual import translation
from bilingual.corpus import default_corpus
from bilingual.imports import texts as imported
from bilingual.store import Store
from tests.fixtures.learners import me
from tests.fixtures.tiny_argos import build_package
from tests.pages.browser import SHOTS, settle

#: Sentences of the imported text: enough for several model calls (a call takes up to 32 sentences).
SENTENCES = 150
MT_ROWS_JS = """() => [...document.querySelectorAll('.reader .row')].map(r => {
  const mt = r.querySelector('.en-mt .en');
  return !!mt && !mt.querySelector('.muted') && mt.textContent.trim().length > 0;
})"""


def _text() -> str:
    base = [s.ar for a in default_corpus() for s in a.sentences if s.kind == "text" and s.ar.endswith(".")]
    return "\n".join(f"{base[i % len(base)][:-1]} ({i + 1})." for i in range(SENTENCES))


@pytest.fixture(scope="module")
def long_text(server, tmp_path_factory):
    """A slower random model installed for the server, and a 150-sentence imported text to read."""
    pkg = build_package(tmp_path_factory.mktemp("slow-model"), layers=(2, 2), d_model=256, heads=4, ffn=1024,
                        vocab_size=8000, never_stop=True, sp_vocab_size=2000)
    translation.install_from_file(pkg, models_dir=server.data_dir / "argos-packages")
    store = Store(server.data_dir / "bilingual.sqlite3")
    tid = imported.save_text(store, _text(), title="A long text", owner=me(store))
    store.close()
    return imported.article_id_for(tid)


def _script_runs(page) -> dict[str, int]:
    """Counts the app's script runs the browser is told about, as they start: whole-page runs and
    fragment-only runs (a run is counted even when the next timed redraw cuts it short)."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    runs = {"page": 0, "fragment": 0}

    def frame(payload: bytes | str) -> None:
        if not isinstance(payload, bytes):
            return
        msg = ForwardMsg.FromString(payload)
        if msg.WhichOneof("type") == "new_session":
            runs["fragment" if msg.metadata.run.fragment_ids else "page"] += 1

    page.on("websocket", lambda ws: ws.on("framereceived", frame))
    return runs


def _translated(page) -> list[bool]:
    return page.evaluate(MT_ROWS_JS)


def test_rows_fill_in_while_the_learner_reads(page, server, long_text, browser):
    runs = _script_runs(page)
    page.goto(f"{server}/Reader?article={long_text}")
    page.wait_for_selector(".reader .row", timeout=60_000)
    seen: list[int] = []
    # (translated rows, whole-page runs, fragment runs) each time the count of translated rows changed
    steps: list[tuple[int, int, int]] = []
    first_rows: list[bool] | None = None
    deadline = time.monotonic() + 240
    reloaded = False
    while time.monotonic() < deadline:
        done = _translated(page)
        n = sum(done)
        if n and first_rows is None:
            first_rows = done
        if not seen or n != seen[-1]:
            seen.append(n)
            steps.append((n, runs["page"], runs["fragment"]))
        if n == SENTENCES:
            break
        if not reloaded and n >= 40:  # a reload in the middle loses nothing
            page.reload()
            page.wait_for_selector(".reader .row", timeout=60_000)
            page.wait_for_function(f"() => ({MT_ROWS_JS})().filter(x => x).length >= {n}", timeout=30_000)
            reloaded = True
            # a second tab on the same text joins the running job: no button to start another one
            other = browser.new_context().new_page()
            other.goto(f"{server}/Reader?article={long_text}")
            other.wait_for_selector(".reader .row", timeout=60_000)
            settle_text = other.inner_text('[data-testid="stMain"]')
            assert "Translate this article" not in settle_text
            other.context.close()
        time.sleep(0.25)
    assert seen[-1] == SENTENCES, f"not all rows were translated: {seen}"
    assert len([n for n in seen if 0 < n < SENTENCES]) >= 2, f"the rows did not fill in step by step: {seen}"
    assert first_rows is not None and first_rows[0] and first_rows[1]  # the top of the text first
    # the rows were redrawn on their own, not the whole page per model call: new rows appeared after
    # a fragment run with no whole-page run in between (how many such steps depends on the machine's
    # speed: a fast one finishes 150 sentences in a few redraws)
    by_fragment = [b for a, b in itertools.pairwise(steps) if b[0] > a[0] and b[1] == a[1] and b[2] > a[2]]
    assert by_fragment, f"no rows came by a fragment run alone: {steps} ({runs})"
    settle(page)
    text = page.inner_text('[data-testid="stMain"]')
    assert "Translating this article" not in text and "Translate this article" not in text
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "streamed.png"), full_page=False)
    assert page.outside == []


def test_the_library_is_translated_in_the_background_and_the_page_stays_usable(page, server, long_text):
    """The offer to pre-translate the library: while that job runs the learner opens a name's card and
    goes to another page; afterwards every curated article opens with its machine translation."""
    art = default_corpus()[0]
    page.goto(f"{server}/Reader?article={art.id}")
    page.wait_for_selector(".reader .row", timeout=60_000)
    page.get_by_text("Machine translation", exact=True).first.click()
    settle(page)
    page.get_by_text("Translate the whole library now").click()
    page.get_by_role("button", name="Translate the library").click()
    page.wait_for_selector("text=Translating the whole library", timeout=30_000)
    page.locator("a.gl[href]").first.click()  # a name's card opens in the same session
    page.wait_for_selector(".st-key-term_card", timeout=30_000)
    page.goto(f"{server}/Glossary")
    settle(page)
    page.goto(f"{server}/Reader?article={art.id}")
    page.wait_for_selector(".reader .row", timeout=60_000)
    store = Store(server.data_dir / "bilingual.sqlite3")
    model = translation.installed_model(server.data_dir / "argos-packages")
    library = list(dict.fromkeys(s.ar for a in default_corpus() for s in a.sentences))
    deadline = time.monotonic() + 240
    while len(translation.cached_translations(store, library, model)) < len(library) and time.monotonic() < deadline:
        time.sleep(0.5)
    store.close()
    assert len(translation.cached_translations(Store(server.data_dir / "bilingual.sqlite3"), library, model)) == len(library)
    page.wait_for_function(f"() => ({MT_ROWS_JS})().filter(x => x).length == {art.sentence_count}", timeout=60_000)
    settle(page)
    assert "Translate the whole library now" not in page.inner_text('[data-testid="stMain"]')
    assert page.outside == []
