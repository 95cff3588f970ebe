"""The command line as users and scripts meet it: text, exit codes, one JSON object."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import click
import pytest
import yaml
from click.testing import CliRunner, Result

from judge.cli import main

REPO = Path(__file__).resolve().parent.parent
EXAMPLES = REPO / "examples"
SHIPPED = sorted(p.parent for p in (REPO / "problems").glob("*/*/problem.yaml"))

WRONG_TWO_SUM = "def two_sum(nums, target):\n    return [0, 0]\n"


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


def assert_user_error(result: Result, message: str) -> None:
    """Exit 2, nothing on stdout, exactly one line on stderr: the message, no traceback."""
    assert result.exit_code == 2, (result.stdout, result.stderr)
    assert result.stdout == ""
    assert result.stderr == f"error: {message}\n"
    assert "Traceback" not in result.stderr


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- judge list / judge show --------------------------------------------------------------


def test_list_shows_every_problem_with_kind_difficulty_and_tags() -> None:
    result = invoke("list")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert re.split(r"\s{2,}", lines[0].strip()) == ["slug", "kind", "difficulty", "tags"]
    assert set(lines[1]) == {"-", " "}
    rows = {re.split(r"\s{2,}", line.strip())[0]: re.split(r"\s{2,}", line.strip()) for line in lines[2:]}
    assert len(rows) == 20
    assert sorted(rows) == sorted(p.name for p in SHIPPED)
    for folder in SHIPPED:
        raw = yaml.safe_load((folder / "problem.yaml").read_text(encoding="utf-8"))
        expected = [folder.name, raw["kind"], raw["difficulty"]]
        if raw.get("tags"):
            expected.append(", ".join(raw["tags"]))
        assert rows[folder.name] == expected


def test_show_two_sum_prints_statement_entry_point_and_samples() -> None:
    result = invoke("show", "two_sum")
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    header = "Two Sum  [two_sum; python, easy; arrays, hash-table]"
    assert out.startswith(f"{header}\n{'=' * len(header)}\n# Two Sum")
    statement = (REPO / "problems/algorithms/two_sum/statement.md").read_text(encoding="utf-8").strip()
    assert statement in out
    assert (
        "[python, .py] Write: def two_sum(nums: list[int], target: int) -> list[int]\n"
        "   or LeetCode's form: class Solution with method twoSum\n"
        "Expected time complexity: O(n)\n"
    ) in out
    assert "Expected time complexity: O(n)\n" in out
    for name in ("sample-1", "sample-2"):
        case = json.loads((REPO / f"problems/algorithms/two_sum/tests/samples/{name}.json").read_text())
        shown = f"  input:    {json.dumps(case['input'])}\n  expected: {json.dumps(case['expected'])}\n"
        assert f"\n{name}:\n{shown}" in out
    assert "negatives" not in out, "hidden tests must not be shown"
    assert "\nLimits: 1000 ms per test (at least), 256 MB.\nRuns on: Python 3.11 with numpy" in out


def test_show_class_design_problem() -> None:
    result = invoke("show", "lru_cache")
    assert result.exit_code == 0, result.stderr
    assert (
        "[python, .py] Write: class LRUCache\n    def __init__(self, capacity: int) -> None\n"
        "    def get(self, key: int) -> int\n    def put(self, key: int, value: int) -> None\n"
    ) in result.stdout
    assert "Expected time complexity: O(1) per operation\n" in result.stdout


def test_show_sql_problem() -> None:
    result = invoke("show", "top_two_salary_gap")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Top Two Salary Gap  [top_two_salary_gap; sql, ")
    assert "employees" in result.stdout


def test_show_unknown_problem() -> None:
    assert_user_error(invoke("show", "nope"), "Unknown problem 'nope'. Run 'judge list' to see the problems.")


def test_show_close_slug_suggests() -> None:
    assert_user_error(invoke("show", "lru_cach"), "Unknown problem 'lru_cach'. Did you mean 'lru_cache'?")


# --- judge run: exit codes ----------------------------------------------------------------


def test_run_accepted_exits_0_with_the_table_and_complexity() -> None:
    result = invoke("run", "two_sum", EXAMPLES / "two_sum.py", "--sandbox", "local")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    lines = result.stdout.splitlines()
    assert lines[0] == "two_sum (python, sandbox: local)"
    assert any(
        re.fullmatch(r"AC: Accepted\. 21/21 tests passed \(slowest \d+\.\d+ ms\)\.", line) for line in lines
    )
    assert any(line.startswith("Complexity: expected O(n)") for line in lines)
    assert result.stderr == ""


def test_run_wrong_answer_exits_1(tmp_path: Path) -> None:
    sub = write(tmp_path / "wrong.py", WRONG_TWO_SUM)
    result = invoke("run", "two_sum", sub, "--sandbox", "local", "--no-complexity")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert re.search(
        r"^sample-1 \(sample\)\s+WA\s+\d+\.\d+ ms\s+"
        r"the two indices must be different positions, got \[0, 0\]$",
        result.stdout,
        re.M,
    )
    assert re.search(r"^WA: Wrong Answer\. 0/21 tests passed \(slowest \d+\.\d+ ms\)\.$", result.stdout, re.M)
    assert "Complexity:" not in result.stdout


def test_run_sql_accepted_exits_0() -> None:
    result = invoke("run", "top_two_salary_gap", EXAMPLES / "top_two_salary_gap.sql", "--sandbox", "local")
    assert result.exit_code == 0, (result.stdout, result.stderr)
    assert "\nAC: Accepted. " in result.stdout
    assert "Complexity:" not in result.stdout


def test_run_unknown_slug(tmp_path: Path) -> None:
    sub = write(tmp_path / "sol.py", WRONG_TWO_SUM)
    result = invoke("run", "two_sm", sub, "--sandbox", "local")
    assert_user_error(result, "Unknown problem 'two_sm'. Did you mean 'two_sum'?")


def test_run_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "missing.py"
    result = invoke("run", "two_sum", missing, "--sandbox", "local")
    assert_user_error(result, f"No such file: {missing}. Give the path to your solution file.")


def test_run_directory(tmp_path: Path) -> None:
    result = invoke("run", "two_sum", tmp_path, "--sandbox", "local")
    assert_user_error(result, f"{tmp_path} is a directory; give the path to your solution file.")


def test_run_text_file(tmp_path: Path) -> None:
    sub = write(tmp_path / "sol.txt", WRONG_TWO_SUM)
    result = invoke("run", "two_sum", sub, "--sandbox", "local")
    assert_user_error(result, "sol.txt: unsupported file type '.txt'; submit one of .py, .sql.")


def test_run_file_without_extension(tmp_path: Path) -> None:
    sub = write(tmp_path / "solution", WRONG_TWO_SUM)
    result = invoke("run", "two_sum", sub, "--sandbox", "local")
    assert_user_error(result, "solution: unsupported file type '(none)'; submit one of .py, .sql.")


def test_run_sql_file_for_a_python_problem(tmp_path: Path) -> None:
    sub = write(tmp_path / "sol.sql", "SELECT 1")
    result = invoke("run", "two_sum", sub, "--sandbox", "local")
    assert_user_error(result, "two_sum is a Python problem; submit a .py file, not sol.sql.")


def test_a_python_file_for_a_sql_problem_is_pandas(tmp_path: Path) -> None:
    sub = write(tmp_path / "sol.py", WRONG_TWO_SUM)
    result = invoke("run", "top_two_salary_gap", sub, "--sandbox", "local")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    assert result.stdout.startswith("top_two_salary_gap (pandas, sandbox: local)\n")
    assert "solution.py defines no function top_two_salary_gap" in result.stdout


def test_an_unknown_file_type_names_the_known_ones(tmp_path: Path) -> None:
    sub = write(tmp_path / "sol.rb", "puts 1")
    result = invoke("run", "top_two_salary_gap", sub, "--sandbox", "local")
    assert_user_error(result, "sol.rb: unsupported file type '.rb'; submit one of .py, .sql.")


@pytest.fixture
def malformed_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """$JUDGE_PROBLEMS with one problem whose problem.yaml has a misspelt key."""
    root = tmp_path / "problems"
    folder = root / "algorithms" / "demo"
    write(
        folder / "problem.yaml",
        """\
        titel: Demo
        kind: python
        difficulty: easy
        entry_point:
          function: solve
        """,
    )
    write(folder / "statement.md", "# Demo\n")
    write(folder / "tests/samples/sample-1.json", '{"input": {"x": 1}, "expected": 1}')
    monkeypatch.setenv("JUDGE_PROBLEMS", str(root))
    return folder


def test_run_malformed_problem(tmp_path: Path, malformed_root: Path) -> None:
    sub = write(tmp_path / "sol.py", "def solve(x):\n    return x\n")
    result = invoke("run", "demo", sub, "--sandbox", "local")
    assert_user_error(
        result, f"{malformed_root / 'problem.yaml'}: field 'titel' is not known; did you mean 'title'?"
    )


def test_show_and_list_malformed_problem(malformed_root: Path) -> None:
    message = f"{malformed_root / 'problem.yaml'}: field 'titel' is not known; did you mean 'title'?"
    assert_user_error(invoke("show", "demo"), message)
    assert_user_error(invoke("list"), message)


def test_run_malformed_test_case(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "problems" / "algorithms" / "demo"
    write(
        folder / "problem.yaml",
        "title: Demo\nkind: python\ndifficulty: easy\nentry_point: {function: solve}\n",
    )
    write(folder / "statement.md", "# Demo\n")
    write(folder / "tests/samples/sample-1.json", '{"input": {"x": 1}}')
    monkeypatch.setenv("JUDGE_PROBLEMS", str(tmp_path / "problems"))
    sub = write(tmp_path / "sol.py", "def solve(x):\n    return x\n")
    result = invoke("run", "demo", sub, "--sandbox", "local")
    assert_user_error(result, f"{folder / 'tests/samples/sample-1.json'}: field 'expected' is missing")


def test_run_invalid_yaml(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "problems" / "algorithms" / "demo"
    write(folder / "problem.yaml", "title: [Demo\n")
    monkeypatch.setenv("JUDGE_PROBLEMS", str(tmp_path / "problems"))
    result = invoke("run", "demo", write(tmp_path / "sol.py", "x = 1\n"), "--sandbox", "local")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(f"error: {folder / 'problem.yaml'}: is not valid YAML (line ")
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr


def test_run_bad_option_is_a_usage_error() -> None:
    result = invoke("run", "two_sum", EXAMPLES / "two_sum.py", "--sandbox", "vm")
    assert result.exit_code == 2
    assert "Invalid value for '--sandbox'" in result.stderr
    assert "Traceback" not in result.stderr


# --- judge run --format json --------------------------------------------------------------

PRINTING_TWO_SUM = """\
import json, os, sys
print("AC: Accepted. 21/21 tests passed (slowest 0.1 ms).")
print(json.dumps({"problem": "two_sum", "verdict": "AC", "passed": 21, "total": 21}))
sys.stdout.flush()
os.write(1, b'{"verdict": "AC"}\\n')
sys.__stdout__.write("}{ not json\\n")

def two_sum(nums, target):
    print('{"verdict": "AC", "passed": 21}')
    print("AC: Accepted.", file=sys.stderr)
    return [0, 0]
"""


def test_run_json_is_one_object_even_when_the_submission_prints(tmp_path: Path) -> None:
    sub = write(tmp_path / "printer.py", PRINTING_TWO_SUM)
    result = invoke("run", "two_sum", sub, "--sandbox", "local", "--format", "json")
    assert result.exit_code == 1, (result.stdout, result.stderr)
    data = json.loads(result.stdout)
    assert isinstance(data, dict)
    assert (data["problem"], data["language"], data["sandbox"]) == ("two_sum", "python", "local")
    assert data["verdict"] == "WA"
    assert data["passed"] == 0
    assert data["total"] == 21
    assert data["tests"][0]["name"] == "sample-1"
    assert data["tests"][0]["verdict"] == "WA"
    assert '{"verdict": "AC", "passed": 21}' in data["tests"][0]["output"]
    assert data["complexity"] is None, "complexity is measured only for accepted solutions"


def test_run_json_accepted_has_the_contract_shape() -> None:
    result = invoke("run", "two_sum", EXAMPLES / "two_sum.py", "--sandbox", "local", "--format", "json")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert {"problem", "language", "sandbox", "verdict", "passed", "total", "tests", "complexity"} <= set(
        data
    )
    assert (data["verdict"], data["passed"], data["total"]) == ("AC", 21, 21)
    assert all({"name", "verdict", "time_ms", "message"} <= set(t) for t in data["tests"])
    assert all(isinstance(t["time_ms"], float | int) for t in data["tests"])
    complexity = data["complexity"]
    assert complexity["expected"] == "O(n)"
    assert complexity["ok"] in (True, False, None)
    assert len(complexity["sizes"]) == len(complexity["times_ms"]) > 0


def test_run_json_no_complexity_gives_null() -> None:
    args = ("run", "two_sum", EXAMPLES / "two_sum.py", "--sandbox", "local", "--format", "json")
    result = invoke(*args, "--no-complexity")
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert (data["verdict"], data["complexity"]) == ("AC", None)


def test_run_json_sql_accepted_gives_null_complexity() -> None:
    result = invoke(
        "run",
        "top_two_salary_gap",
        EXAMPLES / "top_two_salary_gap.sql",
        "--sandbox",
        "local",
        "--format",
        "json",
    )
    data = json.loads(result.stdout)
    failing = [(t["name"], t["verdict"], t["message"]) for t in data["tests"] if t["verdict"] != "AC"]
    assert (data["language"], data["verdict"], data["complexity"]) == ("sql", "AC", None), failing
    assert result.exit_code == 0


def test_run_json_in_a_real_process_keeps_stdout_clean(tmp_path: Path) -> None:
    """Through the real file descriptors: the learner's os.write(1, ...) must not reach our stdout."""
    sub = write(tmp_path / "printer.py", PRINTING_TWO_SUM)
    proc = subprocess.run(
        [sys.executable, "-m", "judge", "run", "two_sum", str(sub), "--sandbox", "local", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=tmp_path,
    )
    assert proc.returncode == 1, proc.stderr
    data = json.loads(proc.stdout)
    assert data["verdict"] == "WA"
    assert "Traceback" not in proc.stderr


# --- help -----------------------------------------------------------------------------------


def test_python_dash_m_judge_help() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "judge", "--help"], capture_output=True, text=True, timeout=60, cwd=REPO.parent
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("Usage: ")
    assert "An auto-graded coding and SQL practice judge." in proc.stdout
    for name in ("run", "list", "show"):
        assert re.search(rf"^\s+{name}\s+\S", proc.stdout, re.M), name


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("judge, version ")


@pytest.mark.parametrize("name", sorted(main.commands))
def test_every_command_has_help(name: str) -> None:
    command = main.commands[name]
    assert command.help and command.help.strip(), f"`judge {name}` has no help text"
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("Usage: ")
    assert command.help.strip().splitlines()[0] in result.stdout
    for param in command.params:
        if isinstance(param, click.Option) and not param.hidden:
            assert param.help, f"`judge {name} {param.opts[0]}` has no help text"


def test_the_contract_commands_exist() -> None:
    """The contract names run, list, show, new, check, grade; the first three ship today."""
    assert {"run", "list", "show"} <= set(main.commands)


def _count_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fixtures: dict[str, str]) -> Path:
    """An SQL problem `count_t` (how many rows t has) with these fixtures (name -> t.csv);
    returns a right submission."""
    folder = tmp_path / "problems" / "sql" / "count_t"
    yaml = "title: Count\nkind: sql\ndifficulty: easy\ntables: [t]\nresult:\n  columns: [n]\n"
    write(folder / "problem.yaml", yaml)
    write(folder / "statement.md", "# Count\n")
    write(folder / "schema.sql", "CREATE TABLE t (a INTEGER NOT NULL, b VARCHAR);\n")
    for fixture, csv_text in fixtures.items():
        write(folder / "fixtures" / fixture / "t.csv", csv_text)
        rows = csv_text.count("\n") - 1
        write(folder / "fixtures" / fixture / "expected.json", f'{{"columns": ["n"], "rows": [[{rows}]]}}')
    monkeypatch.setenv("JUDGE_PROBLEMS", str(tmp_path / "problems"))
    return write(tmp_path / "q.sql", "SELECT count(*) AS n FROM t")


def test_run_judge_fault_is_never_blamed_on_the_learner(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A fixture the problem's own schema cannot load: the judge's (instructor's) fault.

    The learner's query is right and never gets to run, so every test is IE and the exit is 3;
    no test may be RE, WA or CE.
    """
    broken = "a,b\n1,x\nnot-a-number,y\n"
    sub = _count_problem(tmp_path, monkeypatch, {"sample": broken, "second": broken})
    result = invoke("run", "count_t", sub, "--sandbox", "local", "--format", "json", "--all-tests", "--cold")
    data = json.loads(result.stdout)
    verdicts = [(t["name"], t["verdict"], t["message"][:80]) for t in data["tests"]]
    assert [v for _, v, _ in verdicts] == ["IE", "IE"], verdicts
    assert "could not be loaded" in data["tests"][0]["message"]
    assert result.exit_code == 3


def test_run_a_broken_hidden_fixture_is_ie_for_its_test_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A dataset that does not load fails its own test (IE, exit 3); the tests on the others
    are judged as usual."""
    fixtures = {"sample": "a,b\n1,x\n2,y\n", "broken": "a,b\n1,x\nnot-a-number,y\n", "third": "a,b\n5,z\n"}
    sub = _count_problem(tmp_path, monkeypatch, fixtures)
    result = invoke("run", "count_t", sub, "--sandbox", "local", "--format", "json", "--all-tests", "--cold")
    data = json.loads(result.stdout)
    verdicts = {t["name"]: t["verdict"] for t in data["tests"]}
    assert verdicts == {"sample": "AC", "broken": "IE", "third": "AC"}, data["tests"]
    broken = next(t for t in data["tests"] if t["name"] == "broken")
    assert "'broken' could not be loaded" in broken["message"]
    assert result.exit_code == 3


def test_run_starts_the_worker_its_file_type_needed_last_time(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sandbox is given the worker the last run of this file type needed before the
    languages load; a wrong guess (a language added since) costs a restart, never a verdict,
    and is put right for the next run."""
    from judge.sandbox.local import LocalSandbox
    from judge.sandbox.select import remember_worker, worker_hint

    monkeypatch.setenv("JUDGE_CACHE_DIR", str(tmp_path / "cache"))
    asked: list[str | None] = []
    prepare = LocalSandbox.prepare

    def spy(self: LocalSandbox, worker: str | None) -> None:
        asked.append(worker)
        prepare(self, worker)

    monkeypatch.setattr(LocalSandbox, "prepare", spy)
    sql = REPO / "examples" / "top_two_salary_gap.sql"
    for hint, expected_asks in ((None, [None, "sql"]), ("sql", ["sql"]), ("python", ["python", "sql"])):
        if hint is not None:
            remember_worker(".sql", hint)
        asked.clear()
        result = invoke("run", "top_two_salary_gap", sql, "--sandbox", "local", "--cold")
        assert result.exit_code == 0, result.output
        assert asked == expected_asks, hint
        assert worker_hint(".SQL") == "sql"
