"""The judge's own cost, cold and warm, against what starting its sandbox costs (printed, never asserted).

    python benchmarks/overhead.py [--runs N] [--no-docker] [--no-warm]

One row per line of the speed issue's table, each a whole `judge run` process against an
anchor measured in the same loop, alternating (anchor, cold run, warm run, anchor, ...), so
that both see the same machine; medians of N runs (at least 7):

- local: `judge run two_sum <reference> --sandbox local --no-complexity` against this
  interpreter's `python -c pass`;
- docker: the same with `--sandbox docker` against `docker run --rm --network none IMAGE
  python3 -c pass`;
- sql: `judge run top_two_salary_gap <reference> --sandbox local` against this interpreter's
  `python -c 'import duckdb'`.

Cold runs pass `--cold`; warm runs use a warm process of the benchmark's own (its own
runtime folder), started before and stopped after, whose pools are full again before each
measured run (a learner re-runs seconds apart). The anchor is always this interpreter
(`sys.executable`), never a `python3` from PATH (a version manager's shim costs 4x more).
Where the time goes: benchmarks/profile_run.py.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
PY = sys.executable
REF_PY = REPO / "solutions_reference" / "two_sum" / "accepted" / "reference.py"
REF_SQL = REPO / "solutions_reference" / "top_two_salary_gap" / "accepted" / "reference.sql"
GOALS = {
    ("local", "cold"): 6.0,
    ("docker", "cold"): 1.5,
    ("sql", "cold"): 2.0,
    ("docker", "warm"): 0.5,
    ("sql", "warm"): 1.0,
}


@dataclass
class Row:
    name: str
    judge: list[str]
    anchor: list[str]
    anchor_label: str
    times: dict[str, list[float]] = field(default_factory=lambda: {"anchor": [], "cold": [], "warm": []})
    tests_ms: float = 0.0
    """The tests' own time (the submission's, per test as the report gives it), summed."""


def wall(cmd: list[str], env: dict[str, str]) -> float:
    t0 = time.perf_counter()
    proc = subprocess.run(
        cmd, cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, check=False
    )
    elapsed = time.perf_counter() - t0
    if proc.returncode not in (0,):
        raise SystemExit(f"{' '.join(cmd)} failed ({proc.returncode}): {proc.stderr.decode()[-500:]}")
    return elapsed


def docker_image() -> str | None:
    from judge.sandbox import engine

    status = engine.probe()
    return status.image if status.ready else None


def wait_full(env: dict[str, str], timeout: float = 60.0) -> None:
    """Until every pool of the warm process is full again (after the previous warm run)."""
    from judge.warm import client

    old = os.environ.get("JUDGE_RUNTIME_DIR")
    os.environ["JUDGE_RUNTIME_DIR"] = env["JUDGE_RUNTIME_DIR"]
    try:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            info = client.status() or {}
            pools = info.get("pools", {}).values()
            if pools and all(p["ready"] >= p["size"] for p in pools):
                return
            time.sleep(0.05)
    finally:
        if old is None:
            os.environ.pop("JUDGE_RUNTIME_DIR", None)
        else:
            os.environ["JUDGE_RUNTIME_DIR"] = old


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--no-docker", action="store_true")
    ap.add_argument("--no-warm", action="store_true")
    args = ap.parse_args()
    runs = max(7, args.runs)
    judge = [PY, "-m", "judge", "run"]
    rows = [
        Row(
            "local",
            [*judge, "two_sum", str(REF_PY), "--sandbox", "local", "--no-complexity"],
            [PY, "-c", "pass"],
            "python -c pass",
        ),
        Row(
            "sql",
            [*judge, "top_two_salary_gap", str(REF_SQL), "--sandbox", "local"],
            [PY, "-c", "import duckdb"],
            "python -c 'import duckdb'",
        ),
    ]
    image = None if args.no_docker else docker_image()
    if image:
        rows.insert(
            1,
            Row(
                "docker",
                [*judge, "two_sum", str(REF_PY), "--sandbox", "docker", "--no-complexity"],
                ["docker", "run", "--rm", "--network", "none", image, "python3", "-c", "pass"],
                "docker run --rm --network none IMAGE python3 -c pass",
            ),
        )
    runtime = Path(tempfile.mkdtemp(prefix="judge-bench-rt-"))
    runtime.chmod(0o700)
    env = {**os.environ, "JUDGE_RUNTIME_DIR": str(runtime)}
    warm = not args.no_warm
    if warm:
        subprocess.run(
            [PY, "-m", "judge", "warm", "start", "--sandbox", "auto" if image else "local"],
            cwd=REPO,
            env=env,
            check=True,
            stdout=subprocess.DEVNULL,
        )
    try:
        for row in rows:
            row.tests_ms = tests_own_ms([*row.judge, "--cold"], env)
            wall(row.anchor, env)  # caches: reference times, fixtures, page cache, image layers
            wall([*row.judge, "--cold"], env)
            if warm:
                wait_full(env)
                wall(row.judge, env)
            for _ in range(runs):
                row.times["anchor"].append(wall(row.anchor, env))
                row.times["cold"].append(wall([*row.judge, "--cold"], env))
                if warm:
                    wait_full(env)
                    row.times["warm"].append(wall(row.judge, env))
            print_row(row, runs)
    finally:
        if warm:
            subprocess.run(
                [PY, "-m", "judge", "warm", "stop"], cwd=REPO, env=env, check=False, stdout=subprocess.DEVNULL
            )
        shutil.rmtree(runtime, ignore_errors=True)  # the warm process's log, and the folder
    print("\nSummary (medians):")
    print(f"  {'row':<7} {'mode':<5} {'judge':>9} {'anchor':>9} {'ratio':>7} {'goal':>7}")
    for row in rows:
        anchor = statistics.median(row.times["anchor"])
        for mode in ("cold", "warm"):
            if not row.times[mode]:
                continue
            t = statistics.median(row.times[mode])
            goal = GOALS.get((row.name, mode))
            verdict = "" if goal is None else ("  met" if t / anchor <= goal else "  MISSED")
            goal_text = f"<={goal:g}x" if goal else "-"
            print(
                f"  {row.name:<7} {mode:<5} {t * 1000:7.0f}ms {anchor * 1000:7.0f}ms {t / anchor:6.2f}x"
                f" {goal_text:>7}{verdict}"
            )
    print("\nThe same without the tests' own time (what no sandbox start can hide: the submission")
    print("running on the tests' inputs, as each report gives it per test):")
    for row in rows:
        anchor = statistics.median(row.times["anchor"])
        parts = []
        for mode in ("cold", "warm"):
            if row.times[mode]:
                rest = statistics.median(row.times[mode]) - row.tests_ms / 1000
                parts.append(f"{mode} {rest * 1000:.0f} ms = {rest / anchor:.2f}x")
        print(f"  {row.name:<7} tests {row.tests_ms:5.0f} ms; judge beyond them: {', '.join(parts)}")
    print(
        f"\n(anchors: {', '.join(f'{r.name}: {r.anchor_label}' for r in rows)}; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)"
    )


def tests_own_ms(cmd: list[str], env: dict[str, str], runs: int = 5) -> float:
    """The sum of the tests' times in a run's JSON report (median over a few runs)."""
    sums = []
    for _ in range(runs):
        proc = subprocess.run(
            [*cmd, "--format", "json"], cwd=REPO, env=env, capture_output=True, text=True, check=False
        )
        sums.append(float(sum(t.get("time_ms") or 0.0 for t in json.loads(proc.stdout)["tests"])))
    return statistics.median(sums)


def print_row(row: Row, runs: int) -> None:
    anchor = statistics.median(row.times["anchor"])
    print(f"{row.name}: {' '.join(Path(a).name if a.startswith('/') else a for a in row.judge[2:])}")
    print(f"  anchor {row.anchor_label}: {anchor * 1000:.0f} ms (median of {runs})")
    for mode in ("cold", "warm"):
        if row.times[mode]:
            t = statistics.median(row.times[mode])
            spread = f"{min(row.times[mode]) * 1000:.0f}-{max(row.times[mode]) * 1000:.0f}"
            print(f"  judge {mode}: {t * 1000:.0f} ms ({spread}) = {t / anchor:.2f}x")


if __name__ == "__main__":
    main()
