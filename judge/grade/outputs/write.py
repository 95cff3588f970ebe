"""Writing every output of a run (or of merged runs) from the one result model."""

from __future__ import annotations

from pathlib import Path

from judge.grade.assignment import Assignment
from judge.grade.outputs.csvs import write_csvs
from judge.grade.outputs.github import write_github
from judge.grade.outputs.gradescope import render_results_json
from judge.grade.outputs.html import learner_html
from judge.grade.outputs.junit import render_junit
from judge.grade.results import LearnerResult
from judge.grade.roster import safe_name
from judge.grade.store import write_atomic

LEARNERS = "learners"


def write_outputs(out: Path, results: list[LearnerResult], assignment: Assignment, level: str) -> None:
    """gradebook.csv, tests.csv, junit.xml, learners/<id>/{results.json,report.html}, and
    results.json at the top when one learner was graded (Gradescope's single submission)."""
    results = sorted(results, key=lambda r: r.learner)
    write_csvs(out, results)
    write_atomic(out / "junit.xml", render_junit(results, level))
    for r in results:
        folder = out / LEARNERS / safe_name(r.learner)
        write_atomic(folder / "results.json", render_results_json(r, level))
        write_atomic(folder / "report.html", learner_html(r, level, assignment.name).encode("utf-8"))
    if len(results) == 1:
        write_atomic(out / "results.json", render_results_json(results[0], level))
    write_github(results, level, title=assignment.name)
