"""Every SQL problem: its folder keeps the catalog's contract, and its reference solutions get
the verdicts their folders state (accepted/ AC on every dataset, wrong_answer/ WA)."""

from __future__ import annotations

import csv
import json
import re
import shutil
from decimal import Decimal
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from judge.catalog import load_cases, load_problem, problems_root, solutions_root
from judge.cli import main
from judge.judging import judge_source
from judge.models import Report, Verdict
from judge.sandbox import Sandbox

SHARED_CATALOG = Path("/work/shared/problem-catalog.md")

# The public contract of the SQL problems, as /work/shared/problem-catalog.md states it:
# slug -> (tables as `name(columns)`, result columns). Learners and graders rely on these.
PURCHASES = (
    "purchases(purchase_id INTEGER, customer_id INTEGER, product_id INTEGER, quantity INTEGER, "
    "purchased_at TIMESTAMP)"
)
CATALOG: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "subscribed_after_browsing": (
        (
            "page_views(user_id INTEGER, page VARCHAR, viewed_at TIMESTAMP)",
            "subscriptions(user_id INTEGER, subscribed_at TIMESTAMP)",
        ),
        ("pct_subscribed",),
    ),
    "top_two_salary_gap": (
        ("employees(employee_id INTEGER, name VARCHAR, department VARCHAR, salary INTEGER NOT NULL)",),
        ("department", "salary_gap"),
    ),
    "repeat_buyers": ((PURCHASES,), ("customer_id",)),
    "never_or_multi_item": (
        ("customers(customer_id INTEGER, name VARCHAR)", PURCHASES),
        ("customer_id", "segment"),
    ),
    "order_value_percentiles": (
        ("orders(order_id INTEGER, country VARCHAR, amount DECIMAL(12,2))",),
        ("country", "p50", "p90"),
    ),
    "monthly_retention": (
        ("users(user_id INTEGER, signup_date DATE)", "activity(user_id INTEGER, activity_date DATE)"),
        ("cohort_month", "month_number", "retention_pct"),
    ),
    "fill_missing_prices": (
        ("prices(product_id INTEGER, day DATE, price DECIMAL(12,2))",),
        ("product_id", "day", "price"),
    ),
    "above_average_spenders": (
        (
            "customers(customer_id INTEGER, name VARCHAR)",
            "orders(order_id INTEGER, customer_id INTEGER, amount DECIMAL(12,2))",
        ),
        ("customer_id", "name", "total_spend"),
    ),
    "yoy_sales_growth": (
        ("sales(sale_id INTEGER, sold_at DATE, amount DECIMAL(12,2))",),
        ("year", "total_sales", "yoy_growth_pct"),
    ),
    "lead_source_share": (
        ("leads(lead_id INTEGER, source VARCHAR, created_at DATE)",),
        ("source", "leads", "share_pct"),
    ),
}

SQL_DIR = problems_root() / "sql"
SLUGS = (
    sorted(p.name for p in SQL_DIR.iterdir() if (p / "problem.yaml").is_file()) if SQL_DIR.is_dir() else []
)


def _solution_params(folder: str) -> list[object]:
    return [
        pytest.param(slug, path, id=f"{slug}/{path.stem}")
        for slug in SLUGS
        for path in sorted((solutions_root() / slug / folder).glob("*.sql"))
    ]


def _table_spec(spec: str) -> tuple[str, list[tuple[str, str, bool]]]:
    """`name(col TYPE [NOT NULL], ...)` -> (name, [(col, TYPE, not_null), ...])."""
    m = re.fullmatch(r"(\w+)\((.*)\)", spec)
    assert m, spec
    columns = []
    for part in re.split(r",\s*(?![^()]*\))", m.group(2)):
        name, _, rest = part.strip().partition(" ")
        not_null = rest.upper().endswith("NOT NULL")
        columns.append((name, rest[: -len("NOT NULL")].strip() if not_null else rest.strip(), not_null))
    return m.group(1), columns


def _fixture_dirs(slug: str) -> list[Path]:
    return sorted(p for p in (SQL_DIR / slug / "fixtures").iterdir() if p.is_dir())


# --- the catalog's contract ---------------------------------------------------------------


def test_exactly_the_catalog_sql_problems_ship() -> None:
    assert sorted(CATALOG) == SLUGS


@pytest.mark.skipif(not SHARED_CATALOG.is_file(), reason="the shared problem catalog is not on this machine")
def test_the_catalog_copy_here_matches_the_shared_catalog() -> None:
    text = SHARED_CATALOG.read_text(encoding="utf-8")
    section = text[text.index("## SQL") :]
    found: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}
    for line in section.splitlines():
        m = re.match(r"\|\s*`(\w+)`\s*\|(.*)\|(.*)\|\s*$", line)
        if not m:
            continue
        slug, tables_cell, result_cell = m.groups()
        tables = tuple(
            PURCHASES if t == "purchases(...)" else t for t in re.findall(r"`(\w+\([^`]*\))`", tables_cell)
        )
        columns = tuple(re.findall(r"`(\w+)`", result_cell.split(":", 1)[0]))
        found[slug] = (tables, columns)
    assert found == CATALOG


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_problem_yaml_keeps_the_catalog_tables_and_columns(slug: str) -> None:
    problem = load_problem(slug)
    tables, columns = CATALOG[slug]
    assert problem.kind == "sql"
    assert problem.sql is not None
    assert problem.sql.columns == columns
    assert problem.sql.tables == tuple(_table_spec(t)[0] for t in tables)
    assert problem.checker.name == "rows"


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_schema_sql_has_the_catalog_columns_and_types(slug: str) -> None:
    con = duckdb.connect(":memory:")
    try:
        con.execute((SQL_DIR / slug / "schema.sql").read_text(encoding="utf-8"))
        for spec in CATALOG[slug][0]:
            table, want = _table_spec(spec)
            got = con.execute(
                "SELECT column_name, data_type, is_nullable FROM information_schema.columns "
                "WHERE table_name = ? ORDER BY ordinal_position",
                [table],
            ).fetchall()
            assert [(c, t) for c, t, _ in got] == [(c, t) for c, t, _ in want], table
            for (column, _, nullable), (_, _, not_null) in zip(got, want, strict=True):
                if not_null:
                    assert nullable == "NO", f"{table}.{column} must be NOT NULL"
    finally:
        con.close()


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_datasets_sample_and_at_least_two_hidden(slug: str) -> None:
    problem = load_problem(slug)
    assert problem.sql is not None
    names = [d.name for d in _fixture_dirs(slug)]
    assert "sample" in names
    assert len(names) - 1 >= 2, f"{slug}: only {names}"
    cases = load_cases(problem)
    assert cases[0].name == "sample"
    assert [c.sample for c in cases] == [True] + [False] * (len(cases) - 1)
    assert sorted(c.name for c in cases) == sorted(names)
    schema_columns = {_table_spec(t)[0]: [c for c, _, _ in _table_spec(t)[1]] for t in CATALOG[slug][0]}
    for fixture in _fixture_dirs(slug):
        assert sorted(p.name for p in fixture.glob("*.csv")) == sorted(f"{t}.csv" for t in problem.sql.tables)
        for table in problem.sql.tables:
            with (fixture / f"{table}.csv").open(newline="", encoding="utf-8") as fh:
                header = next(csv.reader(fh))
            assert header == schema_columns[table], f"{fixture.name}/{table}.csv"
        expected = json.loads((fixture / "expected.json").read_text(encoding="utf-8"))
        assert [c.lower() for c in expected["columns"]] == list(problem.sql.columns), fixture.name
        width = len(problem.sql.columns)
        assert all(isinstance(r, list) and len(r) == width for r in expected["rows"]), fixture.name


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_reference_and_a_wrong_answer_exist(slug: str) -> None:
    base = solutions_root() / slug
    assert (base / "accepted" / "reference.sql").is_file()
    wrong = sorted((base / "wrong_answer").glob("*.sql"))
    assert wrong, f"{slug}: no wrong_answer/*.sql"
    for path in [base / "accepted" / "reference.sql", *wrong]:
        first = path.read_text(encoding="utf-8").lstrip().splitlines()[0]
        assert first.startswith("--"), f"{path.name} must start with a comment saying what it does"


# --- the reference solutions' verdicts ------------------------------------------------------


def _judge(slug: str, path: Path, sandbox: Sandbox) -> Report:
    return judge_source(load_problem(slug), path.read_text(encoding="utf-8"), sandbox, complexity=False)


# Every reference solution's verdict (accepted/ AC on every dataset, wrong_answer/ WA) is
# `judge check`'s job: tests/test_check.py runs it over every shipped problem.


@pytest.mark.docker
def test_docker_smoke_reference_ac_and_wrong_answer_wa(docker_sandbox: Sandbox) -> None:
    slug = "top_two_salary_gap"
    base = solutions_root() / slug
    good = _judge(slug, base / "accepted" / "reference.sql", docker_sandbox)
    assert good.sandbox == "docker"
    assert [str(t.verdict) for t in good.tests] == ["AC"] * len(_fixture_dirs(slug))
    bad = _judge(slug, base / "wrong_answer" / "max_minus_min.sql", docker_sandbox)
    assert bad.verdict is Verdict.WA


# --- judge show -----------------------------------------------------------------------------


def _shown_forms(cell: str) -> list[str]:
    """How a CSV cell may appear in a table: as written, or a number without trailing zeros."""
    if cell == "":
        return ["NULL"]
    try:
        value = Decimal(cell)
    except ArithmeticError:
        return [cell]
    return [cell, format(value.normalize(), "f")]


@pytest.mark.parametrize("slug", sorted(CATALOG))
def test_show_prints_the_schema_and_the_sample_tables(slug: str) -> None:
    result = CliRunner().invoke(main, ["show", slug])
    assert result.exit_code == 0, result.output
    out = result.stdout
    schema = (SQL_DIR / slug / "schema.sql").read_text(encoding="utf-8").strip()
    assert schema in out
    problem = load_problem(slug)
    assert problem.sql is not None
    sample = SQL_DIR / slug / "fixtures" / "sample"
    for table in problem.sql.tables:
        assert f"sample: {table}" in out
        section = out[out.index(f"sample: {table}") :]
        with (sample / f"{table}.csv").open(newline="", encoding="utf-8") as fh:
            header, *rows = list(csv.reader(fh))
        head_line = section.splitlines()[1]
        assert head_line.split() == header, f"{table}: {head_line!r}"
        shown = section.splitlines()[3 : 3 + len(rows)] if rows else []
        if not rows:
            assert "(empty)" in section.splitlines()[1]
        for line, row in zip(shown, rows, strict=True):
            for cell in row:
                assert any(form in line for form in _shown_forms(cell)), f"{table}: {cell!r} not in {line!r}"
    expected = json.loads((sample / "expected.json").read_text(encoding="utf-8"))
    assert "sample: expected result" in out
    tail = out[out.index("sample: expected result") :]
    for column in expected["columns"]:
        assert column in tail
    for row in expected["rows"]:
        for value in row:
            assert any(form in tail for form in _shown_forms("" if value is None else str(value)))


def test_show_tells_an_empty_string_from_null(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The fixture format tells NULL (empty field) from '' (a quoted empty field); so must show."""
    root = tmp_path / "problems"
    shutil.copytree(SQL_DIR / "top_two_salary_gap", root / "sql" / "top_two_salary_gap")
    sample = root / "sql" / "top_two_salary_gap" / "fixtures" / "sample" / "employees.csv"
    sample.write_text(
        'employee_id,name,department,salary\n1,"",engineering,100\n2,,engineering,90\n', encoding="utf-8"
    )
    monkeypatch.setenv("JUDGE_PROBLEMS", str(root))
    result = CliRunner().invoke(main, ["show", "top_two_salary_gap"])
    assert result.exit_code == 0, result.output
    section = result.stdout[result.stdout.index("sample: employees") :].splitlines()
    empty_row = next(line for line in section if line.split()[:1] == ["1"])
    null_row = next(line for line in section if line.split()[:1] == ["2"])
    assert "NULL" in null_row
    assert "NULL" not in empty_row
