"""The pipeline for one submission: problem -> job -> sandbox -> checkers -> Report."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from judge.catalog import load_cases, load_problem
from judge.errors import CompileError, SubmissionError, UserError
from judge.evaluate import evaluate
from judge.models import Case, CaseResult, Problem, Report, Verdict, overall_verdict
from judge.runners import known_extensions, language_of, runner_for
from judge.sandbox import Sandbox

MAX_SUBMISSION_BYTES = 1 << 20


def read_submission(path: Path, problem: Problem) -> str:
    """The submission's text, after every check a user's mistake could fail."""
    if not path.exists():
        raise SubmissionError(f"No such file: {path}. Give the path to your solution file.")
    if path.is_dir():
        raise SubmissionError(f"{path} is a directory; give the path to your solution file.")
    language = language_of(path)
    if language is None:
        raise SubmissionError(
            f"{path.name}: unsupported file type '{path.suffix or '(none)'}'; "
            f"submit one of {', '.join(known_extensions())}."
        )
    if language != problem.kind:
        want = ", ".join(runner_for(problem.kind).extensions)
        raise SubmissionError(
            f"{problem.slug} is a {problem.kind.upper() if problem.kind == 'sql' else 'Python'} "
            f"problem; submit a {want} file, not {path.name}."
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SubmissionError(f"Cannot read {path}: {exc.strerror}.") from exc
    if len(data) > MAX_SUBMISSION_BYTES:
        raise SubmissionError(
            f"{path} is larger than {MAX_SUBMISSION_BYTES >> 10} KiB; is it the right file?"
        )
    return data.decode("utf-8", errors="replace")


def run_cases(
    problem: Problem,
    cases: list[Case],
    source: str,
    sandbox: Sandbox,
    limits: Mapping[str, float],
    options: Mapping[str, Any] | None = None,
    *,
    all_tests: bool = True,
) -> list[CaseResult]:
    """Run a submission's source on the cases and judge every outcome.

    With all_tests False, the tests after one that ran out of time or memory are not run
    (a busy loop would otherwise wait out every limit); they are left out of the list.
    """
    try:
        job = runner_for(problem.kind).build_job(problem, cases, source, limits, options or {})
    except CompileError as exc:
        return [CaseResult(c.name, Verdict.CE, 0.0, str(exc), sample=c.sample) for c in cases]
    job = replace(job, stop_on_timeout=not all_tests)
    outcomes = sandbox.run(job)
    results = []
    for case, job_case, outcome in zip(cases, job.cases, outcomes, strict=True):
        if outcome.status != "skipped":
            results.append(evaluate(problem, case, outcome, job_case.parsed_input))
    return results


def judge_source(
    problem: Problem,
    source: str,
    sandbox: Sandbox,
    *,
    complexity: bool = True,
    notes: tuple[str, ...] = (),
    cases: list[Case] | None = None,
    options: Mapping[str, Any] | None = None,
    all_tests: bool = False,
) -> Report:
    from judge.timelimits import calibrate

    cases = cases if cases is not None else load_cases(problem)
    limits, note = calibrate(problem, cases, sandbox)
    if note:
        notes = (*notes, note)
    results = tuple(run_cases(problem, cases, source, sandbox, limits, options, all_tests=all_tests))
    verdict = overall_verdict(results)
    measured = None
    if complexity and problem.complexity is not None and verdict is Verdict.AC:
        from judge.complexity import measure

        measured = measure(problem, source, sandbox)
    return Report(
        problem=problem.slug,
        language=problem.kind,
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
    *,
    sandbox: str | Sandbox = "auto",
    complexity: bool = True,
    dialect: str | None = None,
    all_tests: bool = False,
    notes: tuple[str, ...] = (),
) -> Report:
    """`judge run`: the whole pipeline from a slug and a file."""
    from judge.sandbox.select import choose

    problem = load_problem(slug)
    source = read_submission(path, problem)
    if isinstance(sandbox, str):
        box, notes = choose(sandbox)
    else:
        box = sandbox
    if dialect and problem.kind != "sql":
        raise UserError("--dialect is for SQL problems only.")
    options = {"dialect": dialect} if dialect else {}
    return judge_source(
        problem, source, box, complexity=complexity, notes=notes, options=options, all_tests=all_tests
    )
