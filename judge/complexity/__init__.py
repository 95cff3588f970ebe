"""Empirical time complexity: is the learner's time growing like the reference's?

`measure` times the learner's solution and the problem's reference interleaved in the same
run (complexity/timing.py) and compares how the ratio of their times grows with n
(complexity/growth.py). The reference is in the expected class, so a flat ratio means the
expected class, and a ratio growing like n means one power of n more. Labels are only as
fine as timing can tell: "O(n) or O(n log n)" when a log factor is within the noise.

A solution that passes every test but grows a power of n faster than expected stays AC (as
on LeetCode) with `ok: false` and a line that says by how much; a timed call that answers
wrong or fails is a failed test like any other (`Timing.failure`).
"""

from __future__ import annotations

import math

from judge.complexity.growth import Comparison, SizeSamples, compare
from judge.complexity.timing import Timing, time_growth
from judge.complexity_classes import Growth, parse_class
from judge.languages import Language, language_for
from judge.models import ComplexityResult, Problem
from judge.sandbox import Sandbox

__all__ = ["Comparison", "SizeSamples", "compare", "describe", "measure", "stated"]


def measure(
    problem: Problem, source: str, sandbox: Sandbox, language: Language | None = None
) -> ComplexityResult | None:
    """The complexity report of an accepted submission, or None where none applies."""
    from judge.references import reference_solution

    spec = problem.complexity
    if spec is None or not spec.sizes or not (problem.path / "generator.py").is_file():
        return None
    reference = reference_solution(problem)
    if reference is None:
        return None
    language = language or language_for(problem)
    timing = time_growth(
        problem, language, source, reference.read_text(encoding="utf-8"), sandbox, tuple(sorted(spec.sizes))
    )
    return describe(spec.expected, timing)


def describe(expected_text: str, timing: Timing) -> ComplexityResult:
    """The report from the timings: the comparison, said the way the expectation is said."""
    expected = parse_class(expected_text)
    sizes = timing.sizes
    common = dict(
        expected=expected_text,
        sizes=tuple(s.n for s in sizes),
        times_ms=tuple(round(_median(s.learner_ms), 3) for s in sizes),
        reference_times_ms=tuple(round(_median(s.reference_ms), 3) for s in sizes),
        samples_ms=tuple(tuple(round(t, 3) for t in s.learner_ms) for s in sizes),
        reference_samples_ms=tuple(tuple(round(t, 3) for t in s.reference_ms) for s in sizes),
    )
    if timing.failure is not None:
        f = timing.failure
        first = f.message.strip().splitlines()[0] if f.message.strip() else ""
        return ComplexityResult(
            estimated=None,
            ok=False,
            note=f"{f.verdict} on a timing input ({f.name}): {first}",
            failure=f,
            **common,
        )
    if timing.note and not timing.censored:
        return ComplexityResult(estimated=None, ok=None, note=timing.note, **common)
    c = compare(expected, sizes, lower_bound=timing.censored)
    note = _note(expected_text, c)
    if timing.censored:
        note = f"{note} ({timing.note})"
    return ComplexityResult(
        estimated=_label(c, expected_text),
        ok=c.ok,
        ratio_slope=None if math.isnan(c.slope) else round(c.slope, 3),
        note=note,
        **common,
    )


def _median(values: tuple[float, ...]) -> float:
    s = sorted(values)
    return (s[(len(s) - 1) // 2] + s[len(s) // 2]) / 2 if s else 0.0


def _label(c: Comparison, expected_text: str) -> str | None:
    if c.estimated is None:
        return None
    if c.alternative is not None:
        return f"{stated(c.estimated, expected_text, bare=True)} or {stated(c.alternative, expected_text)}"
    if c.at_least:
        return f"{stated(c.estimated, expected_text)} or worse"
    return stated(c.estimated, expected_text)


def _note(expected_text: str, c: Comparison) -> str:
    if c.n == 0:
        return "too few sizes could be timed to tell"
    times = f"{c.ratio:.3g}x the reference's time at n = {c.n}"
    if c.ok is False:
        grows = _label(c, expected_text) or "faster"
        times = f"{c.ratio:.0f}x" if c.ratio >= 10 else f"{c.ratio:.1f}x"
        slower = f"{times} slower than the reference at n = {c.n}"
        return f"grows like {grows}; expected {expected_text}: {slower}"
    if c.ok is None:
        grew = f"n^{c.slope:.2f} (+/- {c.error:.2f})"
        return f"could not tell: the ratio to the reference's time grew like {grew}; {times}"
    return f"grows like the reference; {times}"


def stated(total: Growth, expected_text: str, *, bare: bool = False) -> str:
    """A class said the way the expectation is said: per operation where it is.

    `bare` leaves out the "per operation" tail (for the first of "O(1) or O(log n) per ...").
    """
    if " per " in expected_text:
        per = expected_text[expected_text.index(" per ") :].split(",")[0]
        growth = Growth(max(total.power - 1, 0), total.log_power)
        return str(growth) if bare else f"{growth}{per}"
    return str(total)
