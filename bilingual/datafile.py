"""Reading and writing the curated YAML data files: one strict loader for corpus, reference, glossary, questions.

The curated files are plain data: mappings, lists, text, numbers, ``true``/``false``. The loader
refuses, with a message naming the file, the line and the key, everything YAML offers beyond that
and that a hand-edited file never needs but a hostile or mistyped one can use to hang the app or be
silently misread:

- files over ``MAX_FILE_BYTES`` (checked before a byte is parsed; the largest file in the repo, the
  glossary, is about 50 KB);
- anchors and aliases (``&a``, ``*a``, and so ``<<: *a`` merges): a few-KB "alias bomb" of nine
  nested anchors expands to 387 million strings; the curated files have no need for them, so they
  are refused outright, not bounded;
- explicit tags (``!!python/object``, ``!!binary``, ``!!set``...);
- a key given twice in one mapping (YAML keeps the last one: a second ``entries:`` would replace the
  whole glossary), and keys that are not text;
- nesting deeper than ``MAX_DEPTH`` (the files need 6 levels).

Scalars are read as written: only ``true``/``false`` are booleans (``no``, ``off``, ``yes`` stay
text), only plain decimals are numbers (``1_0``, ``0x1F``, ``010``, ``1:30`` stay text, so a
coordinate written that way is refused instead of read as 10, 31, 8 or 90), and dates stay text.

``Record`` reads one mapping of a file with the same strictness: unknown keys, text that is a list
or a mapping, booleans that are strings and over-long values are errors naming file, entry, field.

Parsing uses libyaml's event parser when PyYAML has it (about 6× faster: 0.5 s for a 1 MB file),
else PyYAML's own; the composer that applies the rules above is the same Python code for both.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from pathlib import Path

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent
from yaml.nodes import ScalarNode
from yaml.parser import Parser
from yaml.reader import Reader
from yaml.resolver import Resolver
from yaml.scanner import Scanner

from bilingual.errors import DataError

__all__ = [
    "LOCAL_ID_RE",
    "MAX_DEPTH",
    "MAX_FILE_BYTES",
    "Record",
    "describe",
    "dump_yaml",
    "entry_name",
    "parse_yaml",
    "read_yaml",
]

#: The largest curated file accepted: 1 MB (the repo's largest, glossary/glossary.yaml, is ~50 KB;
#: an article at the 200,000-character limit of an imported text is ~0.4 MB).
MAX_FILE_BYTES = 1_000_000
#: How deeply mappings and lists may nest (an article needs 6 levels: file, paragraphs, paragraph,
#: sentences, sentence, text).
MAX_DEPTH = 10
#: Ids that are unique within one file (paragraphs, sentences, questions): ``s001``, ``p01``, ``q01``.
LOCAL_ID_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$")

_STR_TAG = "tag:yaml.org,2002:str"


class _Refused(yaml.YAMLError):
    """A construct the curated files may not use, found at ``mark`` under ``key``."""

    def __init__(self, mark: yaml.Mark | None, key: str, message: str, owner: str = ""):
        super().__init__(message)
        self.mark, self.key, self.message, self.owner = mark, key, message, owner


class _StrictResolver(Resolver):
    """Only ``true``/``false``, plain decimals and ``null``/``~`` are typed; every other scalar is text."""

    yaml_implicit_resolvers: dict = {}


class _StrictComposer(Composer):
    """PyYAML's composer without aliases, anchors, tags, duplicate or non-text keys, deep nesting."""

    def __init__(self) -> None:
        super().__init__()
        self._keys: list[str] = []

    def compose_node(self, parent, index):  # noqa: ANN001, ANN201 - PyYAML's signature
        event = self.peek_event()
        key = index.value if isinstance(index, ScalarNode) else (self._keys[-1] if self._keys else "yaml")
        if isinstance(event, AliasEvent):
            raise _Refused(event.start_mark, key, f"a YAML alias (*{event.anchor}) is not allowed in curated files: write the value out")
        if isinstance(event, (ScalarEvent, CollectionStartEvent)):
            if event.anchor is not None:
                raise _Refused(event.start_mark, key, f"a YAML anchor (&{event.anchor}) is not allowed in curated files")
            if event.tag is not None:
                raise _Refused(event.start_mark, key, f"a YAML tag ({event.tag}) is not allowed in curated files")
        if len(self._keys) >= MAX_DEPTH:
            raise _Refused(event.start_mark, key, f"nested more than {MAX_DEPTH} levels deep")
        self._keys.append(key)
        try:
            return super().compose_node(parent, index)
        finally:
            self._keys.pop()

    def compose_mapping_node(self, anchor):  # noqa: ANN001, ANN201 - PyYAML's signature
        node = super().compose_mapping_node(anchor)
        owner = next((v.value for k, v in node.value if isinstance(k, ScalarNode) and k.value == "id" and isinstance(v, ScalarNode)), "")
        first_line: dict[str, int] = {}
        for key_node, _ in node.value:
            if not isinstance(key_node, ScalarNode) or key_node.tag != _STR_TAG:
                shown = key_node.value if isinstance(key_node, ScalarNode) else "a list or mapping"
                raise _Refused(key_node.start_mark, str(shown), "a key must be text (put it in quotes)", owner)
            line = key_node.start_mark.line + 1
            if key_node.value in first_line:
                raise _Refused(
                    key_node.start_mark, key_node.value,
                    f"duplicate key: already given on line {first_line[key_node.value]} of the same mapping "
                    "(YAML would silently keep only the last one)",
                    owner,
                )
            first_line[key_node.value] = line
        return node


class _PyStrictLoader(Reader, Scanner, Parser, _StrictComposer, SafeConstructor, _StrictResolver):
    """The strict loader on PyYAML's pure-Python parser."""

    def __init__(self, stream: str):
        Reader.__init__(self, stream)
        Scanner.__init__(self)
        Parser.__init__(self)
        _StrictComposer.__init__(self)
        SafeConstructor.__init__(self)
        _StrictResolver.__init__(self)


_StrictLoader: type = _PyStrictLoader
if yaml.__with_libyaml__:
    from yaml._yaml import CParser

    class _CStrictLoader(_StrictComposer, CParser, SafeConstructor, _StrictResolver):
        """The strict loader on libyaml's event parser (C): about 6× faster, the same composer and rules."""

        def __init__(self, stream: str):
            CParser.__init__(self, stream)
            _StrictComposer.__init__(self)
            SafeConstructor.__init__(self)
            _StrictResolver.__init__(self)

    _StrictLoader = _CStrictLoader


def _where(mark: yaml.Mark | None) -> str:
    return f"line {mark.line + 1}" if mark is not None else "file"


for _tag, _regexp, _first in (
    ("tag:yaml.org,2002:bool", r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    ("tag:yaml.org,2002:int", r"^[-+]?(?:0|[1-9][0-9]*)$", "-+0123456789"),
    ("tag:yaml.org,2002:float",
     r"^(?:[-+]?(?:[0-9]+\.[0-9]*|\.[0-9]+)(?:[eE][-+]?[0-9]+)?|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
     "-+0123456789."),
    ("tag:yaml.org,2002:null", r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
):
    _StrictResolver.add_implicit_resolver(_tag, re.compile(_regexp), list(_first))


def parse_yaml(text: str, file: str | Path = "<text>") -> object:
    """The data of one YAML document, read strictly (see the module docstring); DataError names file and line."""
    loader = None
    try:
        loader = _StrictLoader(text)
        return loader.get_single_data()
    except _Refused as exc:
        where = _where(exc.mark) + (f" (in {exc.owner})" if exc.owner else "")
        raise DataError(file, where, exc.key, exc.message) from None
    except yaml.reader.ReaderError as exc:
        raise DataError(file, "file", "yaml", f"not valid YAML (character #x{exc.character:04x} is not allowed)") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(file, _where(mark), "yaml", f"not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    finally:
        if loader is not None:
            loader.dispose()


def read_yaml(path: Path, max_bytes: int = MAX_FILE_BYTES) -> object:
    """The data of a curated YAML file, read strictly; DataError (file, where, field) when it cannot be.

    A file over ``max_bytes`` is refused before it is parsed (and never read past the limit).
    """
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise DataError(path, "file", "size", _too_big(size, max_bytes))
        with open(path, "rb") as fh:
            raw = fh.read(max_bytes + 1)
        if len(raw) > max_bytes:  # a device or a file that grew while being read
            raise DataError(path, "file", "size", _too_big(len(raw), max_bytes, at_least=True))
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise DataError(path, "file", "encoding", "not UTF-8 text") from None
    except FileNotFoundError:
        raise DataError(path, "file", "path", "file not found") from None
    except OSError as exc:
        raise DataError(path, "file", "path", f"cannot be read ({exc.strerror or exc})") from None
    return parse_yaml(text, path)


def _too_big(size: int, limit: int, at_least: bool = False) -> str:
    return (f"the file is {'over ' if at_least else ''}{size / 1e6:,.1f} MB; a curated file is at most "
            f"{limit / 1e6:g} MB (is this the right file?)")


def dump_yaml(data: object, path: Path) -> None:
    """Write ``data`` as human-editable YAML (Arabic kept as is, keys in the given order)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8") as fh:
        yaml.safe_dump(data, fh, allow_unicode=True, sort_keys=False, width=10_000)


# --- reading one mapping of a file, strictly -------------------------------------------------------


def describe(value: object) -> str:
    """What a parsed YAML value is, in a curator's words ("a list", "true/false", "a number"...)."""
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, (int, float)):
        return f"a number ({value!r})"
    if isinstance(value, str):
        return f"text ({_clip(value)!r})"
    return {list: "a list", dict: "a mapping", type(None): "nothing"}.get(type(value), type(value).__name__)


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def entry_name(raw: object, kind: str, fallback: str) -> str:
    """How messages name a mapping: ``"<kind> <its id>"`` when it has a text id, else ``fallback``."""
    rid = raw.get("id") if isinstance(raw, dict) else None
    return f"{kind} {_clip(rid.strip(), 80)}" if isinstance(rid, str) and rid.strip() else fallback


class Record:
    """One mapping of a curated file (an article, a glossary entry, a question...), read field by field.

    Every reader raises DataError(file, entry, field, message): wrong types are errors (a list where
    text is expected is never turned into text), so are unknown keys, values over their length limit,
    and booleans other than ``true``/``false``.
    """

    def __init__(self, raw: object, file: str | Path, entry: str, fields: Iterable[str], what: str = "entry"):
        if not isinstance(raw, dict):
            raise DataError(file, entry, what, f"expected a mapping of fields, got {describe(raw)}")
        self.raw, self.file, self.entry = raw, file, entry
        allowed = tuple(fields)
        unknown = [k for k in raw if k not in allowed]
        if unknown:
            raise DataError(file, entry, str(unknown[0]), f"unknown field (the fields are: {', '.join(allowed)})")

    def error(self, key: str, message: str) -> DataError:
        return DataError(self.file, self.entry, key, message)

    def has(self, key: str) -> bool:
        return self.raw.get(key) is not None

    def text(self, key: str, *, max_len: int, required: bool = True) -> str:
        """Text, stripped; "missing" when required and absent or blank, '' when optional and absent."""
        value = self.raw.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing")
            return ""
        return _text(value, max_len, lambda m: self.error(key, m), required)

    def texts(self, key: str, *, max_len: int, max_items: int, required: bool = False) -> tuple[str, ...]:
        """A list of non-empty texts, each stripped (an absent optional list is empty)."""
        value = self._sized(key, list, "a list of texts", max_items, required=required)
        return tuple(_text(v, max_len, lambda m, i=i: self.error(key, f"item {i + 1}: {m}"), True) for i, v in enumerate(value or ()))

    def flag(self, key: str, default: bool = False) -> bool:
        """``true`` or ``false`` (nothing else: not 'no', not 'false' in quotes, not 0)."""
        value = self.raw.get(key)
        if value is None:
            return default
        if not isinstance(value, bool):
            raise self.error(key, f"expected true or false, got {describe(value)}")
        return value

    def number(self, key: str, *, bound: float) -> float | None:
        """A finite number between -bound and bound, or None when absent."""
        value = self.raw.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value) or abs(value) > bound:
            raise self.error(key, f"expected a number between -{bound:g} and {bound:g}, got {describe(value)}")
        return float(value)

    def mapping(self, key: str, *, max_items: int) -> dict:
        return self._sized(key, dict, "a mapping", max_items)

    def items(self, key: str, *, max_items: int) -> list:
        """A non-empty list (of mappings, read each with its own Record)."""
        return self._sized(key, list, "a list", max_items, allow_empty=False)

    def _sized(self, key: str, kind: type, what: str, max_items: int, *, required: bool = True, allow_empty: bool = True):  # noqa: ANN202
        value = self.raw.get(key)
        if value is None:
            if required:
                raise self.error(key, "missing")
            return None
        if not isinstance(value, kind):
            raise self.error(key, f"expected {what}, got {describe(value)}")
        if not value and not allow_empty:
            raise self.error(key, "empty")
        if len(value) > max_items:
            raise self.error(key, f"too many items: {len(value):,}; at most {max_items:,}")
        return value

    def local_id(self, key: str = "id") -> str:
        """An id unique within its file (``s001``, ``p01``, ``q01``): letters, digits, '-' or '_'."""
        value = self.text(key, max_len=40)
        if not LOCAL_ID_RE.match(value):
            raise self.error(key, f"{_clip(value)!r}: use letters, digits, '-' or '_' (e.g. s001), at most 40")
        return value


def _text(value: object, max_len: int, error, required: bool) -> str:  # noqa: ANN001 - error: str -> DataError
    if not isinstance(value, str):
        raise error(f"expected text, got {describe(value)}")
    value = value.strip()
    if not value and required:
        raise error("missing (the text is empty)")
    if len(value) > max_len:
        raise error(f"too long: {len(value):,} characters; at most {max_len:,}")
    return value

