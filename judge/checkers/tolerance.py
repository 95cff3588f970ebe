"""Floats (alone or in lists) equal within an absolute or a relative tolerance."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from judge.checkers import CheckContext, Mismatch, describe, register

DEFAULT_TOL = 1e-6


def _validate(options: dict[str, Any], problem_dir: Path) -> None:
    for key, value in options.items():
        if key not in ("abs_tol", "rel_tol"):
            raise ValueError(f"option '{key}' is not known (abs_tol, rel_tol)")
        if isinstance(value, bool) or not isinstance(value, (int, float)) or value < 0:
            raise ValueError(f"option '{key}' must be a non-negative number")


def close(expected: Any, got: Any, abs_tol: float, rel_tol: float) -> bool:
    if isinstance(expected, list):
        return (
            isinstance(got, list)
            and len(got) == len(expected)
            and all(close(e, g, abs_tol, rel_tol) for e, g in zip(expected, got, strict=True))
        )
    numeric = (int, float)
    if isinstance(expected, numeric) and not isinstance(expected, bool):
        if isinstance(got, bool) or not isinstance(got, numeric):
            return False
        try:
            if math.isnan(expected) or math.isnan(got):
                return math.isnan(expected) and math.isnan(got)
            return math.isclose(expected, got, abs_tol=abs_tol, rel_tol=rel_tol)
        except OverflowError:  # an int no float can hold (a learner's 4000-digit answer)
            return expected == got
    return type(expected) is type(got) and expected == got


@register("float", validate=_validate)
def check(ctx: CheckContext, case_input: Any, expected: Any, got: Any) -> Mismatch | None:
    abs_tol = float(ctx.options.get("abs_tol", DEFAULT_TOL))
    rel_tol = float(ctx.options.get("rel_tol", DEFAULT_TOL))
    if close(expected, got, abs_tol, rel_tol):
        return None
    tolerance = f"tolerance {abs_tol:g} abs / {rel_tol:g} rel"
    return Mismatch(
        f"expected {describe(expected)}, got {describe(got)} ({tolerance})",
        f"wrong answer: not within the {tolerance}",
    )
