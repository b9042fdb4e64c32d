"""Offline MT: install, status, translate, cache, checks — on a random-weight Argos package built here.

The package is structurally real (zip, one top folder, metadata.json, CTranslate2 model/,
sentencepiece.model) but its output is gibberish: tests assert structure and counts, never wording.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import shutil
import subprocess
import sys
import threading
import zipfile
from pathlib import Path

import pytest

from bilingual import paths, translation
from bilingual.corpus import default_corpus
from bilingual.errors import FaultKind, StoreFault
from bilingual.store import Store
from bilingual.translation import InstallError, ModelNotInstalled
from bilingual.translation import engine as tr_engine
from bilingual.translation import install as tr_install
from tests.conftest import as_unprivileged
from tests.fixtures.tiny_argos import build_package

ROOT = Path(__file__).resolve().parents[2]


# --- packages built once per session ----------------------------------------------------------


@pytest.fixture(scope="session")
def tiny_pkg_v2(pkg_dir) -> Path:
    return build_package(pkg_dir / "v1_1", version="1.1", seed=2)


def _rewrite_zip(src: Path, dst: Path, edit) -> Path:
    """Copy an archive, passing each (name, bytes) through ``edit`` (return None to drop it)."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for info in zin.infolist():
            out = edit(info.filename, zin.read(info.filename))
            if out is not None:
                name, data = out
                zout.writestr(name, data)
    return dst


@pytest.fixture(scope="session")
def wrong_pair_pkg(tiny_pkg, pkg_dir) -> Path:
    def edit(name, data):
        if name.endswith("metadata.json"):
            meta = json.loads(data)
            meta.update(from_code="fr", from_name="French")
            return name, json.dumps(meta).encode()
        return name, data

    return _rewrite_zip(tiny_pkg, pkg_dir / "translate-fr_en-1_0.argosmodel", edit)


@pytest.fixture
def sources() -> list[str]:
    art = default_corpus()[0]
    return [s.ar for s in art.sentences]



def _package_dirs() -> list[str]:
    d = paths.models_dir()
    return sorted(p.name for p in d.iterdir()) if d.exists() else []


def _staging_leftovers() -> list[str]:
    st = tr_install.staging_dir(paths.models_dir())
    return sorted(p.name for p in st.iterdir() if p.name != "install.lock") if st.exists() else []


def _cli(*args: str, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, **(env_extra or {})}
    return subprocess.run([sys.executable, "-m", "bilingual", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


# --- without a model ------------------------------------------------------------------------------


def test_module_import_is_light_and_offline():
    code = (
        "import sys; import bilingual.translation as t, bilingual.cli as c; c.build_parser(); "
        "t.installed_model(); "
        "heavy = [m for m in ('ctranslate2', 'sentencepiece', 'argostranslate', 'torch', 'sacrebleu', 'urllib.request') if m in sys.modules]; "
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_without_model_everything_says_not_installed(data_dir, store, sources):
    assert translation.installed_model() is None
    assert translation.cached_translations(store, sources) == {}
    with pytest.raises(ModelNotInstalled) as exc:
        translation.translate_sentences(sources, store)
    assert "model install" in str(exc.value)
    status = _cli("model", "status", "--json")
    assert status.returncode == 0
    data = json.loads(status.stdout)
    assert data["installed"] is False and "model install" in data["how_to_install"]
    plain = _cli("model", "status")
    assert plain.returncode == 0 and "model install" in plain.stdout
    tr = _cli("translate", "--text", "مرحبا.")
    assert tr.returncode == 3 and "model install" in tr.stderr


# --- install ----------------------------------------------------------------------------------------


def test_install_from_file_creates_dirs_reports_progress_and_status(data_dir, tiny_pkg):
    assert not data_dir.exists()
    seen: list[tuple[float, str]] = []
    info = translation.install_from_file(tiny_pkg, progress=lambda f, m: seen.append((f, m)))
    assert (info.from_code, info.to_code, info.version) == ("ar", "en", "1.0")
    assert info.path.parent == paths.models_dir() and (info.path / "model" / "model.bin").is_file()
    assert info.size_bytes > 0 and len(info.checksum) == 64
    assert info.key == f"{info.name}@1.0#{info.checksum[:16]}"
    fractions = [f for f, _ in seen]
    assert len(seen) >= 3 and fractions == sorted(fractions) and fractions[-1] == 1.0
    assert translation.installed_model() == info
    assert _staging_leftovers() == []
    # argostranslate's own loader accepts what we installed (every folder holds a metadata.json)
    from argostranslate.package import get_installed_packages

    pkgs = get_installed_packages([paths.models_dir()])
    assert [(p.from_code, p.to_code) for p in pkgs] == [("ar", "en")]

    status = json.loads(_cli("model", "status", "--json").stdout)
    assert status["installed"] is True
    assert {k: status["model"][k] for k in ("name", "version", "path", "size_bytes")} == {
        "name": info.name, "version": info.version, "path": str(info.path), "size_bytes": info.size_bytes}
    plain = _cli("model", "status")
    assert plain.returncode == 0 and info.name in plain.stdout and str(info.path) in plain.stdout


def test_reinstall_and_upgrade_keep_one_model(data_dir, tiny_pkg, tiny_pkg_v2, store, sources):
    first = translation.install_from_file(tiny_pkg)
    again = translation.install_from_file(tiny_pkg)
    assert again.key == first.key and _package_dirs() == [first.path.name]
    newer = translation.install_from_file(tiny_pkg_v2)
    assert newer.version == "1.1" and newer.key != first.key
    assert _package_dirs() == [newer.path.name]
    assert translation.installed_model() == newer
    run = translation.translate_sentences(sources[:3], store)
    assert run.model == newer and run.model_calls == len(set(sources[:3]))


def test_macos_rezipped_package_installs(data_dir, tiny_pkg, tmp_path):
    rezipped = _rewrite_zip(tiny_pkg, tmp_path / "mac.argosmodel", lambda n, d: (n, d))
    with zipfile.ZipFile(rezipped, "a") as zf:
        zf.writestr("__MACOSX/translate-ar_en-1_0/._metadata.json", b"\x00\x05")
    info = translation.install_from_file(rezipped, models_dir=data_dir / "elsewhere")
    assert translation.installed_model(data_dir / "elsewhere") == info
    assert sorted(p.name for p in (data_dir / "elsewhere").iterdir()) == ["translate-ar_en-1_0"]


@pytest.mark.parametrize(
    "kind",
    ["not-a-zip", "truncated", "wrong-pair", "two-top-folders", "no-metadata", "no-model", "bad-model", "unsafe-path"],
)
def test_bad_package_is_refused_and_previous_model_still_works(kind, data_dir, tiny_pkg, wrong_pair_pkg, tmp_path, store, sources):
    previous = translation.install_from_file(tiny_pkg)
    before = _package_dirs()
    bad = tmp_path / f"{kind}.argosmodel"
    if kind == "not-a-zip":
        bad.write_bytes(b"<html>404 Not Found</html>" * 20)
    elif kind == "truncated":
        data = tiny_pkg.read_bytes()
        bad.write_bytes(data[: len(data) // 2])
    elif kind == "wrong-pair":
        bad = wrong_pair_pkg
    elif kind == "two-top-folders":
        _rewrite_zip(tiny_pkg, bad, lambda n, d: (n, d))
        with zipfile.ZipFile(bad, "a") as zf:
            zf.writestr("other/readme.txt", "x")
    elif kind == "no-metadata":
        _rewrite_zip(tiny_pkg, bad, lambda n, d: None if n.endswith("metadata.json") else (n, d))
    elif kind == "no-model":
        _rewrite_zip(tiny_pkg, bad, lambda n, d: None if "/model/" in n else (n, d))
    elif kind == "bad-model":
        _rewrite_zip(tiny_pkg, bad, lambda n, d: (n, b"\x00garbage" * 50) if n.endswith("model.bin") else (n, d))
    elif kind == "unsafe-path":
        _rewrite_zip(tiny_pkg, bad, lambda n, d: (n, d))
        with zipfile.ZipFile(bad, "a") as zf:
            zf.writestr("translate-ar_en-1_0/../../escape.txt", "x")
    with pytest.raises(InstallError) as exc:
        translation.install_from_file(bad)
    assert str(exc.value)  # a message for the user
    assert _package_dirs() == before and _staging_leftovers() == []
    assert translation.installed_model() == previous
    run = translation.translate_sentences(sources[:2], store)
    assert len(run.targets) == 2 and all(run.targets)
    assert not (data_dir.parent / "escape.txt").exists() and not (data_dir / "escape.txt").exists()


def test_cli_install_from_file_errors_are_messages_not_tracebacks(data_dir, wrong_pair_pkg, tmp_path):
    missing = _cli("model", "install", "--from-file", str(tmp_path / "nope.argosmodel"))
    wrong = _cli("model", "install", "--from-file", str(wrong_pair_pkg))
    for out in (missing, wrong):
        assert out.returncode == 1 and "error:" in out.stderr and "Traceback" not in out.stderr
    assert _package_dirs() == []


def test_interrupted_install_leaves_previous_model(data_dir, tiny_pkg, tiny_pkg_v2, store, sources):
    previous = translation.install_from_file(tiny_pkg)

    def interrupt(fraction, message):
        if fraction > 0.3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        translation.install_from_file(tiny_pkg_v2, progress=interrupt)
    assert translation.installed_model() == previous
    assert _package_dirs() == [previous.path.name] and _staging_leftovers() == []
    assert all(translation.translate_sentences(sources[:2], store).targets)


def test_crash_mid_install_leftovers_are_ignored_then_cleaned(data_dir, tiny_pkg, tiny_pkg_v2):
    previous = translation.install_from_file(tiny_pkg)
    # what a killed process leaves behind: a half-unpacked folder and a partial download
    staging = tr_install.staging_dir(paths.models_dir())
    (staging / "install-dead" / "translate-ar_en-1_1" / "model").mkdir(parents=True)
    (staging / "download-dead.argosmodel.part").write_bytes(b"PK\x03\x04 partial")
    assert translation.installed_model() == previous
    newer = translation.install_from_file(tiny_pkg_v2)
    assert translation.installed_model() == newer and _staging_leftovers() == []


def test_failure_while_swapping_restores_previous(data_dir, tiny_pkg, monkeypatch):
    previous = translation.install_from_file(tiny_pkg)
    real_rename = os.rename
    calls = []

    def flaky(src, dst):
        calls.append((src, dst))
        if len(calls) == 2:  # old moved aside, new about to move in: fail here
            raise OSError(28, "No space left on device")
        return real_rename(src, dst)

    monkeypatch.setattr(tr_install.os, "rename", flaky)
    with pytest.raises(InstallError):
        translation.install_from_file(tiny_pkg)
    monkeypatch.setattr(tr_install.os, "rename", real_rename)
    assert translation.installed_model() == previous and (previous.path / "model" / "model.bin").is_file()


def test_unwritable_data_dir_gives_clear_message(tmp_path, monkeypatch, tiny_pkg):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("BILINGUAL_DATA_DIR", str(blocker / "data"))
    with pytest.raises(InstallError) as exc:
        translation.install_from_file(tiny_pkg)
    assert str(blocker / "data") in str(exc.value)
    out = _cli("model", "install", "--from-file", str(tiny_pkg), env_extra={"BILINGUAL_DATA_DIR": str(blocker / "data")})
    assert out.returncode == 1 and "Traceback" not in out.stderr


def test_read_only_data_dir_gives_clear_message(shared_dir, tiny_pkg, monkeypatch):
    """A data folder the user cannot write (as root too: the install runs as an unprivileged user)."""
    data = shared_dir / "data"
    data.mkdir(mode=0o555)
    data.chmod(0o555)
    pkg = shutil.copy(tiny_pkg, shared_dir / tiny_pkg.name)
    Path(pkg).chmod(0o644)
    monkeypatch.setenv("BILINGUAL_DATA_DIR", str(data))

    def install() -> None:
        with pytest.raises(InstallError) as exc:
            translation.install_from_file(Path(pkg))
        assert str(data) in str(exc.value)
        assert translation.installed_model() is None

    as_unprivileged(install)


# --- install from the index (loopback server only) ---------------------------------------------------


@pytest.fixture
def index_server(tmp_path, tiny_pkg, monkeypatch):
    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(tiny_pkg, root / "translate-ar_en-1_0.argosmodel")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a, **k: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.RequestHandlerClass.log_message = lambda *a, **k: None
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    for var in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")

    def write_index(entries):
        (root / "index.json").write_text(json.dumps(entries))
        return f"{base}/index.json"

    yield base, write_index
    server.shutdown()
    server.server_close()


def _index_entry(links, **kw):
    return {"code": "translate-ar_en", "package_version": "1.0", "argos_version": "1.0", "from_code": "ar", "to_code": "en",
            "from_name": "Arabic", "to_name": "English", "type": "translate", "links": links, **kw}


def test_install_from_index_over_loopback(data_dir, index_server):
    base, write_index = index_server
    url = write_index([
        {**_index_entry([f"{base}/x.argosmodel"]), "from_code": "fr"},
        _index_entry([f"{base}/missing.argosmodel", f"{base}/translate-ar_en-1_0.argosmodel"]),  # first mirror 404s
    ])
    seen: list[tuple[float, str]] = []
    info = translation.install_from_index(progress=lambda f, m: seen.append((f, m)), url=url)
    assert info.from_code == "ar" and translation.installed_model() == info
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions) and fractions[-1] == 1.0
    assert any(0 < f < 0.8 for f in fractions)  # download progress moved
    assert _staging_leftovers() == []
    # the CLI uses the same route ($BILINGUAL_ARGOS_INDEX)
    out = _cli("model", "install", env_extra={tr_install.INDEX_URL_ENV: url, "no_proxy": "127.0.0.1,localhost"})
    assert out.returncode == 0, out.stderr


def test_install_from_index_failures_change_nothing(data_dir, index_server, tiny_pkg):
    base, write_index = index_server
    previous = translation.install_from_file(tiny_pkg)
    for entries in ([_index_entry([f"{base}/missing.argosmodel"])], [{**_index_entry([f"{base}/x"]), "to_code": "de"}], {"not": "a list"}):
        with pytest.raises(InstallError):
            translation.install_from_index(url=write_index(entries))
    with pytest.raises(InstallError):
        translation.install_from_index(url=f"{base}/no-index-here.json")
    assert translation.installed_model() == previous and _staging_leftovers() == []


# --- translate + cache --------------------------------------------------------------------------------


def test_one_output_per_sentence_and_cache_hits(installed, store, sources):
    n, distinct = len(sources), len(set(sources))
    ticks: list[tuple[int, int]] = []
    first = translation.translate_sentences(sources, store, progress=lambda d, t: ticks.append((d, t)))
    assert len(first.targets) == n and all(t.strip() for t in first.targets)
    assert (first.model_calls, first.cache_hits) == (distinct, n - distinct)
    assert first.batches == -(-distinct // translation.loaded_engine().wave)
    assert ticks[-1] == (n, n) and [d for d, _ in ticks] == sorted(d for d, _ in ticks)

    eng = translation.loaded_engine()
    calls_before = eng.calls
    second = translation.translate_sentences(sources, store)
    assert (second.model_calls, second.cache_hits, second.targets) == (0, n, first.targets)
    assert eng.calls == calls_before  # zero model calls
    assert translation.cached_translations(store, sources) == dict(zip(sources, first.targets, strict=False))

    extra = "هذه جملة جديدة لم تترجم من قبل."
    third = translation.translate_sentences([*sources[:3], extra, extra], store)
    assert (third.model_calls, third.cache_hits) == (1, 3) and third.targets[3] == third.targets[4]
    assert translation.loaded_engine() is eng  # loaded once per process


def test_batches_split_across_workers_and_outputs_stay_in_order(installed, sources):
    eng = translation.Engine(installed, threads=2)
    toks = eng.encode(sources)
    groups = eng.batches(toks)
    assert sorted(j for g in groups for j in g) == list(range(len(toks)))  # every sentence once
    assert len(groups) == max(2, -(-len(toks) // tr_engine.CHUNK_SIZE))  # a batch per worker
    assert all(len(g) <= tr_engine.CHUNK_SIZE for g in groups)
    longest = [max(len(toks[j]) for j in g) for g in groups]
    assert longest == sorted(longest)  # length-sorted: short sentences are not padded to long ones
    # sentences of distinct lengths: the same batches whatever the input order, so the outputs of the
    # reversed input must be the reversed outputs (each English line stays with its Arabic sentence)
    picked = list({len(t): s for t, s in zip(toks, sources, strict=False)}.values())[:5]
    forward = eng.translate(picked)
    assert eng.translate(picked[::-1]) == forward[::-1] and eng.calls == 2
    assert len(forward) == len(picked) and all(forward)


def test_model_loads_only_when_needed(installed, store, sources):
    tr_engine.drop_engine()
    translation.translate_sentences(sources[:2], store)
    tr_engine.drop_engine()
    assert translation.cached_translations(store, sources[:2])
    run = translation.translate_sentences(sources[:2], store)
    assert run.model_calls == 0 and translation.loaded_engine() is None


def test_refresh_and_beam_keys(installed, store, sources):
    few = sources[:4]
    translation.translate_sentences(few, store)
    rows = store.query("SELECT COUNT(*) AS n FROM mt_cache")[0]["n"]
    again = translation.translate_sentences(few, store, refresh=True)
    assert (again.model_calls, again.cache_hits) == (len(set(few)), 0)
    assert store.query("SELECT COUNT(*) AS n FROM mt_cache")[0]["n"] == rows
    beam1 = translation.translate_sentences(few, store, beam_size=1)
    assert beam1.model_calls == len(set(few))  # another decoder, another cache entry
    assert translation.translate_sentences(few, store, beam_size=1).model_calls == 0
    assert translation.translate_sentences(few, store).model_calls == 0


def test_empty_sentences_cost_nothing(installed, store):
    run = translation.translate_sentences(["", "   ", "مرحبا."], store)
    assert run.targets[:2] == ["", ""] and run.targets[2] and run.model_calls == 1
    assert translation.translate_sentences([], store).targets == []


def test_unreadable_cache_mid_session_degrades_to_a_warning(installed, sources):
    class BrokenStore:
        def query(self, *a, **k):
            raise StoreFault(FaultKind.IO, "the disk could not be read or written")

        def transaction(self):
            raise StoreFault(FaultKind.IO, "the disk could not be read or written", write=True)

    run = translation.translate_sentences(sources[:3], BrokenStore())
    assert len(run.targets) == 3 and all(run.targets) and run.cache_warning and run.warnings
    assert translation.cached_translations(BrokenStore(), sources[:3]) == {}


def test_cli_translate_persists_across_restarts(installed):
    art = default_corpus()[0]
    first = _cli("translate", "--article", art.id, "--json")
    assert first.returncode == 0, first.stderr
    a = json.loads(first.stdout)
    assert [s["id"] for s in a["sentences"]] == [s.id for s in art.sentences]
    assert [s["ar"] for s in a["sentences"]] == [s.ar for s in art.sentences]
    assert all(s["mt"] for s in a["sentences"])
    distinct = len({s.ar for s in art.sentences})
    assert a["model_calls"] == distinct and a["model"]["key"] == installed.key
    if art.reference:
        scored = [s for s in a["sentences"] if s["reference"]]
        assert scored and all(0 <= s["chrf"] <= 100 for s in scored)
    second = json.loads(_cli("translate", "--article", art.id, "--json").stdout)  # a new process
    assert (second["model_calls"], second["cache_hits"]) == (0, len(art.sentences))
    assert [s["mt"] for s in second["sentences"]] == [s["mt"] for s in a["sentences"]]
    refreshed = json.loads(_cli("translate", "--article", art.id, "--json", "--refresh").stdout)
    assert refreshed["model_calls"] == distinct

    text = _cli("translate", "--text", "قال لافروف إن المحادثات ستستمر. وأضاف أن الوضع هادئ؟\nسطر ثالث", "--json")
    t = json.loads(text.stdout)
    assert [s["id"] for s in t["sentences"]] == ["s001", "s002", "s003"]
    plain = _cli("translate", "--text", "مرحبا. كيف حالك؟")
    assert plain.returncode == 0 and "[s001]" in plain.stdout and "[s002]" in plain.stdout
    assert _cli("translate", "--article", "no-such-article").returncode == 2
    assert _cli("translate", "--text", "x", "--beam", "0").returncode == 2


def test_corrupt_database_is_reported_not_fatal(installed, data_dir):
    db = paths.db_path()
    db.write_bytes(b"this is not a database" * 100)
    s = Store()  # moves the damaged file aside and starts a fresh database
    assert s.query("SELECT COUNT(*) FROM mt_cache")
    s.close()
    db.write_bytes(b"this is not a database" * 100)
    out = _cli("translate", "--text", "مرحبا.", "--json")
    assert out.returncode == 0 and "warning" in out.stderr
    assert len(json.loads(out.stdout)["sentences"]) == 1


# --- checks -----------------------------------------------------------------------------------------


def test_chrf():
    assert translation.chrf("the Lachin corridor", "the Lachin corridor") == pytest.approx(100.0)
    assert translation.chrf("", "the Lachin corridor") == 0.0
    mid = translation.chrf("the Lachin road", "the Lachin corridor")
    assert 0 < mid < 100


def test_glossary_checks_flag_names_missing_from_the_mt():
    from bilingual import matcher
    from bilingual.glossary import Entry, Glossary

    g = Glossary((
        Entry("lachin-corridor", "place", "ممر لاتشين", "Lachin corridor", en_variants=("Lachin Corridor",), lat=39.6, lon=46.5),
        Entry("sergei-lavrov", "person", "سيرغي لافروف", "Sergei Lavrov", en_variants=("Lavrov",)),
    ))
    ar = "قال سيرغي لافروف إن ممر لاتشين مفتوح."
    mentions = matcher.annotate(ar, g)
    checks = translation.glossary_checks("Lavrov said the Lachin Corridor is open.", mentions, g)
    assert {(c.entry_id, c.found) for c in checks} == {("lachin-corridor", True), ("sergei-lavrov", True)}
    garbled = translation.glossary_checks("He said the lashing corridor is open.", mentions, g)
    assert [(c.entry_id, c.english) for c in garbled if not c.found] == [
        ("sergei-lavrov", "Sergei Lavrov"), ("lachin-corridor", "Lachin corridor")]  # order of first mention
    assert translation.glossary_checks("anything", [], g) == []
    # overlapping names: both mentioned in the Arabic, both present in the MT
    g2 = Glossary((*g.entries, Entry("lachin", "place", "لاتشين", "Lachin", lat=39.6, lon=46.5)))
    ar2 = "أغلق ممر لاتشين قرب مدينة لاتشين."
    both = translation.glossary_checks("The Lachin corridor near the town of Lachin was closed.", matcher.annotate(ar2, g2), g2)
    assert {(c.entry_id, c.found) for c in both} == {("lachin-corridor", True), ("lachin", True)}
