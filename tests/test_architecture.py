"""The layout rules the code keeps (docs/ARCHITECTURE.md): one home per concept, enforced.

- the core package ``bilingual/`` never imports Streamlit; every SQL statement is in ``bilingual/store/``;
  argparse only in ``bilingual/cli/``; no module over 500 lines; no import cycle;
- every module says what it exports (``__all__``); pages and the UI glue never use a private name of
  the core;
- no code assigns to a quiz card's fields (cards are shared values).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from bilingual.paths import REPO_ROOT

CORE = REPO_ROOT / "bilingual"
MAX_LINES = 500
SQL = re.compile(r"""["'](SELECT|INSERT|UPDATE|DELETE|CREATE TABLE|ALTER TABLE|DROP TABLE)\s""")


def _modules(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    rel = path.relative_to(REPO_ROOT).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def _imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) for every import statement in the file, at any depth."""
    out = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out += [(a.name, []) for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.append((node.module, [a.name for a in node.names]))
    return out


CORE_MODULES = {_name(p): p for p in _modules(CORE)}


def test_the_core_never_imports_streamlit():
    offenders = [name for name, path in CORE_MODULES.items() if any(m.split(".")[0] == "streamlit" for m, _ in _imports(path))]
    assert offenders == []


def test_sql_lives_only_in_the_store():
    offenders = [
        name for name, path in CORE_MODULES.items()
        if not name.startswith("bilingual.store") and SQL.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_argparse_lives_only_in_the_command_line_package():
    offenders = [
        name for name, path in CORE_MODULES.items()
        if not name.startswith("bilingual.cli") and any(m == "argparse" for m, _ in _imports(path))
    ]
    assert offenders == []


@pytest.mark.parametrize("name", sorted(CORE_MODULES))
def test_no_core_module_is_over_500_lines(name):
    n = len(CORE_MODULES[name].read_text(encoding="utf-8").splitlines())
    assert n <= MAX_LINES, f"{name} has {n} lines"


def _defines_something(path: Path) -> bool:
    """More than a docstring: a definition, an assignment or an import at the top level."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return any(not (isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant)) for n in body)


def test_every_module_says_what_it_exports():
    files = [p for p in _modules(CORE) + _modules(REPO_ROOT / "ui") if p.name != "__main__.py" and _defines_something(p)]
    missing = [_name(p) for p in files if "__all__" not in p.read_text(encoding="utf-8")]
    assert missing == []


def _edges() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {name: set() for name in CORE_MODULES}
    for name, path in CORE_MODULES.items():
        for module, names in _imports(path):
            if not module.startswith("bilingual"):
                continue
            submodules = [f"{module}.{n}" for n in names if f"{module}.{n}" in CORE_MODULES]
            targets = submodules + ([module] if len(submodules) < len(names) or not names else [])
            graph[name].update(t for t in targets if t in CORE_MODULES and t != name)
    return graph


def test_no_import_cycle_inside_the_core():
    graph = _edges()
    state: dict[str, int] = {}
    cycles: list[list[str]] = []

    def visit(node: str, stack: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph[node]):
            if state.get(nxt) == 1:
                cycles.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, [*stack, nxt])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    assert cycles == []


def test_pages_and_ui_use_only_public_names_of_the_core():
    offenders = []
    for path in [REPO_ROOT / "app.py", *_modules(REPO_ROOT / "pages"), *_modules(REPO_ROOT / "ui")]:
        for module, names in _imports(path):
            if module.startswith("bilingual"):
                offenders += [f"{path.name}: {module}.{n}" for n in names if n.startswith("_")]
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.name}: {m}" for m in re.findall(r"\b(?:tr|render|reader|quiz|schedule|bk|texts|personal_terms)\._[a-z]\w*", text)]
    assert offenders == []


def test_no_code_assigns_to_a_quiz_cards_fields():
    """Quiz cards are values shared by every session (cached): a change is a new card
    (``dataclasses.replace``), never an assignment (``QuizCard`` is not frozen, to be cheap to make)."""
    import dataclasses

    from bilingual.quiz.card import QuizCard

    fields = {f.name for f in dataclasses.fields(QuizCard)}
    offenders = []
    for path in [REPO_ROOT / "app.py", *_modules(CORE), *_modules(REPO_ROOT / "pages"), *_modules(REPO_ROOT / "ui")]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Assign):
                targets = node.targets
            elif isinstance(node, (ast.AugAssign, ast.AnnAssign)):
                targets = [node.target]
            else:
                continue
            for t in targets:
                # the one allowed: the card module installs the descriptor of ``options`` on the class
                if isinstance(t, ast.Attribute) and t.attr in fields and ast.unparse(t) != "QuizCard.options":
                    offenders.append(f"{path.relative_to(REPO_ROOT)}:{node.lineno}: {ast.unparse(t)}")
    assert offenders == []
