"""Per-test time limits from the reference solution's measured time (multiplier and floor).

As problem-package verifiers do: limit = max(floor, multiplier x reference time). The
reference is timed in the same sandbox on this machine, once, and cached under a key that
changes when the problem, its tests or the reference change.
"""

from __future__ import annotations

import platform
from pathlib import Path

from judge import cache as disk
from judge.execution import run_cases
from judge.languages import Language, for_kind
from judge.models import Case, Problem, Verdict
from judge.references import reference_solution
from judge.sandbox import Sandbox

CALIBRATION_LIMIT_MS = 10_000.0
"""The reference runs with max(floor x 10, this), so that a slow machine still measures it."""


def _key(problem: Problem, language: Language, reference: Path, sandbox: Sandbox) -> str:
    files = [p for p in problem.path.rglob("*") if p.is_file() and p.suffix != ".md"]
    parts = (problem.slug, language.name, sandbox.name, platform.python_version())
    return disk.files_digest([*files, reference], *parts)


class ReferenceFailed(Exception):
    """The reference solution does not pass its own problem's tests here."""


def reference_times(
    problem: Problem, cases: list[Case], sandbox: Sandbox, language: Language | None = None
) -> dict[str, float] | None:
    """Milliseconds per case name for the reference in this language, or None without one.

    Raises ReferenceFailed when the reference is not accepted: a broken problem (or a judge
    bug) must be said, not hidden behind the floor.
    """
    language = language or for_kind(problem.kind)[0]
    reference = reference_solution(problem, language)
    if reference is None:
        return None
    key = _key(problem, language, reference, sandbox)
    cached = disk.read_json("reference-times", key)
    if isinstance(cached, dict) and all(c.name in cached for c in cases):
        return {c.name: float(cached[c.name]) for c in cases}
    generous = {c.name: max(problem.limits.time_ms * 10.0, CALIBRATION_LIMIT_MS) for c in cases}
    source = reference.read_text(encoding="utf-8")
    results = run_cases(problem, language, cases, source, sandbox, generous)
    failed = [r for r in results if r.verdict is not Verdict.AC]
    if failed:
        first = failed[0]
        why = first.message.splitlines()[0] if first.message else ""
        raise ReferenceFailed(f"the reference {reference.name} gets {first.verdict} on {first.name}: {why}")
    times = {r.name: r.time_ms for r in results}
    disk.write_json("reference-times", key, {**(cached or {}), **times})
    return times


def time_limits(
    problem: Problem, cases: list[Case], sandbox: Sandbox, language: Language | None = None
) -> dict[str, float]:
    return calibrate(problem, cases, sandbox, language)[0]


def calibrate(
    problem: Problem, cases: list[Case], sandbox: Sandbox, language: Language | None = None
) -> tuple[dict[str, float], str | None]:
    """The limit per case, and a note for the user when the reference could not be timed."""
    language = language or for_kind(problem.kind)[0]
    floor = float(problem.limits.time_ms)
    note = None
    try:
        ref = reference_times(problem, cases, sandbox, language) or {}
    except ReferenceFailed as exc:
        ref = {}
        note = f"time limits are the floor ({floor:g} ms): {exc}. Tell the problem's author."
    mult = problem.limits.time_multiplier
    return {c.name: max(floor, mult * ref.get(c.name, 0.0)) for c in cases}, note
