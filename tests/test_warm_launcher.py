"""The warm launcher: `judge run` served by a child of a process with the judge imported.

Each test runs the real `judge` command (python -m judge) as a subprocess, as a learner's
shell would, against one warm process of the module's own (local sandboxes, with its
launcher), and compares with what the cold path does.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from judge import launch

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "two_sum.py"
WRONG = "def two_sum(nums, target):\n    return [0, 0]\n"
SPIN = """\
import subprocess, sys
subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)  # {mark}"], start_new_session=True,
                 stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

def two_sum(nums, target):
    while True:
        pass
"""

pytestmark = [pytest.mark.warm, pytest.mark.slow]


def judge(
    *args: str | Path, env: dict[str, str], cwd: Path, check: int | None = None
) -> subprocess.CompletedProcess[str]:
    proc = subprocess.run(
        [sys.executable, "-m", "judge", *map(str, args)],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    if check is not None:
        assert proc.returncode == check, (proc.returncode, proc.stdout[-2000:], proc.stderr[-2000:])
    return proc


def wait_for(path: Path, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert time.monotonic() < deadline, f"{path} never appeared"
        time.sleep(0.05)


def launched(runtime: Path) -> int:
    return (runtime / "warm.log").read_text().count(" launched ")


def marked(mark: str) -> list[int]:
    """Processes whose command line holds MARK (a learner's leftovers)."""
    found = []
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if mark.encode() in fh.read():
                    found.append(int(pid))
        except OSError:
            pass
    return found


def start_warm(runtime: Path, cwd: Path, env: dict[str, str]) -> None:
    runtime.mkdir(mode=0o700, exist_ok=True)
    subprocess.run(
        [sys.executable, "-m", "judge", "warm", "start", "--sandbox", "local", "--size", "1"],
        cwd=cwd,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    wait_for(runtime / "run.sock")


def stop_warm(cwd: Path, env: dict[str, str]) -> None:
    subprocess.run(
        [sys.executable, "-m", "judge", "warm", "stop"], cwd=cwd, env=env, capture_output=True, timeout=60
    )


@pytest.fixture(scope="module")
def warm(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, dict[str, str]]]:
    runtime = tmp_path_factory.mktemp("launcher") / "rt"
    env = {**os.environ, "JUDGE_RUNTIME_DIR": str(runtime)}
    start_warm(runtime, REPO, env)
    yield runtime, env
    stop_warm(REPO, env)
    assert not (runtime / "run.sock").exists()  # the launcher went with the warm process


def test_a_run_is_served_by_the_launcher_as_the_cold_path_would(
    warm: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    runtime, env = warm
    (tmp_path / "mine.py").write_text(EXAMPLE.read_text())
    cache = tmp_path / "cache"
    env = {**env, "JUDGE_CACHE_DIR": str(cache)}  # the client's environment is the child's
    before = launched(runtime)
    args = ("run", "two_sum", "mine.py", "--sandbox", "local", "--no-complexity", "--format", "json")
    hot = judge(*args, env=env, cwd=tmp_path, check=0)  # a path relative to the client's folder
    assert launched(runtime) == before + 1
    cold = judge(*args, "--cold", env=env, cwd=tmp_path, check=0)
    assert launched(runtime) == before + 1  # --cold runs in its own process
    hot_report, cold_report = json.loads(hot.stdout), json.loads(cold.stdout)
    assert "sandbox: local (warm)" in hot_report["notes"]
    assert not any("(warm)" in n for n in cold_report["notes"])
    assert [(t["name"], t["verdict"]) for t in hot_report["tests"]] == [
        (t["name"], t["verdict"]) for t in cold_report["tests"]
    ]
    assert any(cache.iterdir())  # reference times and generated inputs went to its cache
    assert hot.stderr == cold.stderr == ""


def test_exit_codes_and_one_line_errors_come_back_unchanged(
    warm: tuple[Path, dict[str, str]], tmp_path: Path
) -> None:
    runtime, env = warm
    (tmp_path / "wrong.py").write_text(WRONG)
    before = launched(runtime)
    wrong = judge(
        "run", "two_sum", "wrong.py", "--sandbox", "local", "--no-complexity", env=env, cwd=tmp_path
    )
    assert wrong.returncode == 1 and "WA" in wrong.stdout
    missing = judge("run", "two_sum", "nope.py", "--sandbox", "local", env=env, cwd=tmp_path, check=2)
    assert missing.stderr.strip().splitlines() == [missing.stderr.strip()]
    assert missing.stderr.startswith("error: ") and "nope.py" in missing.stderr
    unknown = judge("run", "no_such_problem", "wrong.py", env=env, cwd=tmp_path, check=2)
    assert "no_such_problem" in unknown.stderr and "Traceback" not in unknown.stderr
    assert launched(runtime) == before + 3


@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL], ids=["ctrl-c", "client-killed"])
def test_a_run_stopped_midway_leaves_nothing_and_the_launcher_serves_on(
    warm: tuple[Path, dict[str, str]], tmp_path: Path, how: signal.Signals
) -> None:
    """Ctrl-C reaches the child (forwarded), and a client killed outright interrupts it:
    either way its sandbox closes and the learner's processes go, as on the cold path."""
    runtime, env = warm
    mark = f"LAUNCHMARK{os.getpid()}{how}"
    (tmp_path / "spin.py").write_text(SPIN.format(mark=mark))
    before = launched(runtime)
    proc = subprocess.Popen(
        [sys.executable, "-m", "judge", "run", "two_sum", "spin.py", "--sandbox", "local", "--all-tests"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        deadline = time.monotonic() + 30
        while not marked(mark):  # the learner's code runs: its leftover process is up
            assert time.monotonic() < deadline and proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(how)
        _out, err = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    if how == signal.SIGINT:
        assert proc.returncode == 1 and "Aborted!" in err, (proc.returncode, err)
    else:
        assert proc.returncode == -signal.SIGKILL
    deadline = time.monotonic() + 20
    while marked(mark):
        assert time.monotonic() < deadline, f"left behind: {marked(mark)}"
        time.sleep(0.1)
    ok = judge("run", "two_sum", EXAMPLE, "--sandbox", "local", "--no-complexity", env=env, cwd=tmp_path)
    assert ok.returncode == 0, ok.stderr
    assert launched(runtime) == before + 2


def test_a_judge_edited_since_the_launcher_started_runs_cold(tmp_path: Path) -> None:
    """The child would run the code the launcher imported: after an edit it must not."""
    other = tmp_path / "other"
    shutil.copytree(REPO / "judge", other / "judge", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copytree(REPO / "problems", other / "problems")
    runtime = tmp_path / "rt"
    env = {**os.environ, "JUDGE_RUNTIME_DIR": str(runtime), "JUDGE_PROBLEMS": str(other / "problems")}
    env["PYTHONPATH"] = str(other)
    start_warm(runtime, other, env)
    try:
        args = ("run", "two_sum", EXAMPLE, "--sandbox", "local", "--no-complexity", "--format", "json")
        assert (
            "sandbox: local (warm)" in json.loads(judge(*args, env=env, cwd=other, check=0).stdout)["notes"]
        )
        edited = other / "judge" / "hints.py"
        edited.write_text(edited.read_text() + "\n# edited\n")
        before = launched(runtime)
        notes = json.loads(judge(*args, env=env, cwd=other, check=0).stdout)["notes"]
        assert launched(runtime) == before
        assert "the judge changed on disk" in (runtime / "warm.log").read_text()
        assert not any("(warm)" in n for n in notes), notes  # cold, and told why
        assert any("another version of the judge" in n for n in notes), notes
    finally:
        stop_warm(other, env)


def test_no_launcher_is_looked_for_in_a_folder_that_is_not_private(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "rt"
    folder.mkdir()
    folder.chmod(0o755)
    (folder / "run.sock").touch()
    monkeypatch.setenv("JUDGE_RUNTIME_DIR", str(folder))
    assert launch._socket_path() is None
    folder.chmod(0o700)
    assert launch._socket_path() == str(folder / "run.sock")


PROBE_SOCKETS = """\
import socket

def probe(paths):
    seen = []
    for path in paths:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.connect(path)
            seen.append("connected")
        except OSError as exc:
            seen.append(type(exc).__name__)
        finally:
            sock.close()
    return seen
"""


def test_learner_code_cannot_reach_the_launcher_or_the_warm_process(
    warm: tuple[Path, dict[str, str]],
) -> None:
    """From inside the local sandbox (cold and warm), neither socket can be reached: a learner
    who could would ask the launcher to run the judge as its user."""
    from judge.sandbox import Job, JobCase
    from judge.sandbox.local import LocalSandbox
    from judge.warm.client import WarmSandbox

    runtime, _env = warm
    paths = [str(runtime / "run.sock"), str(runtime / "warm.sock")]
    assert all(os.path.exists(p) for p in paths)
    job = Job(
        "python",
        {"source": PROBE_SOCKETS, "function": "probe"},
        (JobCase("t", {"paths": paths}, 5000),),
        memory_mb=256,
        output_bytes=1 << 16,
    )
    for box in (LocalSandbox(), WarmSandbox("local", path=runtime / "warm.sock")):
        [outcome] = box.run(job)
        assert outcome.status == "ok", outcome.error
        assert "connected" not in outcome.value, (box.name, outcome.value)


def test_the_child_takes_the_clients_lower_limits_never_higher() -> None:
    """The child lowers its own limits to the client's (a judge under `ulimit` stays under
    it); a client's higher limit is not taken (it could not be). The learner's worker on the
    warm path is the warm process's, started under its limits and clamped by the job's, as
    before the launcher."""
    code = (
        "import resource\n"
        "from judge.warm.launcher import _lower_limits\n"
        "soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)\n"
        "_lower_limits({'RLIMIT_NOFILE': [hard * 4, hard * 4], 'NOT_A_LIMIT': [1, 1]})\n"
        "assert resource.getrlimit(resource.RLIMIT_NOFILE) == (soft, hard)\n"
        "_lower_limits({'RLIMIT_NOFILE': [40, 50], 'RLIMIT_CORE': [0, 0]})\n"
        "print(resource.getrlimit(resource.RLIMIT_NOFILE), resource.getrlimit(resource.RLIMIT_CORE))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert out.stdout.split() == ["(40,", "50)", "(0,", "0)"], out
