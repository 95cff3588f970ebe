"""The warm path: `judge warm start|status|stop`, and nothing of one submission reaches the next.

Every sandbox test also runs warm (the `sandbox` fixture's local-warm and docker-warm
variants, tests/conftest.py); these are the warm path's own.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from judge.cli import main
from judge.sandbox import Job, JobCase, OutcomeStatus, Sandbox
from judge.warm import client, code_version
from judge.warm.client import alive

REPO = Path(__file__).resolve().parent.parent
EXAMPLE = REPO / "examples" / "two_sum.py"

OBSERVE = """\
import os

def look(x):
    \"\"\"What a submission can see of its surroundings, in terms that do not change by chance.\"\"\"
    seen = {"env": sorted(os.environ)}
    for key, folder in (("cwd", "."), ("tmp", "/tmp"), ("home", os.environ.get("HOME", ".")),
                        ("tmpdir", os.environ.get("TMPDIR", "."))):
        try:  # a local jail's mount points have random names: only their kind counts
            seen[key] = sorted(n.rsplit("-", 1)[0] if n.startswith("judge-") else n for n in os.listdir(folder))
        except OSError as exc:
            seen[key] = type(exc).__name__
    marks = []
    for pid in os.listdir("/proc"):
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as fh:
                if b"LEAKMARK" in fh.read():
                    marks.append(pid)
        except OSError:
            pass
    seen["leak_processes"] = len(marks)
    seen["processes"] = sum(name.isdigit() for name in os.listdir("/proc"))
    return seen
"""

LEAVE = """\
import os, subprocess, sys

for folder in (".", "/tmp", os.environ.get("HOME", "."), os.environ.get("TMPDIR", ".")):
    try:
        with open(os.path.join(folder, "leak.txt"), "w") as fh:
            fh.write("left by the previous submission")
    except OSError:
        pass
os.environ["LEAK"] = "1"
os.putenv("LEAK_PUT", "1")
subprocess.Popen(
    [sys.executable, "-c", "import time; time.sleep(120)  # LEAKMARK"],
    start_new_session=True,
    stdin=subprocess.DEVNULL,
    stdout=subprocess.DEVNULL,
    stderr=subprocess.DEVNULL,
)

def look(x):
    return os.path.exists("leak.txt") and "LEAK" in os.environ
"""


def python_job(source: str) -> Job:
    return Job(
        "python", {"source": source, "function": "look"}, (JobCase("t", {"x": 1}, 2000),), 256, 1 << 20
    )


def one_value(box: Sandbox, job: Job) -> object:
    (outcome,) = box.run(job)
    assert outcome.status is OutcomeStatus.OK, outcome
    return outcome.value


@pytest.mark.warm
@pytest.mark.parametrize(
    "warm", ["local_warm_sandbox", pytest.param("docker_warm_sandbox", marks=pytest.mark.docker)]
)
def test_a_warm_submission_sees_nothing_of_the_previous_one(
    warm: str, request: pytest.FixtureRequest
) -> None:
    box: Sandbox = request.getfixturevalue(warm)
    before = one_value(box, python_job(OBSERVE))
    assert one_value(box, python_job(LEAVE)) is True  # it did leave files, env and a process
    after = one_value(box, python_job(OBSERVE))
    assert after == before
    assert isinstance(after, dict) and after["leak_processes"] == 0
    assert "LEAK" not in after["env"] and "LEAK_PUT" not in after["env"]
    assert not any("leak.txt" in v for v in after.values() if isinstance(v, list))


SQL_OBSERVE = (
    "SELECT (SELECT count(*) FROM duckdb_tables()) AS tables,"
    " (SELECT count(*) FROM duckdb_views() WHERE NOT internal) AS views,"
    " (SELECT count(*) FROM duckdb_functions() WHERE NOT internal) AS functions,"
    " (SELECT count(*) FROM duckdb_sequences()) AS sequences,"
    " (SELECT count(*) FROM duckdb_databases()) AS dbs,"  # their names are random per job
    " current_setting('memory_limit') AS memory, current_setting('enable_external_access') AS external"
)


def sql_job(query: str) -> Job:
    from judge.catalog import load_cases, load_problem
    from judge.execution import build_job
    from judge.languages import language_for

    problem = load_problem("top_two_salary_gap")
    cases = load_cases(problem)[:2]
    job = build_job(problem, language_for(problem), cases, query, {c.name: 2000.0 for c in cases})
    return job


@pytest.mark.warm
@pytest.mark.parametrize(
    "warm", ["local_warm_sandbox", pytest.param("docker_warm_sandbox", marks=pytest.mark.docker)]
)
def test_a_warm_query_sees_no_duckdb_state_of_the_previous_one(
    warm: str, request: pytest.FixtureRequest
) -> None:
    box: Sandbox = request.getfixturevalue(warm)
    first = box.run(sql_job(SQL_OBSERVE))
    assert all(o.status is OutcomeStatus.OK for o in first), first
    before = [o.value for o in first]
    leave = box.run(sql_job("SELECT setseed(0.5) AS s, nextval('nope') AS n"))  # no state can be made
    assert all(o.status is not OutcomeStatus.OK for o in leave)
    third = box.run(sql_job(SQL_OBSERVE))
    assert all(o.status is OutcomeStatus.OK for o in third), third
    after = [o.value for o in third]
    assert after == before
    assert all(v is not None and v["rows"][0][1:4] == [0, 0, 0] for v in after), after


@pytest.mark.warm
def test_a_test_without_its_input_ends_the_session_never_runs_as_none(local_warm_sandbox: Sandbox) -> None:
    """Another protocol's test line (a judge of another version) is the judge's fault: the
    learner's code must not be called with None and blamed for what it does with it."""
    import socket as sockets

    from judge.warm import protocol

    sock = sockets.socket(sockets.AF_UNIX, sockets.SOCK_STREAM)
    sock.settimeout(60)
    sock.connect(str(local_warm_sandbox.path))  # type: ignore[attr-defined]
    lines = protocol.Lines(sock)
    try:
        job = python_job("def look(x):\n    return x is None\n")
        lines.send({"op": "open", "backend": "local", "job": protocol.job_to_wire(job)})
        assert lines.receive() == {"ok": True}
        lines.send({"op": "case", "name": "t", "time_limit_ms": 2000, "repeat": 1, "input_json": "{}"})
        assert lines.receive() is None  # no outcome: the connection ended (IE on the judge's side)
    finally:
        lines.close()
    assert one_value(local_warm_sandbox, python_job(OBSERVE))  # and the warm process serves on


def test_a_session_waits_for_the_sandbox_being_made_rather_than_make_one_more() -> None:
    """On a loaded machine one more boot only slows the one on the way (and both sessions)."""
    import threading

    from judge.warm.server import Pool

    made: list[int] = []
    lock = threading.Lock()

    def make() -> int:
        time.sleep(0.3)
        with lock:
            made.append(len(made))
            return made[-1]

    pool = Pool("test", 1, make, lambda _item: None)
    pool.fill()
    assert pool.take() == 0  # the one being made, not a new one
    pool.close()  # waits for the refill
    assert len(made) == 2 and pool.status()["made_now"] == 0 and pool.status()["waited"] == 1


# -- the command ---------------------------------------------------------------------------------


def invoke(*args: str | Path) -> Result:
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.mark.parametrize("name", ["start", "status", "stop"])
def test_each_warm_command_has_a_help_line_that_fits(name: str) -> None:
    """Its first line whole, in its own help and in the group's list (click shortens long ones)."""
    command = main.commands["warm"].commands[name]  # type: ignore[attr-defined]
    first = (command.help or "").strip().splitlines()[0]
    assert first and len(first) <= 70, first
    assert first in invoke("warm", name, "--help").stdout
    assert first.rstrip(".") in invoke("warm", "--help").stdout


@pytest.fixture
def runtime(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "rt"
    monkeypatch.setenv("JUDGE_RUNTIME_DIR", str(folder))
    return folder


@pytest.mark.warm
@pytest.mark.slow
def test_start_status_run_cold_and_stop(runtime: Path) -> None:
    started = invoke("warm", "start", "--sandbox", "local", "--size", "1")
    try:
        assert started.exit_code == 0, started.output
        assert "local python" in started.stdout
        assert (runtime.stat().st_mode & 0o777) == 0o700
        assert (runtime / "warm.sock").exists()
        again = invoke("warm", "start")  # already running: says so, starts nothing
        assert again.exit_code == 0 and json.loads((runtime / "warm.json").read_text())["pid"]
        status = invoke("warm", "status")
        assert status.exit_code == 0 and "socket:" in status.stdout

        warm = invoke("run", "two_sum", EXAMPLE, "--sandbox", "local", "--no-complexity", "--format", "json")
        assert warm.exit_code == 0, warm.output
        report = json.loads(warm.stdout)
        assert report["sandbox"] == "local" and report["verdict"] == "AC"
        assert "sandbox: local (warm)" in report["notes"]

        cold = invoke("run", "two_sum", EXAMPLE, "--sandbox", "local", "--no-complexity", "--cold")
        assert cold.exit_code == 0, cold.output
        assert "(warm)" not in cold.stdout
    finally:
        stopped = invoke("warm", "stop")
    assert stopped.exit_code == 0 and "stopped" in stopped.stdout
    assert not (runtime / "warm.sock").exists()
    gone = invoke("warm", "status")
    assert gone.exit_code == 1 and "no warm sandboxes" in gone.stdout
    after = invoke("run", "two_sum", EXAMPLE, "--sandbox", "local", "--no-complexity")
    assert after.exit_code == 0 and "(warm)" not in after.stdout  # cold again, as before


@pytest.mark.warm
@pytest.mark.slow
def test_it_goes_after_its_idle_timeout(runtime: Path) -> None:
    started = invoke("warm", "start", "--sandbox", "local", "--size", "1", "--idle-minutes", "0.05")
    assert started.exit_code == 0, started.output
    pid = json.loads((runtime / "warm.json").read_text())["pid"]
    for _ in range(300):  # bounded: 3 s idle, then its next look; never more than 30 s
        if not (runtime / "warm.sock").exists():
            break
        time.sleep(0.1)
    else:
        invoke("warm", "stop")
        pytest.fail("the warm process outlived its idle timeout")
    for _ in range(100):
        if not alive(pid):
            break
        time.sleep(0.1)
    else:
        pytest.fail("the warm process removed its socket but did not exit")


@pytest.mark.warm
@pytest.mark.slow
def test_a_warm_process_of_other_code_is_not_used_and_start_replaces_it(
    runtime: Path, tmp_path: Path
) -> None:
    """A judge upgraded (or edited) while its warm process runs must not talk to the old
    one: another protocol, or old supervisor code with new workers, gives wrong verdicts."""
    other = tmp_path / "other"
    shutil.copytree(REPO / "judge", other / "judge", ignore=shutil.ignore_patterns("__pycache__"))
    with open(other / "judge" / "warm" / "protocol.py", "a") as fh:
        fh.write("\n# another version\n")
    runtime.mkdir(mode=0o700)
    old = subprocess.Popen(
        [sys.executable, "-m", "judge.warm.server", "--sandbox", "local", "--size", "1"],
        cwd=other,
        env={**os.environ, "JUDGE_RUNTIME_DIR": str(runtime)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):  # bounded: 30 s
            info = client.status()
            if info is not None or old.poll() is not None:
                break
            time.sleep(0.1)
        assert info is not None and info["pid"] == old.pid, (old.poll(), (runtime / "warm.log").read_text())
        assert info["version"] != code_version()

        ran = invoke("run", "two_sum", EXAMPLE, "--sandbox", "local", "--no-complexity", "--format", "json")
        assert ran.exit_code == 0, ran.output
        notes = json.loads(ran.stdout)["notes"]
        assert client.STALE_NOTE in notes and not any("(warm)" in n for n in notes), notes
        assert "another version" in invoke("warm", "status").stdout

        started = invoke("warm", "start", "--sandbox", "local", "--size", "1")
        assert started.exit_code == 0, started.output
        assert old.wait(timeout=30) == 0  # stopped, and gone before the new one started
        info = client.status()
        assert info is not None and info["version"] == code_version() and info["pid"] != old.pid
    finally:
        invoke("warm", "stop")
        if old.poll() is None:
            old.kill()
            old.wait()


@pytest.mark.warm
@pytest.mark.slow
def test_stopping_while_sandboxes_are_being_made_leaves_none(runtime: Path, tmp_path: Path) -> None:
    """Stopped at once, while its pools still boot: every worker, container and folder goes."""
    folders = tmp_path / "tmp"  # the warm process's scratch, data and staging folders
    folders.mkdir()
    runtime.mkdir(mode=0o700)
    proc = subprocess.Popen(
        [sys.executable, "-m", "judge.warm.server", "--sandbox", "auto", "--size", "2"],
        cwd=REPO,
        env={**os.environ, "JUDGE_RUNTIME_DIR": str(runtime), "TMPDIR": str(folders)},
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        for _ in range(300):  # bounded: 30 s
            info = client.status()
            if info is not None or proc.poll() is not None:
                break
            time.sleep(0.1)
        assert info is not None, (proc.poll(), (runtime / "warm.log").read_text())
        assert client.stop() == proc.pid
        assert proc.wait(timeout=60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert list(folders.iterdir()) == []
    if "docker" in info["backends"]:
        import docker

        from judge.sandbox.docker import LABEL, OWNER_LABEL

        owner = f"{OWNER_LABEL}={socket.gethostname()}:{proc.pid}"
        left = docker.from_env().api.containers(all=True, filters={"label": [LABEL, owner]})
        assert left == [], left


def test_a_runtime_folder_not_private_is_refused(runtime: Path) -> None:
    runtime.mkdir(mode=0o755)
    runtime.chmod(0o755)
    result = invoke("warm", "start", "--sandbox", "local")
    assert result.exit_code == 2, result.output
    assert "not a private folder" in result.stderr
    # and a run does not use it: it runs cold
    sub = runtime.parent / "sol.py"
    sub.write_text(textwrap.dedent(EXAMPLE.read_text()))
    ran = invoke("run", "two_sum", sub, "--sandbox", "local", "--no-complexity")
    assert ran.exit_code == 0, ran.output
