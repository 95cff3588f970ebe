"""The assignment file (YAML): which problems count, their points, and what learners see.

Parsed once, at the boundary, into frozen dataclasses; an unknown key fails with the file,
the key and a did-you-mean, so a typo never surfaces halfway through grading a cohort.

    name: week-3                 # optional, shown in reports
    feedback: brief              # full | brief | none (what a learner sees of a hidden test)
    scoring: partial             # partial (points x passed/total) | all_or_nothing
    complexity: false            # measure time complexity (slow: off unless asked)
    problems:
      - two_sum                  # short form: 1 point, required
      - slug: lru_cache
        points: 10
        required: false
"""

from __future__ import annotations

import difflib
import hashlib
import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import yaml

from judge.catalog import list_slugs, load_problem
from judge.errors import UserError

FEEDBACK_LEVELS = ("full", "brief", "none")
SCORING = ("partial", "all_or_nothing")
_TOP_KEYS = {"name", "feedback", "scoring", "complexity", "problems"}
_PROBLEM_KEYS = {"slug", "points", "required"}


class AssignmentError(UserError):
    """A malformed assignment file; the message names the file and the key."""


@dataclass(frozen=True)
class ProblemSpec:
    slug: str
    points: float = 1.0
    required: bool = True


@dataclass(frozen=True)
class Assignment:
    problems: tuple[ProblemSpec, ...]
    name: str = ""
    feedback: str = "brief"
    scoring: str = "partial"
    complexity: bool = False

    @property
    def max_score(self) -> float:
        return sum(p.points for p in self.problems)

    def digest(self) -> str:
        """Identifies the assignment in a results store: resume and merge refuse a mismatch."""
        text = json.dumps(asdict(self), sort_keys=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Assignment:
        problems = tuple(ProblemSpec(**p) for p in d["problems"])
        return cls(problems, d["name"], d["feedback"], d["scoring"], d["complexity"])


def default_assignment() -> Assignment:
    """Without an assignment file every problem of the catalog counts, one point each."""
    return Assignment(tuple(ProblemSpec(slug, 1.0, False) for slug in list_slugs()))


def _unknown(key: object, allowed: set[str], where: str) -> AssignmentError:
    close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
    hint = f"; did you mean '{close[0]}'?" if close else ""
    return AssignmentError(f"{where}: unknown key '{key}'{hint}")


def _check(value: Any, typ: type | tuple[type, ...], what: str, where: str) -> Any:
    if isinstance(value, bool) and typ is not bool:
        raise AssignmentError(f"{where}: '{what}' must be a number, not {value!r}")
    if not isinstance(value, typ):
        raise AssignmentError(f"{where}: '{what}' has the wrong type ({value!r})")
    return value


def _problem(item: Any, where: str, known: list[str]) -> ProblemSpec:
    if isinstance(item, str):
        item = {"slug": item}
    if not isinstance(item, dict):
        raise AssignmentError(f"{where}: each problem is a slug or a mapping with 'slug'")
    for key in item:
        if key not in _PROBLEM_KEYS:
            raise _unknown(key, _PROBLEM_KEYS, where)
    slug = item.get("slug")
    if not isinstance(slug, str):
        raise AssignmentError(f"{where}: a problem has no 'slug'")
    if slug not in known:
        close = difflib.get_close_matches(slug, known, n=1)
        hint = f"; did you mean '{close[0]}'?" if close else "; `judge list` shows the problems"
        raise AssignmentError(f"{where}: unknown problem '{slug}'{hint}")
    points = float(_check(item.get("points", 1), (int, float), "points", where))
    if points < 0:
        raise AssignmentError(f"{where}: 'points' of {slug} must not be negative")
    required = _check(item.get("required", True), bool, "required", where)
    return ProblemSpec(slug, points, required)


def parse_assignment(data: Any, where: str) -> Assignment:
    if not isinstance(data, dict):
        raise AssignmentError(f"{where}: must be a mapping with a 'problems' list")
    for key in data:
        if key not in _TOP_KEYS:
            raise _unknown(key, _TOP_KEYS, where)
    raw = data.get("problems")
    if not isinstance(raw, list) or not raw:
        raise AssignmentError(f"{where}: 'problems' must be a non-empty list of slugs")
    known = list_slugs()
    problems = tuple(_problem(item, where, known) for item in raw)
    slugs = [p.slug for p in problems]
    dupes = sorted({s for s in slugs if slugs.count(s) > 1})
    if dupes:
        raise AssignmentError(f"{where}: problem '{dupes[0]}' is listed twice")
    feedback = str(data.get("feedback", "brief"))
    if feedback not in FEEDBACK_LEVELS:
        raise AssignmentError(f"{where}: 'feedback' must be one of {', '.join(FEEDBACK_LEVELS)}")
    scoring = str(data.get("scoring", "partial"))
    if scoring not in SCORING:
        raise AssignmentError(f"{where}: 'scoring' must be one of {', '.join(SCORING)}")
    complexity = _check(data.get("complexity", False), bool, "complexity", where)
    name = str(data.get("name", ""))
    for p in problems:
        load_problem(p.slug)  # a malformed problem folder fails now, not mid-cohort
    return Assignment(problems, name, feedback, scoring, complexity)


def load_assignment(path: Path | None) -> Assignment:
    if path is None:
        return default_assignment()
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise AssignmentError(f"Cannot read the assignment file {path}: {exc.strerror}.") from exc
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" (line {mark.line + 1})" if mark else ""
        raise AssignmentError(f"{path}: is not valid YAML{line}") from exc
    return parse_assignment(data, str(path))
