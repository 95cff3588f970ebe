"""How often the complexity report is right, and what it costs, with the other core busy.

For every Python problem with a complexity expectation: its reference (solutions_reference/
<slug>/accepted/reference.py) and each "sneaky slow" solution (slow_growth/: AC on every
test, a power of n slower than expected) are measured RUNS times, while a busy loop keeps
another core of this machine at 100%. Printed per problem and solution: how often the report
said ok: true (the reference should) or ok: false (a sneaky one should), how often its label
named the right class, and the wall time of the complexity step (median and worst).

    python benchmarks/complexity.py [--runs 10] [--sandbox local|docker] [--problem SLUG ...]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

from judge.catalog import load_all
from judge.complexity import measure, stated
from judge.complexity_classes import Growth, parse_class
from judge.models import Problem
from judge.references import reference_solution, solutions
from judge.sandbox import Sandbox

BUSY = "import os\nparent = os.getppid()\nwhile os.getppid() == parent:\n    pass\n"
"""A core kept busy for as long as the benchmark lives (it ends with it, even if killed)."""


@dataclass
class Tally:
    label: str
    want_ok: bool
    right_class: str
    oks: list[bool | None] = field(default_factory=list)
    labels: list[str | None] = field(default_factory=list)
    walls: list[float] = field(default_factory=list)

    def line(self, runs: int) -> str:
        good = sum(1 for ok in self.oks if ok is self.want_ok)
        named = sum(1 for label in self.labels if label in (self.right_class, f"{self.right_class} or worse"))
        unclear = sum(1 for ok in self.oks if ok is None)
        walls = sorted(self.walls)
        return (
            f"  {self.label:<44} ok:{str(self.want_ok).lower():<5} {good:>2}/{runs}"
            f"   unclear {unclear:>2}   right class ({self.right_class}) {named:>2}/{runs}"
            f"   wall median {statistics.median(walls):.2f} s, max {walls[-1]:.2f} s"
        )


def _sandbox(name: str) -> Sandbox:
    if name == "docker":
        from judge.sandbox import engine
        from judge.sandbox.docker import DockerSandbox

        status = engine.probe()
        if not status.ready:
            sys.exit(f"Docker sandbox not available: {status.reason}")
        return DockerSandbox(status.image)
    from judge.sandbox.local import LocalSandbox

    return LocalSandbox()


def _tallies(problem: Problem) -> list[tuple[Path, Tally]]:
    assert problem.complexity is not None
    expected = problem.complexity.expected
    growth = parse_class(expected)
    slower = stated(Growth(growth.power + 1, growth.log_power), expected)
    found = []
    reference = reference_solution(problem)
    if reference is not None:
        found.append((reference, Tally("reference", True, stated(growth, expected))))
    for path, _ in solutions(problem):
        if path.parent.name == "slow_growth":
            found.append((path, Tally(f"slow_growth/{path.name}", False, slower)))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--sandbox", choices=["local", "docker"], default="local")
    parser.add_argument("--problem", action="append", help="only these slugs (repeatable)")
    parser.add_argument("--no-busy", action="store_true", help="leave the other core alone")
    args = parser.parse_args()

    problems = [
        p
        for p in load_all()
        if p.kind == "python" and p.complexity and (not args.problem or p.slug in args.problem)
    ]
    box = _sandbox(args.sandbox)
    busy = None if args.no_busy else subprocess.Popen([sys.executable, "-c", BUSY])
    try:
        print(
            f"complexity benchmark: {args.runs} runs each, sandbox {args.sandbox}, "
            f"{'other core busy' if busy else 'no busy loop'}"
        )
        for problem in problems:
            tallies = _tallies(problem)
            if not tallies:
                continue
            assert problem.complexity is not None
            print(f"\n{problem.slug} (expected {problem.complexity.expected})")
            # One run first, not counted: it makes and caches the timing inputs.
            measure(problem, tallies[0][0].read_text(encoding="utf-8"), box)
            for path, tally in tallies:
                source = path.read_text(encoding="utf-8")
                for _ in range(args.runs):
                    began = time.monotonic()
                    result = measure(problem, source, box)
                    tally.walls.append(time.monotonic() - began)
                    tally.oks.append(None if result is None else result.ok)
                    tally.labels.append(None if result is None else result.estimated)
                print(tally.line(args.runs), flush=True)
                misses = [
                    lab for lab, ok in zip(tally.labels, tally.oks, strict=True) if ok is not tally.want_ok
                ]
                if misses:
                    print(f"      the other runs said: {misses}")
                wrong = [
                    lab
                    for lab in tally.labels
                    if lab not in (tally.right_class, f"{tally.right_class} or worse")
                ]
                if wrong and len(wrong) > len(misses):
                    print(f"      labels not naming {tally.right_class}: {wrong}")
    finally:
        if busy is not None:
            busy.kill()
            busy.wait()
        box.close()


if __name__ == "__main__":
    main()
