"""An SQL starter file: a query skeleton naming the tables and the result's columns."""

from __future__ import annotations

from judge.models import Problem


def starter(problem: Problem, leetcode: bool = False) -> str:
    assert problem.sql is not None
    sql = problem.sql
    order = (
        "-- The rows must come in the order the statement gives (ORDER BY ...).\n"
        if sql.ordered
        else "-- Any row order is accepted.\n"
    )
    columns = ",\n  ".join(f"NULL AS {c}" for c in sql.columns)
    return (
        f"-- {problem.title}: one query (SELECT, or WITH ... SELECT), written for DuckDB.\n"
        f"-- Tables: {', '.join(sql.tables)}. See `judge show {problem.slug}` for them and the sample.\n"
        f"-- Result columns: {', '.join(sql.columns)}.\n"
        f"{order}"
        f"SELECT\n  {columns}\nFROM {sql.tables[0]}\n"
    )
