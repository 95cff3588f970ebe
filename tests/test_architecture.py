"""The shape of the package, checked from its source with the standard library's ast:
imports point one way (no cycles), the sandbox knows nothing of languages, and no code
outside a language's own folder asks which kind a problem is."""

from __future__ import annotations

import ast
import re
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "judge"


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(PACKAGE.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _modules() -> dict[str, Path]:
    return {_module_name(p): p for p in PACKAGE.rglob("*.py") if "workers" not in p.parts}


def _imports(path: Path, name: str, known: set[str]) -> set[str]:
    """judge.* modules this one imports anywhere (top level or inside functions)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        targets: list[str] = []
        if isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")
                base = ".".join(up[: len(up) - node.level + 1] + ([base] if base else []))
            targets = [base] + [f"{base}.{a.name}" for a in node.names]
        for t in targets:
            while t and t not in known:
                t = t.rpartition(".")[0]
            if t and t != name:
                found.add(t)
    return found


def _graph() -> dict[str, set[str]]:
    mods = _modules()
    known = set(mods)
    return {name: _imports(path, name, known) for name, path in mods.items()}


def test_the_import_graph_has_no_cycle() -> None:
    graph = _graph()
    # A package imports its own submodules for registration (checkers, languages): that edge
    # points down, so it is not a cycle; count only the edges from a module to its parents.
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        stack.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt.startswith(node + "."):
                continue  # a package loading its plugins
            if state.get(nxt) == 1:
                cycle = [*stack[stack.index(nxt) :], nxt]
                raise AssertionError("import cycle: " + " -> ".join(cycle))
            if nxt not in state:
                visit(nxt)
        stack.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)


def test_the_sandbox_knows_no_language() -> None:
    graph = _graph()
    for name, deps in graph.items():
        if name.startswith("judge.sandbox"):
            bad = {d for d in deps if d.startswith(("judge.languages", "judge.runners", "judge.catalog"))}
            assert not bad, f"{name} imports {sorted(bad)}"


LITERAL = r"""["'](sql|python|pandas)["']"""
BRANCH = re.compile(rf"""(kind|language)\s*(==|!=)\s*["']|(==|!=)\s*{LITERAL}|\bin\s*[(\[{{]\s*{LITERAL}""")
"""A test of which kind or language something is, against a literal name: ask the language."""


def test_no_kind_branch_outside_the_language_folders() -> None:
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] == "languages" or "workers" in rel.parts:
            continue
        for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if BRANCH.search(line):
                offenders.append(f"judge/{rel}:{lineno}: {line.strip()}")
    assert not offenders, "ask the language instead:\n" + "\n".join(offenders)
