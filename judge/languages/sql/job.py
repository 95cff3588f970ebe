"""SQL submissions: one read-only DuckDB query, run once per fixture dataset."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from judge.languages.sql.database import fixture_databases, job_files
from judge.languages.sql.problem import schema_text
from judge.models import Case, Problem
from judge.sandbox import Job, JobCase
from judge.sql.query import to_duckdb

MAX_ROWS = 10_000


def build_job(
    problem: Problem, cases: list[Case], source: str, limits: Mapping[str, float], options: Mapping[str, Any]
) -> Job:
    assert problem.sql is not None
    query = to_duckdb(source, options.get("dialect"), schema_text(problem.path))
    databases = fixture_databases(problem, cases)  # cached DuckDB files, or None: the CSVs
    names: dict[str, str] = {}
    if databases is not None:
        names, files = job_files(databases)
    else:
        files = []
        for case in cases:
            fixture = case.input["fixture"]
            files += [(f"{fixture}/{table}.csv", path) for table, path in case.input["tables"].items()]
    return Job(
        worker="sql",
        learner_in_worker=False,
        setup={
            "query": query,
            "schema": schema_text(problem.path),
            "tables": list(problem.sql.tables),
            "fixtures": [c.input["fixture"] for c in cases],
            "memory_mb": problem.limits.memory_mb,
            "max_rows": MAX_ROWS,
            "databases": names,
        },
        cases=tuple(JobCase(c.name, {"fixture": c.input["fixture"]}, limits[c.name]) for c in cases),
        # DuckDB needs room beyond its buffer limit, and reserves ~600 MB of address space
        # it does not use: the cgroup (Docker) limit holds real memory, RLIMIT_AS the rest.
        memory_mb=problem.limits.memory_mb + 128,
        address_space_mb=problem.limits.memory_mb + 1536,
        output_bytes=problem.limits.output_kb * 1024,
        files=tuple((name, Path(path)) for name, path in files),
    )
