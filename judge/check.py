"""`judge check`: verify problem folders the way problem-package verifiers do.

Every fault is reported, not the first, each with its file and what to do: problem.yaml
against the schema, the statement, the kind's own files (tests, fixtures, generator), the
stored expected outputs against the reference, every reference solution against the verdict
its folder states, and the time limits' margin.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass
from multiprocessing import util
from pathlib import Path

from judge.catalog import find_problem_dir, kind_folders, list_slugs, load_cases, load_problem_dir
from judge.errors import ProblemFormatError, UserError
from judge.execution import run_cases
from judge.languages import TODO, Language, for_kind, kinds
from judge.models import Case, Fault, Problem, Verdict, overall_verdict
from judge.paths import solutions_root
from judge.references import reference_dir, reference_solution, solutions
from judge.sandbox import Sandbox
from judge.sandbox.select import choose
from judge.timelimits import CALIBRATION_LIMIT_MS, ReferenceFailed, calibrate, reference_times

MIN_MARGIN = 2.0
"""The slowest accepted reference must fit its limit this many times over."""
TEXT_SUFFIXES = {".md", ".yaml", ".yml", ".py", ".sql", ".json", ".csv"}


@dataclass(frozen=True)
class CheckResult:
    slug: str
    path: Path
    faults: tuple[Fault, ...]
    checked: tuple[str, ...]
    """What was looked at, one short line each (solutions with the verdicts they got)."""
    seconds: float

    @property
    def ok(self) -> bool:
        return not self.faults


def problem_dirs(slugs: list[str], all_: bool) -> list[Path]:
    if all_ == bool(slugs):
        raise UserError("Give problem slugs or --all (not both).")
    return [find_problem_dir(s) for s in (list_slugs() if all_ else slugs)]


def check_problem(path: Path, sandbox: Sandbox) -> CheckResult:
    t0 = time.perf_counter()
    faults: list[Fault] = []
    checked: list[str] = []
    problem: Problem | None = None
    try:
        problem = load_problem_dir(path)
        checked.append("problem.yaml")
    except ProblemFormatError as exc:
        faults.append(_format_fault(exc, path / "problem.yaml"))
    kind = next((k for k in kinds().values() if k.folder == path.parent.name), None)
    if kind is None:
        folders = ", ".join(f"problems/{f}/" for f in sorted(set(kind_folders().values())))
        faults.append(Fault(path, "is not in a kind's folder", f"move it under one of {folders}"))
    else:
        faults += kind.check(path, problem)
    faults += _check_statement(path, problem)
    faults += _check_todo(path, solutions_root() / path.name)
    if problem is not None:
        faults += _check_solutions(problem, sandbox, checked)
    return CheckResult(path.name, path, tuple(faults), tuple(checked), time.perf_counter() - t0)


def _format_fault(exc: ProblemFormatError, default: Path) -> Fault:
    text = str(exc)
    head, sep, rest = text.partition(": ")
    file = Path(head) if sep and "/" in head else default
    message = rest if sep and "/" in head else text
    return Fault(file, message, "see docs/problem-format.md for the fields and their types")


def _check_statement(path: Path, problem: Problem | None) -> list[Fault]:
    statement = path / "statement.md"
    if not statement.is_file():
        return [Fault(statement, "missing", "write the statement a learner solves from, with an example")]
    text = statement.read_text(encoding="utf-8")
    faults = []
    if "example" not in text.lower():
        faults.append(Fault(statement, "has no example", "add an '## Example' section worked through"))
    if problem is not None:
        names = []
        if problem.entry_point is not None:
            names.append(problem.entry_point.name)
        if problem.sql is not None:
            names += list(problem.sql.tables)
        missing = [n for n in names if n not in text]
        if missing:
            faults.append(
                Fault(statement, f"does not name {', '.join(missing)}", "name the entry point or tables")
            )
    return faults


def _check_todo(*folders: Path) -> list[Fault]:
    faults = []
    for folder in folders:
        if not folder.is_dir():
            continue
        for file in sorted(folder.rglob("*")):
            if file.is_file() and file.suffix in TEXT_SUFFIXES and TODO in file.read_text(errors="replace"):
                faults.append(
                    Fault(file, f"still has the scaffold's {TODO}", "fill it in and remove the marker")
                )
    return faults


def _check_solutions(problem: Problem, sandbox: Sandbox, checked: list[str]) -> list[Fault]:
    try:
        cases = load_cases(problem)
    except ProblemFormatError as exc:
        return [_format_fault(exc, problem.path)]
    base = reference_dir(problem)
    primary = for_kind(problem.kind)[0]
    faults = []
    if not any(p.parent.name == "accepted" for p, _ in solutions(problem, primary)):
        faults.append(
            Fault(
                base / "accepted",
                f"no accepted {primary.name} solution",
                f"add accepted/reference{primary.extensions[0]}",
            )
        )
    if not any(v is not Verdict.AC for _, v in solutions(problem)):
        faults.append(
            Fault(base / "wrong_answer", "no known-wrong solution", "add a classic mistake the tests reject")
        )
    for language in for_kind(problem.kind):
        if not solutions(problem, language):
            continue
        try:
            faults += _check_language(problem, language, cases, sandbox, checked)
        except ProblemFormatError as exc:
            faults.append(_format_fault(exc, problem.path))
    return faults


def _check_language(
    problem: Problem, language: Language, cases: list[Case], sandbox: Sandbox, checked: list[str]
) -> list[Fault]:
    """The reference of one language against the stored outputs, then every solution."""
    reference = reference_solution(problem, language)
    if reference is None:
        where = reference_dir(problem) / "accepted"
        return [
            Fault(
                where,
                f"no accepted {language.name} reference",
                f"add {where.name}/reference{language.extensions[0]}",
            )
        ]
    faults = _check_reference(problem, language, reference, cases, sandbox)
    if faults:
        return faults  # no limits can be measured from a reference that fails
    limits, note = calibrate(problem, cases, sandbox, language)
    if note:
        return [Fault(reference, note, "fix the reference or the tests")]
    faults += _check_margin(problem, language, cases, sandbox, limits)
    for path, verdict in solutions(problem, language):
        if path == reference:  # accepted on every test when it was timed, within half its limits
            checked.append(f"{path.parent.name}/{path.name}: {Verdict.AC} (timed for the limits)")
            continue
        got, detail = _judge(problem, language, path, cases, sandbox, limits)
        if got is Verdict.TLE and verdict is not Verdict.TLE:
            # A time limit missed on a busy machine (a suite, a CI runner) is confirmed by a
            # second run before it is a fault: a solution that is really too slow misses again.
            got, detail = _judge(problem, language, path, cases, sandbox, limits)
        checked.append(f"{path.parent.name}/{path.name}: {got}")
        if got is not verdict:
            message = f"gets {got}, but its folder {path.parent.name}/ says {verdict}{detail}"
            faults.append(Fault(path, message, _fix_for(verdict)))
    return faults


def _fix_for(verdict: Verdict) -> str:
    if verdict is Verdict.AC:
        return "fix the solution, or the tests' expected outputs"
    if verdict is Verdict.TLE:
        return "make the large tests larger (or the limits tighter) so the slow solution runs out of time"
    return "add a test that catches this mistake (or move the file to the folder of the verdict it gets)"


def _check_reference(
    problem: Problem, language: Language, reference: Path, cases: list[Case], sandbox: Sandbox
) -> list[Fault]:
    """Every stored expected output must agree with the reference: each disagreement is a fault.

    The usual case costs nothing extra: timing the reference (cached) already judges it."""
    try:
        reference_times(problem, cases, sandbox, language)
        return []
    except ReferenceFailed:
        pass  # judge it again to name every case it fails, not only the first
    generous = {c.name: max(problem.limits.time_ms * 10.0, CALIBRATION_LIMIT_MS) for c in cases}
    results = run_cases(problem, language, cases, reference.read_text(encoding="utf-8"), sandbox, generous)
    faults = []
    by_name = {c.name: c for c in cases}
    for r in results:
        if r.verdict is not Verdict.AC:
            where = by_name[r.name].source
            why = r.message.splitlines()[0] if r.message else ""
            faults.append(
                Fault(
                    where,
                    f"the reference {reference.name} gets {r.verdict} here: {why}",
                    "fix the stored expected output (or the reference)"
                    if r.verdict is Verdict.WA
                    else "fix the reference: it must be accepted on every test",
                )
            )
    return faults


def _check_margin(
    problem: Problem, language: Language, cases: list[Case], sandbox: Sandbox, limits: dict[str, float]
) -> list[Fault]:
    times = reference_times(problem, cases, sandbox, language) or {}
    tight = [n for n, t in times.items() if t * MIN_MARGIN > limits[n]]
    if not tight:
        return []
    return [
        Fault(
            problem.path / "problem.yaml",
            f"the reference uses more than 1/{MIN_MARGIN:g} of the time limit on {', '.join(tight[:3])}",
            f"raise limits.time_multiplier to at least {MIN_MARGIN:g} (or limits.time_ms)",
        )
    ]


def _judge(
    problem: Problem,
    language: Language,
    path: Path,
    cases: list[Case],
    sandbox: Sandbox,
    limits: dict[str, float],
) -> tuple[Verdict, str]:
    results = run_cases(
        problem,
        language,
        cases,
        path.read_text(encoding="utf-8"),
        sandbox,
        limits,
        all_tests=False,
        first_failure=True,
    )
    verdict = overall_verdict(results)
    first = next((r for r in results if r.verdict is not Verdict.AC), None)
    detail = f" (on {first.name})" if first is not None else ""
    return verdict, detail


def check_all(
    paths: list[Path],
    sandbox: str,
    *,
    jobs: int = 1,
    progress: Callable[[CheckResult], None] | None = None,
) -> list[CheckResult]:
    """Check every folder, `jobs` problems at a time (processes, each with its own sandbox);
    results come back in the order of `paths`, progress as each problem finishes."""
    if jobs <= 1 or len(paths) <= 1:
        with choose(sandbox)[0] as box:
            results = []
            for path in paths:
                results.append(check_problem(path, box))
                if progress is not None:
                    progress(results[-1])
            return results
    done: dict[Path, CheckResult] = {}
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=(sandbox,)) as pool:
        futures = [pool.submit(_check_in_worker, path) for path in paths]
        for future in as_completed(futures):
            result = future.result()
            done[result.path] = result
            if progress is not None:
                progress(result)
    return [done[p] for p in paths]


_worker_box: Sandbox | None = None
"""Per worker process: its own sandbox, made once by the pool's initializer."""


def _init_worker(sandbox: str) -> None:
    global _worker_box
    _worker_box = choose(sandbox)[0]
    util.Finalize(_worker_box, _worker_box.close, exitpriority=10)


def _check_in_worker(path: Path) -> CheckResult:
    assert _worker_box is not None
    return check_problem(path, _worker_box)


def progress_line(result: CheckResult) -> str:
    state = "ok" if result.ok else f"{len(result.faults)} fault{'s' * (len(result.faults) != 1)}"
    return f"check {result.slug}: {state} ({len(result.checked)} checks, {result.seconds:.1f} s)"


def to_table(results: list[CheckResult]) -> str:
    from tabulate import tabulate

    lines = []
    for r in results:
        for f in r.faults:
            lines.append(f"{f.file}: {f.message}" + (f"\n    fix: {f.fix}" if f.fix else ""))
    rows = [
        [r.slug, "ok" if r.ok else "FAIL", len(r.faults), len(r.checked), f"{r.seconds:.1f} s"]
        for r in results
    ]
    table = tabulate(rows, headers=["problem", "result", "faults", "checks", "time"], tablefmt="simple")
    ok = sum(r.ok for r in results)
    summary = f"{ok}/{len(results)} problems verified."
    return "\n".join([*lines, *([""] if lines else []), table, "", summary])


def to_json(results: list[CheckResult]) -> str:
    return json.dumps(
        {
            "ok": all(r.ok for r in results),
            "problems": [
                {
                    "problem": r.slug,
                    "ok": r.ok,
                    "seconds": round(r.seconds, 3),
                    "checked": list(r.checked),
                    "faults": [{"file": str(f.file), "message": f.message, "fix": f.fix} for f in r.faults],
                }
                for r in results
            ],
        },
        indent=2,
    )
