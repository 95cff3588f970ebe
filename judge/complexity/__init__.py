"""Empirical time complexity: time learner and reference on generated sizes, compare growth.

Each size is timed as the best of a few calls (the fastest run is the least disturbed by the
machine); growth is the slope of log(time) over log(n) across the sizes. The learner passes
when that slope is no steeper than the expected class allows, or than the reference's own
slope, plus a margin for noise.
"""

from __future__ import annotations

import itertools
import math

from judge.complexity_classes import Growth, parse_class
from judge.generators import generate_json
from judge.models import ComplexityResult, Problem
from judge.sandbox import Sandbox

REPEAT = 3
SLOPE_MARGIN = 0.35
MIN_MEASURABLE_MS = 0.05
SEED_BASE = 1000
CLASSES = [Growth(0, 0), Growth(0, 1), Growth(1, 0), Growth(1, 1), Growth(2, 0), Growth(3, 0)]


def effective_slope(growth: Growth, sizes: tuple[int, ...]) -> float:
    """The log-log slope a class shows over these sizes (log n adds a little, not zero)."""
    lo, hi = min(sizes), max(sizes)

    def f(n: int) -> float:
        return n**growth.power * max(math.log(n), 1.0) ** growth.log_power

    return math.log(f(hi) / f(lo)) / math.log(hi / lo)


def fit_slope(sizes: tuple[int, ...], times: list[float]) -> float:
    xs = [math.log(n) for n in sizes]
    ys = [math.log(max(t, 1e-6)) for t in times]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    sxx = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sxx


ESTIMATE_MARGIN = 0.12
"""Noise allowance when naming a class: O(n) and O(n log n) differ by ~0.1 in slope over
these sizes, so the simpler class is named unless the measurement clearly exceeds it."""


def estimate_class(slope: float, sizes: tuple[int, ...]) -> Growth:
    for growth, bigger in itertools.pairwise(CLASSES):
        here, there = effective_slope(growth, sizes), effective_slope(bigger, sizes)
        if slope <= max(here + ESTIMATE_MARGIN, (here + there) / 2):
            return growth
    return CLASSES[-1]


def _time_sizes(
    problem: Problem, source: str, sandbox: Sandbox, sizes: tuple[int, ...], limit_ms: float
) -> tuple[list[float], str]:
    """Best-of-REPEAT milliseconds per size; stops at the first size that fails or times out."""
    from judge.languages.python.job import setup_for
    from judge.sandbox import Job, JobCase

    cases = tuple(
        JobCase(f"n={n}", None, limit_ms, repeat=REPEAT, input_json=generate_json(problem, n, SEED_BASE + i))
        for i, n in enumerate(sizes)
    )
    job = Job(
        "python", setup_for(problem, source), cases, problem.limits.memory_mb, problem.limits.output_kb * 1024
    )
    times: list[float] = []
    for outcome in sandbox.run(job):
        if outcome.status != "ok":
            reason = "timed out" if outcome.status == "timeout" else f"failed ({outcome.status})"
            return times, f"{outcome.name} {reason}"
        times.append(outcome.time_ms)
    return times, ""


def _reference_times(
    problem: Problem, sandbox: Sandbox, sizes: tuple[int, ...], limit_ms: float
) -> list[float]:
    """The reference's timings on these sizes, measured once per machine and cached."""
    import platform

    from judge import cache as disk
    from judge.references import reference_solution

    reference = reference_solution(problem)
    if reference is None:
        return []
    parts = (problem.slug, sandbox.name, platform.python_version(), repr(sizes))
    key = disk.files_digest([reference, problem.path / "generator.py"], *parts)
    cached = disk.read_json("complexity-reference", key)
    if isinstance(cached, list) and len(cached) == len(sizes):
        return [float(t) for t in cached]
    times, _ = _time_sizes(problem, reference.read_text(encoding="utf-8"), sandbox, sizes, limit_ms)
    if len(times) == len(sizes):
        disk.write_json("complexity-reference", key, times)
    return times


def measure(problem: Problem, source: str, sandbox: Sandbox) -> ComplexityResult | None:
    spec = problem.complexity
    if spec is None or not spec.sizes or not (problem.path / "generator.py").is_file():
        return None
    sizes = tuple(spec.sizes)
    expected = parse_class(spec.expected)
    limit_ms = float(problem.limits.time_ms) * 2
    times, problem_note = _time_sizes(problem, source, sandbox, sizes, limit_ms)
    ref_times = _reference_times(problem, sandbox, sizes, limit_ms * 5)
    if len(times) < len(sizes):
        # Slower than the judge's limit on a timing input: it grows too fast (or broke).
        ok = False if "timed out" in problem_note else None
        return ComplexityResult(spec.expected, None, ok, sizes, tuple(times), tuple(ref_times), problem_note)
    if max(times) < MIN_MEASURABLE_MS:
        return ComplexityResult(
            spec.expected,
            None,
            None,
            sizes,
            tuple(times),
            tuple(ref_times),
            "too fast to measure on these sizes",
        )
    slope = fit_slope(sizes, times)
    allowed = effective_slope(expected, sizes)
    if len(ref_times) == len(sizes):
        allowed = max(allowed, fit_slope(sizes, ref_times))
    ok = slope <= allowed + SLOPE_MARGIN
    note = f"log-log slope {slope:.2f}, allowed up to {allowed + SLOPE_MARGIN:.2f}"
    return ComplexityResult(
        spec.expected,
        _as_stated(estimate_class(slope, sizes), spec.expected),
        ok,
        sizes,
        tuple(round(t, 3) for t in times),
        tuple(round(t, 3) for t in ref_times),
        note,
    )


def _as_stated(total: Growth, expected: str) -> str:
    """Say the estimate the way the expectation is said: per operation where it is."""
    if " per " in expected:
        per = expected[expected.index(" per ") :].split(",")[0]
        return f"{Growth(max(total.power - 1, 0), total.log_power)}{per}"
    return str(total)
