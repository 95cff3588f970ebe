"""Renderers: the JSON of the contract (plus extras) and the table people read."""

from __future__ import annotations

import json

from judge.models import CaseResult, ComplexityResult, Report, Verdict
from judge.render import VERDICT_TEXT, to_json, to_table
from tests.golden import assert_golden

CONTRACT_KEYS = {"problem", "language", "sandbox", "verdict", "passed", "total", "tests", "complexity"}
EXTRA_KEYS = {"notes", "skipped"}
CONTRACT_TEST_KEYS = {"name", "verdict", "time_ms", "message"}
EXTRA_TEST_KEYS = {"output", "sample"}
CONTRACT_COMPLEXITY_KEYS = {"expected", "estimated", "ok", "sizes", "times_ms"}
EXTRA_COMPLEXITY_KEYS = {"reference_times_ms", "note"}

WA_REPORT = Report(
    problem="two_sum",
    language="python",
    sandbox="local",
    verdict=Verdict.WA,
    tests=(
        CaseResult("sample-1", Verdict.AC, 0.4, sample=True),
        CaseResult(
            "sample-2",
            Verdict.WA,
            1.5,
            "expected [0, 1], got [1, 1]",
            output='debug: i=1\n{"verdict": "AC"}\n',
            sample=True,
        ),
        CaseResult("large-1", Verdict.TLE, 2000.0, "time limit 2000 ms exceeded\nafter 3 of 3 runs"),
    ),
    notes=("sandbox: local (no Docker engine answered)",),
)

AC_REPORT = Report(
    problem="two_sum",
    language="python",
    sandbox="docker",
    verdict=Verdict.AC,
    tests=(CaseResult("sample-1", Verdict.AC, 0.4, sample=True), CaseResult("negatives", Verdict.AC, 0.3)),
    complexity=ComplexityResult(
        expected="O(n)",
        estimated="O(n^2)",
        ok=False,
        sizes=(1000, 2000),
        times_ms=(1.0, 4.0),
        reference_times_ms=(0.5, 1.0),
        note="log-log slope 2.00, allowed up to 1.41",
    ),
)

SQL_REPORT = Report(
    problem="top_two_salary_gap",
    language="sql",
    sandbox="local",
    verdict=Verdict.CE,
    tests=(CaseResult("sample", Verdict.CE, 0.0, "only one read-only query is allowed", sample=True),),
)


def test_json_has_exactly_the_contract_keys_and_the_extras() -> None:
    data = json.loads(to_json(AC_REPORT))
    assert isinstance(data, dict)
    assert set(data) == CONTRACT_KEYS | EXTRA_KEYS
    assert all(set(t) == CONTRACT_TEST_KEYS | EXTRA_TEST_KEYS for t in data["tests"])
    assert set(data["complexity"]) == CONTRACT_COMPLEXITY_KEYS | EXTRA_COMPLEXITY_KEYS


def test_json_values_of_an_accepted_report() -> None:
    assert json.loads(to_json(AC_REPORT)) == {
        "problem": "two_sum",
        "language": "python",
        "sandbox": "docker",
        "verdict": "AC",
        "passed": 2,
        "total": 2,
        "tests": [
            {
                "name": "sample-1",
                "verdict": "AC",
                "time_ms": 0.4,
                "message": "",
                "output": "",
                "sample": True,
            },
            {
                "name": "negatives",
                "verdict": "AC",
                "time_ms": 0.3,
                "message": "",
                "output": "",
                "sample": False,
            },
        ],
        "complexity": {
            "expected": "O(n)",
            "estimated": "O(n^2)",
            "ok": False,
            "sizes": [1000, 2000],
            "times_ms": [1.0, 4.0],
            "reference_times_ms": [0.5, 1.0],
            "note": "log-log slope 2.00, allowed up to 1.41",
        },
        "skipped": 0,
        "notes": [],
    }


def test_json_of_a_rejected_report() -> None:
    data = json.loads(to_json(WA_REPORT))
    assert (data["verdict"], data["passed"], data["total"]) == ("WA", 1, 3)
    assert [(t["name"], t["verdict"]) for t in data["tests"]] == [
        ("sample-1", "AC"),
        ("sample-2", "WA"),
        ("large-1", "TLE"),
    ]
    assert data["tests"][1]["message"] == "expected [0, 1], got [1, 1]"
    assert data["tests"][1]["output"] == 'debug: i=1\n{"verdict": "AC"}\n'
    assert data["tests"][2]["message"] == "time limit 2000 ms exceeded\nafter 3 of 3 runs"
    assert data["complexity"] is None
    assert data["notes"] == ["sandbox: local (no Docker engine answered)"]


def test_json_complexity_is_null_for_sql() -> None:
    data = json.loads(to_json(SQL_REPORT))
    assert data["complexity"] is None
    assert (data["language"], data["verdict"]) == ("sql", "CE")


def test_json_ok_may_be_null() -> None:
    unsure = ComplexityResult("O(n)", None, None, (1000,), (0.1,))
    data = json.loads(to_json(Report("two_sum", "python", "local", Verdict.AC, (), complexity=unsure)))
    assert data["complexity"]["ok"] is None
    assert data["complexity"]["estimated"] is None


def test_json_is_one_object_whatever_the_messages_hold() -> None:
    tricky = Report(
        problem="two_sum",
        language="python",
        sandbox="local",
        verdict=Verdict.RE,
        tests=(
            CaseResult("t", Verdict.RE, 1.0, 'Traceback:\n  "}{"\n\tValueError', output="}\n{\x00\u2028"),
        ),
    )
    text = to_json(tricky)
    decoder = json.JSONDecoder()
    value, end = decoder.raw_decode(text)
    assert text[end:].strip() == ""
    assert value["tests"][0]["output"] == "}\n{\x00\u2028"


def test_skipped_tests_count_in_total_not_in_passed() -> None:
    report = Report("two_sum", "python", "local", Verdict.TLE, WA_REPORT.tests[2:], skipped=4)
    data = json.loads(to_json(report))
    assert (data["passed"], data["total"], data["skipped"]) == (0, 5, 4)


def test_table_of_a_rejected_report() -> None:
    assert_golden("table-rejected", to_table(WA_REPORT))


def test_table_of_an_accepted_report_with_complexity() -> None:
    assert_golden("table-accepted", to_table(AC_REPORT))


def test_table_complexity_line_when_it_cannot_tell() -> None:
    unsure = ComplexityResult("O(n)", None, None, (1000,), (0.1,))
    table = to_table(Report("two_sum", "python", "local", Verdict.AC, (), complexity=unsure))
    assert table.splitlines()[-1] == "Complexity: expected O(n), estimated ? (could not tell)"


def test_table_says_how_many_tests_were_not_run() -> None:
    report = Report("two_sum", "python", "local", Verdict.TLE, WA_REPORT.tests[2:], skipped=4)
    lines = to_table(report).splitlines()
    assert (
        "4 more tests not run: a test ran out of time or memory (use --all-tests to run them all)." in lines
    )
    assert lines[-1] == "TLE: Time Limit Exceeded. 0/5 tests passed (slowest 2000.0 ms)."


def test_table_cuts_long_messages_in_the_row_and_shows_them_below() -> None:
    long = "expected " + "x" * 100
    report = Report("two_sum", "python", "local", Verdict.WA, (CaseResult("t", Verdict.WA, 1.0, long),))
    lines = to_table(report).splitlines()
    row = next(line for line in lines if line.startswith("t "))
    assert row.endswith("expected " + "x" * 58 + "...")
    assert f"t: {long}" in lines


def test_every_verdict_has_a_text() -> None:
    assert set(VERDICT_TEXT) == set(Verdict)
    for verdict in Verdict:
        report = Report("two_sum", "python", "local", verdict, (CaseResult("t", verdict, 1.0),))
        assert to_table(report).splitlines()[-1].startswith(f"{verdict}: {VERDICT_TEXT[verdict]}. ")
