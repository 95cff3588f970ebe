"""Empirical complexity: classes named from log-log slopes, and a real measurement."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from judge.catalog import load_problem
from judge.complexity import effective_slope, estimate_class, fit_slope, measure
from judge.complexity_classes import Growth
from judge.sandbox import Sandbox

SIZES = (2000, 4000, 8000, 16000)


def test_slope_of_exact_powers() -> None:
    assert fit_slope(SIZES, [n * 1e-3 for n in SIZES]) == pytest.approx(1.0)
    assert fit_slope(SIZES, [n * n * 1e-6 for n in SIZES]) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("slope", "named"),
    [(0.02, "O(1)"), (0.95, "O(n)"), (1.08, "O(n)"), (1.3, "O(n log n)"), (1.9, "O(n^2)"), (3.0, "O(n^3)")],
)
def test_estimates_name_the_nearest_simple_class(slope: float, named: str) -> None:
    assert str(estimate_class(slope, SIZES)) == named


def test_n_log_n_grows_a_little_faster_than_n() -> None:
    assert effective_slope(Growth(1, 0), SIZES) == pytest.approx(1.0)
    assert 1.05 < effective_slope(Growth(1, 1), SIZES) < 1.2


@pytest.fixture
def loop_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    """A problem whose answer is a count; its reference takes linear time."""
    folder = tmp_path / "problems" / "algorithms" / "count_up"
    (folder / "tests" / "samples").mkdir(parents=True)
    (folder / "problem.yaml").write_text(
        textwrap.dedent(f"""\
            title: Count up
            kind: python
            difficulty: easy
            tags: [test]
            entry_point: {{function: count_up}}
            complexity: {{expected: O(n), sizes: {list(SIZES)}}}
        """)
    )
    (folder / "statement.md").write_text("Return n.\n\n## Example\n\ncount_up(3) == 3\n")
    (folder / "tests" / "samples" / "sample-1.json").write_text('{"input": {"n": 3}, "expected": 3}')
    (folder / "generator.py").write_text("def generate(n, seed):\n    return {'n': n}\n")
    ref = tmp_path / "solutions_reference" / "count_up" / "accepted" / "reference.py"
    ref.parent.mkdir(parents=True)
    ref.write_text(
        "def count_up(n):\n    c = 0\n    for _ in range(n * 20):\n        c += 1\n    return c // 20\n"
    )
    monkeypatch.setenv("JUDGE_PROBLEMS", str(tmp_path / "problems"))
    monkeypatch.setenv("JUDGE_SOLUTIONS", str(tmp_path / "solutions_reference"))
    return "count_up"


LINEAR = "def count_up(n):\n    c = 0\n    for _ in range(n * 20):\n        c += 1\n    return c // 20\n"
QUADRATIC = "def count_up(n):\n    c = 0\n    for i in range(n):\n        for _ in range(n // 16):\n            c += 1\n    return n\n"


def test_a_linear_solution_is_ok(local_sandbox: Sandbox, loop_problem: str) -> None:
    result = measure(load_problem(loop_problem), LINEAR, local_sandbox)
    assert result is not None
    assert result.expected == "O(n)" and result.sizes == SIZES and len(result.times_ms) == len(SIZES)
    assert len(result.reference_times_ms) == len(SIZES)
    assert result.ok is True, result.note
    # Linear and n log n differ by ~0.1 in slope here; a noisy machine may name either.
    assert result.estimated in ("O(n)", "O(n log n)")


def test_a_quadratic_solution_is_too_slow(local_sandbox: Sandbox, loop_problem: str) -> None:
    result = measure(load_problem(loop_problem), QUADRATIC, local_sandbox)
    assert result is not None
    assert result.ok is False, result.note
    assert result.estimated in ("O(n^2)", None)


def test_no_generator_means_no_measurement(local_sandbox: Sandbox, loop_problem: str, tmp_path: Path) -> None:
    (tmp_path / "problems" / "algorithms" / loop_problem / "generator.py").unlink()
    assert measure(load_problem(loop_problem), LINEAR, local_sandbox) is None
    shutil.rmtree(tmp_path / "solutions_reference")
