"""The reference material of a problem: solutions_reference/<slug>/<expected verdict>/*.

The folder a solution sits in states the verdict it must get, as in Kattis problem packages.
"""

from __future__ import annotations

from pathlib import Path

from judge.catalog import solutions_root
from judge.models import Problem, Verdict

FOLDER_VERDICTS = {
    "accepted": Verdict.AC,
    "wrong_answer": Verdict.WA,
    "time_limit_exceeded": Verdict.TLE,
    "runtime_error": Verdict.RE,
    "memory_limit_exceeded": Verdict.MLE,
    "compile_error": Verdict.CE,
}
SUFFIX = {"python": ".py", "sql": ".sql"}


def reference_dir(problem: Problem) -> Path:
    return solutions_root() / problem.slug


def solutions(problem: Problem) -> list[tuple[Path, Verdict]]:
    base = reference_dir(problem)
    found = []
    for folder, verdict in FOLDER_VERDICTS.items():
        for path in sorted((base / folder).glob(f"*{SUFFIX[problem.kind]}")):
            found.append((path, verdict))
    return found


def reference_solution(problem: Problem) -> Path | None:
    """The accepted solution the judge times others against: `reference.*` first."""
    accepted = [p for p, v in solutions(problem) if v is Verdict.AC]
    accepted.sort(key=lambda p: (p.stem != "reference", p.name))
    return accepted[0] if accepted else None
