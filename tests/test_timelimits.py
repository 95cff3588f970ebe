"""Time limits come from the reference's measured time: max(floor, multiplier x reference)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from judge.catalog import load_cases, load_problem, problems_root, solutions_root
from judge.sandbox import Sandbox
from judge.timelimits import ReferenceFailed, calibrate, reference_times, time_limits


@pytest.fixture
def tiny_floor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A copy of two_sum whose floor is 1 ms, so the reference's time decides the limits."""
    root = tmp_path / "problems"
    shutil.copytree(problems_root() / "algorithms" / "two_sum", root / "algorithms" / "two_sum")
    shutil.copytree(solutions_root() / "two_sum", tmp_path / "solutions_reference" / "two_sum")
    yaml_path = root / "algorithms" / "two_sum" / "problem.yaml"
    yaml_path.write_text(yaml_path.read_text().replace("time_ms: 1000", "time_ms: 1"))
    monkeypatch.setenv("JUDGE_PROBLEMS", str(root))
    monkeypatch.setenv("JUDGE_SOLUTIONS", str(tmp_path / "solutions_reference"))
    return "two_sum"


def test_limits_follow_the_reference(local_sandbox: Sandbox, tiny_floor: str) -> None:
    problem = load_problem(tiny_floor)
    assert problem.limits.time_ms == 1
    cases = load_cases(problem)
    ref = reference_times(problem, cases, local_sandbox)
    assert ref is not None and set(ref) == {c.name for c in cases}
    limits = time_limits(problem, cases, local_sandbox)
    for case in cases:
        assert limits[case.name] == pytest.approx(max(1.0, problem.limits.time_multiplier * ref[case.name]))
    large = [c.name for c in cases if c.generate]
    assert all(limits[name] > 1.0 for name in large)


def test_floor_applies_without_a_reference(local_sandbox: Sandbox, tiny_floor: str, tmp_path: Path) -> None:
    shutil.rmtree(tmp_path / "solutions_reference" / "two_sum")
    problem = load_problem(tiny_floor)
    cases = load_cases(problem)
    assert reference_times(problem, cases, local_sandbox) is None
    assert set(time_limits(problem, cases, local_sandbox).values()) == {1.0}


def test_reference_times_are_cached(local_sandbox: Sandbox) -> None:
    problem = load_problem("trapping_rain_water")
    cases = load_cases(problem)
    first = reference_times(problem, cases, local_sandbox)
    second = reference_times(problem, cases, local_sandbox)
    assert first == second  # the second comes from the cache, unchanged


def test_a_failing_reference_is_said_not_hidden(
    local_sandbox: Sandbox, tiny_floor: str, tmp_path: Path
) -> None:
    ref = tmp_path / "solutions_reference" / "two_sum" / "accepted" / "reference.py"
    ref.write_text("def two_sum(nums, target):\n    return [0, 0]\n")
    problem = load_problem(tiny_floor)
    cases = load_cases(problem)
    with pytest.raises(ReferenceFailed, match="gets WA on sample-1"):
        reference_times(problem, cases, local_sandbox)
    limits, note = calibrate(problem, cases, local_sandbox)
    assert set(limits.values()) == {1.0}
    assert note is not None and "Tell the problem's author" in note
