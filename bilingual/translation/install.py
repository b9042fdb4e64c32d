"""Installing the Argos ar→en package: from a file or from the Argos package index, atomically.

An ``.argosmodel`` is a zip holding one top folder (``metadata.json``, a CTranslate2 ``model/``,
``sentencepiece.model``). It is checked (layout, language pair, zip CRCs, unsafe paths, size, disk
space), extracted into a staging folder next to the packages folder, loaded once as a check, then
swapped in with renames: a failed or interrupted install leaves the previous model in place and
working. ``install_from_index`` is the app's only network access, and only when the user asks.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
import zipfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path, PurePosixPath

from bilingual import paths
from bilingual.errors import DownloadFailed, IndexUnreachable, InstallError
from bilingual.translation.engine import drop_engine
from bilingual.translation.models import (
    FROM_CODE,
    INSTALL_FILE,
    TO_CODE,
    ModelInfo,
    candidates,
    is_ar_en,
    model_info,
    models_dir_or_default,
    package_checksum,
    package_name,
    utc_timestamp,
    version_key,
    write_json,
)

__all__ = [
    "INDEX_URL",
    "INDEX_URL_ENV",
    "MAX_UNPACKED_BYTES",
    "Progress",
    "index_url",
    "staging_dir",
    "install_from_file",
    "install_from_index",
]

#: the Argos package index (the same file argospm and argostranslate read)
INDEX_URL = "https://raw.githubusercontent.com/argosopentech/argospm-index/main/index.json"
INDEX_URL_ENV = "BILINGUAL_ARGOS_INDEX"
#: refuse archives that would unpack to more than this (a real ar→en package is ~100–300 MB)
MAX_UNPACKED_BYTES = 4 * 1024**3

#: ``progress(fraction 0..1, message)``
Progress = Callable[[float, str], None]


def _report(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(max(0.0, min(1.0, fraction)), message)


def staging_dir(models_dir: Path) -> Path:
    """Scratch space on the same file system as the packages folder, but outside it (argostranslate
    expects every folder in the packages folder to be a package)."""
    return models_dir.parent / f".{models_dir.name}-staging"


def _prepare_dirs(models_dir: Path) -> Path:
    staging = staging_dir(models_dir)
    for d in (models_dir, staging):
        reason = paths.make_dir(d)
        if reason:
            raise InstallError(
                f"Cannot write to the data directory ({d}): {reason}. "
                f"Make it writable, or choose another one with the {paths.DATA_DIR_ENV} environment variable."
            )
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
    with open(staging / "install.lock", "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            raise InstallError("Another model install is already running; wait for it to finish.") from None
        yield


def _clean_staging(staging: Path) -> None:
    """Remove leftovers of an earlier interrupted install (never the lock file in use)."""
    for p in staging.iterdir():
        if p.name == "install.lock":
            continue
        if p.is_dir():
            shutil.rmtree(p, ignore_errors=True)
        else:
            with suppress(OSError):
                p.unlink()


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
    return _install_archive(Path(path), models_dir_or_default(models_dir), progress, source=str(path), lo=0.0)


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
            record = {"checksum": package_checksum(pkg), "source": source, "installed_at": utc_timestamp()}
            if archive_sha:
                record["archive_sha256"] = archive_sha
            write_json(pkg / INSTALL_FILE, record)
        except OSError as exc:
            raise InstallError(f"Could not finish unpacking {label} in {staging}: {exc.strerror or exc}.") from None
        _report(progress, lo + 0.95 * span, "Switching to the new model")
        final = _swap_in(pkg, models_dir, staging)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    info = model_info(final, meta, record=False)
    _report(progress, 1.0, f"Installed {info.name} {info.version}")
    return info


def _swap_in(pkg: Path, models_dir: Path, staging: Path) -> Path:
    """Move the checked package into place; the previous ar→en package(s) go only after it is there."""
    final = models_dir / pkg.name
    previous = [p for p, _ in candidates(models_dir)]
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
    drop_engine()
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
    entries = [e for e in data if isinstance(e, dict) and is_ar_en(e) and e.get("links")]
    if not entries:
        raise InstallError("The Argos package index lists no Arabic→English package; install from a file instead.")
    return max(entries, key=lambda e: version_key(str(e.get("package_version") or "0")))


def install_from_index(models_dir: Path | None = None, progress: Progress | None = None, *, url: str | None = None) -> ModelInfo:
    """Download the ar→en package listed in the Argos package index and install it.

    The only function here that uses the network. ``url`` (or $BILINGUAL_ARGOS_INDEX) overrides the
    index location (tests serve one on 127.0.0.1).
    """
    mdir = models_dir_or_default(models_dir)
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
            raise IndexUnreachable(f"Could not read the Argos package index ({src}): {_net_reason(exc)}. Check the connection, or install from a file.") from None
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
                raise DownloadFailed("Could not download the model: " + "; ".join(errors) + ". Check the connection, or install from a file.")
            name = f"{package_name(entry)}-{entry.get('package_version', '')}.argosmodel"
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

