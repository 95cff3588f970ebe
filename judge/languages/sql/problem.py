"""The `sql` kind's sections of problem.yaml: the tables and the result wanted."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from judge.models import CheckerSpec, SqlSpec
from judge.yamlfields import Fields

YAML_KEYS = frozenset({"tables", "result"})
RESULT_KEYS = {"columns", "ordered", "abs_tol"}


def parse(f: Fields, folder: Path) -> dict[str, Any]:
    tables = f.str_list("tables")
    if not tables:
        raise f.fail("tables", "must list the tables in schema.sql")
    r = f.section("result", RESULT_KEYS)
    if r is None:
        raise f.fail("result", "is missing (give `columns:` and `ordered:`)")
    columns = r.str_list("columns")
    if not columns:
        raise r.fail("columns", "must list the result's column names")
    abs_tol = r.get("abs_tol", (int, float), 0)
    if abs_tol < 0:
        raise r.fail("abs_tol", "must not be negative")
    sql = SqlSpec(tables, columns, bool(r.get("ordered", bool, False)), float(abs_tol))
    # Every language answering an SQL problem returns rows: one checker for all of them.
    return {"sql": sql, "checker": CheckerSpec("rows", {"ordered": sql.ordered, "abs_tol": sql.abs_tol})}


def schema_text(problem_path: Path) -> str:
    return (problem_path / "schema.sql").read_text(encoding="utf-8")
