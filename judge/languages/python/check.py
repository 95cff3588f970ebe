"""`judge check` for Python problems: the tests load, and the generator is deterministic."""

from __future__ import annotations

import json
from pathlib import Path

from judge.errors import ProblemFormatError
from judge.generators import load_generator
from judge.languages.python.cases import load_case, natural_key
from judge.models import Fault, Problem

PROBE_SIZES = (50, 200)


def check_folder(path: Path, problem: Problem | None) -> list[Fault]:
    faults: list[Fault] = []
    for folder, what in (("samples", "sample"), ("hidden", "hidden")):
        base = path / "tests" / folder
        files = sorted(base.glob("*.json"), key=natural_key) if base.is_dir() else []
        if not files:
            faults.append(
                Fault(base, f"no {what} tests", f"add tests/{folder}/*.json (see docs/problem-format.md)")
            )
        if problem is None:
            continue
        for file in files:
            try:
                load_case(file, folder == "samples", problem)
            except ProblemFormatError as exc:
                faults.append(Fault(file, str(exc).removeprefix(f"{file}: "), "fix the test file's JSON"))
    generator = path / "generator.py"
    if problem is not None and problem.complexity is not None and not generator.is_file():
        faults.append(
            Fault(generator, "missing, but complexity sizes need it", "add generate(n, seed) -> dict")
        )
    if generator.is_file():
        faults += _check_generator(generator)
    return faults


def _check_generator(path: Path) -> list[Fault]:
    """Called twice per seed: a generator that reads the clock or the global random state
    gives two answers, and cached inputs would then depend on who made them first."""
    try:
        generate = load_generator(path)
        for n in PROBE_SIZES:
            first = json.dumps(generate(n, 1), sort_keys=True)
            again = json.dumps(generate(n, 1), sort_keys=True)
            if first != again:
                return [
                    Fault(
                        path,
                        f"is not deterministic: generate({n}, 1) gave two different inputs",
                        "use random.Random(seed), never the global random state or the clock",
                    )
                ]
            if first == json.dumps(generate(n, 2), sort_keys=True):
                return [
                    Fault(
                        path,
                        f"ignores its seed: generate({n}, 1) == generate({n}, 2)",
                        "seed a random.Random(seed)",
                    )
                ]
    except ProblemFormatError as exc:
        return [Fault(path, str(exc).removeprefix(f"{path}: "), "define generate(n: int, seed: int) -> dict")]
    except Exception as exc:  # noqa: BLE001 - the instructor's generator failing is a fault to report
        return [Fault(path, f"raised {type(exc).__name__}: {exc}", "make generate(n, seed) work for small n")]
    return []
