"""`judge run --watch`: a real watcher on a real file, rewritten while the loop runs.

Bounded: every wait has a deadline, and the watcher stops on an event set in a `finally`.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from judge.sandbox.local import LocalSandbox
from judge.watch import file_changes, judge_rounds, watch

REPO = Path(__file__).resolve().parent.parent
WRONG = "def two_sum(nums, target):\n    return [0, 0]\n"
RIGHT = (
    "def two_sum(nums, target):\n"
    "    seen = {}\n"
    "    for i, x in enumerate(nums):\n"
    "        if target - x in seen:\n"
    "            return [seen[target - x], i]\n"
    "        seen[x] = i\n"
)
DEADLINE_S = 120


def test_watch_rejudges_the_file_each_time_it_is_saved(tmp_path: Path) -> None:
    file = tmp_path / "two_sum.py"
    file.write_text(WRONG, encoding="utf-8")
    stop = threading.Event()
    verdicts: list[list[str]] = []
    judged = threading.Event()

    def run_once() -> None:
        with LocalSandbox() as box:
            rounds = judge_rounds("two_sum", file, box, complexity=False)
            verdicts.append(
                [f"{r.verdict}:{'samples' if all(t.sample for t in r.tests) else 'all'}" for r in rounds]
            )
        judged.set()

    def save_right_after_the_first_run() -> None:
        if judged.wait(DEADLINE_S):
            time.sleep(0.5)  # the watcher is listening by now; a save before it would be missed
            file.write_text(RIGHT, encoding="utf-8")

    writer = threading.Thread(target=save_right_after_the_first_run)
    timer = threading.Timer(DEADLINE_S, stop.set)
    writer.start()
    timer.start()
    messages: list[str] = []
    try:
        runs = watch(file, run_once, changes=file_changes(file, stop), echo=messages.append, max_runs=2)
    finally:
        stop.set()
        judged.set()  # the writer waits for a first run that may never have come
        timer.cancel()
        writer.join()
    assert runs == 2
    assert verdicts == [["WA:samples", "WA:all"], ["AC:samples", "AC:all"]]
    assert messages == [f"\nWatching {file} for changes (Ctrl-C to stop)..."] * 2


def test_a_users_mistake_in_one_run_does_not_end_the_watch(tmp_path: Path) -> None:
    file = tmp_path / "gone.py"
    messages: list[str] = []

    def run_once() -> None:
        with LocalSandbox() as box:
            list(judge_rounds("two_sum", file, box, complexity=False))

    runs = watch(file, run_once, changes=[object()], echo=messages.append)
    assert runs == 2
    assert messages[0] == f"error: No such file: {file}. Give the path to your solution file."
    assert messages.count(messages[0]) == 2


def _read_until(proc: subprocess.Popen[str], needle: str, seen: list[str], count: int) -> None:
    deadline = time.monotonic() + DEADLINE_S
    assert proc.stdout is not None
    while "".join(seen).count(needle) < count:
        assert time.monotonic() < deadline, "".join(seen)
        line = proc.stdout.readline()
        assert line, "".join(seen)
        seen.append(line)


@pytest.mark.slow
def test_judge_run_watch_in_a_real_process_until_ctrl_c(tmp_path: Path) -> None:
    file = tmp_path / "two_sum.py"
    file.write_text(WRONG, encoding="utf-8")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "judge",
            "run",
            "two_sum",
            str(file),
            "--watch",
            "--sandbox",
            "local",
            "--no-complexity",
        ],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TERM": "xterm"},
    )
    seen: list[str] = []
    try:
        _read_until(proc, "Watching", seen, 1)
        time.sleep(0.5)
        file.write_text(RIGHT, encoding="utf-8")
        _read_until(proc, "Watching", seen, 2)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=DEADLINE_S)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    text = "".join(seen)
    first, second = text.split("Watching", 1)
    assert "Samples:" in first and "All tests:" in first
    assert "WA: Wrong Answer." in first and "AC: Accepted." not in first
    assert "AC: Accepted." in second and "WA: Wrong Answer." not in second
    assert proc.returncode in (0, 1, -signal.SIGINT)
