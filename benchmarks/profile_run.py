"""Where the time of one `judge run` goes, for the three rows of the speed issue (printed, never asserted).

    python benchmarks/profile_run.py [ROW...] [--runs N] [--cprofile] [--warm]

ROW is local (two_sum, local sandbox), docker (two_sum, Docker) or sql (top_two_salary_gap,
local); all three by default. For each row it prints:
- the interpreter's own start (`python -c pass`, this interpreter) and the whole run's wall
  time, medians of N runs;
- stamps from inside a fresh judge process (medians): the imports on the hot path, choosing
  the sandbox, loading the problem and its cases, the reference-time cache, opening the
  session (jail and worker start, or container create/attach/start), each test, evaluation,
  closing, integrity checks, rendering;
- `-X importtime` summed by package (click, tabulate, yaml, duckdb, docker, requests, pandas...);
- with --cprofile, the 25 costliest functions (cumulative) of one run.
With --warm the runs use the warm sandboxes (`judge warm start` first); without, `--cold`.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PY = sys.executable
REF_PY = REPO / "solutions_reference" / "two_sum" / "accepted" / "reference.py"
REF_SQL = REPO / "solutions_reference" / "top_two_salary_gap" / "accepted" / "reference.sql"
ROWS = {
    "local": ["two_sum", str(REF_PY), "--sandbox", "local", "--no-complexity"],
    "docker": ["two_sum", str(REF_PY), "--sandbox", "docker", "--no-complexity"],
    "sql": ["top_two_salary_gap", str(REF_SQL), "--sandbox", "local"],
}
PACKAGES = (
    "click",
    "tabulate",
    "wcwidth",
    "yaml",
    "duckdb",
    "docker",
    "requests",
    "urllib3",
    "pandas",
    "numpy",
    "judge",
)


# -- inside one fresh judge process ------------------------------------------------------------


def inner(args: list[str]) -> None:
    """Run the judge's CLI in this process with stamps around its steps; print them as JSON."""
    t_start = time.perf_counter()
    stamps: dict[str, float] = defaultdict(float)
    counts: dict[str, int] = defaultdict(int)

    def stamp(label: str, t0: float) -> None:
        stamps[label] += (time.perf_counter() - t0) * 1000
        counts[label] += 1

    t0 = time.perf_counter()
    import judge.cli

    stamp("import judge.cli (click)", t0)
    t0 = time.perf_counter()
    import judge.execution
    import judge.judging
    import judge.render
    import judge.sandbox.local
    import judge.sandbox.select

    stamp("import the judging stack (languages, catalog, yaml...)", t0)
    if "docker" in args:
        t0 = time.perf_counter()
        import judge.sandbox.docker as dmod  # the Engine API without the SDK (engine_api.py)

        stamp("import the Docker sandbox", t0)
    else:
        dmod = None

    def wrap(owner: object, attr: str, label: str) -> None:
        fn = getattr(owner, attr)

        def timed(*a: object, **k: object) -> object:
            t = time.perf_counter()
            try:
                return fn(*a, **k)
            finally:
                stamp(label, t)

        setattr(owner, attr, timed)

    j = judge.judging
    wrap(judge.sandbox.select, "choose", "choose the sandbox (engine probe)")
    wrap(j, "load_problem", "load the problem (yaml)")
    wrap(j, "read_submission", "read the submission")
    wrap(j, "load_cases", "load the cases")
    wrap(j.integrity, "seal_problem", "integrity: seal the problem folders")
    wrap(j.integrity, "verify_problem", "integrity: verify them")
    wrap(j, "calibrate", "time limits (reference-time cache)")
    wrap(judge.execution, "build_job", "build the job")
    wrap(judge.execution, "evaluate", "evaluate each test")
    wrap(judge.render, "to_table", "render the table")
    wrap(judge.sandbox.local.LocalSandbox, "prepare", "local: prepare (start a worker)")
    wrap(judge.sandbox.local.LocalSandbox, "open", "local: open the session")
    wrap(judge.sandbox.local.LocalSession, "run_case", "run each test (first includes loading)")
    wrap(judge.sandbox.local.LocalSession, "close", "close the session")
    if dmod is not None:
        wrap(dmod.DockerSandbox, "remove_stale", "docker: list stale containers")
        for attr, label in (
            ("_stage", "docker: stage /job"),
            ("_create", "docker: create the container"),
            ("_attach_and_start", "docker: attach and start"),
            ("run_case", "run each test (first includes loading)"),
            ("close", "close the session"),
        ):
            if hasattr(dmod.DockerSession, attr):
                wrap(dmod.DockerSession, attr, label)
    try:
        import judge.warm.client as wc

        wrap(wc.WarmSandbox, "open", "warm: open a session (a ready sandbox)")
        wrap(wc.WarmSession, "run_case", "run each test (first includes loading)")
        wrap(wc.WarmSession, "close", "close the session")
    except ImportError:
        pass
    out = sys.stdout
    sys.stdout = open("/dev/null", "w")  # noqa: SIM115 - the table itself is not wanted
    t0 = time.perf_counter()
    try:
        judge.cli.main(["run", *args], standalone_mode=False)
    except SystemExit:
        pass
    finally:
        sys.stdout = out
    stamp("the whole `run` command", t0)
    stamps["everything after the interpreter started"] = (time.perf_counter() - t_start) * 1000
    print(json.dumps({"stamps": stamps, "counts": counts}))


# -- outside: medians, importtime, cProfile ----------------------------------------------------


def wall(cmd: list[str]) -> float:
    t0 = time.perf_counter()
    subprocess.run(cmd, cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - t0) * 1000


def importtime(args: list[str]) -> dict[str, float]:
    """Self import time (ms) summed by top-level package, from `-X importtime`."""
    proc = subprocess.run(
        [PY, "-X", "importtime", "-m", "judge", "run", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )
    totals: dict[str, float] = defaultdict(float)
    for line in proc.stderr.splitlines():
        if not line.startswith("import time:") or "self [us]" in line:
            continue
        self_us, _cumulative, name = line[len("import time:") :].split("|")
        top = name.strip().split(".")[0]
        totals[top if top in PACKAGES else "(stdlib and others)"] += int(self_us) / 1000
    return dict(totals)


def profile_row(row: str, runs: int, mode: list[str], cprofile: bool) -> None:
    args = [*ROWS[row], *mode]
    bare, whole = [], []
    runs_stamps: list[dict[str, float]] = []
    counts: dict[str, int] = {}
    wall([PY, "-m", "judge", "run", *args])  # caches (reference times, fixtures) filled
    for _ in range(runs):  # alternating: the anchor and the judge see the same machine
        bare.append(wall([PY, "-c", "pass"]))
        whole.append(wall([PY, "-m", "judge", "run", *args]))
        proc = subprocess.run(
            [PY, __file__, "--inner", *args], cwd=REPO, capture_output=True, text=True, check=False
        )
        try:
            data = json.loads(proc.stdout.strip().splitlines()[-1])
        except (ValueError, IndexError):
            print(proc.stderr[-2000:])
            raise
        runs_stamps.append(data["stamps"])
        counts = data["counts"]
    print(f"\n== {row}: judge run {' '.join(args[:1])} {' '.join(a for a in args[2:])}")
    print(f"  python -c pass                     {statistics.median(bare):8.1f} ms")
    print(f"  whole judge run (python -m judge)  {statistics.median(whole):8.1f} ms")
    labels = list(dict.fromkeys(k for s in runs_stamps for k in s))
    for label in labels:
        med = statistics.median(s.get(label, 0.0) for s in runs_stamps)
        n = counts.get(label, 1)
        per = f"  ({n}x, {med / n:.1f} ms each)" if n > 1 else ""
        print(f"  {label:<56} {med:8.1f} ms{per}")
    print("  -X importtime, self time by package:")
    totals = importtime(args)
    for name, ms in sorted(totals.items(), key=lambda kv: -kv[1]):
        if ms >= 0.5:
            print(f"    {name:<20} {ms:7.1f} ms")
    if cprofile:
        import cProfile
        import pstats

        sys.argv = ["judge", "run", *args]
        prof = cProfile.Profile()
        prof.enable()
        try:
            import judge.cli

            judge.cli.main(["run", *args], standalone_mode=False)
        except SystemExit:
            pass
        prof.disable()
        pstats.Stats(prof).sort_stats("cumulative").print_stats(25)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--inner":
        sys.path.insert(0, str(REPO))
        inner(sys.argv[2:])
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("rows", nargs="*", help=f"any of {', '.join(ROWS)} (default: all)")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cprofile", action="store_true")
    ap.add_argument("--warm", action="store_true", help="use the warm sandboxes (start them first)")
    args = ap.parse_args()
    for row in args.rows or list(ROWS):
        profile_row(row, args.runs, [] if args.warm else ["--cold"], args.cprofile)


if __name__ == "__main__":
    main()
