"""The one place where cases become a sandbox job and outcomes become verdicts.

Time limits and complexity sit above this and call it; nothing else builds jobs by hand.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any

from judge.errors import CompileError
from judge.evaluate import evaluate
from judge.languages import Language
from judge.models import Case, CaseResult, Problem, Verdict
from judge.sandbox import STOPPING, Job, JobCase, Sandbox

PARSE_MEANWHILE_BYTES = 64 << 10


def build_job(
    problem: Problem,
    language: Language,
    cases: list[Case],
    source: str,
    limits: Mapping[str, float],
    options: Mapping[str, Any] | None = None,
) -> Job:
    """The sandbox job for these cases; raises CompileError when the source cannot run."""
    return language.build_job(problem, cases, source, limits, options or {})


def run_cases(
    problem: Problem,
    language: Language,
    cases: list[Case],
    source: str,
    sandbox: Sandbox,
    limits: Mapping[str, float],
    options: Mapping[str, Any] | None = None,
    *,
    all_tests: bool = True,
    first_failure: bool = False,
) -> list[CaseResult]:
    """Run a submission's source on the cases and judge every outcome.

    With all_tests False, the tests after one that ran out of time or memory are not run
    (a busy loop would otherwise wait out every limit); they are left out of the list. With
    first_failure, nor are those after any test that is not AC: enough for the overall verdict
    (the first test's that is not AC), which is all `judge check` asks of a solution.
    """
    try:
        job = build_job(problem, language, cases, source, limits, options)
    except CompileError as exc:
        return [CaseResult(c.name, Verdict.CE, 0.0, str(exc), sample=c.sample) for c in cases]
    job = replace(job, stop_on_timeout=not all_tests)
    # Each outcome is judged as it comes and its answer let go: a submission that returns a
    # 16 MiB answer on every test must not make the judge hold one per test.
    results = []
    with sandbox.open(job) as session:
        for case, job_case in zip(cases, job.cases, strict=True):
            parsed = _Input(job_case)
            outcome = session.run_case(job_case, parsed.meanwhile())
            results.append(evaluate(problem, case, outcome, parsed))
            stop = job.stop_on_timeout and outcome.status in STOPPING
            stop = stop or (first_failure and results[-1].verdict is not Verdict.AC)
            del outcome  # not held while the next test's answer is read
            if stop:
                break
    return results


class _Input:
    """A test's input as a checker may need it, parsed at most once: a large generated one
    while the sandbox runs the test (the session calls `parse` once the test is handed over,
    when the judge would only wait), a small one only if asked for."""

    def __init__(self, job_case: JobCase) -> None:
        self._case = job_case
        self._parsed: tuple[bool, Any] | None = None

    def parse(self) -> None:
        if self._parsed is None:
            try:
                self._parsed = (True, self._case.parsed_input())
            except Exception as exc:  # noqa: BLE001 - raised where the value is asked for
                self._parsed = (False, exc)

    def meanwhile(self) -> Callable[[], None] | None:
        big = self._case.input_json is not None and len(self._case.input_json) >= PARSE_MEANWHILE_BYTES
        return self.parse if big else None

    def __call__(self) -> Any:
        self.parse()
        assert self._parsed is not None
        ok, value = self._parsed
        if not ok:
            raise value
        return value
