"""Empirical complexity measured for real: both sides timed in the sandbox, interleaved.

Timing figures are not asserted (they go to benchmarks/complexity.py); only outcomes that no
machine's noise can turn: a solution thousands of times slower than the reference at the
largest size, a wrong answer on a timing input, a solution that rewrites the clocks.
"""

from __future__ import annotations

import json
import shutil
import textwrap
from pathlib import Path

import pytest

from judge.catalog import load_problem
from judge.complexity import measure
from judge.complexity.inputs import timing_input_json
from judge.sandbox import Sandbox

SIZES = (2000, 4000, 8000, 16000)


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
    ref.write_text(LINEAR)
    monkeypatch.setenv("JUDGE_PROBLEMS", str(tmp_path / "problems"))
    monkeypatch.setenv("JUDGE_SOLUTIONS", str(tmp_path / "solutions_reference"))
    return "count_up"


LINEAR = "def count_up(n):\n    c = 0\n    for _ in range(n * 20):\n        c += 1\n    return c // 20\n"
QUADRATIC = "def count_up(n):\n    c = 0\n    for i in range(n):\n        for _ in range(n // 4):\n            c += 1\n    return n\n"
WRONG_WHEN_LARGE = "def count_up(n):\n    return n if n < 1000 else n + 1\n"


def test_a_linear_solution_is_measured_against_the_reference(sandbox: Sandbox, loop_problem: str) -> None:
    result = measure(load_problem(loop_problem), LINEAR, sandbox)
    assert result is not None
    # The problem's sizes, after three halvings of its smallest (timed first: cheap).
    ladder = (250, 500, 1000, *SIZES)
    assert result.expected == "O(n)" and result.sizes == ladder[: len(result.sizes)]
    assert len(result.sizes) >= 5, result
    assert len(result.times_ms) == len(result.reference_times_ms) == len(result.sizes)
    assert all(len(s) >= 1 for s in result.samples_ms)
    assert [len(s) for s in result.samples_ms] == [len(s) for s in result.reference_samples_ms]
    assert result.ok is not False, result.note


def test_a_quadratic_solution_is_too_slow(sandbox: Sandbox, loop_problem: str) -> None:
    result = measure(load_problem(loop_problem), QUADRATIC, sandbox)
    assert result is not None
    assert result.ok is False, result.note
    assert result.estimated in ("O(n^2)", "O(n^2) or worse")


def test_a_wrong_answer_on_a_timing_input_is_not_ok(local_sandbox: Sandbox, loop_problem: str) -> None:
    result = measure(load_problem(loop_problem), WRONG_WHEN_LARGE, local_sandbox)
    assert result is not None
    assert result.ok is False and result.estimated is None
    assert result.note.startswith("WA on a timing input (timing n=1000 #1): expected 1000, got 1001")


def test_no_generator_means_no_measurement(local_sandbox: Sandbox, loop_problem: str, tmp_path: Path) -> None:
    (tmp_path / "problems" / "algorithms" / loop_problem / "generator.py").unlink()
    assert measure(load_problem(loop_problem), LINEAR, local_sandbox) is None
    shutil.rmtree(tmp_path / "solutions_reference")


def test_timing_inputs_come_from_generate_timing_where_there_is_one(
    loop_problem: str, tmp_path: Path
) -> None:
    generator = tmp_path / "problems" / "algorithms" / loop_problem / "generator.py"
    problem = load_problem(loop_problem)
    assert json.loads(timing_input_json(problem, 10, 1)) == {"n": 10}
    generator.write_text(
        "def generate(n, seed):\n    return {'n': n}\n\ndef generate_timing(n, seed):\n    return {'n': n + 1}\n"
    )
    from judge.generators import _module

    _module.cache_clear()
    assert json.loads(timing_input_json(problem, 10, 1)) == {"n": 11}
