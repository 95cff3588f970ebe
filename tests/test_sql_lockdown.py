"""A SQL submission is one read-only query over the problem's tables, and nothing else.

Everything here runs against a real problem (top_two_salary_gap) in real DuckDB workers. The
cheap checks run under both sandboxes; the long list of statement kinds (the same worker code
in either) runs locally, with a few of them under Docker too. The last test checks that after
all of it the problem's files are unchanged and the reference is still accepted.
"""

from __future__ import annotations

import csv
import hashlib
import os
import textwrap
import time
from pathlib import Path

import pytest

from judge.catalog import load_cases, load_problem, solutions_root
from judge.judging import judge_source
from judge.models import Report, Verdict
from judge.sandbox import RawOutcome, Sandbox
from judge.timelimits import time_limits

SLUG = "top_two_salary_gap"
PROBLEM = load_problem(SLUG)
FIXTURES = PROBLEM.path / "fixtures"
SAMPLE_CSV = FIXTURES / "sample" / "employees.csv"
HIDDEN_CSV = FIXTURES / "bulk" / "employees.csv"
EXPECTED = FIXTURES / "bulk" / "expected.json"
REFERENCE = solutions_root() / SLUG / "accepted" / "reference.sql"

ALLOWED = "WITH ... SELECT"
"""Every rejection says what is allowed: one SELECT (or WITH ... SELECT)."""


def _digest(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


# Taken when this module is imported (collection), before any submission here has run.
BEFORE = _digest(PROBLEM.path)
BEFORE_FIXTURES = sorted(p.name for p in FIXTURES.iterdir() if p.is_dir())
REFERENCE_BEFORE = hashlib.sha256(REFERENCE.read_bytes()).hexdigest()


def judge(sandbox: Sandbox, query: str, *, sample_only: bool = False) -> Report:
    cases = load_cases(PROBLEM, samples_only=sample_only)
    return judge_source(PROBLEM, textwrap.dedent(query), sandbox, complexity=False, cases=cases)


def box(request: pytest.FixtureRequest, which: str) -> Sandbox:
    return request.getfixturevalue(f"{which}_sandbox")


def both(*params: tuple[str, ...], docker: set[str] | None = None) -> list[object]:
    """Each param under the local sandbox, and the ones named in `docker` under Docker too."""
    out = []
    for p in params:
        out.append(pytest.param("local", *p[1:], id=f"local-{p[0]}"))
        if docker is None or p[0] in docker:
            out.append(pytest.param("docker", *p[1:], id=f"docker-{p[0]}", marks=pytest.mark.docker))
    return out


def assert_all_ce(report: Report) -> str:
    """CE on every test, with one message; returns it."""
    assert report.verdict is Verdict.CE, [(t.name, str(t.verdict), t.message) for t in report.tests]
    assert [str(t.verdict) for t in report.tests] == ["CE"] * len(report.tests)
    messages = {t.message for t in report.tests}
    assert len(messages) == 1, messages
    return messages.pop()


# --- anything but one read-only query is CE, saying what is allowed -----------------------

STATEMENTS = [
    ("two-selects", "SELECT 1; SELECT 2", "found 2 statements"),
    ("select-then-drop", "SELECT * FROM employees; DROP TABLE employees", "found 2 statements"),
    ("create-table", "CREATE TABLE t (a INTEGER)", "CREATE"),
    ("create-temp-as", "CREATE TEMP TABLE t AS SELECT * FROM employees", "CREATE"),
    ("create-macro", "CREATE MACRO m() AS 1", "CREATE"),
    ("drop", "DROP TABLE employees", "DROP"),
    ("insert", "INSERT INTO employees VALUES (99, 'x', 'eng', 1)", "INSERT"),
    ("update", "UPDATE employees SET salary = 0", "UPDATE"),
    ("delete", "DELETE FROM employees", "DELETE"),
    ("copy-to-fixture", f"COPY employees TO '{SAMPLE_CSV}' (HEADER)", "COPY"),
    ("copy-from", "COPY employees FROM '/etc/passwd'", "COPY"),
    ("attach", "ATTACH '{tmp}/other.db' AS other", "ATTACH"),
    ("export", "EXPORT DATABASE '{tmp}/exported'", "EXPORT"),
    ("pragma", "PRAGMA database_list", "PRAGMA"),
    ("set", "SET threads = 4", "SET"),
    ("set-external-access", "SET enable_external_access = true", "SET"),
    ("reset", "RESET memory_limit", "SET"),
    ("load", "LOAD httpfs", "LOAD"),
    ("install", "INSTALL httpfs", "statement"),
    ("call", "CALL pragma_version()", "CALL"),
    ("transaction", "BEGIN TRANSACTION", "TRANSACTION"),
    ("explain", "EXPLAIN SELECT * FROM employees", "EXPLAIN"),
]


@pytest.mark.parametrize(
    ("which", "query", "named"),
    both(*STATEMENTS, docker={"select-then-drop", "copy-to-fixture", "attach", "set-external-access"}),
)
def test_anything_but_one_query_is_ce_saying_what_is_allowed(
    request: pytest.FixtureRequest, tmp_path: Path, which: str, query: str, named: str
) -> None:
    report = judge(box(request, which), query.replace("{tmp}", str(tmp_path)))
    message = assert_all_ce(report)
    assert named in message
    assert ALLOWED in message and "read-only" in message
    assert list(tmp_path.iterdir()) == []  # nothing was written where the query pointed


def test_copy_to_a_file_writes_nothing(local_sandbox: Sandbox, tmp_path: Path) -> None:
    target = tmp_path / "leak.csv"
    message = assert_all_ce(judge(local_sandbox, f"COPY (SELECT * FROM employees) TO '{target}'"))
    assert "COPY" in message and ALLOWED in message
    assert not target.exists()


@pytest.mark.parametrize(
    ("which", "query"),
    both(("empty", ""), ("blank-and-semicolons", "  \n ; ;\n"), ("comment-only", "-- SELECT 1\n")),
)
def test_no_query_at_all_is_ce(request: pytest.FixtureRequest, which: str, query: str) -> None:
    message = assert_all_ce(judge(box(request, which), query))
    assert "SELECT" in message
    assert ALLOWED in message


# --- no files: the table functions that read them are refused ------------------------------

FILE_READS = [
    ("read_csv-passwd", "SELECT * FROM read_csv('/etc/passwd')", "/etc/passwd"),
    ("read_text-passwd", "SELECT * FROM read_text('/etc/passwd')", "/etc/passwd"),
    ("read_blob-passwd", "SELECT * FROM read_blob('/etc/passwd')", "/etc/passwd"),
    ("glob-root", "SELECT * FROM glob('/*')", "/*"),
    ("read_csv-hidden-fixture", f"SELECT * FROM read_csv('{HIDDEN_CSV}')", str(HIDDEN_CSV)),
    ("read_json-expected", f"SELECT * FROM read_json('{EXPECTED}')", str(EXPECTED)),
    ("read_text-expected", f"SELECT * FROM read_text('{EXPECTED}')", str(EXPECTED)),
    ("replacement-scan-expected", f"SELECT * FROM '{EXPECTED}'", str(EXPECTED)),
    (
        "inside-a-cte",
        "WITH x AS (SELECT * FROM read_csv('/etc/passwd')) SELECT * FROM x",
        "/etc/passwd",
    ),
    ("sniff_csv-passwd", "SELECT * FROM sniff_csv('/etc/passwd')", "/etc/passwd"),
]


@pytest.mark.parametrize(
    ("which", "query", "path"),
    both(*FILE_READS, docker={"read_csv-passwd", "glob-root", "read_json-expected", "sniff_csv-passwd"}),
)
def test_reading_files_is_ce_saying_what_is_allowed(
    request: pytest.FixtureRequest, which: str, query: str, path: str
) -> None:
    message = assert_all_ce(judge(box(request, which), query))
    assert path in message  # says which file it refused
    assert ALLOWED in message
    assert "root:" not in message  # no line of /etc/passwd
    assert '"columns"' not in message  # nothing of expected.json


# --- limits ---------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_infinite_recursive_cte_is_tle_within_the_limit(request: pytest.FixtureRequest, which: str) -> None:
    sandbox = box(request, which)
    limit_s = time_limits(PROBLEM, load_cases(PROBLEM, samples_only=True), sandbox)["sample"] / 1000
    query = """
        WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r)
        SELECT department, 0 AS salary_gap FROM employees, r WHERE n < 0
    """
    t0 = time.monotonic()
    report = judge(sandbox, query, sample_only=True)
    wall = time.monotonic() - t0
    assert report.verdict is Verdict.TLE, report.tests
    assert report.tests[0].message
    assert wall < limit_s + 6, f"took {wall:.1f}s for a {limit_s:.1f}s limit"


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_huge_cross_join_aggregation_is_mle_or_tle(request: pytest.FixtureRequest, which: str) -> None:
    sandbox = box(request, which)
    limit_s = time_limits(PROBLEM, load_cases(PROBLEM, samples_only=True), sandbox)["sample"] / 1000
    query = """
        SELECT 'x' AS department, COUNT(DISTINCT a.range * 1000000000 + b.range) AS salary_gap
        FROM range(100000) a, range(100000) b
    """
    t0 = time.monotonic()
    report = judge(sandbox, query, sample_only=True)
    wall = time.monotonic() - t0
    assert report.verdict in (Verdict.MLE, Verdict.TLE), report.tests
    assert report.tests[0].message
    assert wall < limit_s + 6, f"took {wall:.1f}s for a {limit_s:.1f}s limit"


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_more_rows_than_the_cap_is_ole(request: pytest.FixtureRequest, which: str) -> None:
    report = judge(box(request, which), "SELECT 'x' AS department, range AS salary_gap FROM range(20000)")
    assert report.verdict is Verdict.OLE
    assert [str(t.verdict) for t in report.tests] == ["OLE"] * len(report.tests)
    assert report.tests[0].message == "returned more than 10000 rows"


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_few_rows_of_too_many_bytes_are_ole(request: pytest.FixtureRequest, which: str) -> None:
    """The cap is on bytes too: 20 rows of 1 MB each never reach the judge's memory."""
    report = judge(
        box(request, which),
        "SELECT repeat('x', 1000000) AS department, range AS salary_gap FROM range(20)",
        sample_only=True,
    )
    assert report.verdict is Verdict.OLE
    assert report.tests[0].message == "returned more than 16 MiB of rows (as JSON)"


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
@pytest.mark.parametrize(
    "value",
    ["INTERVAL 100000000 YEAR", "INTERVAL 2147483647 DAY * 1000"],
)
def test_a_value_python_cannot_hold_is_re_not_ie(
    request: pytest.FixtureRequest, which: str, value: str
) -> None:
    report = judge(box(request, which), f"SELECT {value} AS department, 1 AS salary_gap", sample_only=True)
    assert report.verdict is Verdict.RE, report.tests[0].message


def test_exactly_the_row_cap_is_judged_not_ole(local_sandbox: Sandbox) -> None:
    report = judge(local_sandbox, "SELECT 'x' AS department, range AS salary_gap FROM range(10000)")
    assert report.verdict is Verdict.WA
    assert report.tests[0].message.startswith("expected 3 rows, got 10000; ")


# --- errors: the learner's query, told apart ------------------------------------------------


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_runtime_error_on_one_dataset_is_re_not_ce(request: pytest.FixtureRequest, which: str) -> None:
    # The reference, plus a cast that fails only where a salary is 0 (the `singletons` dataset).
    reference = REFERENCE.read_text(encoding="utf-8")
    gap = "MAX(salary) FILTER (WHERE pos = 1) - MAX(salary) FILTER (WHERE pos = 2)"
    assert gap in reference
    query = reference.replace(
        gap, f"{gap} + CAST(CASE WHEN MIN(salary) = 0 THEN 'zero' ELSE '0' END AS INTEGER)"
    )
    report = judge(box(request, which), query)
    verdicts = {t.name: str(t.verdict) for t in report.tests}
    assert verdicts == {name: "RE" if name == "singletons" else "AC" for name in verdicts}
    assert report.verdict is Verdict.RE
    message = next(t.message for t in report.tests if t.name == "singletons")
    assert message.startswith("Conversion Error")
    assert "'zero'" in message


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_unknown_column_is_ce_with_duckdbs_message(request: pytest.FixtureRequest, which: str) -> None:
    message = assert_all_ce(judge(box(request, which), "SELECT department, salary_gapp FROM employees"))
    assert message.startswith("Binder Error")
    assert '"salary_gapp"' in message


def test_syntax_error_is_ce_with_duckdbs_message(local_sandbox: Sandbox) -> None:
    message = assert_all_ce(judge(local_sandbox, "SELECT department salary_gap FROM FROM employees"))
    assert message.startswith("Parser Error")


def test_unknown_table_is_ce(local_sandbox: Sandbox) -> None:
    message = assert_all_ce(judge(local_sandbox, "SELECT department, 0 AS salary_gap FROM staff"))
    assert "staff" in message


# --- the judge's environment stays out of reach ---------------------------------------------


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_environment_cannot_be_read(
    request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, which: str
) -> None:
    secret = "judge-secret-7f3a9c"
    monkeypatch.setenv("JUDGE_TEST_SECRET", secret)
    sandbox = box(request, which)
    home = os.environ.get("HOME", "")
    queries = [
        "SELECT getenv('JUDGE_TEST_SECRET') AS department, 0 AS salary_gap",
        "SELECT getenv('HOME') AS department, 0 AS salary_gap",
        "SELECT current_setting('home_directory') AS department, 0 AS salary_gap",
        "SELECT string_agg(name || '=' || coalesce(value, ''), '; ') AS department, 0 AS salary_gap "
        "FROM duckdb_settings()",
    ]
    for query in queries:
        report = judge(sandbox, query, sample_only=True)
        assert report.verdict is not Verdict.AC
        for t in report.tests:
            assert secret not in t.message and secret not in t.output
            if len(home) > 1:
                assert home not in t.message, f"{query}: the judge's HOME {home} shows"


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_each_dataset_is_seen_alone(request: pytest.FixtureRequest, which: str) -> None:
    """The query runs over the problem's tables of one dataset: no other dataset (a hidden one,
    when the sample runs) is within its reach, whatever the schema it sits in."""
    query = "SELECT 'tables seen' AS department, COUNT(*) AS salary_gap FROM information_schema.tables"
    report = judge(box(request, which), query)
    assert report.verdict is Verdict.WA
    for t in report.tests:
        assert t.message.endswith("unexpected 1: ('tables seen', 1)"), f"{t.name}: {t.message}"


def test_a_hidden_dataset_cannot_be_read_out_through_the_message(local_sandbox: Sandbox) -> None:
    """A WA shows a few rows; packing a hidden table into one value must not show all of it."""
    query = "SELECT string_agg(name || ':' || salary, ';') AS department, 0 AS salary_gap FROM employees"
    report = judge(local_sandbox, query)
    assert report.verdict is Verdict.WA
    with HIDDEN_CSV.open(newline="", encoding="utf-8") as fh:
        hidden = {f"{r['name']}:{r['salary']}" for r in csv.DictReader(fh) if r["name"]}
    message = next(t.message for t in report.tests if t.name == "bulk")
    shown = {pair for pair in hidden if pair in message}
    assert len(shown) <= 10, f"{len(shown)} of {len(hidden)} hidden rows shown"


# --- afterwards: nothing changed ------------------------------------------------------------


@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_after_all_that_the_problem_is_unchanged_and_the_reference_ac(
    request: pytest.FixtureRequest, which: str
) -> None:
    assert _digest(PROBLEM.path) == BEFORE
    assert hashlib.sha256(REFERENCE.read_bytes()).hexdigest() == REFERENCE_BEFORE
    assert {"fixtures/sample/employees.csv", "fixtures/bulk/expected.json"} <= set(BEFORE)
    report = judge(box(request, which), REFERENCE.read_text(encoding="utf-8"))
    assert [str(t.verdict) for t in report.tests] == ["AC"] * len(BEFORE_FIXTURES)
    assert report.verdict is Verdict.AC


def test_each_dataset_is_the_only_database_its_query_sees(sandbox: Sandbox) -> None:
    """Every fixture opens in a fresh DuckDB of its own (warm: an instance made ahead, then its
    file attached alone; cold: the file opened), read-only, at the job's memory limit: no
    catalog function shows another fixture's table, column or database, and the lock-down's
    settings hold (no scans of the worker's Python objects among them)."""
    from judge.execution import build_job
    from judge.languages import language_for

    cases = load_cases(PROBLEM)
    query = (
        "SELECT (SELECT count(*) FROM duckdb_databases() WHERE NOT internal) AS dbs,"
        " (SELECT count(*) FROM duckdb_tables()) AS tables, (SELECT count(*) FROM employees) AS n,"
        " current_setting('memory_limit') AS mem, current_setting('enable_external_access') AS ext,"
        " current_setting('lock_configuration') AS locked,"
        " current_setting('python_enable_replacements') AS scans,"
        " (SELECT count(*) FROM duckdb_columns()"
        "  WHERE database_name NOT IN ('system') AND schema_name <> 'information_schema') AS columns,"
        " (SELECT count(*) FROM information_schema.tables) AS listed,"
        " (SELECT count(*) FROM main.employees) AS qualified"
    )
    job = build_job(PROBLEM, language_for(PROBLEM), cases, query, {c.name: 5000.0 for c in cases})
    outcomes = sandbox.run(job)
    assert len(outcomes) == len(cases) >= 5
    for case, outcome in zip(cases, outcomes, strict=True):
        assert outcome.status == "ok", (case.name, outcome.status, outcome.error)
        [[dbs, tables, n, mem, ext, locked, scans, columns, listed, qualified]] = outcome.value["rows"]
        with open(FIXTURES / case.name / "employees.csv", newline="") as fh:
            header, *data = list(csv.reader(fh))
        rows = len(data)
        assert (dbs, tables, n, ext, locked, scans) == (1, 1, rows, False, True, False), case.name
        assert (columns, listed, qualified) == (len(header), 1, rows), case.name
        assert mem.endswith("MiB") and float(mem.split()[0]) <= job.memory_mb, mem


def _raw_outcomes(sandbox: Sandbox, query: str) -> list[tuple[str, RawOutcome]]:
    from judge.execution import build_job
    from judge.languages import language_for

    cases = load_cases(PROBLEM)
    job = build_job(PROBLEM, language_for(PROBLEM), cases, query, {c.name: 5000.0 for c in cases})
    outcomes = sandbox.run(job)
    assert len(outcomes) == len(cases) >= 5
    return [(c.name, o) for c, o in zip(cases, outcomes, strict=True)]


def test_one_dataset_cannot_size_or_count_the_others(sandbox: Sandbox) -> None:
    """Found by a red team when the datasets shared one instance (a connection each): the
    sample read how many hidden datasets there are (connections) and how big (memory). With
    an instance per dataset, every dataset sees one connection and the same memory figure
    (all of this problem's datasets fit in one block: a figure that differed would be
    another dataset's)."""
    query = (
        "SELECT (SELECT count FROM duckdb_connection_count()) AS connections,"
        " (SELECT coalesce(sum(memory_usage_bytes), 0) FROM duckdb_memory()"
        "  WHERE tag IN ('IN_MEMORY_TABLE', 'BASE_TABLE'))::BIGINT AS memory"
    )
    seen = {}
    for name, outcome in _raw_outcomes(sandbox, query):
        assert outcome.status == "ok", (name, outcome.status, outcome.error)
        [[connections, memory]] = outcome.value["rows"]
        assert connections == 1, name
        seen[name] = memory
    assert len(set(seen.values())) == 1, seen


def test_nothing_a_query_does_on_one_dataset_reaches_another(sandbox: Sandbox) -> None:
    """Found by a red team when the datasets shared one instance: a SELECT can register an
    instance-wide entry (`register_external_resource_type`, a table function), here only
    where the dataset has over 100 rows (bulk, the second), and a later dataset's query read
    it back. Each dataset's instance starts from nothing, so every test that looks finds
    nothing."""
    query = """\
        WITH RECURSIVE g AS MATERIALIZED (
            SELECT CASE WHEN (SELECT count(*) FROM employees) > 100 THEN 1
                ELSE error('seen so far: ' || (SELECT coalesce(string_agg(name, ','), 'nothing')
                                               FROM duckdb_external_resource_types())) END AS x),
        r(i) AS (SELECT x FROM g UNION ALL
                 SELECT i + 1 FROM r, register_external_resource_type('a_bulk_dataset_ran_before_me',
                     kind := 'k', create_function := 'f') WHERE i < 0)
        SELECT 'x' AS department, 0 AS salary_gap FROM r"""
    outcomes = _raw_outcomes(sandbox, textwrap.dedent(query))
    errors = {name: o.error for name, o in outcomes if o.status != "ok"}
    assert len(errors) == len(outcomes) - 1, outcomes  # bulk alone answers
    for name, error in errors.items():
        assert error.endswith("seen so far: nothing"), (name, error)
