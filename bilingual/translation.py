"""Offline machine translation (Argos Translate ar→en), its install, its cache and its checks.

Why not ``argostranslate.translate.translate()``: its sentence splitters download models at run
time, so it fails offline (see the notes in ../shared/notes/argos-offline.md). We run the installed
package directly: our own sentences (``bilingual.segment`` / the corpus) are tokenized with the
package's SentencePiece model and translated with CTranslate2, one English output per Arabic
sentence, in batched calls. ``argostranslate`` itself is never imported.

- Install: an ``.argosmodel`` is a zip holding one top folder (``metadata.json``, a CTranslate2
  ``model/``, ``sentencepiece.model``). It is checked, extracted into a staging folder next to the
  packages folder, loaded once as a check, then swapped in with renames: a failed or interrupted
  install leaves the previous model in place and working.
- Identity: ``ModelInfo.key`` = ``name@version#checksum``; the checksum (SHA-256 over the
  package's files) is computed once at install and kept in ``bilingual-install.json`` beside
  ``metadata.json``.
- Cache: ``Store.mt_cache(model_key, source, target)``, keyed by the model key and the exact source
  sentence. A beam size other than the default gets its own key (``<key>|beam=N``) so outputs of
  different decoders never mix.
- No network call happens except in ``install_from_index``, which the user asks for explicitly.

Heavy imports (ctranslate2, sentencepiece, sacrebleu) stay inside functions.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import sqlite3
import sys
import threading
import time
import uuid
import zipfile
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, Callable, Iterator

from bilingual import paths

if TYPE_CHECKING:  # pragma: no cover
    from bilingual.glossary import Glossary
    from bilingual.matcher import Mention
    from bilingual.store import Store

MT_LABEL = "Machine translation (Argos Translate, offline)"

FROM_CODE, TO_CODE = "ar", "en"
DEFAULT_BEAM = 4
#: most sentences per batch (length-sorted). Each core decodes its own batch (one CTranslate2 worker
#: per core, one thread each), so a "wave" of up to cores × CHUNK_SIZE sentences is one model call;
#: the cache is written and progress reported after each wave. Why: BENCHMARKS.md.
CHUNK_SIZE = 16
#: output length bound: at most ratio × source tokens + margin (a real model stops much earlier;
#: this only stops degenerate repetition, and random-weight test models that never stop)
MAX_OUTPUT_RATIO = 1.5
MAX_OUTPUT_MARGIN = 10
MAX_OUTPUT_TOKENS = 512
#: the Argos package index (the same file argospm and argostranslate read)
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_URL_ENV = "BILINGUAL_ARGOS_INDEX"
INSTALL_FILE = "bilingual-install.json"
#: refuse archives that would unpack to more than this (a real ar→en package is ~100–300 MB)
MAX_UNPACKED_BYTES = 4 * 1024**3
APPROX_DOWNLOAD = "about 100 MB"

Progress = Callable[[float, str], None]


class InstallError(Exception):
    """Installing a model failed; the message is meant for the user. Nothing was changed."""


class ModelNotInstalled(Exception):
    """No ar→en model is installed; the message says how to install one."""

    def __init__(self, message: str | None = None):
        super().__init__(message or how_to_install())


def how_to_install() -> str:
    return (
        "No Arabic→English machine-translation model is installed. "
        f"Install it with `python -m bilingual model install` (downloads the Argos Translate ar→en package, {APPROX_DOWNLOAD}, "
        "once) or, from a file you already have, `python -m bilingual model install --from-file translate-ar_en-1_0.argosmodel` "
        "(in the app: the Reader, English → Machine translation → Install)."
    )


# --- what is installed --------------------------------------------------------------------------


@dataclass(frozen=True)
class ModelInfo:
    name: str
    version: str
    path: Path
    size_bytes: int
    from_code: str
    to_code: str
    checksum: str

    @property
    def key(self) -> str:
        """The model's part of the cache key: ``name@version#<checksum[:16]>``."""
        return f"{self.name}@{self.version}#{self.checksum[:16]}"

    def to_dict(self) -> dict:
        d = asdict(self)
        d["path"] = str(self.path)
        d["key"] = self.key
        return d


def _models_dir(models_dir: Path | None) -> Path:
    return Path(models_dir) if models_dir else paths.models_dir()


def _read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _package_name(meta: dict) -> str:
    code = meta.get("code")
    if isinstance(code, str) and code.strip():
        return code.strip()
    return f"translate-{meta.get('from_code')}_{meta.get('to_code')}"


def _version_key(version: str) -> tuple:
    parts = []
    for p in str(version).replace("_", ".").split("."):
        parts.append((0, int(p), "") if p.isdigit() else (1, 0, p))
    return tuple(parts)


def _package_files(pkg: Path) -> list[Path]:
    return sorted((p for p in pkg.rglob("*") if p.is_file() and p.name != INSTALL_FILE), key=lambda p: p.relative_to(pkg).as_posix())


def package_checksum(pkg: Path) -> str:
    """SHA-256 over the package's files (relative path and content), excluding our install record."""
    h = hashlib.sha256()
    for p in _package_files(pkg):
        h.update(p.relative_to(pkg).as_posix().encode() + b"\0")
        with open(p, "rb") as fh:
            for block in iter(lambda: fh.read(1 << 20), b""):
                h.update(block)
        h.update(b"\0")
    return h.hexdigest()


def _is_ar_en(meta: dict | None) -> bool:
    return bool(meta) and meta.get("from_code") == FROM_CODE and meta.get("to_code") == TO_CODE and meta.get("type", "translate") == "translate"


def _model_info(pkg: Path, meta: dict, *, record: bool = True) -> ModelInfo:
    size = sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file())
    install = _read_json(pkg / INSTALL_FILE) or {}
    checksum = install.get("checksum")
    if not isinstance(checksum, str) or len(checksum) < 16:
        # installed by other means (argospm, by hand): compute once and remember when we can
        checksum = package_checksum(pkg)
        if record:
            try:
                _write_json(pkg / INSTALL_FILE, {"checksum": checksum, "source": "found installed", "installed_at": _now()})
            except OSError:
                pass
    return ModelInfo(
        name=_package_name(meta),
        version=str(meta.get("package_version") or "0"),
        path=pkg,
        size_bytes=size,
        from_code=str(meta.get("from_code")),
        to_code=str(meta.get("to_code")),
        checksum=checksum,
    )


def _candidates(models_dir: Path) -> list[tuple[Path, dict]]:
    out = []
    try:
        children = sorted(models_dir.iterdir())
    except OSError:
        return []
    for pkg in children:
        if not pkg.is_dir() or pkg.name.startswith("."):
            continue
        meta = _read_json(pkg / "metadata.json")
        if not _is_ar_en(meta):
            continue
        if not (pkg / "model" / "model.bin").is_file() or not (pkg / "sentencepiece.model").is_file():
            continue
        out.append((pkg, meta))
    return out


def installed_model(models_dir: Path | None = None) -> ModelInfo | None:
    """The installed ar→en package (the newest if several), or None. Cheap: reads metadata only."""
    found = _candidates(_models_dir(models_dir))
    if not found:
        return None
    pkg, meta = max(found, key=lambda pm: (_version_key(str(pm[1].get("package_version") or "0")), pm[0].name))
    return _model_info(pkg, meta)


# --- install ------------------------------------------------------------------------------------


def _now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _write_json(path: Path, data: dict) -> None:
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(max(0.0, min(1.0, fraction)), message)


def _staging_dir(models_dir: Path) -> Path:
    """Scratch space on the same file system as the packages folder, but outside it (argostranslate
    expects every folder in the packages folder to be a package)."""
    return models_dir.parent / f".{models_dir.name}-staging"


def _prepare_dirs(models_dir: Path) -> Path:
    staging = _staging_dir(models_dir)
    for d in (models_dir, staging):
        try:
            d.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise InstallError(
                f"Cannot write to the data directory ({d}): {exc.strerror or exc}. "
                f"Make it writable, or choose another one with the {paths.DATA_DIR_ENV} environment variable."
            ) from None
    if not os.access(models_dir, os.W_OK) or not os.access(staging, os.W_OK):
        raise InstallError(
            f"Cannot write to the data directory ({models_dir.parent}): permission denied. "
            f"Make it writable, or choose another one with the {paths.DATA_DIR_ENV} environment variable."
        )
    return staging


@contextmanager
def _install_lock(staging: Path) -> Iterator[None]:
    """One install at a time (another process installing → clear message, not a mixed result)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - non-POSIX
        yield
        return
    fh = open(staging / "install.lock", "w")
    try:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InstallError("Another model install is already running; wait for it to finish.") from None
        yield
    finally:
        fh.close()


def _clean_staging(staging: Path) -> None:
    """Remove leftovers of an earlier interrupted install (never the lock file in use)."""
    for p in staging.iterdir():
        if p.name == "install.lock":
            continue
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            try:
                p.unlink()
            except OSError:
                pass


def _members(zf: zipfile.ZipFile) -> list[zipfile.ZipInfo]:
    """The archive's entries, without the ``__MACOSX/`` resource forks macOS adds when re-zipping."""
    return [i for i in zf.infolist() if not i.filename.replace("\\", "/").startswith("__MACOSX/")]


def _check_archive(zf: zipfile.ZipFile, label: str) -> tuple[str, dict, int]:
    """Validate the archive's layout; returns (top folder, metadata, unpacked size)."""
    infos = _members(zf)
    if not infos:
        raise InstallError(f"{label} is an empty archive, not an Argos Translate package.")
    tops: set[str] = set()
    total = 0
    for info in infos:
        name = info.filename.replace("\\", "/")
        pp = PurePosixPath(name)
        if name.startswith("/") or ".." in pp.parts or (pp.parts and ":" in pp.parts[0]):
            raise InstallError(f"{label} contains an unsafe path ({info.filename!r}); refusing to install it.")
        if not pp.parts:
            continue
        if len(pp.parts) == 1 and not info.is_dir():
            raise InstallError(f"{label} has files at its top level; an Argos package holds exactly one top folder.")
        tops.add(pp.parts[0])
        total += info.file_size
    if len(tops) != 1:
        raise InstallError(f"{label} holds {len(tops)} top-level folders; an Argos package holds exactly one.")
    top = tops.pop()
    if top.startswith(".") or top in ("", "."):
        raise InstallError(f"{label} has an invalid top folder name ({top!r}).")
    if total > MAX_UNPACKED_BYTES:
        raise InstallError(f"{label} would unpack to {total / 1e9:.1f} GB, far more than a translation model; refusing it.")
    names = {i.filename.replace("\\", "/") for i in infos}
    if f"{top}/metadata.json" not in names:
        raise InstallError(f"{label} has no metadata.json; it is not an Argos Translate package.")
    try:
        meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
    except (ValueError, UnicodeDecodeError, zipfile.BadZipFile, OSError):
        raise InstallError(f"{label}: metadata.json is not valid JSON; the package is damaged.") from None
    if not isinstance(meta, dict):
        raise InstallError(f"{label}: metadata.json is not a JSON object; the package is damaged.")
    if meta.get("from_code") != FROM_CODE or meta.get("to_code") != TO_CODE or meta.get("type", "translate") != "translate":
        pair = f"{meta.get('from_code')}→{meta.get('to_code')}"
        raise InstallError(f"{label} is a {pair} package ({meta.get('type', 'translate')}); this app needs an Arabic→English (ar→en) translation package.")
    for required in ("model/model.bin", "model/config.json", "sentencepiece.model"):
        if f"{top}/{required}" not in names:
            raise InstallError(f"{label} has no {required}; it is not a CTranslate2 Argos package this app can run.")
    return top, meta, total


def _load_check(pkg: Path) -> None:
    """Load the model and tokenizer once: proves the package is a CTranslate2 model we can run."""
    try:
        import ctranslate2
        import sentencepiece as spm

        spm.SentencePieceProcessor(model_file=str(pkg / "sentencepiece.model"))
        translator = ctranslate2.Translator(str(pkg / "model"), device="cpu", intra_threads=1)
        del translator
    except (RuntimeError, OSError, ValueError) as exc:
        raise InstallError(f"The package's model could not be loaded ({str(exc).splitlines()[0][:200]}); the package is damaged or not a CTranslate2 model.") from None


def _extract(zf: zipfile.ZipFile, dest: Path, total: int, progress: Progress | None, lo: float, hi: float) -> None:
    done = 0
    for info in _members(zf):
        name = info.filename.replace("\\", "/")
        target = dest.joinpath(*PurePosixPath(name).parts)
        if info.is_dir():
            target.mkdir(parents=True, exist_ok=True)
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        with zf.open(info) as src, open(target, "wb") as dst:
            while True:
                block = src.read(1 << 20)
                if not block:
                    break
                dst.write(block)
                done += len(block)
                _report(progress, lo + (hi - lo) * (done / total if total else 1.0), "Unpacking the model")


def install_from_file(path: Path, models_dir: Path | None = None, progress: Progress | None = None) -> ModelInfo:
    """Install an ``.argosmodel`` file (atomically: on any failure the previous model stays)."""
    return _install_archive(Path(path), _models_dir(models_dir), progress, source=str(path), lo=0.0)


def _install_archive(path: Path, models_dir: Path, progress: Progress | None, *, source: str, lo: float, archive_sha: str | None = None, staging: Path | None = None) -> ModelInfo:
    label = path.name
    if not path.is_file():
        raise InstallError(f"{path} does not exist or is not a file.")
    if staging is None:
        staging = _prepare_dirs(models_dir)
        with _install_lock(staging):
            _clean_staging(staging)
            return _install_archive(path, models_dir, progress, source=source, lo=lo, archive_sha=archive_sha, staging=staging)

    span = 1.0 - lo
    _report(progress, lo, "Checking the package")
    if not zipfile.is_zipfile(path):
        raise InstallError(f"{label} is not a zip archive, so not an Argos Translate package (.argosmodel). Was the download cut short?")
    work = staging / f"install-{uuid.uuid4().hex[:12]}"
    try:
        try:
            with zipfile.ZipFile(path) as zf:
                top, meta, total = _check_archive(zf, label)
                free = shutil.disk_usage(staging).free
                if total > free:
                    raise InstallError(f"Not enough disk space to install the model: it needs {total / 1e6:.0f} MB, {free / 1e6:.0f} MB are free.")
                bad = zf.testzip()
                if bad is not None:
                    raise InstallError(f"{label} is damaged (checksum error in {bad}); download it again.")
                _report(progress, lo + 0.1 * span, "Unpacking the model")
                work.mkdir()
                _extract(zf, work, total, progress, lo + 0.1 * span, lo + 0.8 * span)
        except (zipfile.BadZipFile, zipfile.LargeZipFile, EOFError) as exc:
            raise InstallError(f"{label} is damaged ({exc}); download it again.") from None
        except OSError as exc:
            raise InstallError(f"Could not unpack {label} into {staging}: {exc.strerror or exc}.") from None
        pkg = work / top
        _report(progress, lo + 0.85 * span, "Checking that the model loads")
        _load_check(pkg)
        try:
            record = {"checksum": package_checksum(pkg), "source": source, "installed_at": _now()}
            if archive_sha:
                record["archive_sha256"] = archive_sha
            _write_json(pkg / INSTALL_FILE, record)
        except OSError as exc:
            raise InstallError(f"Could not finish unpacking {label} in {staging}: {exc.strerror or exc}.") from None
        _report(progress, lo + 0.95 * span, "Switching to the new model")
        final = _swap_in(pkg, models_dir, staging)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info = _model_info(final, meta, record=False)
    _report(progress, 1.0, f"Installed {info.name} {info.version}")
    return info


def _swap_in(pkg: Path, models_dir: Path, staging: Path) -> Path:
    """Move the checked package into place; the previous ar→en package(s) go only after it is there."""
    final = models_dir / pkg.name
    previous = [p for p, _ in _candidates(models_dir)]
    old = None
    try:
        if final.exists():
            old = staging / f"old-{uuid.uuid4().hex[:12]}"
            os.rename(final, old)
        try:
            os.rename(pkg, final)
        except BaseException:
            if old is not None:
                os.rename(old, final)
            raise
    except OSError as exc:
        raise InstallError(f"Could not move the model into {models_dir}: {exc.strerror or exc}. The previous model is unchanged.") from None
    # Only one ar→en package stays installed: retire the others now that the new one is in place.
    for p in previous:
        if p != final and p.exists():
            trash = staging / f"old-{uuid.uuid4().hex[:12]}"
            try:
                os.rename(p, trash)
            except OSError:
                continue
    if old is not None or previous:
        for p in staging.glob("old-*"):
            shutil.rmtree(p, ignore_errors=True)
    _drop_engine()
    return final


def index_url() -> str:
    return os.environ.get(INDEX_URL_ENV) or INDEX_URL


def _open_url(url: str, timeout: float = 30.0):
    import urllib.request

    req = urllib.request.Request(url, headers={"User-Agent": "bilingual-reader (Argos Translate package install)"})
    return urllib.request.urlopen(req, timeout=timeout)


def _pick_from_index(data: object) -> dict:
    if not isinstance(data, list):
        raise InstallError("The Argos package index has an unexpected format; try again later or install from a file.")
    entries = [e for e in data if isinstance(e, dict) and _is_ar_en(e) and e.get("links")]
    if not entries:
        raise InstallError("The Argos package index lists no Arabic→English package; install from a file instead.")
    return max(entries, key=lambda e: _version_key(str(e.get("package_version") or "0")))


def install_from_index(models_dir: Path | None = None, progress: Progress | None = None, *, url: str | None = None) -> ModelInfo:
    """Download the ar→en package listed in the Argos package index and install it.

    The only function here that uses the network. ``url`` (or $BILINGUAL_ARGOS_INDEX) overrides the
    index location (tests serve one on 127.0.0.1).
    """
    mdir = _models_dir(models_dir)
    staging = _prepare_dirs(mdir)
    with _install_lock(staging):
        _clean_staging(staging)
        _report(progress, 0.0, "Reading the Argos package index")
        src = url or index_url()
        try:
            with _open_url(src) as resp:
                data = json.loads(resp.read().decode("utf-8"))
        except InstallError:
            raise
        except (OSError, ValueError) as exc:
            raise InstallError(f"Could not read the Argos package index ({src}): {_net_reason(exc)}. Check the connection, or install from a file.") from None
        entry = _pick_from_index(data)
        part = staging / f"download-{uuid.uuid4().hex[:12]}.argosmodel.part"
        errors = []
        try:
            for link in entry["links"]:
                try:
                    sha = _download(str(link), part, progress, 0.02, 0.8)
                    break
                except (OSError, ValueError) as exc:
                    errors.append(f"{link}: {_net_reason(exc)}")
                    part.unlink(missing_ok=True)
            else:
                raise InstallError("Could not download the model: " + "; ".join(errors) + ". Check the connection, or install from a file.")
            name = f"{_package_name(entry)}-{entry.get('package_version', '')}.argosmodel"
            return _install_archive(part, mdir, progress, source=f"{src} → {name}", lo=0.8, archive_sha=sha, staging=staging)
        finally:
            part.unlink(missing_ok=True)


def _net_reason(exc: BaseException) -> str:
    reason = getattr(exc, "reason", None)
    return str(reason or exc)


def _download(link: str, dest: Path, progress: Progress | None, lo: float, hi: float) -> str:
    h = hashlib.sha256()
    with _open_url(link, timeout=60.0) as resp, open(dest, "wb") as out:
        total = int(resp.headers.get("Content-Length") or 0)
        done = 0
        while True:
            block = resp.read(1 << 16)
            if not block:
                break
            out.write(block)
            h.update(block)
            done += len(block)
            msg = f"Downloading the model: {done / 1e6:.1f} of {total / 1e6:.1f} MB" if total else f"Downloading the model: {done / 1e6:.1f} MB"
            _report(progress, lo + (hi - lo) * (done / total if total else 0.0), msg)
        if total and done < total:
            raise OSError(f"the download was cut short ({done} of {total} bytes)")
    return h.hexdigest()


# --- engine -------------------------------------------------------------------------------------


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - non-Linux
        return max(1, os.cpu_count() or 1)


class Engine:
    """A loaded package: CTranslate2 translator + SentencePiece processor."""

    def __init__(self, model: ModelInfo, threads: int | None = None):
        import ctranslate2
        import sentencepiece as spm

        t0 = time.perf_counter()
        self.model = model
        self.sp = spm.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
        #: one worker per core, one thread each: on small batches this beats one worker with a thread
        #: per core (the OpenMP threads wait on each other at every layer); see BENCHMARKS.md
        self.workers = threads or available_cores()
        self.translator = ctranslate2.Translator(
            str(model.path / "model"), device="cpu", inter_threads=self.workers, intra_threads=1
        )
        meta = _read_json(model.path / "metadata.json") or {}
        prefix = meta.get("target_prefix") or ""
        self.target_prefix = [prefix] if prefix else None
        self.load_seconds = time.perf_counter() - t0
        self.calls = 0  # translate_batch calls
        self.sentences = 0  # sentences translated
        self.lock = threading.Lock()

    def encode(self, sources: list[str]) -> list[list[str]]:
        return [self.sp.encode(s, out_type=str) for s in sources]

    @staticmethod
    def max_length(tokens: list[list[str]]) -> int:
        longest = max((len(t) for t in tokens), default=0)
        return min(MAX_OUTPUT_TOKENS, int(longest * MAX_OUTPUT_RATIO) + MAX_OUTPUT_MARGIN)

    @property
    def wave(self) -> int:
        """Sentences per model call that keep every worker busy with a full batch."""
        return self.workers * CHUNK_SIZE

    def batches(self, tokens: list[list[str]]) -> list[list[int]]:
        """Indices of ``tokens`` split into length-sorted batches, as many as there are workers
        (more only when a batch would exceed ``CHUNK_SIZE``)."""
        order = sorted(range(len(tokens)), key=lambda j: len(tokens[j]))
        size = max(1, min(CHUNK_SIZE, -(-len(order) // self.workers)))
        return [order[c : c + size] for c in range(0, len(order), size)]

    def translate_tokens(self, tokens: list[list[str]], beam_size: int = DEFAULT_BEAM) -> list[str]:
        """One model call: the batches are decoded in parallel, one per worker, each with its own
        length bound. Returns one English string per tokenized source, in order."""
        if not tokens:
            return []
        groups = self.batches(tokens)
        hyps: list[list[str]] = [[] for _ in tokens]
        with self.lock:  # one call at a time: its batches already occupy every worker
            pending = []
            for group in groups:
                batch = [tokens[j] for j in group]
                results = self.translator.translate_batch(
                    batch,
                    target_prefix=[self.target_prefix] * len(batch) if self.target_prefix else None,
                    beam_size=beam_size,
                    max_batch_size=len(batch),
                    replace_unknowns=True,
                    max_decoding_length=self.max_length(batch),
                    length_penalty=0.2,
                    asynchronous=True,
                )
                pending.append((group, results))
            for group, results in pending:
                for j, r in zip(group, results):
                    res = r.result()
                    hyps[j] = res.hypotheses[0] if res.hypotheses else []
            self.calls += 1
            self.sentences += len(tokens)
        out = []
        for hyp in hyps:
            if self.target_prefix and hyp[:1] == self.target_prefix:
                hyp = hyp[1:]
            out.append(self.sp.decode(hyp).strip())
        return out

    def translate(self, sources: list[str], beam_size: int = DEFAULT_BEAM) -> list[str]:
        return self.translate_tokens(self.encode(sources), beam_size)


_ENGINE: Engine | None = None
_ENGINE_LOCK = threading.Lock()


def engine(model: ModelInfo | None = None) -> Engine:
    """The loaded engine for ``model`` (default: the installed one), loaded once per process on first use."""
    global _ENGINE
    model = model or installed_model()
    if model is None:
        raise ModelNotInstalled()
    with _ENGINE_LOCK:
        if _ENGINE is None or _ENGINE.model.key != model.key or _ENGINE.model.path != model.path:
            _ENGINE = None  # release the old one before loading (one model in memory at a time)
            try:
                _ENGINE = Engine(model)
            except (RuntimeError, OSError, ValueError) as exc:
                raise ModelNotInstalled(
                    f"The installed model at {model.path} could not be loaded ({str(exc).splitlines()[0][:200]}). "
                    "Reinstall it with `python -m bilingual model install` (or `--from-file PATH.argosmodel`)."
                ) from None
        return _ENGINE


def loaded_engine() -> Engine | None:
    """The engine if one is loaded in this process (never loads one)."""
    return _ENGINE


def _drop_engine() -> None:
    global _ENGINE
    with _ENGINE_LOCK:
        _ENGINE = None


# --- cache + translate --------------------------------------------------------------------------


def cache_key(model: ModelInfo, beam_size: int = DEFAULT_BEAM) -> str:
    return model.key if beam_size == DEFAULT_BEAM else f"{model.key}|beam={beam_size}"


def _lookup(store: "Store", key: str, sources: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    unique = list(dict.fromkeys(sources))
    for i in range(0, len(unique), 500):
        part = unique[i : i + 500]
        marks = ",".join("?" * len(part))
        for row in store.query(f"SELECT source, target FROM mt_cache WHERE model_key = ? AND source IN ({marks})", (key, *part)):
            out[row["source"]] = row["target"]
    return out


def cached_translations(store: "Store", sources: list[str], model: ModelInfo | None = None, *, beam_size: int = DEFAULT_BEAM) -> dict[str, str]:
    """Cached translations of ``sources`` ({source: target}); never loads the model; {} without one."""
    model = model or installed_model()
    if model is None or not sources:
        return {}
    try:
        return _lookup(store, cache_key(model, beam_size), sources)
    except sqlite3.DatabaseError:
        return {}


@dataclass
class TranslationRun:
    targets: list[str]
    #: sentences the model translated in this run (cache misses, each distinct sentence once)
    model_calls: int
    #: input sentences answered from the cache
    cache_hits: int
    model: ModelInfo
    #: translate_batch calls made
    batches: int = 0
    seconds: float = 0.0
    #: set when the cache could not be read or written (the translations are still returned)
    cache_warning: str = ""
    warnings: list[str] = field(default_factory=list)


def translate_sentences(
    sources: list[str],
    store: "Store",
    *,
    model: ModelInfo | None = None,
    beam_size: int = DEFAULT_BEAM,
    refresh: bool = False,
    progress: Callable[[int, int], None] | None = None,
) -> TranslationRun:
    """Translate ``sources`` sentence by sentence: ``targets[i]`` is the English for ``sources[i]``.

    Cached sentences cost no model call; the rest go to the model sorted by length, in calls of up
    to ``Engine.wave`` sentences (a batch per core), each call's results cached as soon as it
    completes. ``refresh`` ignores the cache and overwrites it. ``progress(done, total)`` after each call.
    """
    t0 = time.perf_counter()
    model = model or installed_model()
    if model is None:
        raise ModelNotInstalled()
    if beam_size < 1:
        raise ValueError("beam_size must be at least 1")
    key = cache_key(model, beam_size)
    total = len(sources)
    run = TranslationRun(targets=[""] * total, model_calls=0, cache_hits=0, model=model)

    found: dict[str, str] = {}
    if not refresh:
        try:
            found = _lookup(store, key, [s for s in sources if s.strip()])
        except sqlite3.DatabaseError as exc:
            run.cache_warning = f"the translation cache could not be read ({exc}); translating without it"
    todo: dict[str, list[int]] = {}
    for i, s in enumerate(sources):
        if not s.strip():
            continue  # nothing to translate
        if s in found:
            run.targets[i] = found[s]
            run.cache_hits += 1
        else:
            todo.setdefault(s, []).append(i)
    done = total - sum(len(v) for v in todo.values())
    if progress is not None:
        progress(done, total)
    if todo:
        eng = engine(model)
        uniq = list(todo)
        toks = eng.encode(uniq)
        order = sorted(range(len(uniq)), key=lambda j: len(toks[j]))
        for c in range(0, len(order), eng.wave):
            chunk = order[c : c + eng.wave]
            outs = eng.translate_tokens([toks[j] for j in chunk], beam_size)
            run.batches += 1
            run.model_calls += len(chunk)
            rows = []
            for j, target in zip(chunk, outs):
                for i in todo[uniq[j]]:
                    run.targets[i] = target
                done += len(todo[uniq[j]])
                rows.append((key, uniq[j], target))
            _save(store, rows, run)
            if progress is not None:
                progress(done, total)
    run.seconds = time.perf_counter() - t0
    if run.cache_warning:
        run.warnings.append(run.cache_warning)
    return run


def _save(store: "Store", rows: list[tuple[str, str, str]], run: TranslationRun) -> None:
    if run.cache_warning.startswith("the translation cache could not be written"):
        return
    try:
        with store.transaction() as conn:
            conn.executemany(
                "INSERT INTO mt_cache(model_key, source, target) VALUES (?, ?, ?) "
                "ON CONFLICT(model_key, source) DO UPDATE SET target = excluded.target, "
                "created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')",
                rows,
            )
    except sqlite3.DatabaseError as exc:
        run.cache_warning = f"the translation cache could not be written ({exc}); these translations will be recomputed next time"


def clear_cache(store: "Store", model: ModelInfo | None = None) -> int:
    """Delete cached translations (of one model, or all); returns the number of rows removed."""
    with store.transaction() as conn:
        if model is None:
            cur = conn.execute("DELETE FROM mt_cache")
        else:
            cur = conn.execute("DELETE FROM mt_cache WHERE model_key = ? OR model_key LIKE ?", (model.key, model.key + "|%"))
        return cur.rowcount


# --- checks -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GlossaryCheck:
    entry_id: str
    english: str
    found: bool


def _entry_id(mention: object) -> str | None:
    eid = getattr(mention, "entry_id", None)
    if eid is None:
        entry = getattr(mention, "entry", None)
        eid = getattr(entry, "id", None)
    return eid


def glossary_checks(target: str, mentions: list["Mention"], glossary: "Glossary") -> list[GlossaryCheck]:
    """For each glossary entry mentioned in the Arabic sentence (once each, in order of first
    mention): does the MT contain its English name or an accepted variant? ``found=False`` is
    what the reader flags ("MT may have garbled: Lachin corridor")."""
    from bilingual.matcher import find_english

    ids = [eid for eid in dict.fromkeys(_entry_id(m) for m in mentions) if eid and glossary.get(eid) is not None]
    if not ids:
        return []
    # one entry at a time: find_english keeps the longest non-overlapping match, and "Lachin
    # corridor" in the MT must not hide that "Lachin" (also mentioned) is there too
    hit = {eid for eid in ids if find_english(target or "", glossary, [eid])}
    return [GlossaryCheck(eid, glossary.get(eid).en, eid in hit) for eid in ids]


def glossary_misses(checks: list[GlossaryCheck]) -> list[GlossaryCheck]:
    return [c for c in checks if not c.found]


_CHRF = None


def chrf(hypothesis: str, reference: str) -> float:
    """Sentence-level chrF (sacrebleu defaults: character 6-grams, β = 2), 0..100."""
    global _CHRF
    if _CHRF is None:
        from sacrebleu.metrics import CHRF

        _CHRF = CHRF()
    return float(_CHRF.sentence_score(hypothesis or "", [reference or ""]).score)


# --- articles -----------------------------------------------------------------------------------


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
    glossary: "Glossary | None" = None,
) -> list[AlignedSentence]:
    """Pair each sentence id with its source, MT, reference (if any), chrF and glossary checks."""
    annotate = None
    if glossary is not None:
        try:
            from bilingual.matcher import annotate
        except ImportError:
            annotate = None
    out = []
    for sid, src, tgt in zip(ids, sources, targets, strict=True):
        ref = (references or {}).get(sid)
        checks: tuple[GlossaryCheck, ...] = ()
        if annotate is not None and glossary is not None:
            checks = tuple(glossary_checks(tgt, annotate(src, glossary), glossary))
        out.append(AlignedSentence(sid, src, tgt, ref, chrf(tgt, ref) if ref else None, checks))
    return out


# --- command line -------------------------------------------------------------------------------


def _human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1000 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1000
    return f"{n} B"  # pragma: no cover


class _ProgressPrinter:
    """A one-line progress bar on stderr (plain lines every 10 % when not a terminal)."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stderr
        self.tty = hasattr(self.stream, "isatty") and self.stream.isatty()
        self.last = -1

    def __call__(self, fraction: float, message: str) -> None:
        pct = int(fraction * 100)
        if self.tty:
            bar = "#" * (pct // 4)
            self.stream.write(f"\r[{bar:<25}] {pct:3d}% {message[:60]:<60}")
            if fraction >= 1.0:
                self.stream.write("\n")
            self.stream.flush()
        elif pct // 10 != self.last // 10 or fraction >= 1.0 and self.last < 100:
            self.stream.write(f"{pct:3d}% {message}\n")
        self.last = pct

    def end(self) -> None:
        """Finish a half-drawn bar before an error message."""
        if self.tty and 0 <= self.last < 100:
            self.stream.write("\n")
            self.stream.flush()


def _cmd_model_install(args) -> int:
    progress = _ProgressPrinter()
    try:
        if args.from_file:
            info = install_from_file(Path(args.from_file), progress=progress)
        else:
            print(f"Downloading the Argos Translate ar→en package ({APPROX_DOWNLOAD}) from the Argos package index…", file=sys.stderr)
            info = install_from_index(progress=progress)
    except InstallError as exc:
        progress.end()
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        progress.end()
        print("Install interrupted; the previous model (if any) is unchanged.", file=sys.stderr)
        return 130
    print(f"Installed {info.name} {info.version} at {info.path} ({_human_size(info.size_bytes)}).")
    return 0


def _cmd_model_status(args) -> int:
    info = installed_model()
    if args.json:
        print(json.dumps({"installed": info is not None, "model": info.to_dict() if info else None, "how_to_install": None if info else how_to_install(), "label": MT_LABEL}, ensure_ascii=False, indent=1))
        return 0
    if info is None:
        print(how_to_install())
        print(f"(packages folder: {paths.models_dir()})")
        return 0
    print(f"{MT_LABEL}: installed")
    print(f"  name:     {info.name}")
    print(f"  version:  {info.version}")
    print(f"  path:     {info.path}")
    print(f"  size:     {_human_size(info.size_bytes)}")
    print(f"  checksum: {info.checksum[:16]}")
    return 0


def _cmd_translate(args) -> int:
    model = installed_model()
    if model is None:
        print(f"error: {how_to_install()}", file=sys.stderr)
        return 3
    references: dict[str, str] = {}
    if args.article:
        from bilingual.corpus import article_by_id

        art = article_by_id(args.article)
        if art is None:
            print(f"error: no article with id {args.article!r} (see corpus/articles/)", file=sys.stderr)
            return 2
        ids = [s.id for s in art.sentences]
        sources = [s.ar for s in art.sentences]
        references = dict(art.reference)
    else:
        from bilingual.segment import segment

        segs = segment(args.text)
        ids = [f"s{i + 1:03d}" for i in range(len(segs))]
        sources = [s.text for s in segs]
    from bilingual.store import open_for_cli

    store = open_for_cli()
    try:
        try:
            run = translate_sentences(sources, store, model=model, beam_size=args.beam, refresh=args.refresh)
        except ModelNotInstalled as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 3
    finally:
        store.close()
    glossary = _glossary_or_none()
    rows = align(ids, sources, run.targets, references, glossary)
    if run.cache_warning:
        print(f"warning: {run.cache_warning}", file=sys.stderr)
    if args.json:
        print(json.dumps({
            "label": MT_LABEL,
            "model": run.model.to_dict(),
            "article": args.article,
            "beam_size": args.beam,
            "sentences": [r.to_dict() for r in rows],
            "model_calls": run.model_calls,
            "cache_hits": run.cache_hits,
            "batches": run.batches,
            "seconds": round(run.seconds, 3),
        }, ensure_ascii=False, indent=1))
    else:
        print(f"# {MT_LABEL} — {run.model.name} {run.model.version}")
        for r in rows:
            print(f"[{r.id}] {r.source}")
            print(f"       {r.target}")
            if r.reference is not None:
                print(f"  ref: {r.reference}   (chrF {r.chrf:.1f})")
            misses = [c.english for c in r.checks if not c.found]
            if misses:
                print(f"  MT may have garbled: {', '.join(misses)}")
        print(f"{len(rows)} sentences: {run.cache_hits} from the cache, {run.model_calls} translated in {run.batches} model call(s), {run.seconds:.2f} s", file=sys.stderr)
    return 0


def _glossary_or_none():
    try:
        from bilingual.glossary import default_glossary

        return default_glossary()
    except Exception:  # noqa: BLE001 - checks are optional; a missing/invalid glossary is reported by `check`
        return None


def _positive_int(text: str) -> int:
    import argparse

    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number ≥ 1, got {text!r}")
    return value


def register_cli(sub) -> None:
    model = sub.add_parser("model", help="the offline machine-translation model: install, status")
    msub = model.add_subparsers(dest="model_command", metavar="ACTION")
    msub.required = True
    inst = msub.add_parser("install", help="install the Argos Translate ar→en package (download, or --from-file)")
    inst.add_argument("--from-file", metavar="PATH", help="install from an .argosmodel file instead of downloading")
    inst.set_defaults(handler=_cmd_model_install)
    status = msub.add_parser("status", help="what model is installed (name, version, path, size)")
    status.add_argument("--json", action="store_true", help="machine-readable output")
    status.set_defaults(handler=_cmd_model_status)

    tr = sub.add_parser("translate", help="machine-translate an article or a text, sentence by sentence (offline)")
    what = tr.add_mutually_exclusive_group(required=True)
    what.add_argument("--article", metavar="ID", help="an article id from corpus/articles")
    what.add_argument("--text", metavar="TEXT", help="Arabic text (split into sentences)")
    tr.add_argument("--json", action="store_true", help="machine-readable output")
    tr.add_argument("--beam", type=_positive_int, default=DEFAULT_BEAM, metavar="N", help=f"beam size (default {DEFAULT_BEAM}; 1 is faster)")
    tr.add_argument("--refresh", action="store_true", help="translate again, replacing cached translations")
    tr.set_defaults(handler=_cmd_translate)
