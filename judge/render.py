"""Renderers of a `Report`: a table for people, JSON for scripts (the contract's shape)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from judge.models import CaseResult, ComplexityResult, Report, Verdict

VERDICT_TEXT = {
    Verdict.AC: "Accepted",
    Verdict.WA: "Wrong Answer",
    Verdict.TLE: "Time Limit Exceeded",
    Verdict.MLE: "Memory Limit Exceeded",
    Verdict.RE: "Runtime Error",
    Verdict.CE: "Compilation Error",
    Verdict.OLE: "Output Limit Exceeded",
    Verdict.IE: "Internal Error",
}
MESSAGE_WIDTH = 70
MAX_DETAILED = 3
"""Failing tests shown below the table: the first as a full case, the next by message."""


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "problem": report.problem,
        "language": report.language,
        "sandbox": report.sandbox,
        "verdict": str(report.verdict),
        "passed": report.passed,
        "total": report.total,
        "tests": [_test_dict(t) for t in report.tests],
        "complexity": _complexity_dict(report.complexity),
        "skipped": report.skipped,
        "notes": list(report.notes),
        "feedback": report.feedback,
        "withheld": report.withheld,
    }


def _test_dict(t: CaseResult) -> dict[str, Any]:
    op = t.operation
    return {
        "name": t.name,
        "verdict": str(t.verdict),
        "time_ms": t.time_ms,
        "message": t.message,
        "output": t.output,
        "sample": t.sample,
        "input": dict(t.input) if t.input else None,
        "expected": t.expected,
        "got": t.got,
        "operation": None if op is None else asdict(op),
        "hint": t.hint,
    }


def _complexity_dict(c: ComplexityResult | None) -> dict[str, Any] | None:
    if c is None:
        return None
    d = asdict(c)
    del d["failure"]  # a wrong timed answer is reported as a test of its own
    d["sizes"], d["times_ms"] = list(c.sizes), list(c.times_ms)
    d["reference_times_ms"] = list(c.reference_times_ms)
    return d


def to_json(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2)


def _short(text: str, width: int = MESSAGE_WIDTH) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: width - 3] + "..."


def to_table(report: Report) -> str:
    lines = [f"{report.problem} ({report.language}, sandbox: {report.sandbox})"]
    load_failure = _shared_load_failure(report.tests)
    if load_failure is not None:
        lines += _load_failure_lines(load_failure, len(report.tests))
    elif report.tests:
        lines.append(_rows(report.tests))
        lines += _failures(report.tests)
        lines += _sample_outputs(report.tests)
    if report.withheld:
        lines.append(
            f"\n{report.withheld} hidden tests are only counted (--feedback {report.feedback});"
            f" {report.withheld_passed} of them passed."
        )
    elif report.feedback != "full" and any(not t.sample for t in report.tests):
        lines.append(f"\nHidden tests show no input, answer or output (--feedback {report.feedback}).")
    if report.skipped:
        lines.append(
            f"\n{report.skipped} more tests not run: a test ran out of time or memory"
            " (use --all-tests to run them all)."
        )
    slowest = max((t.time_ms for t in report.tests), default=0.0)
    timing = "" if load_failure is not None else f" (slowest {_ms(slowest)})"
    lines.append("")
    lines.append(
        f"{report.verdict}: {VERDICT_TEXT[report.verdict]}. "
        f"{report.passed}/{report.total} tests passed{timing}."
    )
    if report.complexity is not None:
        from judge.chart import text_chart

        lines.append(_complexity_line(report.complexity))
        chart = text_chart(report.complexity)
        if chart:
            lines += ["", _indent(chart), ""]
    lines.extend(report.notes)
    return "\n".join(lines)


def _rows(tests: tuple[CaseResult, ...]) -> str:
    from judge.texttable import simple_table  # tabulate's layout, without its import time

    rows = [
        [t.name + (" (sample)" if t.sample else ""), str(t.verdict), _ms(t.time_ms), _short(t.message)]
        for t in tests
    ]
    return simple_table(rows, headers=["test", "verdict", "time", "message"])


def _shared_load_failure(tests: tuple[CaseResult, ...]) -> CaseResult | None:
    """The one failure every test shares when the submission could not be loaded, if so."""
    if not tests or not all(t.at_load or t.verdict is Verdict.CE for t in tests):
        return None
    first = tests[0]
    same = all((t.verdict, t.message) == (first.verdict, first.message) for t in tests)
    return first if same else None


def _load_failure_lines(t: CaseResult, count: int) -> list[str]:
    what = "could not be loaded" if t.verdict is Verdict.CE else "failed while loading"
    lines = [f"Your file {what}, so none of the {count} tests ran:", _indent(t.message.strip() or "-")]
    if t.hint:
        lines.append(f"hint: {t.hint}")
    if t.output.strip():
        lines.append(f"It printed:\n{_indent(t.output.rstrip())}")
    return lines


def _failures(tests: tuple[CaseResult, ...]) -> list[str]:
    """The first failing test as LeetCode shows it; the next two, their message and output."""
    failing = [t for t in tests if t.verdict is not Verdict.AC]
    if not failing:
        return []
    lines = ["", *_case_view(failing[0])]
    for t in failing[1:MAX_DETAILED]:
        if "\n" in t.message.strip() or len(t.message) > MESSAGE_WIDTH:
            lines.append(f"\n{t.name}: {t.message.strip()}")
        if t.output.strip():
            lines.append(f"\n{t.name} printed:\n{_indent(t.output.rstrip())}")
    hints = {failing[0].hint}
    for t in failing[1:]:  # every failing test's hint, once each: they are few and short
        if t.hint and t.hint not in hints:
            hints.add(t.hint)
            lines.append(f"\n{t.name}: hint: {t.hint}")
    return lines


def _case_view(t: CaseResult) -> list[str]:
    title = f"{VERDICT_TEXT[t.verdict]} on {t.name}" + (" (sample)" if t.sample else "")
    fields: list[tuple[str, str]] = []
    if t.input:
        fields.append(("input", "\n".join(f"{k} = {v}" for k, v in t.input)))
    if t.operation is not None:
        op = t.operation
        fields.append(("operation", f"#{op.index} {op.name}({_bare(op.args)})"))
        fields += [("got", op.got), ("expected", op.expected)]
    else:
        if t.got is not None:
            fields.append(("got", t.got))
        if t.expected is not None:
            fields.append(("expected", t.expected))
    if "\n" in t.message.strip() or len(t.message) > MESSAGE_WIDTH or not fields:
        fields.append(("message", t.message.strip()))
    if t.output.strip():
        fields.append(("printed", t.output.rstrip()))
    if t.hint:
        fields.append(("hint", t.hint))
    lines = [title + ":"]
    for label, text in fields:
        first, *rest = text.splitlines() or [""]
        lines.append(f"  {label:<10} {first}".rstrip())
        lines += [f"  {'':<10} {line}".rstrip() for line in rest]
    return lines


def _sample_outputs(tests: tuple[CaseResult, ...]) -> list[str]:
    """What accepted samples printed: the tests a learner debugs with print."""
    return [
        f"\n{t.name} printed:\n{_indent(t.output.rstrip())}"
        for t in tests
        if t.sample and t.verdict is Verdict.AC and t.output.strip()
    ]


def _bare(args: str) -> str:
    """`[1, 2]` -> `1, 2`: arguments as a call shows them."""
    return args[1:-1] if args.startswith("[") and args.endswith("]") else args


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def _complexity_line(c: ComplexityResult) -> str:
    """A solution that passes but grows too fast stays AC (as on LeetCode): this line says so."""
    mark = {True: "ok", False: "too slow", None: "could not tell"}[c.ok]
    text = f"Complexity: expected {c.expected}, estimated {c.estimated or '?'} ({mark})"
    return f"{text}: {c.note}" if c.note else text


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
