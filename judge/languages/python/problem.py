"""The `python` kind's sections of problem.yaml: entry point, checker, complexity."""

from __future__ import annotations

import difflib
from pathlib import Path
from typing import Any

from judge.checkers import CHECKERS
from judge.complexity_classes import parse_class
from judge.models import CheckerSpec, ComplexitySpec, EntryPoint
from judge.yamlfields import Fields

YAML_KEYS = frozenset({"entry_point", "checker", "complexity"})
ENTRY_KEYS = {"function", "class", "leetcode_method", "signature", "methods"}
COMPLEXITY_KEYS = {"expected", "sizes"}


def parse(f: Fields, folder: Path) -> dict[str, Any]:
    return {"checker": _checker(f), "entry_point": _entry_point(f), "complexity": _complexity(f)}


def _entry_point(f: Fields) -> EntryPoint:
    ep = f.section("entry_point", ENTRY_KEYS)
    if ep is None:
        raise f.fail("entry_point", "is missing (give `function: name` or `class: Name`)")
    function, cls = ep.get("function", str), ep.get("class", str)
    if (function is None) == (cls is None):
        raise ep.fail("function", "or 'entry_point.class' must be given, exactly one of them")
    for key, value in (("function", function), ("class", cls)):
        if value is not None and not value.isidentifier():
            raise ep.fail(key, f"must be a Python identifier, not {value!r}")
    signature = ep.get("signature", str)
    methods = ep.str_list("methods")
    if signature is not None:
        if cls is not None:
            raise ep.fail("signature", "is for function problems; a class lists its `methods`")
        if not signature.startswith(f"def {function}("):
            raise ep.fail("signature", f"must start with 'def {function}(', not {signature[:40]!r}")
    if methods and function is not None:
        raise ep.fail("methods", "is for class problems; a function gives its `signature`")
    for m in methods:
        if not m.startswith("def ") or "(self" not in m:
            raise ep.fail(
                "methods", f"must be method signatures like 'def get(self, key: int) -> int', not {m!r}"
            )
    return EntryPoint(function, cls, ep.get("leetcode_method", str), signature, methods)


def _checker(f: Fields) -> CheckerSpec:
    raw = f.data.get("checker", "exact")
    if isinstance(raw, str):
        name, options = raw, {}
    elif isinstance(raw, dict) and isinstance(raw.get("name"), str):
        name, options = raw["name"], {k: v for k, v in raw.items() if k != "name"}
    else:
        raise f.fail("checker", "must be a checker name or a mapping with `name:`")
    if name not in CHECKERS:
        close = difflib.get_close_matches(name, sorted(CHECKERS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (one of {', '.join(sorted(CHECKERS))})"
        raise f.fail("checker", f"names an unknown checker {name!r}{hint}")
    try:
        CHECKERS[name].validate(options, f.path.parent)
    except ValueError as exc:
        raise f.fail("checker", str(exc)) from exc
    return CheckerSpec(name, options)


def _complexity(f: Fields) -> ComplexitySpec | None:
    c = f.section("complexity", COMPLEXITY_KEYS)
    if c is None:
        return None
    expected = c.get("expected", str)
    if expected is None:
        raise c.fail("expected", "is missing (for example `O(n)`)")
    try:
        parse_class(expected)
    except ValueError as exc:
        raise c.fail("expected", str(exc)) from exc
    sizes = c.get("sizes", list, [])
    if not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in sizes):
        raise c.fail("sizes", "must be a list of positive integers")
    return ComplexitySpec(expected, tuple(sizes))
