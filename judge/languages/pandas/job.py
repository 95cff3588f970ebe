"""pandas submissions: the Python worker calls `def <slug>(<table>=DataFrame, ...)` per dataset."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from judge.languages.pandas.tables import load_tables
from judge.models import Case, Problem
from judge.sandbox import Job, JobCase

ADAPTER = Path(__file__).with_name("adapter.py")
EXTRA_MEMORY_MB = 256
"""pandas and numpy need room of their own beside the tables."""


def build_job(
    problem: Problem, cases: list[Case], source: str, limits: Mapping[str, float], options: Mapping[str, Any]
) -> Job:
    return Job(
        worker="python",
        setup={"source": source, "function": problem.slug, "adapter": ADAPTER.read_text(encoding="utf-8")},
        cases=tuple(JobCase(c.name, {"tables": load_tables(problem, c)}, limits[c.name]) for c in cases),
        memory_mb=problem.limits.memory_mb + EXTRA_MEMORY_MB,
        address_space_mb=problem.limits.memory_mb + EXTRA_MEMORY_MB + 1024,
        output_bytes=problem.limits.output_kb * 1024,
    )
