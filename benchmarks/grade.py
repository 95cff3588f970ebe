"""`judge grade` throughput, printed (never asserted): learners per minute on the 32-learner
test cohort (tests/grade_cohort.py) at --jobs 1 and --jobs 2, local and Docker.

    python benchmarks/grade.py [--no-docker] [--runs N]

Each figure is the best of N full `judge grade` runs (a fresh process, as CI runs it; jobs 1
and jobs 2 alternate, so a change in the machine's load falls on both), reference timings
already cached, so it measures grading, not calibration. Goal on a 2-core machine:
jobs 2 at least 1.7x jobs 1. With each figure, how many cores the whole machine kept busy
(the Docker engine's processes included): where jobs 1 already keeps more than one busy, no
second job can double the rate. On a machine shared with other work, the figures say more
about the other work: the load average is printed with them.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from tests import grade_cohort as cohort  # noqa: E402

BUSY_CORES: dict[tuple[str, int], list[float]] = {}
"""Per (sandbox, jobs): how many of the machine's cores were busy on average during each run
(all processes: the judge, its workers, the Docker engine's), from /proc/stat."""


def _cpu_ticks() -> tuple[int, int]:
    """(busy, total) jiffies of the whole machine so far."""
    with open("/proc/stat") as fh:
        values = [int(v) for v in fh.readline().split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    return sum(values) - idle, sum(values)


def grade(root: Path, paths: list[str], sandbox: str, jobs: int, out: str) -> float:
    args = ["grade", *paths, "--assignment", "assignment.yaml", "--before", cohort.DEADLINE]
    args += ["--sandbox", sandbox, "--jobs", str(jobs), "--out", out, "-q"]
    busy0, total0 = _cpu_ticks()
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "judge", *args], cwd=root, check=True, stdout=subprocess.DEVNULL)
    elapsed = time.perf_counter() - start
    busy1, total1 = _cpu_ticks()
    cores = os.cpu_count() or 1
    BUSY_CORES.setdefault((sandbox, jobs), []).append(cores * (busy1 - busy0) / max(1, total1 - total0))
    return elapsed


def main() -> None:
    raw = argparse.RawDescriptionHelpFormatter
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=raw)
    parser.add_argument("--no-docker", action="store_true", help="local sandbox only")
    parser.add_argument("--runs", type=int, default=2, help="runs per figure (the best counts)")
    opts = parser.parse_args()
    sandboxes = ["local"] if opts.no_docker else ["local", "docker"]
    with tempfile.TemporaryDirectory(prefix="judge-grade-bench-") as tmp:
        root = Path(tmp)
        os.environ.setdefault("JUDGE_CACHE_DIR", str(root / "cache"))
        learners = cohort.plan()
        cohort.build(root / "repos", learners)
        (root / "assignment.yaml").write_text(cohort.ASSIGNMENT)
        paths = [str(root / "repos" / lr.name) for lr in learners]
        submissions = sum(len(lr.before) for lr in learners if lr.git and not lr.late)
        print(f"cohort: {len(learners)} learners, {submissions} submissions; {os.cpu_count()} cores")
        for sandbox in sandboxes:
            try:
                grade(root, paths[:1], sandbox, 1, "warm")  # time the references once
            except subprocess.CalledProcessError:
                print(f"{sandbox}: not available here, skipped")
                continue
            seconds: dict[int, list[float]] = {1: [], 2: []}
            for run in range(opts.runs):
                for jobs in (1, 2):
                    seconds[jobs].append(grade(root, paths, sandbox, jobs, f"{sandbox}-{jobs}-{run}"))
            per_min = {}
            for jobs in (1, 2):
                best = min(seconds[jobs])
                per_min[jobs] = len(learners) / best * 60
                runs = ", ".join(f"{s:.1f}" for s in seconds[jobs])
                rate = per_min[jobs]
                busy = max(BUSY_CORES[(sandbox, jobs)])
                print(
                    f"{sandbox:6} --jobs {jobs}: best {best:6.1f} s ({runs}), {rate:6.1f} learners/min,"
                    f" {busy:.2f} of {os.cpu_count()} cores busy"
                )
            ceiling = (os.cpu_count() or 1) / max(BUSY_CORES[(sandbox, 1)])
            print(
                f"{sandbox:6} speed-up jobs 2 / jobs 1: {per_min[2] / per_min[1]:.2f}x"
                f" (the cores jobs 1 leaves idle allow at most {ceiling:.2f}x)"
            )
            print(f"{sandbox:6} load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
