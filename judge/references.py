"""The reference material of a problem: solutions_reference/<slug>/<expected verdict>/*.

The folder a solution sits in states the verdict it must get, as in Kattis problem packages.
"""

from __future__ import annotations

from pathlib import Path

from judge.catalog import solutions_root
from judge.languages import Language, for_kind
from judge.models import Problem, Verdict

FOLDER_VERDICTS = {
    "accepted": Verdict.AC,
    "slow_growth": Verdict.AC,
    "wrong_answer": Verdict.WA,
    "time_limit_exceeded": Verdict.TLE,
    "runtime_error": Verdict.RE,
    "memory_limit_exceeded": Verdict.MLE,
    "compile_error": Verdict.CE,
}
"""`slow_growth/` holds solutions that pass every test in time but grow faster than the
expected class: AC, and the complexity report must say so (ok: false)."""


def reference_dir(problem: Problem) -> Path:
    return solutions_root() / problem.slug


def solutions(problem: Problem, language: Language | None = None) -> list[tuple[Path, Verdict]]:
    """Every reference solution of the problem (or of one of its languages) with its verdict."""
    base = reference_dir(problem)
    languages = [language] if language is not None else for_kind(problem.kind)
    extensions = {ext for lang in languages for ext in lang.extensions}
    found = []
    for folder, verdict in FOLDER_VERDICTS.items():
        for path in sorted((base / folder).glob("*")):
            if path.is_file() and path.suffix.lower() in extensions:
                found.append((path, verdict))
    return found


def reference_solution(problem: Problem, language: Language | None = None) -> Path | None:
    """The accepted solution the judge times others against, in the submission's language:
    only from accepted/, `reference.*` first."""
    lang = language if language is not None else for_kind(problem.kind)[0]
    accepted = [p for p, _ in solutions(problem, lang) if p.parent.name == "accepted"]
    accepted.sort(key=lambda p: (p.stem != "reference", p.name))
    return accepted[0] if accepted else None
