"""Python submissions: the worker calls the entry point with each case's input."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from judge.generators import generate_json
from judge.models import Case, Problem
from judge.sandbox import Job, JobCase


def setup_for(problem: Problem, source: str) -> dict[str, Any]:
    ep = problem.entry_point
    assert ep is not None
    if ep.is_class:
        return {"source": source, "class": ep.class_name}
    return {"source": source, "function": ep.function, "leetcode_method": ep.leetcode_method}


def job_case(problem: Problem, case: Case, limit_ms: float) -> JobCase:
    if case.generate is None:
        return JobCase(case.name, case.input, limit_ms)
    return JobCase(case.name, None, limit_ms, input_json=generate_json(problem, *case.generate))


def build_job(
    problem: Problem, cases: list[Case], source: str, limits: Mapping[str, float], options: Mapping[str, Any]
) -> Job:
    return Job(
        worker="python",
        setup=setup_for(problem, source),
        cases=tuple(job_case(problem, c, limits[c.name]) for c in cases),
        memory_mb=problem.limits.memory_mb,
        output_bytes=problem.limits.output_kb * 1024,
    )
