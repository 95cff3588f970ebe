"""The one result model every output renders from: a learner's results, problem by problem.

Instructor outputs (gradebook, tests.csv, summary) read it whole; learner-facing outputs
read it through `learner_view`, which applies the assignment's feedback level.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from judge.models import Report


class Status(StrEnum):
    OK = "ok"
    """Judged: the verdict says how it went."""
    MISSING = "missing"
    """No solution file for the problem: a score of 0, never an error."""
    ERROR = "error"
    """The judge could not grade it (its own fault): regrade once fixed."""


@dataclass(frozen=True)
class ProblemResult:
    problem: str
    status: Status
    max_score: float
    required: bool = True
    score: float = 0.0
    file: str = ""
    """Where the solution was found, relative to the learner's folder."""
    message: str = ""
    """Why a solution is missing or could not be graded."""
    report: Report | None = None

    @property
    def verdict(self) -> str:
        if self.report is not None:
            return str(self.report.verdict)
        return "IE" if self.status is Status.ERROR else ""

    @property
    def accepted(self) -> bool:
        return self.status is Status.OK and self.report is not None and self.report.accepted

    @property
    def tests_passed(self) -> int:
        return self.report.passed if self.report else 0

    @property
    def tests_total(self) -> int:
        return self.report.total if self.report else 0

    @property
    def time_ms(self) -> float:
        return round(sum(t.time_ms for t in self.report.tests), 1) if self.report else 0.0

    @property
    def complexity(self) -> str:
        c = self.report.complexity if self.report else None
        if c is None:
            return ""
        return {True: "ok", False: "too slow", None: "unknown"}[c.ok]


@dataclass(frozen=True)
class LearnerResult:
    learner: str
    folder: str
    problems: tuple[ProblemResult, ...]
    commit: str = ""
    commit_time: str = ""
    sandbox: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def score(self) -> float:
        return round(sum(p.score for p in self.problems), 2)

    @property
    def max_score(self) -> float:
        return round(sum(p.max_score for p in self.problems), 2)

    @property
    def required_failed(self) -> list[str]:
        return [p.problem for p in self.problems if p.required and not p.accepted]


def score_for(report: Report, points: float, scoring: str) -> float:
    if scoring == "all_or_nothing":
        return points if report.accepted else 0.0
    return round(points * report.passed / report.total, 2) if report.total else 0.0


# Serialization: the store and merge read back what the runs wrote. Generic over the
# dataclasses' type hints, so fields other engineers add to Report come along unchanged.


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, StrEnum):
        return str(value)
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, Path):
        return str(value)
    return value


def _from_plain(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (types.UnionType, typing.Union):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _from_plain(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_from_plain(args[0], v) for v in value)
        return tuple(_from_plain(a, v) for a, v in zip(args, value, strict=False))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        hints = typing.get_type_hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        return tp(**{k: _from_plain(hints[k], v) for k, v in value.items() if k in names})
    if isinstance(tp, type) and issubclass(tp, StrEnum | Path):
        return tp(value)
    return value


def to_plain(result: LearnerResult) -> dict[str, Any]:
    return _plain(result)


def from_plain(data: dict[str, Any]) -> LearnerResult:
    return _from_plain(LearnerResult, data)
