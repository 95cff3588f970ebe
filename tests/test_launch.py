"""The `judge` command's first step (judge/launch.py): its quick exit, without the interpreter's
teardown, must still end as `sys.exit` would: every byte out, exit work done, the same code.
Each test runs a real interpreter (the exit is the process's last act)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "two_sum.py"

ENDING = """\
import atexit, sys, tempfile, threading, time
from pathlib import Path
from judge.launch import quick_exit

folder = tempfile.TemporaryDirectory(prefix="judge-quick-exit-")
Path(folder.name, "f").write_text("x")
print(folder.name, flush=True)
atexit.register(lambda: print("exit work done", flush=True))
threading.Thread(target=lambda: (time.sleep(0.2), print("thread done", flush=True))).start()
sys.stdout.write("y" * 300_000 + "\\n")  # more than a pipe holds: written through at exit
quick_exit({code})
print("never")
"""


@pytest.mark.parametrize(("code", "status"), [("None", 0), ("0", 0), ("1", 1), ("3", 3), ("'one line'", 1)])
def test_a_quick_exit_ends_as_sys_exit_would(code: str, status: int) -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # buffered, as usual
    proc = subprocess.run(
        [sys.executable, "-c", ENDING.format(code=code)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
        env=env,
    )
    assert proc.returncode == status, proc.stderr
    lines = proc.stdout.splitlines()
    folder = Path(lines[0])
    assert lines[1:] == ["y" * 300_000, "thread done", "exit work done"]  # joined, then the handlers
    assert not folder.exists()  # a temporary folder's finalizer ran
    assert "never" not in proc.stdout
    assert proc.stderr == ("one line\n" if code == "'one line'" else "")


def test_a_quick_exit_into_a_closed_pipe_is_an_error_status() -> None:
    script = "import sys; from judge.launch import quick_exit; sys.stdout.write('z' * 100); quick_exit(0)"
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}  # written at the flush
    proc = subprocess.Popen([sys.executable, "-c", script], cwd=REPO, stdout=subprocess.PIPE, env=env)
    assert proc.stdout is not None
    proc.stdout.close()  # the reader is gone before the flush
    assert proc.wait(timeout=60) == 141


def test_judge_run_output_through_a_pipe_is_whole_with_its_exit_code(tmp_path: Path) -> None:
    wrong = tmp_path / "wrong.py"
    wrong.write_text("def two_sum(nums, target):\n    return [0, 0]\n")
    flags = ["--sandbox", "local", "--cold", "--no-complexity", "--format", "json"]
    for path, status, verdict in ((EXAMPLE, 0, "AC"), (wrong, 1, "WA")):
        proc = subprocess.run(
            [sys.executable, "-m", "judge", "run", "two_sum", str(path), *flags],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert proc.returncode == status, proc.stderr
        assert json.loads(proc.stdout)["verdict"] == verdict


def test_a_user_error_still_exits_2_with_one_line() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "judge", "run", "no_such_problem", str(EXAMPLE), "--cold"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert len(proc.stderr.strip().splitlines()) == 1, proc.stderr


def test_the_early_start_reads_runs_options_as_click_does() -> None:
    """`judge run`'s sandbox is started from argv before click loads: the options that take a
    value must be the command's own, or a FILE could be misread (only a wasted head start)."""
    import click

    from judge.cli import run
    from judge.launch import RUN_VALUE_OPTIONS

    takes_value = {o for p in run.params if isinstance(p, click.Option) and not p.is_flag for o in p.opts}
    assert takes_value == set(RUN_VALUE_OPTIONS)


@pytest.mark.parametrize("closed", ["stdout", "stdin", "stderr"])
def test_a_judge_started_with_a_standard_stream_closed_judges_as_usual(closed: str, tmp_path: Path) -> None:
    """Found by a red team: with stdout closed, the worker's result pipe took fd 1 and every
    test of a right answer was RE (stdin closed: CE), and the quick exit made an accepted run
    exit 120. A closed stream is now /dev/null to the judge, and nothing was lost."""
    fd = {"stdin": 0, "stdout": 1, "stderr": 2}[closed]
    command = [sys.executable, "-m", "judge", "run", "two_sum", str(EXAMPLE), "--sandbox", "local", "--cold"]
    command += ["--no-complexity", "--format", "json"]
    report = tmp_path / "out.json"
    script = f"import os, subprocess, sys; os.close({fd}); sys.exit(subprocess.call({command!r}, **{{}}))"
    if closed != "stdout":
        script = script.replace("**{}", f"stdout=open({str(report)!r}, 'w')")
    proc = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, timeout=120, capture_output=closed == "stdout"
    )
    assert proc.returncode == 0
    if closed != "stdout":
        assert json.loads(report.read_text())["verdict"] == "AC"


SLEEPY = "import time\ndef two_sum(nums, target):\n    time.sleep(60)\n"


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT])
@pytest.mark.parametrize("delay", [0.03, 0.08, 0.15, 0.4, 1.5])
def test_a_run_ended_by_a_signal_at_any_moment_leaves_no_folder(
    tmp_path: Path, sig: signal.Signals, delay: float
) -> None:
    """SIGTERM (found by a red team: it left the worker's folders every time) and Ctrl-C, from
    the first moments (the early start) to mid-test: the run stops, says so in one line where
    it can, and its temporary folders go."""
    sleepy = tmp_path / "sleepy.py"
    sleepy.write_text(SLEEPY)
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    env = {**os.environ, "TMPDIR": str(scratch)}
    command = [sys.executable, "-m", "judge", "run", "two_sum", str(sleepy), "--sandbox", "local", "--cold"]
    proc = subprocess.Popen(
        [*command, "--no-complexity"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    time.sleep(delay)
    proc.send_signal(sig)
    _out, err = proc.communicate(timeout=60)
    assert proc.returncode in (1, 143, -sig), err
    text = err.decode()
    if proc.returncode != -sig and "Fatal Python error" not in text:  # not in Python's own start
        assert "Traceback" not in text, text
    assert [p.name for p in scratch.iterdir()] == []


@pytest.mark.parametrize("buffered", [True, False])
def test_a_reader_that_leaves_early_ends_the_run_quietly(buffered: bool) -> None:
    """Found by a red team: `judge run ... | true` printed a traceback and "internal error".
    A reader gone is no fault: the run ends as programs ended by SIGPIPE do (141), quietly,
    whether the output met the closed pipe as it was written or at the exit's flush."""
    command = [sys.executable, "-m", "judge", "run", "two_sum", str(EXAMPLE), "--sandbox", "local", "--cold"]
    env = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    if not buffered:
        env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen(
        [*command, "--no-complexity"], cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 141, err
    assert err == ""
