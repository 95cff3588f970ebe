"""`judge run ... --dialect NAME`: SQL written for another engine, translated to DuckDB's.

Through the real command line (click's runner), the local sandbox and real DuckDB workers.
"""

from __future__ import annotations

import datetime as dt
import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from judge.cli import main
from judge.errors import CompileError
from judge.sql.query import to_duckdb

SLUG = "top_two_salary_gap"

# MySQL 5.7 style: backtick identifiers, IFNULL, `LIMIT offset, count` (which DuckDB itself
# cannot parse) in a correlated subquery for the second-highest salary (ties count twice).
MYSQL = """
    SELECT e.`department`,
           MAX(e.`salary`) - IFNULL((SELECT e2.`salary`
                                     FROM `employees` AS e2
                                     WHERE e2.`department` = e.`department`
                                     ORDER BY e2.`salary` DESC
                                     LIMIT 1, 1), 0) AS `salary_gap`
    FROM `employees` AS e
    GROUP BY e.`department`
    HAVING COUNT(*) >= 2
    ORDER BY e.`department`;
"""

# PostgreSQL: `::` casts, DISTINCT ON, ILIKE.
POSTGRES = """
    WITH ranked AS (
        SELECT department,
               salary::bigint AS salary,
               ROW_NUMBER() OVER (PARTITION BY department ORDER BY salary DESC) AS pos
        FROM employees
    ),
    top AS (
        SELECT DISTINCT ON (department) department, salary
        FROM ranked
        ORDER BY department, pos
    )
    SELECT t.department, (t.salary - r.salary)::integer AS salary_gap
    FROM top t
    JOIN ranked r ON r.department = t.department AND r.pos = 2
    WHERE t.department ILIKE '%'
    ORDER BY t.department;
"""


def run(tmp_path: Path, query: str, *args: str, slug: str = SLUG, suffix: str = ".sql") -> Result:
    sub = tmp_path / f"submission{suffix}"
    sub.write_text(textwrap.dedent(query), encoding="utf-8")
    return CliRunner().invoke(
        main, ["run", slug, str(sub), *args, "--sandbox", "local", "--format", "json", "--no-complexity"]
    )


def report_of(result: Result) -> dict[str, Any]:
    """The single JSON object on stdout, and nothing else there."""
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    return data


@pytest.mark.parametrize(("dialect", "query"), [("mysql", MYSQL), ("postgres", POSTGRES)])
def test_dialect_query_with_the_right_meaning_is_ac(tmp_path: Path, dialect: str, query: str) -> None:
    result = run(tmp_path, query, "--dialect", dialect)
    data = report_of(result)
    assert [(t["name"], t["verdict"], t["message"]) for t in data["tests"] if t["verdict"] != "AC"] == []
    assert (data["problem"], data["language"], data["sandbox"]) == (SLUG, "sql", "local")
    assert data["verdict"] == "AC"
    assert data["passed"] == data["total"] >= 3
    assert data["complexity"] is None
    assert result.exit_code == 0


def test_mysql_only_syntax_needs_the_dialect(tmp_path: Path) -> None:
    """Without --dialect the file is DuckDB SQL, and `LIMIT 1, 1` is no DuckDB."""
    data = report_of(result := run(tmp_path, MYSQL))
    assert data["verdict"] == "CE"
    assert data["tests"][0]["message"].startswith("Parser Error")
    assert result.exit_code == 1


def test_duckdb_dialect_is_the_query_as_written(tmp_path: Path) -> None:
    data = report_of(result := run(tmp_path, POSTGRES, "--dialect", "duckdb"))
    assert data["verdict"] == "AC"
    assert result.exit_code == 0


def test_translated_query_with_a_wrong_meaning_is_wa(tmp_path: Path) -> None:
    wrong = """
        SELECT `department`, IFNULL(MAX(`salary`) - MIN(`salary`), 0) AS `salary_gap`
        FROM `employees` GROUP BY `department` HAVING COUNT(*) >= 2 ORDER BY `department`
    """
    data = report_of(result := run(tmp_path, wrong, "--dialect", "mysql"))
    assert data["verdict"] == "WA"
    assert data["tests"][0]["message"].startswith("3 rows; missing ")
    assert result.exit_code == 1


def test_unparseable_query_is_ce_naming_the_dialect(tmp_path: Path) -> None:
    data = report_of(
        result := run(tmp_path, "SELECT department FROM employees WHERE", "--dialect", "postgres")
    )
    assert data["verdict"] == "CE"
    assert {t["verdict"] for t in data["tests"]} == {"CE"}
    message = data["tests"][0]["message"]
    assert message.startswith("cannot parse the query as postgres: ")
    assert result.exit_code == 1


def test_untranslatable_query_is_ce_naming_the_dialect(tmp_path: Path) -> None:
    query = "SELECT department, salary AS salary_gap FROM employees FOR UPDATE"
    data = report_of(result := run(tmp_path, query, "--dialect", "mysql"))
    assert data["verdict"] == "CE"
    message = data["tests"][0]["message"]
    assert message.startswith("cannot translate this mysql query to DuckDB: ")
    assert "FOR UPDATE" in message
    assert result.exit_code == 1


@pytest.mark.parametrize(
    ("query", "named"),
    [
        ("SELECT 1 AS department, 2 AS salary_gap; SELECT 3, 4", "2 statements"),
        ("DROP TABLE employees", "DROP"),
        ("DELETE FROM employees WHERE salary > 0", "DELETE"),
    ],
    ids=["two-statements", "drop", "delete"],
)
def test_translation_does_not_get_around_one_read_only_query(tmp_path: Path, query: str, named: str) -> None:
    data = report_of(result := run(tmp_path, query, "--dialect", "postgres"))
    assert data["verdict"] == "CE"
    assert {t["verdict"] for t in data["tests"]} == {"CE"}
    assert named in data["tests"][0]["message"]
    assert result.exit_code == 1


def test_unknown_dialect_is_a_usage_error_in_one_line(tmp_path: Path) -> None:
    result = run(tmp_path, POSTGRES, "--dialect", "klingon")
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "'klingon'" in lines[0]
    assert "postgres" in lines[0] and "mysql" in lines[0]
    assert "Traceback" not in result.stderr


def test_dialect_on_a_python_problem_is_a_usage_error(tmp_path: Path) -> None:
    code = "def two_sum(nums, target):\n    return [0, 1]\n"
    result = run(tmp_path, code, "--dialect", "mysql", slug="two_sum", suffix=".py")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.strip().splitlines() == ["error: --dialect is not an option for python submissions."]


# --- meaning kept: the translated query returns what the source engine returns --------------
# Each query runs in real DuckDB after translation; the expected rows are what PostgreSQL or
# MySQL return for the same query and data (their documented semantics, noted per case).

SCHEMA = """
CREATE TABLE nums (a INTEGER, b INTEGER, price DECIMAL(12,2));
CREATE TABLE people (name VARCHAR, nick VARCHAR, born DATE);
CREATE TABLE scores (player VARCHAR, score INTEGER);
"""
DATA = """
INSERT INTO nums VALUES (7, 2, 10.00), (-7, 2, 3.50), (1, 0, NULL);
INSERT INTO people VALUES ('ann', NULL, DATE '2024-01-31'), ('bob', 'bobby', DATE '2023-12-15');
INSERT INTO scores VALUES ('a', 90), ('b', 80), ('c', 80), ('d', 70), ('e', NULL);
"""


def duck(query: str, dialect: str) -> list[tuple[Any, ...]]:
    import duckdb

    translated = to_duckdb(query, dialect, SCHEMA)
    con = duckdb.connect(":memory:", config={"autoload_known_extensions": False})
    try:
        con.execute(SCHEMA + DATA)
        return con.execute(translated).fetchall()
    finally:
        con.close()


@pytest.mark.parametrize(
    ("dialect", "query", "rows"),
    [
        # PostgreSQL: integer / integer truncates toward zero (7/2 = 3, -7/2 = -3).
        ("postgres", "SELECT a / b AS q FROM nums WHERE b <> 0 ORDER BY a", [(-3,), (3,)]),
        ("postgres", "SELECT SUM(a) / COUNT(*) AS q FROM nums WHERE b <> 0", [(0,)]),
        ("postgres", "SELECT COUNT(*) / 2 AS q FROM scores", [(2,)]),
        # ... and a numeric operand makes it a fraction.
        ("postgres", "SELECT a * 1.0 / b AS q FROM nums WHERE a = 7", [(3.5,)]),
        ("postgres", "SELECT a::numeric / b AS q FROM nums WHERE a = 7", [(3.5,)]),
        ("postgres", "SELECT price / b AS q FROM nums WHERE a = 7", [(5.0,)]),
        # MySQL: `/` is always a fraction and x / 0 is NULL; DIV truncates toward zero.
        ("mysql", "SELECT a / b AS q FROM nums ORDER BY a", [(-3.5,), (None,), (3.5,)]),
        ("mysql", "SELECT a DIV b AS q FROM nums WHERE b <> 0 ORDER BY a", [(-3,), (3,)]),
    ],
    ids=[
        "pg-int-int",
        "pg-sum-count",
        "pg-count-literal",
        "pg-times-1.0",
        "pg-cast",
        "pg-decimal",
        "my-slash",
        "my-div",
    ],
)
def test_integer_division_keeps_its_meaning(dialect: str, query: str, rows: list[tuple[Any, ...]]) -> None:
    assert [tuple(float(v) if v is not None else None for v in r) for r in duck(query, dialect)] == [
        tuple(float(v) if v is not None else None for v in r) for r in rows
    ]


def test_integer_division_of_unknown_types_is_refused_naming_it() -> None:
    with pytest.raises(CompileError) as err:
        to_duckdb("SELECT m.x / m.y AS q FROM missing m", "postgres", SCHEMA)
    assert str(err.value).startswith(
        "cannot translate the division `x / y` from postgres to DuckDB faithfully"
    )


@pytest.mark.parametrize(
    ("query", "rows"),
    [
        # The 2nd score is 80, shared by b and c: WITH TIES keeps both.
        (
            "SELECT player, score FROM scores ORDER BY score DESC NULLS LAST, player FETCH FIRST 2 ROWS ONLY",
            [("a", 90), ("b", 80)],
        ),
        (
            "SELECT player, score FROM scores WHERE score IS NOT NULL ORDER BY score DESC FETCH FIRST 2 ROWS WITH TIES",
            [("a", 90), ("b", 80), ("c", 80)],
        ),
        (
            "SELECT player, score FROM scores WHERE score IS NOT NULL ORDER BY score DESC FETCH FIRST 3 ROWS WITH TIES",
            [("a", 90), ("b", 80), ("c", 80)],
        ),
        # PostgreSQL sorts NULL first in descending order: it is the first row.
        ("SELECT player FROM scores ORDER BY score DESC FETCH FIRST 1 ROWS WITH TIES", [("e",)]),
        # ORDER BY names the output column, which hides the table's column of the same name.
        (
            "SELECT -score AS score FROM scores WHERE score IS NOT NULL ORDER BY score FETCH FIRST 1 ROW WITH TIES",
            [(-90,)],
        ),
        (
            "SELECT score, COUNT(*) AS n FROM scores GROUP BY score ORDER BY n DESC FETCH FIRST 1 ROWS WITH TIES",
            [(80, 2)],
        ),
    ],
    ids=["only", "ties", "ties-at-the-end", "nulls-first", "alias-shadows-column", "aggregate"],
)
def test_fetch_with_ties_keeps_every_tied_row(query: str, rows: list[tuple[Any, ...]]) -> None:
    got = duck(query, "postgres")
    assert sorted(got, key=repr) == sorted(rows, key=repr)


@pytest.mark.parametrize(
    "query",
    [
        "SELECT DISTINCT score FROM scores ORDER BY score FETCH FIRST 2 ROWS WITH TIES",
        "SELECT score FROM scores ORDER BY score OFFSET 1 ROWS FETCH FIRST 2 ROWS WITH TIES",
    ],
    ids=["distinct", "offset"],
)
def test_with_ties_that_cannot_be_carried_over_is_refused(query: str) -> None:
    with pytest.raises(CompileError) as err:
        to_duckdb(query, "postgres", SCHEMA)
    assert str(err.value).startswith(
        "cannot translate FETCH FIRST ... WITH TIES from postgres to DuckDB faithfully: DuckDB has no WITH TIES"
    )


@pytest.mark.parametrize(
    ("dialect", "query", "rows"),
    [
        # PostgreSQL: || with NULL is NULL; CONCAT skips NULLs.
        ("postgres", "SELECT name || nick AS s FROM people ORDER BY name", [(None,), ("bobbobby",)]),
        ("postgres", "SELECT CONCAT(name, nick) AS s FROM people ORDER BY name", [("ann",), ("bobbobby",)]),
        # MySQL: CONCAT with any NULL argument is NULL.
        ("mysql", "SELECT CONCAT(name, nick) AS s FROM people ORDER BY name", [(None,), ("bobbobby",)]),
        (
            "mysql",
            "SELECT CONCAT_WS('-', name, nick) AS s FROM people ORDER BY name",
            [("ann",), ("bob-bobby",)],
        ),
    ],
    ids=["pg-pipes", "pg-concat", "my-concat", "my-concat-ws"],
)
def test_string_concatenation_with_null_keeps_its_meaning(
    dialect: str, query: str, rows: list[tuple[Any, ...]]
) -> None:
    assert duck(query, dialect) == rows


def test_mysql_pipes_are_refused_naming_them() -> None:
    with pytest.raises(CompileError) as err:
        to_duckdb("SELECT name || nick AS s FROM people", "mysql", SCHEMA)
    assert str(err.value) == (
        "cannot translate `||` from mysql to DuckDB faithfully: "
        "in mysql it is a logical OR; write CONCAT(a, b) to join text"
    )


@pytest.mark.parametrize(
    ("dialect", "query", "rows"),
    [
        # PostgreSQL: date + integer is a date; date - date is an integer of days;
        # date + interval '1 month' clamps to the month's end (a timestamp).
        ("postgres", "SELECT born + 1 AS d FROM people WHERE name = 'ann'", [(dt.date(2024, 2, 1),)]),
        ("postgres", "SELECT born - DATE '2023-12-01' AS n FROM people ORDER BY name", [(61,), (14,)]),
        (
            "postgres",
            "SELECT born + INTERVAL '1 month' AS d FROM people WHERE name = 'ann'",
            [(dt.datetime(2024, 2, 29),)],
        ),
        # MySQL: DATE_ADD clamps too; DATEDIFF is days; TIMESTAMPDIFF counts whole months.
        (
            "mysql",
            "SELECT DATE_ADD(born, INTERVAL 1 MONTH) AS d FROM people WHERE name = 'ann'",
            [(dt.datetime(2024, 2, 29),)],
        ),
        ("mysql", "SELECT DATEDIFF(born, '2023-12-01') AS n FROM people ORDER BY name", [(61,), (14,)]),
        (
            "mysql",
            "SELECT TIMESTAMPDIFF(MONTH, born, DATE '2024-02-29') AS m FROM people ORDER BY name",
            [(0,), (2,)],
        ),
    ],
    ids=[
        "pg-date-plus-int",
        "pg-date-minus-date",
        "pg-plus-month",
        "my-date-add",
        "my-datediff",
        "my-timestampdiff",
    ],
)
def test_date_arithmetic_keeps_its_meaning(dialect: str, query: str, rows: list[tuple[Any, ...]]) -> None:
    assert duck(query, dialect) == rows


def test_mysql_date_plus_a_number_is_refused_naming_it() -> None:
    with pytest.raises(CompileError) as err:
        to_duckdb("SELECT born + 1 AS d FROM people", "mysql", SCHEMA)
    assert str(err.value).startswith("cannot translate `born + 1` from mysql to DuckDB faithfully: ")


def test_a_refused_construct_is_ce_through_the_command_line(tmp_path: Path) -> None:
    query = "SELECT DISTINCT department, salary AS salary_gap FROM employees ORDER BY 2 FETCH FIRST 1 ROWS WITH TIES"
    data = report_of(result := run(tmp_path, query, "--dialect", "postgres"))
    assert data["verdict"] == "CE"
    assert data["tests"][0]["message"].startswith("cannot translate FETCH FIRST ... WITH TIES from postgres")
    assert result.exit_code == 1
