"""`judge check` and `judge new`: every fault of a broken problem copy is named with its file
and fix, in one run; a scaffolded problem filled in by hand is checked and judged with no
change to the judge's code; the shipped problems pass."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from judge.check import check_problem
from judge.cli import main
from judge.models import Fault
from judge.sandbox import Sandbox

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture
def roots(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Path, Path]]:
    """Private problems/ and solutions_reference/ folders the judge reads (via its env)."""
    problems, solutions = tmp_path / "problems", tmp_path / "solutions_reference"
    (problems / "algorithms").mkdir(parents=True)
    (problems / "sql").mkdir()
    solutions.mkdir()
    monkeypatch.setenv("JUDGE_PROBLEMS", str(problems))
    monkeypatch.setenv("JUDGE_SOLUTIONS", str(solutions))
    yield problems, solutions


def copy_problem(roots: tuple[Path, Path], slug: str, kind_folder: str) -> tuple[Path, Path]:
    problems, solutions = roots
    folder = problems / kind_folder / slug
    shutil.copytree(REPO / "problems" / kind_folder / slug, folder)
    shutil.copytree(REPO / "solutions_reference" / slug, solutions / slug)
    return folder, solutions / slug


def faults_text(faults: tuple[Fault, ...]) -> str:
    return "\n".join(f"{f.file}: {f.message} | fix: {f.fix}" for f in faults)


def test_a_shipped_problem_passes(roots: tuple[Path, Path], local_sandbox: Sandbox) -> None:
    folder, _ = copy_problem(roots, "trapping_rain_water", "algorithms")
    result = check_problem(folder, local_sandbox)
    assert result.ok, faults_text(result.faults)
    assert any("wrong_answer/" in c and c.endswith(": WA") for c in result.checked)
    assert any("time_limit_exceeded/" in c and c.endswith(": TLE") for c in result.checked)


@pytest.mark.slow
def test_every_fault_of_one_broken_copy_in_one_run(roots: tuple[Path, Path], local_sandbox: Sandbox) -> None:
    folder, sols = copy_problem(roots, "trapping_rain_water", "algorithms")
    # 1. a wrong stored expected output
    hidden = folder / "tests" / "hidden" / "decreasing.json"
    original = hidden.read_text()
    data = json.loads(original)
    data["expected"] = data["expected"] + 1
    hidden.write_text(json.dumps(data))
    # 2. a known-wrong solution that passes
    shutil.copy(sols / "accepted" / "reference.py", sols / "wrong_answer" / "actually_right.py")
    # 3. a missing statement
    (folder / "statement.md").unlink()
    # 4. a non-deterministic generator (still valid inputs)
    gen = folder / "generator.py"
    original_gen = gen.read_text()
    gen.write_text(
        original_gen
        + "\n\nimport random as _r\n_g = generate\n\ndef generate(n, seed):\n    return _g(n, _r.randrange(10**9))\n"
    )
    result = check_problem(folder, local_sandbox)
    text = faults_text(result.faults)
    assert f"{hidden}: the reference reference.py gets WA here" in text
    assert f"{folder / 'statement.md'}: missing" in text
    assert f"{gen}: is not deterministic" in text
    # While the reference fails a test, no limits can be measured, so the other solutions wait;
    # once the stored output is fixed, the passing known-wrong solution is named.
    hidden.write_text(original)
    gen.write_text(original_gen)
    text = faults_text(check_problem(folder, local_sandbox).faults)
    assert (
        f"{sols / 'wrong_answer' / 'actually_right.py'}: gets AC, but its folder wrong_answer/ says WA"
        in text
    )


@pytest.mark.slow
def test_a_failing_reference_is_named_per_test(roots: tuple[Path, Path], local_sandbox: Sandbox) -> None:
    folder, sols = copy_problem(roots, "trapping_rain_water", "algorithms")
    (sols / "accepted" / "reference.py").write_text("def trap(height):\n    return 0\n")
    text = faults_text(check_problem(folder, local_sandbox).faults)
    assert "the reference reference.py gets WA here" in text
    assert text.count("gets WA here") > 3, "every failing test is a fault, not only the first"


def test_a_malformed_problem_yaml_is_named_with_a_hint(
    roots: tuple[Path, Path], local_sandbox: Sandbox
) -> None:
    folder, _ = copy_problem(roots, "two_sum", "algorithms")
    yaml_path = folder / "problem.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("difficulty:", "dificulty:"))
    (folder / "statement.md").unlink()
    result = check_problem(folder, local_sandbox)
    text = faults_text(result.faults)
    assert f"{yaml_path}: field 'dificulty' is not known; did you mean 'difficulty'?" in text
    assert f"{folder / 'statement.md'}: missing" in text, "the other faults still appear"


def test_an_sql_fixture_that_does_not_match_its_schema(
    roots: tuple[Path, Path], local_sandbox: Sandbox
) -> None:
    folder, _ = copy_problem(roots, "top_two_salary_gap", "sql")
    csv_path = folder / "fixtures" / "ties" / "employees.csv"
    lines = csv_path.read_text().splitlines()
    csv_path.write_text("\n".join(["employee_id,name,dept,salary", *lines[1:]]) + "\n")
    bad_value = folder / "fixtures" / "bulk" / "employees.csv"
    rows = bad_value.read_text().splitlines()
    bad_value.write_text("\n".join([rows[0], "x,Ann,eng,100", *rows[1:]]) + "\n")
    text = faults_text(check_problem(folder, local_sandbox).faults)
    assert f"{csv_path}: header (employee_id,name,dept,salary) does not match schema.sql" in text
    assert f"{bad_value}: does not load as schema.sql says" in text


def invoke(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def test_new_refuses_to_overwrite(roots: tuple[Path, Path]) -> None:
    code, out, _ = invoke("new", "demo_sum", "--kind", "python")
    assert code == 0, out
    code, out, err = invoke("new", "demo_sum", "--kind", "python")
    assert code == 2 and out == ""
    assert err == "error: Problem 'demo_sum' already exists; pick another slug or edit it in place.\n"


@pytest.mark.parametrize("kind", ["python", "sql"])
def test_a_fresh_scaffold_loads_and_says_what_to_fill(
    roots: tuple[Path, Path], local_sandbox: Sandbox, kind: str
) -> None:
    code, out, _ = invoke("new", "demo", "--kind", kind)
    assert code == 0, out
    folder = roots[0] / ("algorithms" if kind == "python" else "sql") / "demo"
    result = check_problem(folder, local_sandbox)
    text = faults_text(result.faults)
    assert "problem.yaml" in result.checked, "the schema part passes straight away"
    assert f"{folder / 'statement.md'}: still has the scaffold's TODO(judge new) | fix: fill it in" in text
    assert f"{roots[1] / 'demo' / 'accepted'}" in text


@pytest.mark.slow
def test_a_scaffold_filled_in_by_hand_is_checked_and_judged(roots: tuple[Path, Path]) -> None:
    code, _, _ = invoke("new", "running_total", "--kind", "python")
    assert code == 0
    problems, solutions = roots
    folder, sols = problems / "algorithms" / "running_total", solutions / "running_total"
    for path in [*folder.rglob("*"), *sols.rglob("*")]:
        if path.is_file():
            path.write_text(path.read_text().replace("TODO(judge new): ", "").replace("TODO(judge new)", ""))
    (sols / "accepted" / "reference.py").write_text("def running_total(nums):\n    return sum(nums)\n")
    (folder / "tests" / "hidden" / "large-1.json").write_text(
        json.dumps({"generate": {"n": 100000, "seed": 1}, "expected": _sum_of_generated(folder, 100000, 1)})
    )
    code, out, err = invoke("check", "running_total")
    assert code == 0, out + err
    assert "1/1 problems verified." in out
    submission = folder.parent.parent.parent / "mine.py"
    submission.write_text(
        "def running_total(nums):\n    total = 0\n    for x in nums:\n        total += x\n    return total\n"
    )
    code, out, _ = invoke("run", "running_total", str(submission), "--sandbox", "local", "--no-complexity")
    assert code == 0, out
    assert "AC: Accepted." in out


def _sum_of_generated(folder: Path, n: int, seed: int) -> int:
    namespace: dict = {}
    exec((folder / "generator.py").read_text(), namespace)
    return sum(namespace["generate"](n, seed)["nums"])


@pytest.mark.slow
def test_check_all_passes_on_the_shipped_problems() -> None:
    """The instructors' verifier over every shipped problem: part of `make test` (in the local
    sandbox: the shipped references' Docker runs are test_catalog_sandboxes')."""
    code, out, err = invoke("check", "--all", "--jobs", "2", "--sandbox", "local")
    assert code == 0, out + err
    assert out.rstrip().endswith("problems verified.")


def test_a_solution_is_judged_up_to_its_first_failing_test(local_sandbox: Sandbox) -> None:
    """The check needs only a solution's verdict, the first failing test's: the rest are not
    run (a wrong solution of lru_cache otherwise ran every long sequence)."""
    from judge.catalog import load_cases, load_problem
    from judge.execution import run_cases
    from judge.languages import for_kind
    from judge.models import Verdict

    problem = load_problem("two_sum")
    cases = load_cases(problem)
    wrong = (  # right on short lists (the samples), wrong on the rest
        "def two_sum(nums, target):\n    if len(nums) > 4:\n        return [0, 0]\n"
        "    return next([i, j] for j in range(len(nums)) for i in range(j) if nums[i] + nums[j] == target)\n"
    )
    limits = {c.name: 5000.0 for c in cases}
    language = for_kind(problem.kind)[0]
    every = run_cases(problem, language, cases, wrong, local_sandbox, limits)
    first = run_cases(problem, language, cases, wrong, local_sandbox, limits, first_failure=True)
    failing = next(i for i, r in enumerate(every) if r.verdict is not Verdict.AC)
    assert 0 < failing < len(every) - 1
    assert [(r.name, r.verdict) for r in first] == [(r.name, r.verdict) for r in every[: failing + 1]]
