"""`--feedback full|brief|none`: what a learner sees of a failing hidden test.

The pure function on hand-made reports, then the real thing: submissions built to leak
(they print their input, put it in exception messages, return values made from it) judged
through the command line, Python and SQL, table and JSON; the rendered output is searched for
every hidden test's input, expected answer, returned answer and rows.
"""

from __future__ import annotations

import csv
import json
import textwrap
from pathlib import Path

import pytest
from click.testing import CliRunner

from judge.catalog import load_cases, load_problem
from judge.cli import main
from judge.feedback import Feedback, apply_feedback
from judge.generators import generate_json
from judge.models import CaseResult, Operation, Report, Verdict
from judge.preview import shorten
from judge.render import to_json, to_table

HIDDEN_WA = CaseResult(
    "hidden-1",
    Verdict.WA,
    1.0,
    "at index 3: expected 41, got 42",
    output="secret input [9, 8, 7]\n",
    brief="wrong answer at index 3",
    input=(("nums", "[9, 8, 7]"),),
    expected="[1, 2, 3, 41]",
    got="[1, 2, 3, 42]",
    operation=Operation(3, "get", "[9]", "41", "42"),
    hint="LeetCode guarantees n >= 1; this judge also tests n = 0",
)
SAMPLE_WA = CaseResult(
    "sample-1",
    Verdict.WA,
    1.0,
    "expected 5, got 6",
    output="sample print\n",
    sample=True,
    brief="wrong answer",
    input=(("nums", "[1, 2]"),),
    expected="5",
    got="6",
)
REPORT = Report(
    "two_sum",
    "python",
    "local",
    Verdict.WA,
    (SAMPLE_WA, HIDDEN_WA, CaseResult("hidden-2", Verdict.AC, 0.5)),
)


def test_full_changes_nothing_but_the_level() -> None:
    shown = apply_feedback(REPORT, Feedback.FULL)
    assert shown.tests == REPORT.tests
    assert shown.feedback == "full"


def test_brief_keeps_samples_and_strips_hidden_tests_of_their_data() -> None:
    shown = apply_feedback(REPORT, "brief")
    assert shown.tests[0] == SAMPLE_WA
    hidden = shown.tests[1]
    assert (hidden.verdict, hidden.message) == (Verdict.WA, "wrong answer at index 3")
    assert (hidden.input, hidden.expected, hidden.got, hidden.operation, hidden.output) == (
        (),
        None,
        None,
        None,
        "",
    )
    assert hidden.hint == HIDDEN_WA.hint  # the instructor's own words about the test
    assert (shown.verdict, shown.passed, shown.total) == (Verdict.WA, 1, 3)


def test_none_counts_hidden_tests_and_shows_only_samples() -> None:
    shown = apply_feedback(REPORT, Feedback.NONE)
    assert shown.tests == (SAMPLE_WA,)
    assert (shown.withheld, shown.withheld_passed) == (2, 1)
    assert (shown.verdict, shown.passed, shown.total) == (Verdict.WA, 1, 3)
    data = json.loads(to_json(shown))
    assert (data["passed"], data["total"], data["withheld"], data["feedback"]) == (1, 3, 2, "none")
    assert [t["name"] for t in data["tests"]] == ["sample-1"]
    assert "2 hidden tests are only counted (--feedback none); 1 of them passed." in to_table(shown)


def test_a_compile_error_keeps_its_reason_in_brief() -> None:
    ce = CaseResult("hidden-1", Verdict.CE, 0.0, "SyntaxError: invalid syntax (line 1)", at_load=True)
    shown = apply_feedback(Report("two_sum", "python", "local", Verdict.CE, (ce,)), Feedback.BRIEF)
    assert shown.tests[0].message == "SyntaxError: invalid syntax (line 1)"


def test_levels_are_the_contracts() -> None:
    assert [str(level) for level in Feedback] == ["full", "brief", "none"]
    with pytest.raises(ValueError):
        apply_feedback(REPORT, "some")


# --- the real thing: leaking submissions through the command line ----------------------------

LEAKY_TRAP = """
def trap(height):
    print("leak", height)
    if len(height) % 3 == 1:
        raise ValueError(f"leak {height}")
    return sum(height) * 7 + 3
"""


def python_secrets() -> list[str]:
    """Text that shows a hidden test of trapping_rain_water: inputs, expected, the got values."""
    problem = load_problem("trapping_rain_water")
    secrets = []
    for case in load_cases(problem):
        if case.sample:
            continue
        height = case.input if case.generate is None else json.loads(generate_json(problem, *case.generate))
        height = height["height"]
        if len(height) >= 4:
            secrets += [", ".join(map(str, height[:4])), shorten(height)]
        for value in (case.expected, sum(height) * 7 + 3):
            if len(str(value)) >= 4:
                secrets.append(str(value))
    return secrets


LEAKY_SQL = {
    "wa": "SELECT department, MAX(salary) AS salary_gap FROM employees GROUP BY department",
    "re": "SELECT department, CAST(COALESCE(name, 'x') || department AS INTEGER) AS salary_gap FROM employees",
}


def sql_secrets() -> list[str]:
    """Names, departments and salaries in the hidden datasets of top_two_salary_gap."""
    fixtures = load_problem("top_two_salary_gap").path / "fixtures"

    def values(folder: Path) -> set[str]:
        with open(folder / "employees.csv", encoding="utf-8") as f:
            return {v for row in csv.DictReader(f) for k, v in row.items() if k != "employee_id" and v}

    public = values(fixtures / "sample")
    hidden = set().union(*(values(d) for d in fixtures.iterdir() if d.is_dir() and d.name != "sample"))
    return sorted(v for v in hidden - public if len(v) >= 5)


def judge(tmp_path: Path, slug: str, source: str, suffix: str, *args: str) -> str:
    file = tmp_path / f"submission{suffix}"
    file.write_text(textwrap.dedent(source), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["run", slug, str(file), "--sandbox", "local", "--no-complexity", *args]
    )
    assert result.exit_code == 1, result.output
    return result.stdout


SUBMISSIONS = [
    ("trapping_rain_water", LEAKY_TRAP, ".py", python_secrets),
    ("top_two_salary_gap", LEAKY_SQL["wa"], ".sql", sql_secrets),
    ("top_two_salary_gap", LEAKY_SQL["re"], ".sql", sql_secrets),
]
IDS = ["python", "sql-wa", "sql-re"]


@pytest.mark.parametrize(("slug", "source", "suffix", "secrets"), SUBMISSIONS, ids=IDS)
def test_full_feedback_shows_the_hidden_data(
    tmp_path: Path, slug: str, source: str, suffix: str, secrets
) -> None:
    """The search below finds what it looks for: full feedback shows some of it."""
    shown = judge(tmp_path, slug, source, suffix, "--format", "json")
    assert [s for s in secrets() if s in shown]


@pytest.mark.parametrize("fmt", ["table", "json"])
@pytest.mark.parametrize("level", ["brief", "none"])
@pytest.mark.parametrize(("slug", "source", "suffix", "secrets"), SUBMISSIONS, ids=IDS)
def test_brief_and_none_show_no_hidden_data(
    tmp_path: Path, slug: str, source: str, suffix: str, secrets, level: str, fmt: str
) -> None:
    shown = judge(tmp_path, slug, source, suffix, "--feedback", level, "--format", fmt)
    leaked = [s for s in secrets() if s in shown]
    assert leaked == [], shown
    if fmt == "json":
        data = json.loads(shown)
        hidden = [t for t in data["tests"] if not t["sample"]]
        assert data["feedback"] == level
        assert data["verdict"] in ("WA", "RE")
        if level == "none":
            assert hidden == [] and data["withheld"] > 0
        else:
            assert hidden and all(
                t["input"] is None and t["got"] is None and t["output"] == "" for t in hidden
            )
