"""A problem's own checker: `check(input, expected, got)` in the problem's checker.py.

The checker is instructor code (trusted), run in the judge's process on serialized values;
it is executed from the bytes sealed before any learner code ran (judge/integrity.py).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from judge import integrity
from judge.checkers import CheckContext, register


def _validate(options: dict[str, Any], problem_dir: Path) -> None:
    if options:
        raise ValueError("takes no options; its logic lives in checker.py")
    if not (problem_dir / "checker.py").is_file():
        raise ValueError(f"is 'custom' but {problem_dir / 'checker.py'} is missing")


@cache
def _module(path: Path) -> ModuleType:
    module = integrity.load_module(path, f"judge_problem_checker_{path.parent.name}")
    if not callable(getattr(module, "check", None)):
        raise TypeError(f"{path} defines no check(input, expected, got)")
    return module


@register("custom", validate=_validate)
def check(ctx: CheckContext, case_input: Any, expected: Any, got: Any) -> str | None:
    result = _module(ctx.problem_dir / "checker.py").check(case_input, expected, got)
    if result is not None and not isinstance(result, str):
        raise TypeError(f"checker.py returned {result!r}; it must return None or a message")
    return result
