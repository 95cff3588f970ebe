"""A list compared as a multiset: for answers accepted in any order."""

from __future__ import annotations

from collections import Counter
from typing import Any

from judge.checkers import CheckContext, describe, register
from judge.checkers.exact import canonical


@register("unordered")
def check(ctx: CheckContext, case_input: Any, expected: Any, got: Any) -> str | None:
    if not isinstance(got, list):
        return f"expected a list, got {describe(got)}"
    want, have = Counter(map(canonical, expected)), Counter(map(canonical, got))
    if want == have:
        return None
    missing = list((want - have).elements())[:3]
    extra = list((have - want).elements())[:3]
    parts = []
    if missing:
        parts.append("missing " + ", ".join(missing))
    if extra:
        parts.append("unexpected " + ", ".join(extra))
    return "; ".join(parts)
