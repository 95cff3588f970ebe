"""A fixture's tables as plain JSON for the pandas worker, read on the judge's side with
DuckDB exactly as the SQL worker loads them (the learner's code never touches the files)."""

from __future__ import annotations

import datetime as dt
import decimal
from pathlib import Path
from typing import Any

from judge.errors import ProblemFormatError
from judge.languages.sql.problem import schema_text
from judge.models import Case, Problem

KINDS = {
    "TINYINT": "int",
    "SMALLINT": "int",
    "INTEGER": "int",
    "BIGINT": "int",
    "HUGEINT": "int",
    "DOUBLE": "float",
    "FLOAT": "float",
    "REAL": "float",
    "DECIMAL": "float",
    "BOOLEAN": "bool",
    "DATE": "date",
    "TIMESTAMP": "timestamp",
    "VARCHAR": "str",
}
PANDAS_DTYPES = {"int": "Int64", "float": "float64", "bool": "boolean", "str": "object"}
"""What each column becomes in the learner's DataFrame (dates and timestamps: datetime64)."""


def kind_of_type(duck_type: str) -> str:
    return KINDS.get(duck_type.split("(")[0].upper(), "str")


def _plain(value: Any) -> Any:
    if isinstance(value, decimal.Decimal):
        return float(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def load_tables(problem: Problem, case: Case) -> dict[str, dict[str, Any]]:
    """{table: {"columns", "types", "rows"}} for one fixture dataset."""
    import duckdb  # here, not at the top: every `judge run` loads this module, few use it

    con = duckdb.connect(
        ":memory:",
        config={"threads": 1, "autoload_known_extensions": False, "autoinstall_known_extensions": False},
    )
    try:
        con.execute(schema_text(problem.path))
        tables = {}
        for table, path in case.input["tables"].items():
            quoted = str(Path(path)).replace("'", "''")
            try:
                con.execute(f"COPY {table} FROM '{quoted}' (HEADER true, ALLOW_QUOTED_NULLS false)")
            except duckdb.Error as exc:
                first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
                raise ProblemFormatError(f"{path}: does not load as schema.sql says: {first}") from None
            described = con.execute(f"DESCRIBE {table}").fetchall()
            rows = con.execute(f"SELECT * FROM {table}").fetchall()
            tables[table] = {
                "columns": [d[0] for d in described],
                "types": [kind_of_type(d[1]) for d in described],
                "rows": [[_plain(v) for v in row] for row in rows],
            }
        return tables
    finally:
        con.close()


def column_dtypes(problem: Problem) -> dict[str, list[tuple[str, str]]]:
    """Table -> [(column, pandas dtype)], for the signature `judge show` prints."""
    import duckdb

    con = duckdb.connect(":memory:", config={"autoload_known_extensions": False})
    try:
        con.execute(schema_text(problem.path))
        assert problem.sql is not None
        out = {}
        for table in problem.sql.tables:
            described = con.execute(f"DESCRIBE {table}").fetchall()
            out[table] = [(d[0], PANDAS_DTYPES.get(kind_of_type(d[1]), "datetime64[ns]")) for d in described]
        return out
    finally:
        con.close()
