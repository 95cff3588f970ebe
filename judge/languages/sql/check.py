"""`judge check` for SQL problems: schema.sql, and every fixture dataset against it."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from judge.languages.sql.fixtures import SAMPLE
from judge.models import Fault, Problem

MIN_DATASETS = 3


def _schema_columns(schema: str, tables: tuple[str, ...]) -> tuple[dict[str, list[str]], str]:
    import duckdb  # here, not at the top: every `judge run` registers this language

    con = duckdb.connect(":memory:", config={"autoload_known_extensions": False})
    try:
        con.execute(schema)
        return {t: [d[0] for d in con.execute(f"DESCRIBE {t}").fetchall()] for t in tables}, ""
    except duckdb.Error as exc:
        return {}, str(exc).strip().splitlines()[0]
    finally:
        con.close()


def check_folder(path: Path, problem: Problem | None) -> list[Fault]:
    faults: list[Fault] = []
    schema_path = path / "schema.sql"
    if not schema_path.is_file():
        return [Fault(schema_path, "missing", "add one CREATE TABLE per table, in DuckDB types")]
    schema = schema_path.read_text(encoding="utf-8")
    base = path / "fixtures"
    datasets = sorted(p for p in base.iterdir() if p.is_dir()) if base.is_dir() else []
    if not any(d.name == SAMPLE for d in datasets):
        faults.append(
            Fault(base / SAMPLE, "missing: the sample dataset", "add fixtures/sample/ (shown to learners)")
        )
    if len(datasets) < MIN_DATASETS:
        faults.append(
            Fault(
                base, f"has {len(datasets)} datasets", f"add datasets until there are at least {MIN_DATASETS}"
            )
        )
    if problem is None or problem.sql is None:
        return faults
    columns, error = _schema_columns(schema, problem.sql.tables)
    if error:
        return [*faults, Fault(schema_path, f"does not define the tables: {error}", "fix schema.sql")]
    for dataset in datasets:
        faults += _check_dataset(dataset, schema, columns, problem)
    return faults


def _check_dataset(
    dataset: Path, schema: str, columns: dict[str, list[str]], problem: Problem
) -> list[Fault]:
    faults = []
    for table, names in columns.items():
        csv_path = dataset / f"{table}.csv"
        if not csv_path.is_file():
            faults.append(Fault(csv_path, "missing", f"add {table}.csv with the header {','.join(names)}"))
            continue
        with open(csv_path, newline="", encoding="utf-8") as fh:
            header = next(csv.reader(fh), [])
        if header != names:
            faults.append(
                Fault(
                    csv_path,
                    f"header ({','.join(header)}) does not match schema.sql ({','.join(names)})",
                    "write the columns of schema.sql, in its order",
                )
            )
            continue
        error = _load_error(schema, table, csv_path)
        if error:
            faults.append(Fault(csv_path, f"does not load as schema.sql says: {error}", "fix the values"))
    expected = dataset / "expected.json"
    try:
        data = json.loads(expected.read_text(encoding="utf-8"))
        ok = (
            isinstance(data, dict)
            and isinstance(data.get("columns"), list)
            and isinstance(data.get("rows"), list)
        )
    except (OSError, ValueError):
        ok = False
    if not ok:
        faults.append(
            Fault(
                expected,
                'missing or not {"columns": [...], "rows": [...]}',
                "write it from the reference query",
            )
        )
    elif [str(c).lower() for c in data["columns"]] != [c.lower() for c in problem.sql.columns]:  # type: ignore[union-attr]
        faults.append(Fault(expected, "columns differ from problem.yaml's result.columns", "make them agree"))
    return faults


def _load_error(schema: str, table: str, csv_path: Path) -> str:
    import duckdb

    con = duckdb.connect(":memory:", config={"autoload_known_extensions": False})
    try:
        con.execute(schema)
        quoted = str(csv_path).replace("'", "''")
        con.execute(f"COPY {table} FROM '{quoted}' (HEADER true, ALLOW_QUOTED_NULLS false)")
        return ""
    except duckdb.Error as exc:
        return str(exc).strip().splitlines()[0][:200]
    finally:
        con.close()
