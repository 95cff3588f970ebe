"""Timing inputs: the problem generator's `generate_timing(n, seed)` where it has one, else
its `generate(n, seed)`.

A timing input's job differs from a test's: what a solution costs on it should depend on n
alone (not on where chance put the answer), and it should hold the shapes that make the
known slow patterns slow in proportion to n (a cache under churn, a slope where a stack only
grows). Tests need neither, so a generator may define both. Inputs are kept on disk like the
tests' generated inputs, under their own key.
"""

from __future__ import annotations

import json

from judge import cache as disk
from judge.errors import ProblemFormatError
from judge.generators import _module, generate_json
from judge.models import Problem

TIMING_FUNCTION = "generate_timing"


def timing_input_json(problem: Problem, n: int, seed: int) -> str:
    path = problem.path / "generator.py"
    make = getattr(_module(path), TIMING_FUNCTION, None)
    if not callable(make):
        return generate_json(problem, n, seed)
    key = disk.files_digest([path], problem.slug, TIMING_FUNCTION, str(n), str(seed))
    cached = disk.read_text("timing-inputs", key)
    if cached is not None:
        return cached
    value = make(n, seed)
    if not isinstance(value, dict):
        raise ProblemFormatError(f"{path}: {TIMING_FUNCTION}() must return the input object (a dict)")
    text = json.dumps(value, separators=(",", ":"))
    disk.write_text("timing-inputs", key, text)
    return text
