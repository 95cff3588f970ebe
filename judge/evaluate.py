"""From what the sandbox saw to a verdict: the comparison, outside the learner's process.

Besides the verdict, a result carries the failing case as a learner reads it (the input, the
expected and the returned answer, shortened; for a class-design test the first wrong
operation) and a `brief` message that says what went wrong without any of the test's data,
for `--feedback brief`.
"""

from __future__ import annotations

import builtins
import re
import traceback
from collections.abc import Callable
from typing import Any

from judge.checkers import CHECKERS, CheckContext, Mismatch, as_mismatch
from judge.checkers.exact import same
from judge.checkers.tolerance import DEFAULT_TOL, close
from judge.hints import python2_hint
from judge.models import Case, CaseResult, Operation, Problem, Verdict
from judge.preview import arguments, shorten
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
BRIEF_STATUS = {
    "exit": "runtime error: the program exited",
    "crash": "runtime error: the program crashed",
    "protocol": "runtime error: broke the judge's result channel",
    "timeout": "ran over the time limit",
    "load_timeout": "did not finish loading in time",
    "memory": "ran out of memory",
    "output_limit": "printed or returned too much",
    "bad_value": "wrong answer: the returned value cannot be compared",
}
"""What a hidden test's failure says under `--feedback brief`: the learner's own error text
can carry the test's input (raise ValueError(str(nums))), so only its kind is shown."""
BRIEF_INTERNAL = "internal error in the judge (details withheld)"
MAX_SHOWN_OUTPUT = 2000
_BUILTIN_ERRORS = frozenset(
    name
    for name in dir(builtins)
    if isinstance(getattr(builtins, name), type) and issubclass(getattr(builtins, name), BaseException)
)
_SQL_ERROR = re.compile(r"^([A-Z][A-Za-z]*(?: [A-Z][A-Za-z]*)* Error):")


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def clean_text(text: str, limit: int = 4000) -> str:
    """Text from the sandbox, safe to print: bounded, no lone surrogates, and no control
    characters but newline and tab (an escape sequence or a carriage return in a learner's
    output would rewrite the report on the terminal); those are shown as `\\x1b`."""
    text = text[:limit].encode("utf-8", "backslashreplace").decode("utf-8").replace("\r\n", "\n")
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)[:limit]


def _shown_output(text: str, count: int) -> str:
    output = clean_text(text, MAX_SHOWN_OUTPUT + 100)
    if count > len(output) or len(output) > MAX_SHOWN_OUTPUT:
        output = output[:MAX_SHOWN_OUTPUT] + f"\n... ({count} bytes printed in all)"
    return output


def _error_kind(error: str) -> str:
    """The exception's class when Python or DuckDB named it (never the learner's own text)."""
    first = error.split(":", 1)[0].strip()
    if first in _BUILTIN_ERRORS:
        return f"runtime error: {first}"
    m = _SQL_ERROR.match(error)
    return f"runtime error: {m.group(1)}" if m else "runtime error"


def _at_load(outcome: RawOutcome) -> bool:
    return outcome.status in ("load_error", "load_timeout") or (
        outcome.status != "ok" and outcome.error.startswith(("while loading", "MemoryError while loading"))
    )


def evaluate(problem: Problem, case: Case, outcome: RawOutcome, input_of: Callable[[], Any]) -> CaseResult:
    """`input_of` gives the case's input, parsed only when a checker or a failure needs it."""
    common: dict[str, Any] = dict(
        name=case.name,
        output=_shown_output(outcome.output, outcome.output_bytes),
        sample=case.sample,
    )
    if outcome.status == "internal":
        return CaseResult(
            verdict=Verdict.IE,
            time_ms=0.0,
            message=f"internal error: {clean_text(outcome.error)}",
            brief=BRIEF_INTERNAL,
            **common,
        )
    if outcome.status != "ok":
        verdict = STATUS_VERDICTS.get(outcome.status)
        if verdict is None:
            return CaseResult(
                verdict=Verdict.IE,
                time_ms=outcome.wall_ms,
                message=f"internal error: unknown outcome {outcome.status!r}",
                brief=BRIEF_INTERNAL,
                **common,
            )
        message = clean_text(outcome.error)
        time_ms = outcome.wall_ms if verdict is Verdict.TLE else outcome.trusted_ms
        hint = python2_hint(message)
        if verdict is Verdict.CE or _at_load(outcome):
            # Loading happens before any test's input is given: nothing of a test to hide.
            return CaseResult(
                verdict=verdict,
                time_ms=round(time_ms, 3),
                message=message,
                brief=message if verdict is Verdict.CE else BRIEF_STATUS.get(outcome.status, message),
                hint=hint,
                at_load=True,
                **common,
            )
        brief = _error_kind(message) if outcome.status == "exception" else BRIEF_STATUS[outcome.status]
        return CaseResult(
            verdict=verdict,
            time_ms=round(time_ms, 3),
            message=message,
            brief=brief,
            hint=hint or case.hint,
            **_failing_view(problem, case, input_of, got=None),
            **common,
        )
    checker = CHECKERS[problem.checker.name]
    ctx = CheckContext(problem.checker.options, problem.path)
    try:
        found = as_mismatch(
            checker.check(ctx, input_of() if checker.name == "custom" else None, case.expected, outcome.value)
        )
    except Exception as exc:  # noqa: BLE001 - a checker bug is ours: IE, loudly, never WA
        last = traceback.format_exception_only(exc)[-1].strip()
        return CaseResult(
            verdict=Verdict.IE,
            time_ms=round(outcome.trusted_ms, 3),
            message=f"internal error in checker '{checker.name}': {last}",
            brief=BRIEF_INTERNAL,
            **common,
        )
    if found is None:
        return CaseResult(verdict=Verdict.AC, time_ms=round(outcome.trusted_ms, 3), **common)
    return CaseResult(
        verdict=Verdict.WA,
        time_ms=round(outcome.trusted_ms, 3),
        message=clean_text(found.message),
        brief=clean_text(found.brief),
        hint=case.hint,
        **_failing_view(problem, case, input_of, got=outcome.value, mismatch=found),
        **common,
    )


def _failing_view(
    problem: Problem,
    case: Case,
    input_of: Callable[[], Any],
    *,
    got: Any,
    mismatch: Mismatch | None = None,
) -> dict[str, Any]:
    """The case as LeetCode shows it: input, expected, got; SQL shows its rows diff instead."""
    if problem.sql is not None or problem.entry_point is None:
        return {}
    data = input_of()
    view: dict[str, Any] = {"input": arguments(data), "expected": shorten(case.expected)}
    if mismatch is not None:
        view["got"] = clean_text(shorten(got))  # the learner's text: no escapes, no surrogates
        if problem.entry_point.is_class:
            view["operation"] = _first_wrong_operation(problem, data, case.expected, got)
    return view


def _first_wrong_operation(problem: Problem, data: Any, expected: Any, got: Any) -> Operation | None:
    """Where a class-design sequence first went wrong: index, name, arguments, both answers."""
    if not (isinstance(data, dict) and isinstance(expected, list) and isinstance(got, list)):
        return None
    ops, args = data.get("operations"), data.get("arguments")
    if not (isinstance(ops, list) and isinstance(args, list)):
        return None
    options = problem.checker.options
    for i, (e, g) in enumerate(zip(expected, got, strict=False)):
        if problem.checker.name == "float":
            equal = close(e, g, options.get("abs_tol", DEFAULT_TOL), options.get("rel_tol", DEFAULT_TOL))
        else:
            equal = same(e, g)
        if not equal and i < len(ops):
            arg = args[i] if i < len(args) else []
            return Operation(i, str(ops[i]), shorten(arg, 60), shorten(e, 60), clean_text(shorten(g, 60)))
    return None
