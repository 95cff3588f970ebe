"""The judge's own cost, printed as figures (never asserted): per test and end to end.

    python benchmarks/overhead.py [--runs N] [--no-docker]

Figures, each against a baseline measured in the same run:
- local sandbox, per test: judge wall per test minus the learner's own time, on trivial tests
  and on two_sum's real tests;
- `judge run two_sum <reference>` end to end (local sandbox, no complexity) against
  `python3 -c pass`;
- the same in Docker against a bare `docker run --rm IMAGE python3 -c pass`;
- `judge run` of a SQL problem with three fixtures against `python3 -c "import duckdb"`.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from judge.catalog import load_cases, load_problem  # noqa: E402
from judge.execution import run_cases  # noqa: E402
from judge.languages import language_for  # noqa: E402
from judge.sandbox import Job, JobCase  # noqa: E402
from judge.sandbox.local import LocalSandbox  # noqa: E402
from judge.timelimits import time_limits  # noqa: E402

PY = sys.executable
REFERENCE = REPO / "solutions_reference" / "two_sum" / "accepted" / "reference.py"
SQL_SLUG = "top_two_salary_gap"


def wall(cmd: list[str], env: dict[str, str] | None = None) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=REPO, env=env)
    return time.perf_counter() - t0


def median_wall(cmd: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    wall(cmd, env)  # warm caches (generated inputs, reference timings, page cache)
    return statistics.median(wall(cmd, env) for _ in range(runs))


def per_test_trivial(n: int = 500) -> tuple[float, float]:
    """(overhead ms per test, learner ms per test) on tests that do nothing."""
    job = Job(
        "python",
        {"source": "def f(x):\n    return x\n", "function": "f"},
        tuple(JobCase(f"t{i}", {"x": i}, 1000) for i in range(n)),
        256,
        1 << 20,
    )
    box = LocalSandbox()
    box.run(job)
    t0 = time.perf_counter()
    outcomes = box.run(job)
    total = (time.perf_counter() - t0) * 1000
    learner = sum(o.time_ms for o in outcomes)
    # Take out the one-off worker start, measured with a single-test job.
    one = Job("python", job.setup, job.cases[:1], 256, 1 << 20)
    t1 = time.perf_counter()
    box.run(one)
    start = (time.perf_counter() - t1) * 1000
    return (total - start - learner) / (n - 1), learner / n


def per_test_two_sum() -> tuple[float, int]:
    """(overhead ms per test including checking, number of tests) for two_sum's reference."""
    problem = load_problem("two_sum")
    cases = load_cases(problem)
    box = LocalSandbox()
    limits = time_limits(problem, cases, box)
    source = REFERENCE.read_text()
    run_cases(problem, language_for(problem), cases, source, box, limits)
    t0 = time.perf_counter()
    results = run_cases(problem, language_for(problem), cases, source, box, limits)
    total = (time.perf_counter() - t0) * 1000
    return (total - sum(r.time_ms for r in results)) / len(results), len(results)


def three_fixture_problem() -> tuple[Path, dict[str, str]]:
    """A copy of a SQL problem with exactly three fixtures (the sample and two hidden)."""
    tmp = Path(tempfile.mkdtemp(prefix="judge-bench-"))
    src = REPO / "problems" / "sql" / SQL_SLUG
    dst = tmp / "problems" / "sql" / SQL_SLUG
    shutil.copytree(src, dst)
    hidden = sorted(p for p in (dst / "fixtures").iterdir() if p.name != "sample")
    for extra in hidden[2:]:
        shutil.rmtree(extra)
    env = {
        **os.environ,
        "JUDGE_PROBLEMS": str(tmp / "problems"),
        "JUDGE_SOLUTIONS": str(REPO / "solutions_reference"),
    }
    return tmp, env


def docker_image() -> str | None:
    from judge.sandbox import engine

    status = engine.probe()
    return status.image if status.ready else None


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-docker", action="store_true")
    args = ap.parse_args()
    judge = [PY, "-m", "judge", "run"]

    overhead, learner = per_test_trivial()
    print(f"local sandbox, trivial tests:  overhead {overhead:.3f} ms/test (learner {learner:.4f} ms/test)")
    overhead2, n = per_test_two_sum()
    print(f"local sandbox, two_sum tests:  overhead {overhead2:.3f} ms/test over {n} tests (incl. checking)")

    bare = median_wall([PY, "-c", "pass"], args.runs)
    local = median_wall(
        [*judge, "two_sum", str(REFERENCE), "--sandbox", "local", "--no-complexity"], args.runs
    )
    print(f"python3 -c pass:               {bare * 1000:8.1f} ms (median of {args.runs})")
    print(f"judge run two_sum (local):     {local * 1000:8.1f} ms  = {local / bare:.1f}x python3 -c pass")

    tmp, env = three_fixture_problem()
    try:
        ref_sql = REPO / "solutions_reference" / SQL_SLUG / "accepted" / "reference.sql"
        duck = median_wall([PY, "-c", "import duckdb"], args.runs)
        sql = median_wall([*judge, SQL_SLUG, str(ref_sql), "--sandbox", "local"], args.runs, env)
        print(f'python3 -c "import duckdb":    {duck * 1000:8.1f} ms')
        print(
            f"judge run {SQL_SLUG} (3 fixtures, local): {sql * 1000:.1f} ms = {sql / duck:.2f}x import duckdb"
        )
        image = None if args.no_docker else docker_image()
        if image:
            sql_d = median_wall([*judge, SQL_SLUG, str(ref_sql), "--sandbox", "docker"], args.runs, env)
            print(f"judge run {SQL_SLUG} (3 fixtures, docker): {sql_d * 1000:.1f} ms")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    image = None if args.no_docker else docker_image()
    if image is None:
        print("docker: skipped (no engine or no image; see `make sandbox`)")
        return
    bare_docker = median_wall(["docker", "run", "--rm", image, "python3", "-c", "pass"], args.runs)
    dock = median_wall(
        [*judge, "two_sum", str(REFERENCE), "--sandbox", "docker", "--no-complexity"], args.runs
    )
    print(f"docker run --rm {image} python3 -c pass: {bare_docker * 1000:.1f} ms")
    print(f"judge run two_sum (docker):    {dock * 1000:8.1f} ms  = {dock / bare_docker:.2f}x bare container")
    print(f"judge run two_sum (local):     {local * 1000:8.1f} ms  (same run, for comparison)")


if __name__ == "__main__":
    main()
