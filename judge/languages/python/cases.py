"""Python problems' tests: JSON files under tests/samples/ and tests/hidden/."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from judge.errors import ProblemFormatError
from judge.models import Case, Problem

CASE_KEYS = {"input", "expected", "generate", "hint"}


def natural_key(path: Path) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.stem))


def load_cases(problem: Problem, samples_only: bool = False) -> list[Case]:
    """Samples first, then hidden tests, each group in natural order of names."""
    groups = [("samples", True)] if samples_only else [("samples", True), ("hidden", False)]
    cases: list[Case] = []
    for folder, sample in groups:
        base = problem.path / "tests" / folder
        if not base.is_dir():
            if sample:
                raise ProblemFormatError(f"{base}: missing; add at least one sample test")
            continue
        for file in sorted(base.glob("*.json"), key=natural_key):
            cases.append(load_case(file, sample, problem))
    if not cases:
        raise ProblemFormatError(f"{problem.path / 'tests'}: no test cases (*.json) found")
    return cases


def load_case(path: Path, sample: bool, problem: Problem) -> Case:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ProblemFormatError(f"{path}: is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ProblemFormatError(f"{path}: must be an object with 'input' and 'expected'")
    unknown = set(data) - CASE_KEYS
    if unknown:
        raise ProblemFormatError(f"{path}: unknown field '{sorted(unknown)[0]}'")
    if "expected" not in data:
        raise ProblemFormatError(f"{path}: field 'expected' is missing")
    if ("input" in data) == ("generate" in data):
        raise ProblemFormatError(f"{path}: give exactly one of 'input' and 'generate'")
    hint = data.get("hint", "")
    if not isinstance(hint, str):
        raise ProblemFormatError(f"{path}: field 'hint' must be a string")
    generate = None
    if "generate" in data:
        g = data["generate"]
        if not (
            isinstance(g, dict) and set(g) == {"n", "seed"} and all(isinstance(v, int) for v in g.values())
        ):
            raise ProblemFormatError(f'{path}: field \'generate\' must be {{"n": int, "seed": int}}')
        if not (problem.path / "generator.py").is_file():
            raise ProblemFormatError(f"{path}: uses 'generate' but {problem.path}/generator.py is missing")
        generate = (g["n"], g["seed"])
    else:
        check_input_shape(path, data["input"], problem)
    return Case(
        name=path.stem,
        sample=sample,
        input=data.get("input"),
        expected=data["expected"],
        source=path,
        generate=generate,
        hint=hint,
    )


def check_input_shape(path: Path, value: Any, problem: Problem) -> None:
    ep = problem.entry_point
    if not isinstance(value, dict):
        raise ProblemFormatError(f"{path}: field 'input' must be an object")
    if ep is not None and ep.is_class:
        ops, args = value.get("operations"), value.get("arguments")
        if not (isinstance(ops, list) and isinstance(args, list) and len(ops) == len(args) and ops):
            raise ProblemFormatError(
                f"{path}: field 'input' must have 'operations' and 'arguments' lists of equal length"
            )
        if ops[0] != ep.class_name:
            raise ProblemFormatError(f"{path}: the first operation must be '{ep.class_name}'")


def render_samples(problem: Problem) -> str:
    parts = []
    for case in load_cases(problem, samples_only=True):
        parts.append(f"\n{case.name}:")
        parts.append(f"  input:    {json.dumps(case.input)}")
        parts.append(f"  expected: {json.dumps(case.expected)}")
    return "\n".join(parts)
