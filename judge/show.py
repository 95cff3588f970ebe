"""`judge show`: what a learner needs to start: statement, entry point or tables, samples."""

from __future__ import annotations

import json

from judge.catalog import load_cases
from judge.models import Problem


def _entry_text(problem: Problem) -> str:
    ep = problem.entry_point
    assert ep is not None
    if ep.is_class:
        return f"Write: class {ep.class_name} (see the statement for its methods)"
    text = f"Write: def {ep.function}(...)"
    if ep.leetcode_method:
        text += f"  (or LeetCode's form: class Solution with method {ep.leetcode_method})"
    return text


def render_problem(problem: Problem) -> str:
    header = (
        f"{problem.title}  [{problem.slug}; {problem.kind}, {problem.difficulty}; {', '.join(problem.tags)}]"
    )
    parts = [header, "=" * len(header), problem.statement_path.read_text(encoding="utf-8").strip(), ""]
    if problem.kind == "python":
        parts.append(_entry_text(problem))
        if problem.complexity:
            parts.append(f"Expected time complexity: {problem.complexity.expected}")
        for case in load_cases(problem, samples_only=True):
            parts.append(f"\n{case.name}:")
            parts.append(f"  input:    {json.dumps(case.input)}")
            parts.append(f"  expected: {json.dumps(case.expected)}")
    else:
        from judge.sql.fixtures import render_samples

        parts.append(render_samples(problem))
    limits = problem.limits
    parts.append(f"\nLimits: {limits.time_ms} ms per test (at least), {limits.memory_mb} MB.")
    return "\n".join(parts)
