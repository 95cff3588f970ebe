"""Gradescope's results.json for one learner (its autograder specification): a total
`score`, `execution_time`, an `output` for the submission, and `tests[]`, one per problem,
with `name`, `score`, `max_score`, `status` (passed/failed), `output` and `visibility`.
The texts follow the feedback level: Gradescope shows them to the learner."""

from __future__ import annotations

import json
from typing import Any

from judge.grade.outputs import problem_text
from judge.grade.results import LearnerResult


def results_json(result: LearnerResult, level: str) -> dict[str, Any]:
    tests = []
    for number, p in enumerate(result.problems, start=1):
        tests.append(
            {
                "name": p.problem,
                "number": str(number),
                "score": p.score,
                "max_score": p.max_score,
                "status": "passed" if p.accepted else "failed",
                "output": problem_text(p, level),
                "tags": ["required" if p.required else "optional", p.verdict or str(p.status)],
                "visibility": "visible",
            }
        )
    lines = [f"Score: {result.score:g}/{result.max_score:g}"]
    if result.commit:
        lines.append(f"Graded commit {result.commit[:12]} ({result.commit_time})")
    lines += list(result.notes)
    execution_s = sum(p.time_ms for p in result.problems) / 1000
    return {
        "score": result.score,
        "execution_time": round(execution_s, 3),
        "output": "\n".join(lines),
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "tests": tests,
    }


def render_results_json(result: LearnerResult, level: str) -> bytes:
    return json.dumps(results_json(result, level), indent=2).encode("utf-8")
