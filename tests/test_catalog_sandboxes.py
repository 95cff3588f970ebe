"""All twenty catalog problems are judged in both sandboxes: each problem's reference, in the
kind's primary language, is accepted in Docker here; locally, `judge check --all`
(tests/test_check.py) judges every reference and every known-wrong solution (pandas in
Docker: tests/test_pandas_problems.py)."""

from __future__ import annotations

import pytest

from judge.catalog import load_all
from judge.judging import judge_source
from judge.languages import for_kind
from judge.models import Verdict
from judge.references import reference_solution
from judge.sandbox import Sandbox

PROBLEMS = load_all()


def test_the_catalog_has_twenty_problems() -> None:
    assert len(PROBLEMS) == 20


@pytest.mark.docker
@pytest.mark.parametrize("problem", PROBLEMS, ids=lambda p: p.slug)
def test_the_reference_is_accepted_in_docker(problem, docker_sandbox: Sandbox) -> None:  # type: ignore[no-untyped-def]
    language = for_kind(problem.kind)[0]
    reference = reference_solution(problem, language)
    assert reference is not None
    report = judge_source(
        problem, reference.read_text(encoding="utf-8"), docker_sandbox, language=language, complexity=False
    )
    assert report.verdict is Verdict.AC, [
        (t.name, t.verdict, t.message) for t in report.tests if t.verdict != "AC"
    ]
    assert report.passed == report.total
