"""Reading and writing the curated YAML data files (UTF-8), with errors that name the file and line."""

from __future__ import annotations

from pathlib import Path

import yaml

from bilingual.errors import DataError

__all__ = ["dump_yaml", "read_yaml"]


def read_yaml(path: Path) -> object:
    """The parsed content of a YAML file; DataError (file, where, field) when it cannot be read."""
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.safe_load(fh)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}" if mark else "file"
        raise DataError(path, where, "yaml", f"not valid YAML ({getattr(exc, 'problem', exc)})") from None
    except UnicodeDecodeError:
        raise DataError(path, "file", "encoding", "not UTF-8 text") from None
    except FileNotFoundError:
        raise DataError(path, "file", "path", "file not found") from None
    except OSError as exc:
        raise DataError(path, "file", "path", f"cannot be read ({exc.strerror or exc})") from None


def dump_yaml(data: object, path: Path) -> None:
    """Write ``data`` as human-editable YAML (Arabic kept as is, keys in the given order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False, width=10_000)
