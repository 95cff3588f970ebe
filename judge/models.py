"""The frozen values that cross module lines: problems, cases, outcomes, reports."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any


class Verdict(StrEnum):
    AC = "AC"
    WA = "WA"
    TLE = "TLE"
    MLE = "MLE"
    RE = "RE"
    CE = "CE"
    OLE = "OLE"
    IE = "IE"


@dataclass(frozen=True)
class Limits:
    time_ms: int = 1000
    """Floor of the per-test CPU-time limit (wall time is stopped at WALL_FACTOR times it)."""
    time_multiplier: float = 5.0
    """The limit is max(time_ms, time_multiplier x the reference's time on that test)."""
    memory_mb: int = 256
    output_kb: int = 1024
    """Output beyond this (per test) is OLE; less is captured and shown truncated."""


@dataclass(frozen=True)
class EntryPoint:
    function: str | None = None
    class_name: str | None = None
    leetcode_method: str | None = None
    signature: str | None = None
    """A function problem's `def ...` line, as learners write it (starter files, `show`)."""
    methods: tuple[str, ...] = ()
    """A class problem's method signatures (`def get(self, key: int) -> int`)."""

    @property
    def name(self) -> str:
        return self.function or self.class_name or ""

    @property
    def is_class(self) -> bool:
        return self.class_name is not None

    def signature_hint(self) -> str:
        if self.is_class:
            return f"class {self.class_name}"
        return f"def {self.function}(...)"


@dataclass(frozen=True)
class CheckerSpec:
    name: str = "exact"
    options: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class ComplexitySpec:
    expected: str
    sizes: tuple[int, ...] = ()


@dataclass(frozen=True)
class SqlSpec:
    tables: tuple[str, ...]
    columns: tuple[str, ...]
    ordered: bool = False
    abs_tol: float = 0.0


@dataclass(frozen=True)
class Problem:
    slug: str
    kind: str
    """The problem kind (`python`, `sql`): which language folder defines its format."""
    title: str
    difficulty: str
    tags: tuple[str, ...]
    path: Path
    limits: Limits
    checker: CheckerSpec
    entry_point: EntryPoint | None = None
    complexity: ComplexitySpec | None = None
    sql: SqlSpec | None = None

    @property
    def statement_path(self) -> Path:
        return self.path / "statement.md"


@dataclass(frozen=True)
class Case:
    """One test: its input, and the expected answer that never enters the sandbox."""

    name: str
    sample: bool
    input: Any
    expected: Any
    source: Path
    generate: tuple[int, int] | None = None
    """(n, seed) for the problem's generator, when `input` is not stored."""
    hint: str = ""
    """Shown with this test when it fails (e.g. where the judge goes beyond LeetCode's limits)."""


@dataclass(frozen=True)
class CaseResult:
    name: str
    verdict: Verdict
    time_ms: float
    message: str = ""
    output: str = ""
    """What the submission printed during this test, truncated."""
    sample: bool = False
    brief: str = ""
    """The message with no input, expected or returned value in it: what `--feedback brief`
    shows of a hidden test."""
    input: tuple[tuple[str, str], ...] = ()
    """The failing case as a learner sees it: (parameter, shortened value) pairs..."""
    expected: str | None = None
    """...the expected answer and the submission's answer, shortened (None: not shown)."""
    got: str | None = None
    operation: Operation | None = None
    """Class-design problems: the first operation whose answer was wrong."""
    hint: str = ""
    """One line that explains a likely cause (the test's own hint, or Python 2 code)."""
    at_load: bool = False
    """The submission failed before this test ran (loading): every test shares this failure."""


@dataclass(frozen=True)
class ComplexityResult:
    expected: str
    estimated: str | None
    ok: bool | None
    sizes: tuple[int, ...]
    times_ms: tuple[float, ...]
    reference_times_ms: tuple[float, ...] = ()
    note: str = ""
    samples_ms: tuple[tuple[float, ...], ...] = ()
    """Every timed call of the learner, per size (times_ms holds their medians)."""
    reference_samples_ms: tuple[tuple[float, ...], ...] = ()
    """The reference's calls, paired with the learner's (same input, run right after)."""
    ratio_slope: float | None = None
    """Slope of log(learner/reference time) over log n on the largest sizes: 0 is the same growth."""
    failure: CaseResult | None = None
    """A timed call whose answer was wrong (or that crashed): judged like a test, it is one."""


@dataclass(frozen=True)
class Report:
    problem: str
    language: str
    sandbox: str
    verdict: Verdict
    tests: tuple[CaseResult, ...]
    complexity: ComplexityResult | None = None
    notes: tuple[str, ...] = ()
    """Things the user should know that are not a test result (which sandbox and why)."""
    skipped: int = 0
    """Tests not run because an earlier one ran out of time or memory."""
    feedback: str = "full"
    """How much of a failing hidden test this report shows (judge.feedback.Feedback)."""
    withheld: int = 0
    """Hidden tests left out of `tests` (`--feedback none`); counted in `total`..."""
    withheld_passed: int = 0
    """...and those of them accepted, counted in `passed`."""

    @property
    def passed(self) -> int:
        return sum(1 for t in self.tests if t.verdict is Verdict.AC) + self.withheld_passed

    @property
    def total(self) -> int:
        return len(self.tests) + self.skipped + self.withheld

    @property
    def accepted(self) -> bool:
        return self.verdict is Verdict.AC


def overall_verdict(results: tuple[CaseResult, ...] | list[CaseResult]) -> Verdict:
    """AC when every test is AC, else the verdict of the first test that is not."""
    for r in results:
        if r.verdict is not Verdict.AC:
            return r.verdict
    return Verdict.AC if results else Verdict.IE


@dataclass(frozen=True)
class Operation:
    """One call of a class-design test: where an operation sequence first went wrong."""

    index: int
    """Its position in the test's `operations` (0 is the constructor)."""
    name: str
    args: str
    """The arguments as JSON text, shortened."""
    expected: str
    got: str


@dataclass(frozen=True)
class Fault:
    """One thing wrong with a problem folder, as `judge check` reports it: where, and the fix."""

    file: Path
    message: str
    fix: str = ""
