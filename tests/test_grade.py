"""`judge grade` end to end on a cohort of 32 learner repositories (local sandbox): the
gradebook row by row at the deadline's commits, SIGKILL then --resume, shards merged, and
every output readable by what reads it."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import xmlschema

from tests import grade_cohort as cohort

DATA = Path(__file__).resolve().parent / "data"
pytestmark = pytest.mark.slow


def judge(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "judge", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=300,
        check=False,
    )


def rows(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as fh:
        return list(csv.DictReader(fh))


def stable(path: Path) -> list[dict[str, str]]:
    """The gradebook without the timings, which differ from run to run."""
    return [{k: v for k, v in r.items() if k != "time_ms"} for r in rows(path)]


class Cohort:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.learners = cohort.plan()
        self.commits = cohort.build(root / "repos", self.learners)
        (root / "assignment.yaml").write_text(cohort.ASSIGNMENT)
        self.paths = [str(root / "repos" / lr.name) for lr in self.learners]

    def grade(
        self, out: str, *extra: str, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        args = ["grade", *self.paths, "--assignment", "assignment.yaml", "--before", cohort.DEADLINE]
        return judge(*args, "--sandbox", "local", "--out", out, *extra, cwd=self.root, env=env)


@pytest.fixture(scope="module")
def graded(tmp_path_factory: pytest.TempPathFactory) -> Cohort:
    c = Cohort(tmp_path_factory.mktemp("cohort"))
    summary = c.root / "step-summary.md"
    outputs = c.root / "github-output"
    proc = c.grade(
        "full", "--jobs", "2", "-q", env={"GITHUB_STEP_SUMMARY": str(summary), "GITHUB_OUTPUT": str(outputs)}
    )
    assert proc.returncode == 0, proc.stderr
    return c


def test_gradebook_row_by_row_at_the_deadline_commits(graded: Cohort) -> None:
    book = {(r["learner"], r["problem"]): r for r in rows(graded.root / "full" / "gradebook.csv")}
    expected = cohort.expected_rows(graded.learners, graded.commits)
    assert set(book) == set(expected) and len(book) == 32 * len(cohort.PROBLEMS)
    for key, want in expected.items():
        got = book[key]
        for field, value in want.items():
            if value == "not AC":
                assert got[field] not in ("AC", ""), (key, got)
            else:
                assert got[field] == value, (key, field, got[field], got["message"])
        if got["status"] == "ok":
            assert got["commit_time"].startswith("2026-12-14T10:00:00")
            assert int(got["tests_total"]) > 0 and got["file"].endswith((".py", ".sql"))
    late = book["late-learner", "two_sum"]
    assert late["status"] == "missing" and "no commit before the deadline" in late["message"]
    assert "not a git repository" in book["no-git", "two_sum"]["message"]
    # Decoys in .venv and node_modules were never graded.
    assert not any(".venv" in r["file"] or "node_modules" in r["file"] for r in book.values())


def test_outputs_open_with_what_reads_them(graded: Cohort) -> None:
    out = graded.root / "full"
    tests = rows(out / "tests.csv")
    assert {"learner", "problem", "test", "sample", "verdict", "time_ms"} == set(tests[0])
    assert any(r["verdict"] == "TLE" for r in tests)
    xmlschema.XMLSchema(DATA / "junit.xsd").validate(str(out / "junit.xml"))
    for lr in graded.learners:
        data = json.loads((out / "learners" / lr.name / "results.json").read_text())
        assert {"score", "output", "tests"} <= set(data)
        assert all(
            {"name", "score", "max_score", "status", "output", "visibility"} <= set(t) for t in data["tests"]
        )
        assert (out / "learners" / lr.name / "report.html").read_text().startswith("<!doctype html>")
    summary = (graded.root / "step-summary.md").read_text()
    assert "| problem | result | tests | score |" in summary and "learner-05" in summary
    assert "max_score=" in (graded.root / "github-output").read_text()


def test_sigkill_then_resume_gives_the_same_gradebook_grading_nothing_twice(graded: Cohort) -> None:
    args = ["grade", *graded.paths, "--assignment", "assignment.yaml", "--before", cohort.DEADLINE]
    proc = subprocess.Popen(
        [sys.executable, "-m", "judge", *args, "--sandbox", "local", "--out", "killed", "--jobs", "1", "-q"],
        cwd=graded.root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    results = graded.root / "killed" / "results"
    deadline = time.monotonic() + 120

    def finished() -> list[Path]:  # a result half-written when the kill came is a .tmp- file
        return [p for p in results.glob("*.json") if not p.name.startswith(".")]

    while time.monotonic() < deadline and len(finished()) < 8:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    kept = {p.name: p.read_bytes() for p in finished()}
    assert 8 <= len(kept) < len(graded.learners)

    resumed = graded.grade("killed", "--resume", "--jobs", "2", "-q")
    assert resumed.returncode == 0, resumed.stderr
    assert stable(graded.root / "killed" / "gradebook.csv") == stable(graded.root / "full" / "gradebook.csv")
    # What was finished before the kill was not graded again: its files are untouched and
    # the log holds each of its submissions exactly once.
    assert all((results / name).read_bytes() == data for name, data in kept.items())
    log = [json.loads(line) for line in (graded.root / "killed" / "judged.jsonl").read_text().splitlines()]
    for data in kept.values():
        learner = json.loads(data)["learner"]
        judged = [e["problem"] for e in log if e["learner"] == learner]
        submitted = [p["problem"] for p in json.loads(data)["problems"] if p["status"] != "missing"]
        assert sorted(judged) == sorted(submitted), learner


def test_three_shards_merged_equal_the_unsharded_run(graded: Cohort) -> None:
    sizes = []
    for i in (1, 2, 3):
        proc = graded.grade(f"shard{i}", "--shard", f"{i}/3", "--jobs", "2", "-q")
        assert proc.returncode == 0, proc.stderr
        sizes.append(len({r["learner"] for r in rows(graded.root / f"shard{i}" / "gradebook.csv")}))
    assert sum(sizes) == len(graded.learners) and all(sizes)
    merged = judge("merge", "shard1", "shard2", "shard3", "--out", "merged", cwd=graded.root)
    assert merged.returncode == 0, merged.stderr
    assert stable(graded.root / "merged" / "gradebook.csv") == stable(graded.root / "full" / "gradebook.csv")
    assert "two_sum" in merged.stdout and "AC rate" in merged.stdout
    xmlschema.XMLSchema(DATA / "junit.xsd").validate(str(graded.root / "merged" / "junit.xml"))
    again = judge("merge", "shard1", "shard1", "--out", "twice", cwd=graded.root)
    assert again.returncode == 0  # the same results twice are the same learners: no conflict
    partial = judge("merge", "shard1", "--out", "partial", cwd=graded.root)
    assert "shards 2/3, 3/3 are not among the folders merged" in partial.stderr
