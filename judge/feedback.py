"""How much of a failing hidden test a learner sees: `--feedback full|brief|none`.

Practice shows everything (LeetCode's way); graded runs hide the hidden tests' data, since
repeated runs that show expected answers let a hard-coded submission pass. Samples are public
and always shown in full. A pure function of a `Report`, so every output format (table,
JSON, a gradebook) shows the same.
"""

from __future__ import annotations

from dataclasses import replace
from enum import StrEnum

from judge.models import CaseResult, Report, Verdict


class Feedback(StrEnum):
    FULL = "full"
    """Everything: the input, the expected and the returned answer, what the test printed."""
    BRIEF = "brief"
    """Hidden tests: verdicts and messages that reveal no input, expected value or row."""
    NONE = "none"
    """Hidden tests: only counted, with the overall verdict."""


def apply_feedback(report: Report, level: Feedback | str) -> Report:
    """The report as `level` shows it; samples are left whole at every level."""
    level = Feedback(level)
    if level is Feedback.FULL:
        return replace(report, feedback=str(level))
    if level is Feedback.BRIEF:
        tests = tuple(t if t.sample else brief_result(t) for t in report.tests)
        return replace(report, tests=tests, feedback=str(level))
    hidden = [t for t in report.tests if not t.sample]
    return replace(
        report,
        tests=tuple(t for t in report.tests if t.sample),
        feedback=str(level),
        withheld=report.withheld + len(hidden),
        withheld_passed=report.withheld_passed + sum(t.verdict is Verdict.AC for t in hidden),
    )


def brief_result(result: CaseResult) -> CaseResult:
    """A hidden test's result without its data: the brief message, no values, no output."""
    if result.verdict is Verdict.CE:
        return replace(result, output="")  # a CE is about the file, never about a test
    return replace(
        result,
        message=result.brief,
        input=(),
        expected=None,
        got=None,
        operation=None,
        output="",
    )
