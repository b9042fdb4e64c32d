"""Where things live: the repo's curated data, and the user's own data directory."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = [
    "ARTICLES_DIR",
    "CORPUS_DIR",
    "DATA_DIR_ENV",
    "DB_ENV",
    "GLOSSARY_DIR",
    "QUESTIONS_DIR",
    "REFERENCE_DIR",
    "REPO_ROOT",
    "SEEDS_DIR",
    "data_dir",
    "make_dir",
    "db_path",
    "models_dir",
]

REPO_ROOT = Path(__file__).resolve().parent.parent
CORPUS_DIR = REPO_ROOT / "corpus"
ARTICLES_DIR = CORPUS_DIR / "articles"
REFERENCE_DIR = CORPUS_DIR / "reference"
QUESTIONS_DIR = CORPUS_DIR / "questions"
GLOSSARY_DIR = REPO_ROOT / "glossary"
SEEDS_DIR = REPO_ROOT.parent / "shared" / "seeds"

DATA_DIR_ENV = "BILINGUAL_DATA_DIR"
DB_ENV = "BILINGUAL_DB"


def make_dir(path: Path) -> str:
    """Create ``path`` (and its parents) if needed; '' when it exists now, else why it could not be made."""
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return str(exc.strerror or exc)
    return ""


def data_dir() -> Path:
    """The user's data directory (created on demand): $BILINGUAL_DATA_DIR, else $XDG_DATA_HOME/bilingual-reader."""
    explicit = os.environ.get(DATA_DIR_ENV)
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_DATA_HOME") or str(Path.home() / ".local" / "share")
    return Path(xdg).expanduser() / "bilingual-reader"


def db_path() -> Path:
    """The SQLite database holding progress, imported texts, personal terms and the MT cache."""
    explicit = os.environ.get(DB_ENV)
    return Path(explicit).expanduser() if explicit else data_dir() / "bilingual.sqlite3"


def models_dir() -> Path:
    """Where Argos packages are installed (one folder per package)."""
    return data_dir() / "argos-packages"
