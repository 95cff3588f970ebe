"""What only the Docker sandbox promises: containment, cleanup, and the engine's limits."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from judge.models import Verdict
from judge.sandbox import Job, JobCase, Sandbox
from judge.sandbox.docker import LABEL, OWNER_LABEL, DockerSandbox, _owner
from tests.conftest import REPO, JudgeFn

pytestmark = pytest.mark.docker


def _our_containers(sandbox: DockerSandbox, owner: str | None = None) -> list[str]:
    """Containers of ours made by this process (or by `owner`): other judges may be running."""
    label = f"{OWNER_LABEL}={owner or _owner()}"
    # The low-level list: the high-level one inspects each container, which races with the
    # engine removing the ones that just finished.
    return [c["Id"] for c in sandbox.client.api.containers(all=True, filters={"label": [LABEL, label]})]


@pytest.fixture
def docker_box(docker_sandbox: Sandbox) -> Iterator[DockerSandbox]:
    """The Docker sandbox, with a check that no container of ours outlives the test."""
    assert isinstance(docker_sandbox, DockerSandbox)
    yield docker_sandbox
    assert _gone(docker_sandbox) == []


def _gone(sandbox: DockerSandbox, owner: str | None = None) -> list[str]:
    """Our containers after giving the engine a moment to finish removing exited ones."""
    deadline = time.monotonic() + 10
    while (left := _our_containers(sandbox, owner)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture
def judge_docker(docker_box: DockerSandbox) -> JudgeFn:
    from judge.catalog import load_problem
    from judge.judging import judge_source

    def run(slug: str, source: str, **kwargs: object) -> object:
        return judge_source(load_problem(slug), source, docker_box, complexity=False, **kwargs)  # type: ignore[arg-type]

    return run  # type: ignore[return-value]


def _probe(box: DockerSandbox, source: str, **limits: int) -> object:
    """Run `probe()` from source in the sandbox and return its serialized value."""
    job = Job(
        "python",
        {"source": source, "function": "probe"},
        (JobCase("probe", {}, 5000),),
        memory_mb=limits.get("memory_mb", 256),
        output_bytes=1 << 20,
    )
    [outcome] = box.run(job)
    assert outcome.status == "ok", (outcome.status, outcome.error)
    return outcome.value


def test_fork_bomb_is_contained(judge_docker: JudgeFn) -> None:
    src = (
        "import os\n"
        "def two_sum(nums, target):\n"
        "    while True:  # unbounded: the container's pids limit is what stops it\n"
        "        try:\n            os.fork()\n        except OSError:\n            pass\n"
    )
    started = time.monotonic()
    report = judge_docker("two_sum", src)
    assert report.verdict in (Verdict.TLE, Verdict.RE)
    assert time.monotonic() - started < 60


def test_only_loopback_inside(docker_box: DockerSandbox) -> None:
    names = _probe(
        docker_box, "import socket\ndef probe():\n    return sorted(n for _, n in socket.if_nameindex())\n"
    )
    assert names == ["lo"]


def test_learner_sees_none_of_the_judges_environment(docker_box: DockerSandbox) -> None:
    env = _probe(docker_box, "import os\ndef probe():\n    return dict(os.environ)\n")
    assert isinstance(env, dict)
    assert not [k for k in env if k.startswith("JUDGE")]
    assert set(env) <= {
        "PATH",
        "HOME",
        "TMPDIR",
        "LANG",
        "LC_ALL",
        "PYTHONIOENCODING",
        "OPENBLAS_NUM_THREADS",
        "OMP_NUM_THREADS",
        "MKL_NUM_THREADS",
    }


def test_writes_never_reach_the_host(docker_box: DockerSandbox) -> None:
    marker = f"judge-escape-{uuid.uuid4().hex}"
    src = f"""
import os
def probe():
    results = {{}}
    for d in ["/tmp", "/scratch", "/job", "/", "/root", "/var/tmp", os.path.expanduser("~")]:
        try:
            with open(os.path.join(d, "{marker}"), "w") as fh:
                fh.write("x")
            results[d] = "written"
        except OSError as exc:
            results[d] = type(exc).__name__
    return results
"""
    results = _probe(docker_box, src)
    assert isinstance(results, dict)
    assert results["/job"] != "written" and results["/"] != "written"
    for folder in ("/tmp", "/scratch", "/job", "/", "/root", "/var/tmp", str(Path.home())):
        assert not (Path(folder) / marker).exists()


def test_expected_outputs_never_enter_the_container(judge_docker: JudgeFn) -> None:
    """A submission that searches everything it can read for expected answers finds none."""
    src = """
import os
KEY = '"exp' + 'ected"'  # spelled apart so that this source itself does not match
def leaked():
    if os.path.exists("/work") or os.path.exists("/problems"):
        return True
    for root, _, files in os.walk("/job"):
        for f in files:
            with open(os.path.join(root, f), errors="replace") as fh:
                if KEY in fh.read():
                    return True
    return False
def two_sum(nums, target):
    if leaked():
        return []
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
"""
    report = judge_docker("two_sum", src)
    assert report.verdict is Verdict.AC, report.tests[0].message


def test_memory_hog_and_sleep(judge_docker: JudgeFn) -> None:
    hog = "def two_sum(nums, target):\n    x = []\n    while True:\n        x.append(bytearray(1 << 20))\n"
    assert judge_docker("two_sum", hog).verdict is Verdict.MLE
    sleepy = "import time\ndef two_sum(nums, target):\n    time.sleep(60)\n"
    assert judge_docker("two_sum", sleepy).verdict is Verdict.TLE


def test_stale_containers_are_removed(docker_box: DockerSandbox) -> None:
    """A container left by a judge that died (its owner pid is gone) goes on the next run."""
    dead_owner = f"{socket.gethostname()}:999999999"
    stale = docker_box.client.containers.create(
        docker_box.image,
        command=["sleep", "300"],
        labels={LABEL: "python", OWNER_LABEL: dead_owner},
        network_mode="none",
    )
    try:
        assert docker_box.remove_stale() >= 1
        assert stale.id not in _our_containers(docker_box, owner=dead_owner)
    finally:
        try:
            stale.remove(force=True)
        except Exception:  # noqa: BLE001 - already gone, as it should be
            pass


@pytest.mark.slow
def test_ctrl_c_removes_the_container(docker_box: DockerSandbox, tmp_path: Path) -> None:
    sleepy = tmp_path / "sleepy.py"
    sleepy.write_text("import time\ndef two_sum(nums, target):\n    time.sleep(60)\n")
    env = {**os.environ, "JUDGE_IMAGE": docker_box.image}
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "judge",
            "run",
            "two_sum",
            str(sleepy),
            "--sandbox",
            "docker",
            "--no-complexity",
        ],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        owner = f"{socket.gethostname()}:{proc.pid}"
        deadline = time.monotonic() + 60
        while not _our_containers(docker_box, owner):
            assert time.monotonic() < deadline, "no container appeared"
            assert proc.poll() is None, proc.communicate()
            time.sleep(0.05)
        proc.send_signal(signal.SIGINT)
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    assert proc.returncode != 0
    assert _gone(docker_box, owner) == []


def test_a_ctrl_c_while_the_boot_thread_starts_leaves_no_container(docker_box: DockerSandbox) -> None:
    """Found by sending Ctrl-C at many moments of a loaded run: `Thread.start` waits for the
    new thread to run, and a Ctrl-C there left the thread making a container that no one held;
    the judge then exited mid-create, leaving a container made and never started. The sandbox
    holds its booting container before the thread starts, so closing it waits for the thread
    and removes what it made. In a process of its own, which ends as `judge run` does."""
    script = f"""
import os, socket, threading, time
from judge.sandbox.docker import OWNER_LABEL, DockerSandbox
box = DockerSandbox({docker_box.image!r})
original = threading.Thread.start
def interrupted(self):
    original(self)
    raise KeyboardInterrupt  # as if Ctrl-C came while start() waited for the thread
threading.Thread.start = interrupted
try:
    box.prepare(None)
except KeyboardInterrupt:
    pass
threading.Thread.start = original
mine = f"{{OWNER_LABEL}}={{socket.gethostname()}}:{{os.getpid()}}"
deadline = time.monotonic() + 60
while not box.engine.containers(mine) and time.monotonic() < deadline:
    time.sleep(0.001)  # until the engine has made it (it may not be started yet)
box.close()
print(os.getpid(), flush=True)
os._exit(0)  # no teardown, as `judge run` ends
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    owner = f"{socket.gethostname()}:{done.stdout.strip()}"
    assert _gone(docker_box, owner) == []


def _job(source: str, cases: tuple[JobCase, ...] = (), function: str = "probe") -> Job:
    return Job("python", {"source": source, "function": function}, cases, memory_mb=256, output_bytes=1 << 20)


def test_a_container_asked_for_before_its_worker_is_known_starts_it_when_named(
    docker_box: DockerSandbox,
) -> None:
    """`prepare(None)` asks the engine for a container at once; `prepare("python")` names its
    worker, which the supervisor starts before the job comes (seen among the container's
    processes); a container named for another worker is replaced, and nothing is left."""
    box = DockerSandbox(docker_box.image)
    try:
        box.prepare(None)
        box.prepare("python")
        booting = box._booting
        assert booting is not None and booting._done.wait(60)
        session = booting._session
        assert session is not None and session._id is not None
        deadline = time.monotonic() + 20
        while not any(
            "python_worker.py" in " ".join(p) for p in docker_box.client.api.top(session._id)["Processes"]
        ):
            assert time.monotonic() < deadline, "the named worker never started"
            time.sleep(0.1)
        with box.open(_job("def probe(x):\n    return x + 1\n")) as opened:
            assert opened is session
            outcome = opened.run_case(JobCase("a", {"x": 41}, 5000))
        assert (outcome.status, outcome.value) == ("ok", 42)
        box.prepare("python")
        first = box._booting
        box.prepare("sql")  # made for another worker: replaced, the first one removed
        assert box._booting is not first
    finally:
        box.close()
    assert _gone(docker_box) == []


def test_a_session_takes_tests_one_by_one(docker_box: DockerSandbox) -> None:
    """One container serves a session; tests come as they are asked for; close removes it."""
    source = "COUNT = []\ndef probe(x):\n    COUNT.append(x)\n    return [x * 2, len(COUNT)]\n"
    with docker_box.open(_job(source)) as session:
        first = session.run_case(JobCase("a", {"x": 1}, 5000))
        assert _our_containers(docker_box)  # still there between tests
        second = session.run_case(JobCase("b", {"x": 20}, 5000))
    assert (first.status, first.value) == ("ok", [2, 1])
    assert (second.status, second.value) == ("ok", [40, 2])  # the same worker served both


def test_a_large_input_travels_as_a_file_present_only_during_its_own_test(docker_box: DockerSandbox) -> None:
    """Inputs of 64 KiB and more are staged in /job/files for their test alone: each test
    finds exactly its own input there, whole, and nothing is left after the session."""
    import json

    from judge.sandbox.docker import STAGED_INPUT_BYTES

    source = (
        "import os\n"
        "def probe(nums, tag):\n"
        "    staged = sorted(n for n in os.listdir('/job/files') if n.startswith('input-'))\n"
        "    texts = [open('/job/files/' + n).read() for n in staged]\n"
        "    return [tag, len(nums), sum(nums), staged, [json.loads(t)['tag'] for t in texts]]\n"
        "import json\n"
    )
    cases = []
    for i in range(3):
        data = {"nums": list(range(i, 30000 + i)), "tag": f"t{i}"}
        text = json.dumps(data)
        assert len(text) >= STAGED_INPUT_BYTES
        cases.append(JobCase(f"big{i}", data, 5000, input_json=text))
    small = JobCase("small", {"nums": [1, 2], "tag": "s"}, 5000)
    with docker_box.open(_job(source)) as session:
        outcomes = [session.run_case(c) for c in (*cases, small)]
    for i, outcome in enumerate(outcomes[:3]):
        assert outcome.status == "ok", outcome.error
        tag, count, total, staged, tags = outcome.value
        assert (tag, count, total) == (f"t{i}", 30000, sum(range(i, 30000 + i)))
        assert len(staged) == 1 and tags == [f"t{i}"]  # its own input, no other test's
    assert outcomes[3].value[3] == []  # a small input goes inline; nothing staged is left


PLANT_THE_NEXT_INPUT = """
import os, subprocess, sys

def probe(nums, tag):
    tried = []
    for n in range(1, 6):  # the staged names are guessable: plant, overwrite, remove
        path = f"/job/files/input-{n}.json"
        for attempt in ("plant", "remove"):
            try:
                if attempt == "plant":
                    with open(path, "w") as fh:
                        fh.write('{"nums": [0, 0], "tag": "forged"}')
                else:
                    os.unlink(path)
                tried.append(f"{attempt} {n} worked")
            except OSError:
                pass
    if tag == "t0":  # a helper that would rewrite the next test's input the moment it appears
        subprocess.Popen([sys.executable, "-c", (
            "import os, time\\n"
            "end = time.time() + 20\\n"
            "while time.time() < end:\\n"
            "    for n in range(1, 6):\\n"
            "        try:\\n"
            "            open(f'/job/files/input-{n}.json', 'w').write('{}')\\n"
            "        except OSError:\\n"
            "            pass\\n"
        )], start_new_session=True)
    return [tag, len(nums), sum(nums), tried]
"""


def test_a_staged_input_cannot_be_planted_changed_or_removed_by_the_learner(
    docker_box: DockerSandbox,
) -> None:
    """/job is read-only to learner code: no write, no unlink, neither from the test nor from a
    process it leaves behind to race the next test's input; every test gets its own input."""
    import json

    cases = []
    for i in range(3):
        data = {"nums": list(range(i, 30000 + i)), "tag": f"t{i}"}
        cases.append(JobCase(f"big{i}", data, 5000, input_json=json.dumps(data)))
    with docker_box.open(_job(PLANT_THE_NEXT_INPUT)) as session:
        outcomes = [session.run_case(c) for c in cases]
    for i, outcome in enumerate(outcomes):
        assert outcome.status == "ok", outcome.error
        assert outcome.value == [f"t{i}", 30000, sum(range(i, 30000 + i)), []], outcome.value


def test_ctrl_c_while_waiting_for_the_prepared_container_leaves_nothing(docker_box: DockerSandbox) -> None:
    """Ctrl-C while `open` waits for the container being made in the background: by the time
    the interrupt reaches the caller, that container is gone, and none appears after (the
    judge would exit now, and its daemon thread with it)."""
    job = _job("def probe():\n    return 1\n", (JobCase("a", {}, 5000),))
    main = threading.main_thread().ident
    assert main is not None
    docker_box.prepare("python")
    timer = threading.Timer(0.05, signal.pthread_kill, args=(main, signal.SIGINT))
    timer.start()
    try:
        with pytest.raises(KeyboardInterrupt):
            session = docker_box.open(job)
            session.close()
            time.sleep(5)  # made in under 50 ms after all: the interrupt lands here instead
    finally:
        timer.cancel()
        docker_box.close()
    end = time.monotonic() + 3
    while time.monotonic() < end:
        assert _our_containers(docker_box) == []
        time.sleep(0.1)


def test_a_session_closed_early_leaves_nothing(docker_box: DockerSandbox) -> None:
    session = docker_box.open(_job("import time\ndef probe():\n    time.sleep(60)\n"))
    session.close()
    session.close()  # twice is fine


def test_the_learner_cannot_reach_the_supervisor(docker_box: DockerSandbox) -> None:
    """The supervisor is root (uid 0, non-dumpable); the learner is nobody: it can neither
    read the job on the supervisor's stdin, nor signal it, nor change its limits."""
    src = """
import os, resource, signal
def attempt(fn):
    try:
        fn()
        return "done"
    except OSError as exc:
        return type(exc).__name__
def probe():
    status = open("/proc/1/status").read()
    uid = [l.split()[1] for l in status.splitlines() if l.startswith("Uid:")][0]
    return {
        "me": os.getuid(),
        "supervisor": int(uid),
        "stdin": attempt(lambda: open("/proc/1/fd/0", "rb").read(1)),
        "environ": attempt(lambda: open("/proc/1/environ", "rb").read()),
        "signal": attempt(lambda: os.kill(1, signal.SIGTERM)),
        "prlimit": attempt(lambda: resource.prlimit(1, resource.RLIMIT_NOFILE, (3, 3))),
        "job_file": os.path.exists("/job/job.json"),
    }
"""
    found = _probe(docker_box, src)
    assert found == {
        "me": 65534,
        "supervisor": 0,
        "stdin": "PermissionError",
        "environ": "PermissionError",
        "signal": "PermissionError",
        "prlimit": "PermissionError",
        "job_file": False,
    }


def test_output_lines_are_read_in_bounded_memory() -> None:
    """The collector of the container's stdout: frames split anywhere, stderr frames skipped,
    a line over the cap dropped (reported once), the next line intact."""
    from judge.sandbox.docker import _StdoutLines

    def frame(stream: int, data: bytes) -> bytes:
        return bytes([stream, 0, 0, 0]) + len(data).to_bytes(4, "big") + data

    ours, theirs = socket.socketpair()
    lines = _StdoutLines(ours, cap=1000)
    stream = (
        frame(1, b"first li")
        + frame(2, b"stderr is ignored\n")
        + frame(1, b"ne\n" + b"x" * 5000)
        + frame(1, b"y" * 5000 + b"\nlast\n")
    )

    def write() -> None:
        for i in range(0, len(stream), 7):  # in pieces smaller than a frame header
            theirs.sendall(stream[i : i + 7])
        theirs.close()

    writer = threading.Thread(target=write)
    writer.start()
    deadline = time.monotonic() + 10
    got = []
    while (line := lines.next(deadline)) is not None:
        got.append(line)
    writer.join()
    ours.close()
    assert got == [b"first line", _StdoutLines.TOO_LONG, b"last"]
    assert len(lines._line) == 0
