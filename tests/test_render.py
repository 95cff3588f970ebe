"""Renderers: the JSON of the contract (plus extras) and the table people read."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from judge.catalog import load_cases, load_problem
from judge.evaluate import evaluate
from judge.generators import generate_json
from judge.models import CaseResult, ComplexityResult, Report, Verdict, overall_verdict
from judge.render import VERDICT_TEXT, to_json, to_table
from judge.sandbox import RawOutcome
from tests.golden import assert_golden

CONTRACT_KEYS = {"problem", "language", "sandbox", "verdict", "passed", "total", "tests", "complexity"}
EXTRA_KEYS = {"notes", "skipped", "feedback", "withheld"}
CONTRACT_TEST_KEYS = {"name", "verdict", "time_ms", "message"}
EXTRA_TEST_KEYS = {"output", "sample", "input", "expected", "got", "operation", "hint"}
CONTRACT_COMPLEXITY_KEYS = {"expected", "estimated", "ok", "sizes", "times_ms"}
EXTRA_COMPLEXITY_KEYS = {"reference_times_ms", "note", "samples_ms", "reference_samples_ms", "ratio_slope"}

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
                "input": None,
                "expected": None,
                "got": None,
                "operation": None,
                "hint": "",
            },
            {
                "name": "negatives",
                "verdict": "AC",
                "time_ms": 0.3,
                "message": "",
                "output": "",
                "sample": False,
                "input": None,
                "expected": None,
                "got": None,
                "operation": None,
                "hint": "",
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
            "samples_ms": [],
            "reference_samples_ms": [],
            "ratio_slope": None,
        },
        "skipped": 0,
        "notes": [],
        "feedback": "full",
        "withheld": 0,
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
    assert f"  message    {long}" in lines


def test_every_verdict_has_a_text() -> None:
    assert set(VERDICT_TEXT) == set(Verdict)
    for verdict in Verdict:
        report = Report("two_sum", "python", "local", verdict, (CaseResult("t", verdict, 1.0),))
        assert to_table(report).splitlines()[-1].startswith(f"{verdict}: {VERDICT_TEXT[verdict]}. ")


# --- the failing case as LeetCode shows it: reports built by `evaluate` from real problems ---


def judged(slug: str, outcomes: dict[str, dict[str, Any]]) -> Report:
    """A report of `slug`'s tests named in `outcomes` (others AC), as the pipeline builds it."""
    problem = load_problem(slug)
    results = []
    for case in load_cases(problem):
        if case.name not in outcomes:
            continue
        raw = RawOutcome(name=case.name, **{"time_ms": 1.0, "wall_ms": 1.5, **outcomes[case.name]})
        if case.generate is None:
            input_of = lambda c=case: c.input  # noqa: E731
        else:
            text = generate_json(problem, *case.generate)
            input_of = lambda t=text: json.loads(t)  # noqa: E731
        results.append(evaluate(problem, case, raw, input_of))
    tests = tuple(results)
    return Report(slug, "python", "local", overall_verdict(tests), tests)


def wa_report() -> Report:
    """A WA on a hidden test of 200,000 bars: the input is shortened, the answers shown."""
    return judged(
        "trapping_rain_water",
        {
            "sample-1": {"status": "ok", "value": 9, "output": "left=4 right=5\n", "output_bytes": 15},
            "large-random-1": {
                "status": "ok",
                "value": 12587109349,
                "output": "n=200000\n",
                "output_bytes": 9,
            },
        },
    )


def re_report() -> Report:
    error = "IndexError: list index out of range\n  line 4, in trap: return height[0] + height[-1]"
    return judged(
        "trapping_rain_water",
        {
            "sample-1": {"status": "ok", "value": 9},
            "empty": {"status": "exception", "error": error, "output": "start\n", "output_bytes": 6},
        },
    )


def class_wa_report() -> Report:
    """LRU cache whose `get` does not count as a use: operation 7 returns 1 instead of -1."""
    return judged(
        "lru_cache", {"sample-1": {"status": "ok", "value": [None, None, None, 1, None, -1, None, 1, 3, 4]}}
    )


@pytest.mark.parametrize(
    ("name", "build"),
    [("wa", wa_report), ("re", re_report), ("class-wa", class_wa_report)],
)
def test_failing_case_view_table_and_json(name: str, build: Any) -> None:
    report = build()
    assert_golden(f"table-{name}", to_table(report))
    assert_golden(f"json-{name}", to_json(report))


def test_wa_view_shortens_a_large_input_and_shows_both_answers() -> None:
    data = json.loads(to_json(wa_report()))
    failing = data["tests"][1]
    assert failing["name"] == "large-random-1"
    assert failing["input"]["height"].endswith("(200000 items)")
    assert len(failing["input"]["height"]) < 200
    assert (failing["expected"], failing["got"]) == ("12587109350", "12587109349")
    assert failing["output"] == "n=200000\n"


def test_re_view_shows_input_expected_and_the_tests_hint() -> None:
    failing = json.loads(to_json(re_report()))["tests"][1]
    assert (failing["verdict"], failing["input"], failing["expected"], failing["got"]) == (
        "RE",
        {"height": "[]"},
        "0",
        None,
    )
    assert failing["hint"] == "LeetCode guarantees n >= 1; this judge also tests n = 0"


def test_class_design_view_names_the_first_wrong_operation() -> None:
    failing = json.loads(to_json(class_wa_report()))["tests"][0]
    assert failing["operation"] == {"index": 7, "name": "get", "args": "[1]", "expected": "-1", "got": "1"}
    assert "  operation  #7 get(1)" in to_table(class_wa_report()).splitlines()


def test_a_load_failure_is_one_reason_not_one_per_test() -> None:
    error = "SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)? (line 3)"
    report = judged(
        "two_sum",
        {n: {"status": "load_error", "error": error} for n in ("sample-1", "sample-2", "negatives")},
    )
    table = to_table(report)
    assert table.count("Missing parentheses") == 1
    assert "Your file could not be loaded, so none of the 3 tests ran:" in table
    assert "hint: this judge runs Python 3: print is a function, write print(x)" in table
    assert table.splitlines()[-1].startswith("CE: Compilation Error. 0/3 tests passed")
    assert_golden("table-ce", table)


def test_python2_idioms_get_a_hint_at_runtime() -> None:
    report = judged(
        "two_sum",
        {"sample-1": {"status": "exception", "error": "NameError: name 'xrange' is not defined"}},
    )
    assert report.tests[0].hint == "this judge runs Python 3: use range() (xrange is Python 2)"
    assert (
        "  hint       this judge runs Python 3: use range() (xrange is Python 2)"
        in to_table(report).splitlines()
    )


def test_what_a_passing_sample_printed_is_shown_in_the_table() -> None:
    report = Report(
        "two_sum",
        "python",
        "local",
        Verdict.AC,
        (
            CaseResult("sample-1", Verdict.AC, 0.1, output="checking 2\n", sample=True),
            CaseResult("hidden-1", Verdict.AC, 0.1, output="secret\n"),
        ),
    )
    table = to_table(report)
    assert "sample-1 printed:\n    checking 2" in table
    assert "secret" not in table  # a passing hidden test's output is in the JSON only
    assert json.loads(to_json(report))["tests"][1]["output"] == "secret\n"


def test_what_the_file_prints_while_loading_is_shown_once(tmp_path: Path) -> None:
    """A real run: module-level output comes with the first test, a sample, shown in the table."""
    from click.testing import CliRunner

    from judge.cli import main

    file = tmp_path / "two_sum.py"
    file.write_text('print("hello from the top")\ndef two_sum(nums, target):\n    return [0, 1]\n')
    result = CliRunner().invoke(main, ["run", "two_sum", str(file), "--sandbox", "local", "--no-complexity"])
    assert result.stdout.count("hello from the top") == 1
    assert "sample-1 printed:\n    [printed while loading]\n    hello from the top" in result.stdout


def test_a_later_failing_tests_hint_is_shown_once() -> None:
    tests = (
        CaseResult("a", Verdict.WA, 1.0, "x", hint="first hint"),
        CaseResult("b", Verdict.WA, 1.0, "y", hint="LeetCode guarantees n >= 1; this judge also tests n = 0"),
        CaseResult("c", Verdict.WA, 1.0, "z", hint="LeetCode guarantees n >= 1; this judge also tests n = 0"),
    )
    table = to_table(Report("trapping_rain_water", "python", "local", Verdict.WA, tests))
    assert table.count("first hint") == 1
    assert table.count("b: hint: LeetCode guarantees n >= 1; this judge also tests n = 0") == 1
    assert "c: hint:" not in table
