"""`judge run ... --dialect NAME`: SQL written for another engine, translated to DuckDB's.

Through the real command line (click's runner), the local sandbox and real DuckDB workers.
"""

from __future__ import annotations

import json
import textwrap
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from judge.cli import main

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
    assert result.stderr.strip().splitlines() == ["error: --dialect is for SQL problems only."]
