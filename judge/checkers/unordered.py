"""A list compared as a multiset: for answers accepted in any order."""

from __future__ import annotations

from collections import Counter
from typing import Any

from judge.checkers import CheckContext, Mismatch, describe, register
from judge.checkers.exact import canonical


@register("unordered")
def check(ctx: CheckContext, case_input: Any, expected: Any, got: Any) -> Mismatch | None:
    if not isinstance(got, list):
        return Mismatch(f"expected a list, got {describe(got)}", "wrong answer: not a list")
    want, have = Counter(map(canonical, expected)), Counter(map(canonical, got))
    if want == have:
        return None
    missing_all, extra_all = want - have, have - want
    missing, extra = list(missing_all.elements())[:3], list(extra_all.elements())[:3]
    parts, counts = [], []
    if missing:
        parts.append("missing " + ", ".join(missing))
        counts.append(f"{missing_all.total()} missing")
    if extra:
        parts.append("unexpected " + ", ".join(extra))
        counts.append(f"{extra_all.total()} unexpected")
    return Mismatch("; ".join(parts), "wrong answer: " + ", ".join(counts))
