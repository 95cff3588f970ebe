"""The one adapter between grading and the judge's pipeline.

Everything `judge grade` asks of the judging side goes through here: which file
extensions a problem accepts (the language of a submission comes from its extension and
the problem's kind: a `.py` file for a SQL problem is a pandas solution), preparing a
problem once per process, and judging one submission.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from judge.catalog import load_cases, load_problem
from judge.errors import CompileError, SubmissionError
from judge.judging import MAX_SUBMISSION_BYTES, judge_source
from judge.languages import for_kind, language_for
from judge.models import Case, CaseResult, Problem, Report, Verdict
from judge.sandbox import Sandbox


@cache
def problem(slug: str) -> Problem:
    return load_problem(slug)


@cache
def _cases(slug: str) -> tuple[Case, ...]:
    return tuple(load_cases(problem(slug)))


def extensions(prob: Problem) -> tuple[str, ...]:
    """The file extensions a solution of this problem may have, preferred first."""
    return tuple(dict.fromkeys(ext for lang in for_kind(prob.kind) for ext in lang.extensions))


def prepare(prob: Problem, sandbox: Sandbox) -> None:
    """Time the reference once (cached on disk), before the learners run in parallel."""
    from judge.timelimits import calibrate

    calibrate(prob, list(_cases(prob.slug)), sandbox, language_for(prob))


def _not_loadable(prob: Problem, language: str, message: str) -> Report:
    tests = tuple(CaseResult(c.name, Verdict.CE, 0.0, message, sample=c.sample) for c in _cases(prob.slug))
    return Report(prob.slug, language, "", Verdict.CE, tests)


def judge_one(prob: Problem, path: str, data: bytes, sandbox: Sandbox, *, complexity: bool) -> Report:
    """Judge one learner's file (its path in their tree, its bytes) against a problem."""
    try:
        language = language_for(prob, Path(path))
    except SubmissionError as exc:
        return _not_loadable(prob, prob.kind, str(exc))
    if len(data) > MAX_SUBMISSION_BYTES:
        return _not_loadable(prob, language.name, f"{path} is larger than {MAX_SUBMISSION_BYTES >> 10} KiB")
    source = data.decode("utf-8", errors="replace")
    try:
        return judge_source(
            prob, source, sandbox, language=language, complexity=complexity, cases=list(_cases(prob.slug))
        )
    except CompileError as exc:
        return _not_loadable(prob, language.name, str(exc))


def boilerplate(prob: Problem) -> list[tuple[str, str]]:
    """(file name, text) of code every learner may share: the starter files (both forms) and
    the accepted reference solutions. Similarity leaves it out."""
    from judge.references import solutions

    texts = []
    for lang in for_kind(prob.kind):
        ext = lang.extensions[0]
        for leetcode in (False, True):
            try:
                texts.append((f"starter{ext}", lang.starter(prob, leetcode)))
            except Exception:  # noqa: BLE001 - a language without a LeetCode form: nothing to exclude
                continue
    for path, verdict in solutions(prob):
        if verdict is Verdict.AC:
            texts.append((path.name, path.read_text(encoding="utf-8", errors="replace")))
    return texts
