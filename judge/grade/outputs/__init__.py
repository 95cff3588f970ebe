"""Every output of a grading run, one module per format, all rendered from LearnerResults.

Instructor outputs (gradebook.csv, tests.csv, the summary) show everything; learner-facing
ones (results.json, the per-learner HTML, the GitHub step summary, junit.xml, which CI shows
in the learner's own repository) show each report through `learner_view`, at the
assignment's feedback level.
"""

from __future__ import annotations

from judge.feedback import Feedback, apply_feedback
from judge.grade.results import ProblemResult
from judge.models import CaseResult, Report, Verdict
from judge.render import VERDICT_TEXT


def learner_view(result: ProblemResult, level: str) -> Report | None:
    return apply_feedback(result.report, Feedback(level)) if result.report is not None else None


def case_text(t: CaseResult, level: str) -> str:
    """One line about a test for a learner: hidden tests say only what the level allows."""
    kind = "sample" if t.sample else "hidden"
    line = f"{t.name} ({kind}): {t.verdict} {VERDICT_TEXT.get(t.verdict, '')}".rstrip()
    text = t.message if (t.sample or level == "full") else t.brief
    if t.verdict is not Verdict.AC and text.strip():
        line += " - " + text.strip().splitlines()[0][:300]
    # What apply_feedback left of the case: hidden tests keep none of it below `full`.
    if t.verdict is not Verdict.AC and (t.sample or level == "full"):
        if t.input:
            line += "; input: " + ", ".join(f"{k}={v}" for k, v in t.input)[:300]
        if t.expected is not None:
            line += f"; expected {t.expected[:200]}, got {(t.got or '')[:200]}"
    return line


def problem_text(result: ProblemResult, level: str) -> str:
    """A few lines on one problem for a learner: score, verdict, the failing tests allowed."""
    head = f"{result.problem}: {result.score:g}/{result.max_score:g}"
    if result.report is None:
        return (
            f"{head} ({result.status}: {result.message})" if result.message else f"{head} ({result.status})"
        )
    view = learner_view(result, level)
    assert view is not None
    lines = [f"{head} - {result.verdict} ({result.tests_passed}/{result.tests_total} tests passed)"]
    failing = [t for t in view.tests if t.verdict is not Verdict.AC][:3]
    lines += ["  " + case_text(t, level) for t in failing]
    if view.withheld:
        lines.append(f"  {view.withheld} hidden tests not shown ({view.withheld_passed} passed)")
    return "\n".join(lines)
