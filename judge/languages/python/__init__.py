"""Python: a function or a class as the entry point, called on each test's JSON input."""

from __future__ import annotations

from judge.languages import Kind, Language, register
from judge.languages.python import cases, check, job, problem, scaffold, starter
from judge.models import Problem


def describe(p: Problem) -> str:
    ep = p.entry_point
    assert ep is not None
    if ep.is_class:
        methods = "".join(f"\n    {m}" for m in ep.methods)
        text = f"Write: class {ep.class_name}" + (methods or " (see the statement for its methods)")
    else:
        text = f"Write: {ep.signature or f'def {ep.function}(...)'}"
    if ep.leetcode_method:
        text += f"\n   or LeetCode's form: class Solution with method {ep.leetcode_method}"
    if p.complexity:
        text += f"\nExpected time complexity: {p.complexity.expected}"
    return text


LANGUAGE = register(
    Language(
        name="python",
        kind="python",
        extensions=(".py",),
        worker="python",
        build_job=job.build_job,
        describe=describe,
        starter=starter.starter,
        complexity=True,
        defines=Kind(
            folder="algorithms",
            yaml_keys=problem.YAML_KEYS,
            parse=problem.parse,
            load_cases=cases.load_cases,
            render_samples=cases.render_samples,
            check=check.check_folder,
            scaffold=scaffold.problem_files,
            solutions_scaffold=scaffold.solution_files,
            label="Python",
        ),
    )
)
