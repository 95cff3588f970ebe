"""Runners turn a problem, its cases and a submission into a sandbox `Job`, by language.

One module per language registers itself here; the language of a submission comes from its
file extension.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from judge.models import Case, Problem
from judge.sandbox import Job

BuildJob = Callable[[Problem, list[Case], str, Mapping[str, float], Mapping[str, Any]], Job]
"""(problem, cases, submission source, time limit per case name in ms, options) -> Job.
Raises CompileError when the submission cannot be run at all."""


@dataclass(frozen=True)
class Runner:
    language: str
    extensions: tuple[str, ...]
    build_job: BuildJob


RUNNERS: dict[str, Runner] = {}


def register(language: str, extensions: tuple[str, ...]) -> Callable[[BuildJob], BuildJob]:
    def deco(fn: BuildJob) -> BuildJob:
        RUNNERS[language] = Runner(language, extensions, fn)
        return fn

    return deco


def _load() -> None:
    if not RUNNERS:
        for mod in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{mod.name}")


def runner_for(language: str) -> Runner:
    _load()
    return RUNNERS[language]


def language_of(path: Path) -> str | None:
    _load()
    for runner in RUNNERS.values():
        if path.suffix.lower() in runner.extensions:
            return runner.language
    return None


def known_extensions() -> list[str]:
    _load()
    return sorted(ext for r in RUNNERS.values() for ext in r.extensions)
