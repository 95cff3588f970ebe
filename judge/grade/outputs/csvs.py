"""gradebook.csv (one row per learner and problem) and tests.csv (one per learner, problem
and test): for instructors and spreadsheets, with every detail."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from judge.grade.results import LearnerResult
from judge.grade.store import write_atomic

GRADEBOOK_COLUMNS = (
    "learner",
    "problem",
    "status",
    "verdict",
    "score",
    "max_score",
    "tests_passed",
    "tests_total",
    "time_ms",
    "complexity",
    "commit",
    "commit_time",
    "required",
    "file",
    "message",
)
TESTS_COLUMNS = ("learner", "problem", "test", "sample", "verdict", "time_ms")


def _num(x: float) -> str:
    return f"{x:g}"


def gradebook_rows(results: list[LearnerResult]) -> list[dict[str, str]]:
    rows = []
    for r in sorted(results, key=lambda r: r.learner):
        for p in r.problems:
            rows.append(
                {
                    "learner": r.learner,
                    "problem": p.problem,
                    "status": str(p.status),
                    "verdict": p.verdict,
                    "score": _num(p.score),
                    "max_score": _num(p.max_score),
                    "tests_passed": str(p.tests_passed),
                    "tests_total": str(p.tests_total),
                    "time_ms": _num(p.time_ms),
                    "complexity": p.complexity,
                    "commit": r.commit,
                    "commit_time": r.commit_time,
                    "required": "yes" if p.required else "no",
                    "file": p.file,
                    "message": p.message.splitlines()[0][:300] if p.message else "",
                }
            )
    return rows


def tests_rows(results: list[LearnerResult]) -> list[dict[str, str]]:
    rows = []
    for r in sorted(results, key=lambda r: r.learner):
        for p in r.problems:
            for t in p.report.tests if p.report else ():
                rows.append(
                    {
                        "learner": r.learner,
                        "problem": p.problem,
                        "test": t.name,
                        "sample": "yes" if t.sample else "no",
                        "verdict": str(t.verdict),
                        "time_ms": _num(round(t.time_ms, 2)),
                    }
                )
    return rows


def _csv(columns: tuple[str, ...], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def write_csvs(out: Path, results: list[LearnerResult]) -> None:
    write_atomic(out / "gradebook.csv", _csv(GRADEBOOK_COLUMNS, gradebook_rows(results)))
    write_atomic(out / "tests.csv", _csv(TESTS_COLUMNS, tests_rows(results)))
