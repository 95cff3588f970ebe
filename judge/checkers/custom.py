"""A problem's own checker: `check(input, expected, got)` in the problem's checker.py.

The checker is instructor code (trusted), run in the judge's process on serialized values.
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from judge.checkers import CheckContext, register


def _validate(options: dict[str, Any], problem_dir: Path) -> None:
    if options:
        raise ValueError("takes no options; its logic lives in checker.py")
    if not (problem_dir / "checker.py").is_file():
        raise ValueError(f"is 'custom' but {problem_dir / 'checker.py'} is missing")


@cache
def _module(path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"judge_problem_checker_{path.parent.name}", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    if not callable(getattr(module, "check", None)):
        raise TypeError(f"{path} defines no check(input, expected, got)")
    return module


@register("custom", validate=_validate)
def check(ctx: CheckContext, case_input: Any, expected: Any, got: Any) -> str | None:
    result = _module(ctx.problem_dir / "checker.py").check(case_input, expected, got)
    if result is not None and not isinstance(result, str):
        raise TypeError(f"checker.py returned {result!r}; it must return None or a message")
    return result
