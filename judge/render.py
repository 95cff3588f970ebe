"""Renderers of a `Report`: a table for people, JSON for scripts (the contract's shape)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Any

from judge.models import ComplexityResult, Report, Verdict

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


def report_dict(report: Report) -> dict[str, Any]:
    return {
        "problem": report.problem,
        "language": report.language,
        "sandbox": report.sandbox,
        "verdict": str(report.verdict),
        "passed": report.passed,
        "total": report.total,
        "tests": [
            {
                "name": t.name,
                "verdict": str(t.verdict),
                "time_ms": t.time_ms,
                "message": t.message,
                "output": t.output,
                "sample": t.sample,
            }
            for t in report.tests
        ],
        "complexity": _complexity_dict(report.complexity),
        "skipped": report.skipped,
        "notes": list(report.notes),
    }


def _complexity_dict(c: ComplexityResult | None) -> dict[str, Any] | None:
    if c is None:
        return None
    d = asdict(c)
    d["sizes"], d["times_ms"] = list(c.sizes), list(c.times_ms)
    d["reference_times_ms"] = list(c.reference_times_ms)
    return d


def to_json(report: Report) -> str:
    return json.dumps(report_dict(report), indent=2)


def _short(text: str, width: int = MESSAGE_WIDTH) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return first if len(first) <= width else first[: width - 3] + "..."


def to_table(report: Report) -> str:
    from tabulate import tabulate  # not imported for JSON output: it is slow to import

    rows = [
        [t.name + (" (sample)" if t.sample else ""), str(t.verdict), _ms(t.time_ms), _short(t.message)]
        for t in report.tests
    ]
    lines = [f"{report.problem} ({report.language}, sandbox: {report.sandbox})"]
    lines.append(tabulate(rows, headers=["test", "verdict", "time", "message"], tablefmt="simple"))
    details = [t for t in report.tests if t.verdict is not Verdict.AC][:3]
    for t in details:
        if "\n" in t.message.strip() or len(t.message) > MESSAGE_WIDTH:
            lines.append(f"\n{t.name}: {t.message.strip()}")
        if t.output.strip():
            lines.append(f"\n{t.name} printed:\n{_indent(t.output.rstrip())}")
    if report.skipped:
        lines.append(
            f"\n{report.skipped} more tests not run: a test ran out of time or memory"
            " (use --all-tests to run them all)."
        )
    slowest = max((t.time_ms for t in report.tests), default=0.0)
    lines.append("")
    lines.append(
        f"{report.verdict}: {VERDICT_TEXT[report.verdict]}. "
        f"{report.passed}/{report.total} tests passed (slowest {_ms(slowest)})."
    )
    if report.complexity is not None:
        lines.append(_complexity_line(report.complexity))
    lines.extend(report.notes)
    return "\n".join(lines)


def _ms(value: float) -> str:
    return f"{value:.2f} ms" if value < 10 else f"{value:.1f} ms"


def _complexity_line(c: ComplexityResult) -> str:
    mark = {True: "ok", False: "too slow", None: "could not tell"}[c.ok]
    text = f"Complexity: expected {c.expected}, estimated {c.estimated or '?'} ({mark})"
    return f"{text}; {c.note}" if c.note else text


def _indent(text: str) -> str:
    return "\n".join("    " + line for line in text.splitlines())
