"""Per-test time limits from the reference solution's measured time (multiplier and floor).

As problem-package verifiers do: limit = max(floor, multiplier x reference time). The
reference is timed in the same sandbox on this machine, once, and cached under a key that
changes when the problem, its tests or the reference change.
"""

from __future__ import annotations

import platform
from pathlib import Path

from judge import cache as disk
from judge.models import Case, Problem
from judge.references import reference_solution
from judge.sandbox import Sandbox

CALIBRATION_LIMIT_MS = 10_000.0
"""The reference runs with max(floor x 10, this), so that a slow machine still measures it."""


def _key(problem: Problem, reference: Path, sandbox: Sandbox) -> str:
    files = [p for p in problem.path.rglob("*") if p.is_file() and p.suffix != ".md"]
    return disk.files_digest([*files, reference], problem.slug, sandbox.name, platform.python_version())


def reference_times(problem: Problem, cases: list[Case], sandbox: Sandbox) -> dict[str, float] | None:
    """Milliseconds per case name for the reference, or None when it has none or it failed."""
    from judge.judging import run_cases

    reference = reference_solution(problem)
    if reference is None:
        return None
    key = _key(problem, reference, sandbox)
    cached = disk.read_json("reference-times", key)
    if isinstance(cached, dict) and all(c.name in cached for c in cases):
        return {c.name: float(cached[c.name]) for c in cases}
    generous = {c.name: max(problem.limits.time_ms * 10.0, CALIBRATION_LIMIT_MS) for c in cases}
    results = run_cases(problem, cases, reference.read_text(encoding="utf-8"), sandbox, generous)
    if any(r.verdict != "AC" for r in results):
        return None
    times = {r.name: r.time_ms for r in results}
    disk.write_json("reference-times", key, {**(cached or {}), **times})
    return times


def time_limits(problem: Problem, cases: list[Case], sandbox: Sandbox) -> dict[str, float]:
    floor = float(problem.limits.time_ms)
    ref = reference_times(problem, cases, sandbox) or {}
    mult = problem.limits.time_multiplier
    return {c.name: max(floor, mult * ref.get(c.name, 0.0)) for c in cases}
