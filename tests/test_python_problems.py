"""The shipped Python problems: complete, and their reference material gets its verdicts.

The folder a reference solution sits in states its expected verdict (Kattis style), so this
walks solutions_reference/ as data.
"""

from __future__ import annotations

import json

import pytest

from judge.catalog import load_cases, load_problem, problems_root
from judge.generators import generate
from judge.models import Verdict
from judge.references import solutions

SLUGS = sorted(p.name for p in (problems_root() / "algorithms").iterdir() if (p / "problem.yaml").is_file())
SOLUTIONS = [
    pytest.param(slug, path, verdict, id=f"{slug}/{path.parent.name}/{path.stem}")
    for slug in SLUGS
    for path, verdict in solutions(load_problem(slug))
]


def test_the_first_problems_are_there() -> None:
    assert {"two_sum", "lru_cache", "trapping_rain_water"} <= set(SLUGS)


@pytest.mark.parametrize("slug", SLUGS)
def test_problem_is_complete(slug: str) -> None:
    problem = load_problem(slug)
    cases = load_cases(problem)
    samples = [c for c in cases if c.sample]
    hidden = [c for c in cases if not c.sample]
    assert len(samples) >= 2
    assert len(hidden) >= 15
    assert sum(1 for c in hidden if c.generate) >= 3, "large generated tests"
    assert "Example" in problem.statement_path.read_text() or "example" in problem.statement_path.read_text()
    if "probability" not in problem.tags:  # closed-form answers: no growth class to measure
        assert problem.complexity is not None and len(problem.complexity.sizes) >= 4
    verdicts = {v for _, v in solutions(problem)}
    assert Verdict.AC in verdicts and Verdict.WA in verdicts


@pytest.mark.parametrize("slug", SLUGS)
def test_generator_is_deterministic(slug: str) -> None:
    problem = load_problem(slug)
    a = json.dumps(generate(problem, 500, 7))
    b = json.dumps(generate(problem, 500, 7))
    assert a == b
    assert a != json.dumps(generate(problem, 500, 8))


# Every reference solution's verdict (the folder it sits in) is `judge check`'s job:
# tests/test_check.py runs it over every shipped problem.
