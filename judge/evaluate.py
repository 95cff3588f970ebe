"""From what the sandbox saw to a verdict: the comparison, outside the learner's process."""

from __future__ import annotations

import traceback
from collections.abc import Callable
from typing import Any

from judge.checkers import CHECKERS, CheckContext
from judge.models import Case, CaseResult, Problem, Verdict
from judge.sandbox import RawOutcome

STATUS_VERDICTS = {
    "exception": Verdict.RE,
    "exit": Verdict.RE,
    "crash": Verdict.RE,
    "protocol": Verdict.RE,
    "timeout": Verdict.TLE,
    "load_timeout": Verdict.TLE,
    "memory": Verdict.MLE,
    "output_limit": Verdict.OLE,
    "bad_value": Verdict.WA,
    "load_error": Verdict.CE,
}
MAX_SHOWN_OUTPUT = 2000


def clean_text(text: str, limit: int = 4000) -> str:
    """Text from the sandbox, safe to print: bounded, and no lone surrogates."""
    return text[:limit].encode("utf-8", "backslashreplace").decode("utf-8")[:limit]


def evaluate(problem: Problem, case: Case, outcome: RawOutcome, input_of: Callable[[], Any]) -> CaseResult:
    """`input_of` gives the case's input, parsed only if the checker asks for it."""
    output = clean_text(outcome.output, MAX_SHOWN_OUTPUT + 100)
    if outcome.output_bytes > len(output) or len(output) > MAX_SHOWN_OUTPUT:
        output = output[:MAX_SHOWN_OUTPUT] + f"\n... ({outcome.output_bytes} bytes printed in all)"
    common = dict(name=case.name, output=output, sample=case.sample)
    if outcome.status == "internal":
        return CaseResult(
            verdict=Verdict.IE, time_ms=0.0, message=f"internal error: {clean_text(outcome.error)}", **common
        )
    if outcome.status != "ok":
        verdict = STATUS_VERDICTS.get(outcome.status)
        if verdict is None:
            return CaseResult(
                verdict=Verdict.IE,
                time_ms=outcome.wall_ms,
                message=f"internal error: unknown outcome {outcome.status!r}",
                **common,
            )
        time_ms = outcome.wall_ms if verdict is Verdict.TLE else outcome.time_ms
        return CaseResult(
            verdict=verdict, time_ms=round(time_ms, 3), message=clean_text(outcome.error), **common
        )
    checker = CHECKERS[problem.checker.name]
    ctx = CheckContext(problem.checker.options, problem.path)
    try:
        message = checker.check(
            ctx, input_of() if checker.name == "custom" else None, case.expected, outcome.value
        )
    except Exception as exc:  # noqa: BLE001 - a checker bug is ours: IE, loudly, never WA
        last = traceback.format_exception_only(exc)[-1].strip()
        return CaseResult(
            verdict=Verdict.IE,
            time_ms=round(outcome.time_ms, 3),
            message=f"internal error in checker '{checker.name}': {last}",
            **common,
        )
    verdict = Verdict.AC if message is None else Verdict.WA
    return CaseResult(
        verdict=verdict, time_ms=round(outcome.time_ms, 3), message=clean_text(message or ""), **common
    )
