"""Inputs made by a problem's generator.py (instructor code, run in the judge's process)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from types import ModuleType
from typing import Any

from judge import cache as disk
from judge import integrity
from judge.errors import ProblemFormatError
from judge.models import Case, Problem


@cache
def _module(path: Path) -> ModuleType:
    module = integrity.load_module(path, f"judge_generator_{path.parent.name}")  # sealed bytes only
    if not callable(getattr(module, "generate", None)):
        raise ProblemFormatError(f"{path}: must define generate(n: int, seed: int) -> dict")
    return module


def load_generator(path: Path) -> Any:
    """A generator.py's `generate(n, seed)` (judge check calls it directly, uncached)."""
    return _module(path).generate


def generate_json(problem: Problem, n: int, seed: int) -> str:
    """The input of size n for this seed, as JSON text; kept on disk, since large ones take
    a while to make, and passed on as text so that the judge never re-encodes it."""
    path = problem.path / "generator.py"
    key = disk.files_digest([path], problem.slug, str(n), str(seed))
    cached = disk.read_text("inputs", key)
    if cached is not None:
        return cached
    value = _module(path).generate(n, seed)
    if not isinstance(value, dict):
        raise ProblemFormatError(f"{path}: generate() must return the input object (a dict)")
    text = json.dumps(value, separators=(",", ":"))
    disk.write_text("inputs", key, text)
    return text


def generate(problem: Problem, n: int, seed: int) -> Any:
    return json.loads(generate_json(problem, n, seed))


def case_input(problem: Problem, case: Case) -> Any:
    if case.generate is None:
        return case.input
    return generate(problem, *case.generate)
