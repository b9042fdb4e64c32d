"""The installed Arabic→English Argos package: where it is, what it is, how to get one.

An Argos package is a folder with ``metadata.json``, a CTranslate2 ``model/`` and
``sentencepiece.model``. Its identity is ``ModelInfo.key`` = ``name@version#checksum``; the checksum
(SHA-256 over the package's files) is computed once at install and kept in ``bilingual-install.json``
beside ``metadata.json``. Reading what is installed is cheap and never loads the model.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import time
from dataclasses import asdict, dataclass
from pathlib import Path

from bilingual import paths

__all__ = [
    "APPROX_DOWNLOAD",
    "FROM_CODE",
    "INSTALL_FILE",
    "MODEL_FILE_NAME",
    "MT_LABEL",
    "TO_CODE",
    "ModelInfo",
    "candidates",
    "how_to_install",
    "installed_model",
    "is_ar_en",
    "model_info",
    "models_dir_or_default",
    "package_checksum",
    "package_name",
    "read_json",
    "utc_timestamp",
    "version_key",
    "write_json",
]

MT_LABEL = "Machine translation (Argos Translate, offline)"
FROM_CODE, TO_CODE = "ar", "en"
INSTALL_FILE = "bilingual-install.json"
APPROX_DOWNLOAD = "about 100 MB"
#: The file the Argos package index lists for Arabic→English.
MODEL_FILE_NAME = "translate-ar_en-1_0.argosmodel"


def how_to_install() -> str:
    return (
        "No Arabic→English machine-translation model is installed. "
        f"Install it with `python -m bilingual model install` (downloads the Argos Translate ar→en package, {APPROX_DOWNLOAD}, "
        f"once) or, from a file you already have, `python -m bilingual model install --from-file {MODEL_FILE_NAME}` "
        "(in the app: the Reader, English → Machine translation → Install)."
    )


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


def models_dir_or_default(models_dir: Path | None) -> Path:
    return Path(models_dir) if models_dir else paths.models_dir()


def read_json(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def package_name(meta: dict) -> str:
    code = meta.get("code")
    if isinstance(code, str) and code.strip():
        return code.strip()
    return f"translate-{meta.get('from_code')}_{meta.get('to_code')}"


def version_key(version: str) -> tuple:
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


def is_ar_en(meta: dict | None) -> bool:
    return bool(meta) and meta.get("from_code") == FROM_CODE and meta.get("to_code") == TO_CODE and meta.get("type", "translate") == "translate"


def model_info(pkg: Path, meta: dict, *, record: bool = True) -> ModelInfo:
    size = sum(p.stat().st_size for p in pkg.rglob("*") if p.is_file())
    install = read_json(pkg / INSTALL_FILE) or {}
    checksum = install.get("checksum")
    if not isinstance(checksum, str) or len(checksum) < 16:
        # installed by other means (argospm, by hand): compute once and remember when we can
        checksum = package_checksum(pkg)
        if record:
            with contextlib.suppress(OSError):
                write_json(pkg / INSTALL_FILE, {"checksum": checksum, "source": "found installed", "installed_at": utc_timestamp()})
    return ModelInfo(
        name=package_name(meta),
        version=str(meta.get("package_version") or "0"),
        path=pkg,
        size_bytes=size,
        from_code=str(meta.get("from_code")),
        to_code=str(meta.get("to_code")),
        checksum=checksum,
    )


def candidates(models_dir: Path) -> list[tuple[Path, dict]]:
    out = []
    try:
        children = sorted(models_dir.iterdir())
    except OSError:
        return []
    for pkg in children:
        if not pkg.is_dir() or pkg.name.startswith("."):
            continue
        meta = read_json(pkg / "metadata.json")
        if not is_ar_en(meta):
            continue
        if not (pkg / "model" / "model.bin").is_file() or not (pkg / "sentencepiece.model").is_file():
            continue
        out.append((pkg, meta))
    return out


def installed_model(models_dir: Path | None = None) -> ModelInfo | None:
    """The installed ar→en package (the newest if several), or None. Cheap: reads metadata only."""
    found = candidates(models_dir_or_default(models_dir))
    if not found:
        return None
    pkg, meta = max(found, key=lambda pm: (version_key(str(pm[1].get("package_version") or "0")), pm[0].name))
    return model_info(pkg, meta)



def utc_timestamp() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def write_json(path: Path, data: dict) -> None:
    """Write ``data`` to ``path`` atomically (a temporary file renamed into place)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(json.dumps(data, indent=1, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)
