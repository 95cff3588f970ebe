"""The pipeline for one submission: problem -> language -> job -> sandbox -> checkers -> Report."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from judge import integrity
from judge.catalog import load_cases, load_problem
from judge.errors import SubmissionError, UserError
from judge.execution import run_cases
from judge.languages import Language, language_for
from judge.models import Case, Problem, Report, Verdict, overall_verdict
from judge.sandbox import Sandbox
from judge.submission import read_source
from judge.timelimits import calibrate

MAX_SUBMISSION_BYTES = 1 << 20


def read_submission(path: Path, problem: Problem) -> tuple[str, Language]:
    """The submission's text and language, after every check a user's mistake could fail."""
    if not path.exists():
        raise SubmissionError(f"No such file: {path}. Give the path to your solution file.")
    if path.is_dir():
        raise SubmissionError(f"{path} is a directory; give the path to your solution file.")
    language = language_for(problem, path)
    return read_source(path, MAX_SUBMISSION_BYTES), language  # no links, regular files, bounded


def judge_source(
    problem: Problem,
    source: str,
    sandbox: Sandbox,
    *,
    language: Language | None = None,
    complexity: bool = True,
    notes: tuple[str, ...] = (),
    cases: list[Case] | None = None,
    options: Mapping[str, Any] | None = None,
    all_tests: bool = False,
) -> Report:
    """Judge a submission's source; `language` defaults to the problem kind's primary one."""
    language = language or language_for(problem)
    unknown = set(options or {}) - language.options
    if unknown:
        raise UserError(f"--{sorted(unknown)[0]} is not an option for {language.name} submissions.")
    integrity.seal_problem(problem)  # before any learner code runs; verified at the end
    cases = cases if cases is not None else load_cases(problem)
    limits, note = calibrate(problem, cases, sandbox, language)
    notes = (*notes, *sandbox.notes, *([note] if note else []))
    results = tuple(
        run_cases(problem, language, cases, source, sandbox, limits, options, all_tests=all_tests)
    )
    verdict = overall_verdict(results)
    measured = None
    if complexity and language.complexity and problem.complexity is not None and verdict is Verdict.AC:
        from judge.complexity import measure  # only for accepted runs that measure it

        measured = measure(problem, source, sandbox, language)
        if measured is not None and measured.failure is not None:
            # Wrong (or crashing) on an input it was timed on: a test like any other.
            results = (*results, measured.failure)
            verdict = overall_verdict(results)
    integrity.verify_problem(problem)  # a changed problem file is an error, never a verdict
    return Report(
        problem=problem.slug,
        language=language.name,
        sandbox=sandbox.name,
        verdict=verdict,
        tests=results,
        skipped=len(cases) - len(results),
        complexity=measured,
        notes=notes,
    )


def judge_file(
    slug: str,
    path: Path,
    sandbox: Sandbox,
    *,
    complexity: bool = True,
    dialect: str | None = None,
    all_tests: bool = False,
    notes: tuple[str, ...] = (),
) -> Report:
    """`judge run`: the whole pipeline from a slug and a file."""
    problem = load_problem(slug)
    source, language = read_submission(path, problem)
    options = {"dialect": dialect} if dialect else {}
    return judge_source(
        problem,
        source,
        sandbox,
        language=language,
        complexity=complexity,
        notes=notes,
        options=options,
        all_tests=all_tests,
    )
