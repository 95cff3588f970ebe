"""GitHub Actions: a Markdown summary appended to $GITHUB_STEP_SUMMARY, and `score`,
`max_score` (and `required_failed`) written to $GITHUB_OUTPUT for later steps.

The summary is shown on the learner's own workflow run, so it follows the feedback level.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from judge.grade.outputs import learner_view
from judge.grade.results import LearnerResult
from judge.models import Verdict


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ").strip()


def step_summary(results: list[LearnerResult], level: str, title: str = "") -> str:
    lines = [f"## Grades{': ' + _cell(title) if title else ''}", ""]
    for r in sorted(results, key=lambda r: r.learner):
        if len(results) > 1:
            lines += [f"### {_cell(r.learner)}: {r.score:g}/{r.max_score:g}", ""]
        else:
            lines += [
                f"**Score: {r.score:g}/{r.max_score:g}**"
                + (f" (commit `{r.commit[:12]}`)" if r.commit else ""),
                "",
            ]
        lines += ["| problem | result | tests | score | first failing test |", "|---|---|---|---|---|"]
        for p in r.problems:
            view = learner_view(p, level)
            failing = next((t for t in view.tests if t.verdict is not Verdict.AC), None) if view else None
            first = ""
            if failing is not None:
                first = f"{failing.name} ({'sample' if failing.sample else 'hidden'}): {failing.verdict}"
            result = p.verdict or str(p.status)
            mark = " (required)" if p.required else ""
            lines.append(
                f"| {_cell(p.problem)}{mark} | {result} | {p.tests_passed}/{p.tests_total} | "
                f"{p.score:g}/{p.max_score:g} | {_cell(first)} |"
            )
        lines.append("")
    return "\n".join(lines)


def write_github(
    results: list[LearnerResult], level: str, env: Mapping[str, str] | None = None, title: str = ""
) -> None:
    env = os.environ if env is None else env
    summary_path = env.get("GITHUB_STEP_SUMMARY")
    if summary_path:
        with open(summary_path, "a", encoding="utf-8") as fh:
            fh.write(step_summary(results, level, title) + "\n")
    output_path = env.get("GITHUB_OUTPUT")
    if output_path:
        score = round(sum(r.score for r in results), 2)
        max_score = round(sum(r.max_score for r in results), 2)
        failed = sorted(
            {f"{r.learner}:{s}" if len(results) > 1 else s for r in results for s in r.required_failed}
        )
        with open(output_path, "a", encoding="utf-8") as fh:
            fh.write(f"score={score:g}\nmax_score={max_score:g}\nlearners={len(results)}\n")
            fh.write(f"required_failed={','.join(failed)}\n")
