"""SQL fixtures: datasets of CSV tables with the expected result of each beside them."""

from __future__ import annotations

import json
from pathlib import Path

from judge.errors import ProblemFormatError
from judge.models import Case, Problem

SAMPLE = "sample"


def fixture_dirs(problem: Problem) -> list[Path]:
    base = problem.path / "fixtures"
    if not base.is_dir():
        raise ProblemFormatError(f"{base}: missing; add fixtures/sample/ and hidden datasets")
    dirs = sorted((p for p in base.iterdir() if p.is_dir()), key=lambda p: (p.name != SAMPLE, p.name))
    if not dirs or dirs[0].name != SAMPLE:
        raise ProblemFormatError(f"{base}/{SAMPLE}/: missing; the sample dataset is shown to learners")
    return dirs


def table_files(problem: Problem, fixture: Path) -> dict[str, Path]:
    assert problem.sql is not None
    files = {}
    for table in problem.sql.tables:
        path = fixture / f"{table}.csv"
        if not path.is_file():
            raise ProblemFormatError(f"{path}: missing (every dataset has one CSV per table)")
        files[table] = path
    return files


def read_expected(path: Path) -> dict[str, list]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise ProblemFormatError(f"{path}: missing; generate it from the reference query") from exc
    except ValueError as exc:
        raise ProblemFormatError(f"{path}: is not valid JSON ({exc})") from exc
    if not (
        isinstance(data, dict)
        and isinstance(data.get("columns"), list)
        and isinstance(data.get("rows"), list)
    ):
        raise ProblemFormatError(f'{path}: must be {{"columns": [...], "rows": [[...], ...]}}')
    return data


def load_fixture_cases(problem: Problem, samples_only: bool = False) -> list[Case]:
    cases = []
    for fixture in fixture_dirs(problem):
        if samples_only and fixture.name != SAMPLE:
            continue
        tables = table_files(problem, fixture)
        cases.append(
            Case(
                name=fixture.name,
                sample=fixture.name == SAMPLE,
                input={"fixture": fixture.name, "tables": {t: str(p) for t, p in tables.items()}},
                expected=read_expected(fixture / "expected.json"),
                source=fixture,
            )
        )
    return cases


def _table_rows(path: Path, table: str, schema: str) -> tuple[list[str], list[list[str]]]:
    """A fixture table as text cells, read the way the sandbox loads it (NULL is not "")."""
    import duckdb

    con = duckdb.connect(":memory:", config={"autoload_known_extensions": False, "threads": 1})
    try:
        con.execute(schema)
        quoted = str(path).replace("'", "''")
        con.execute(f"COPY {table} FROM '{quoted}' (HEADER true, ALLOW_QUOTED_NULLS false)")
        cursor = con.execute(f"SELECT * FROM {table}")
        header = [d[0] for d in cursor.description or []]
        rows = [
            ["NULL" if v is None else '""' if v == "" else str(v) for v in row] for row in cursor.fetchall()
        ]
    finally:
        con.close()
    return header, rows


def render_samples(problem: Problem) -> str:
    """The schema, the sample tables and the sample's expected result, for `judge show`."""
    from tabulate import tabulate

    assert problem.sql is not None
    parts = ["Tables (schema.sql):", (problem.path / "schema.sql").read_text(encoding="utf-8").strip()]
    case = load_fixture_cases(problem, samples_only=True)[0]
    schema = (problem.path / "schema.sql").read_text(encoding="utf-8")
    for table, path in case.input["tables"].items():
        header, rows = _table_rows(Path(path), table, schema)
        parts.append(f"\nsample: {table}")
        parts.append(tabulate(rows, headers=header, tablefmt="simple") if rows else "(empty)")
    expected = case.expected
    order = "in this order" if problem.sql.ordered else "in any order"
    parts.append(f"\nsample: expected result ({order})")
    shown = [["NULL" if v is None else v for v in row] for row in expected["rows"]]
    parts.append(tabulate(shown, headers=expected["columns"], tablefmt="simple") if shown else "(no rows)")
    return "\n".join(parts)
