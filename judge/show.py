"""`judge show`: what a learner needs to start: statement, entry point or tables, samples."""

from __future__ import annotations

from judge.languages import for_kind, kind_of
from judge.models import Problem
from judge.sandbox import environment


def render_problem(problem: Problem) -> str:
    header = (
        f"{problem.title}  [{problem.slug}; {problem.kind}, {problem.difficulty}; {', '.join(problem.tags)}]"
    )
    parts = [header, "=" * len(header), problem.statement_path.read_text(encoding="utf-8").strip(), ""]
    for language in for_kind(problem.kind):
        parts.append(f"[{language.name}, {'/'.join(language.extensions)}] {language.describe(problem)}")
    parts.append(kind_of(problem).render_samples(problem))
    limits = problem.limits
    parts.append(f"\nLimits: {limits.time_ms} ms per test (at least), {limits.memory_mb} MB.")
    parts.append(f"Runs on: {environment.DESCRIPTION} (the same in the Docker and the local sandbox).")
    return "\n".join(parts)
