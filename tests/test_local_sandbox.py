"""What the local sandbox promises beyond verdicts: its scratch space and its network."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import pytest

from judge.sandbox import Job, JobCase, RawOutcome
from judge.sandbox.local import LocalSandbox


def _probe(source: str, **kwargs: object) -> RawOutcome:
    job = Job("python", {"source": source, "function": "probe"}, (JobCase("probe", {}, 5000),), 256, 1 << 20)
    [outcome] = LocalSandbox(**kwargs).run(job)  # type: ignore[arg-type]
    return outcome


def _can_unshare() -> bool:
    return os.geteuid() == 0 or Path("/proc/sys/kernel/unprivileged_userns_clone").read_text().strip() == "1"


@pytest.mark.skipif(not _can_unshare(), reason="this OS allows no new namespaces here")
def test_no_network_but_loopback() -> None:
    outcome = _probe("import socket\ndef probe():\n    return sorted(n for _, n in socket.if_nameindex())\n")
    assert outcome.value == ["lo"]


def test_scratch_is_the_working_directory_and_goes_away() -> None:
    outcome = _probe(
        "import os\ndef probe():\n    open('notes.txt', 'w').write('x')\n"
        "    return [os.getcwd(), os.environ['HOME']]\n"
    )
    cwd, home = outcome.value  # type: ignore[misc]
    assert cwd == home and Path(cwd).name.startswith("judge-scratch-")
    assert Path(cwd).parent == Path(tempfile.gettempdir())
    assert not Path(cwd).exists()


def test_big_files_are_cut_off() -> None:
    """A learner cannot fill the disk: files stop growing at the sandbox's size limit."""
    outcome = _probe("def probe():\n    open('big', 'wb').write(b'x' * (64 << 20))\n    return 1\n")
    assert outcome.status in ("crash", "exception")
    assert "file size" in outcome.error or "File too large" in outcome.error


def test_the_worker_is_reused_across_tests() -> None:
    job = Job(
        "python",
        {"source": "import os\ndef probe():\n    return os.getpid()\n", "function": "probe"},
        tuple(JobCase(f"t{i}", {}, 2000) for i in range(5)),
        256,
        1 << 20,
    )
    pids = {o.value for o in LocalSandbox().run(job)}
    assert len(pids) == 1


def test_a_warm_worker_takes_its_jobs_limits() -> None:
    """A worker started before its job is known still runs under that job's limits."""
    box = LocalSandbox()
    box.prepare("python")
    src = "def probe():\n    x = bytearray(200 << 20)\n    return len(x)\n"
    job = Job("python", {"source": src, "function": "probe"}, (JobCase("probe", {}, 5000),), 64, 1 << 20)
    [outcome] = box.run(job)
    assert outcome.status == "memory"
    roomy = Job("python", {"source": src, "function": "probe"}, (JobCase("probe", {}, 5000),), 512, 1 << 20)
    box.prepare("python")
    [outcome] = box.run(roomy)
    assert outcome.status == "ok" and outcome.value == 200 << 20


def test_a_discarded_warm_worker_leaves_nothing() -> None:
    box = LocalSandbox()
    box.prepare("sql")
    assert box._prepared is not None
    _, place, worker = box._prepared
    box.close()
    assert worker.proc.poll() is not None
    assert not Path(place.scratch).exists() and not Path(place.files).exists()


def test_a_worker_started_ahead_is_used_where_the_jail_works(monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker started before the jail is probed (the probe would delay it) assumes one; the
    probe then agrees, and the job takes that worker rather than starting another."""
    from judge.sandbox import local

    monkeypatch.setattr(local, "_JAIL_CHECKED", {})
    box = LocalSandbox()
    box.prepare("python")
    assert box._prepared is not None and local._JAIL_CHECKED == {}  # started without a probe
    started = box._prepared[2]
    job = Job("python", {"source": "def probe():\n    return 7\n", "function": "probe"}, (), 256, 1 << 20)
    with box.open(job) as session:
        assert session._supervisor.prestarted is started
        assert session.run_case(JobCase("p", {}, 5000)).value == 7


def test_a_worker_started_ahead_is_dropped_where_the_probe_finds_no_jail(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Where the probe then finds no jail, the worker started on the assumption is killed and
    the job gets what the probe's answer gives: as root, a refusal; as a user, an unjailed
    worker (with its note)."""
    from judge.errors import SandboxUnavailable
    from judge.sandbox import jail, local

    monkeypatch.setattr(local, "_JAIL_CHECKED", {})
    monkeypatch.setattr(jail, "check", lambda plan: "user namespaces are off here (a test)")
    box = LocalSandbox()
    box.prepare("python")
    assert box._prepared is not None
    _, place, started = box._prepared
    job = Job("python", {"source": "def probe():\n    return 7\n", "function": "probe"}, (), 256, 1 << 20)
    if os.geteuid() == 0:
        with pytest.raises(SandboxUnavailable, match="user namespaces are off"):
            box.open(job)
    else:
        with box.open(job) as session:
            assert session._supervisor.prestarted is None
            assert session.run_case(JobCase("p", {}, 5000)).value == 7
        assert box.notes and "without its jail" in box.notes[0]
    assert started.proc.wait(timeout=10) is not None
    assert not Path(place.scratch).exists()
    box.close()


def test_a_session_runs_cases_one_by_one() -> None:
    """open() takes a job without cases; each case is sent when the caller has it."""
    job = Job(
        "python", {"source": "def probe(x):\n    return x * 2\n", "function": "probe"}, (), 256, 1 << 20
    )
    with LocalSandbox() as box, box.open(job) as session:
        got = [session.run_case(JobCase(f"t{i}", {"x": i}, 2000)).value for i in range(3)]
    assert got == [0, 2, 4]


def test_stop_on_timeout_skips_the_rest() -> None:
    src = "def probe():\n    while True:\n        pass\n"
    cases = tuple(JobCase(f"t{i}", {}, 200) for i in range(3))
    job = Job("python", {"source": src, "function": "probe"}, cases, 256, 1 << 20, stop_on_timeout=True)
    assert [o.status for o in LocalSandbox().run(job)] == ["timeout", "skipped", "skipped"]


def test_a_judge_under_a_low_memory_limit_still_prepares_workers() -> None:
    """Issue 8, point 8: the pre-started worker asked for 4 GiB; under `ulimit -v 2000000`
    that failed every local run. Run in a child process so the limit stays there."""
    import subprocess
    import sys

    code = (
        "import resource; resource.setrlimit(resource.RLIMIT_AS, (2000000 << 10, 2000000 << 10))\n"
        "from judge.sandbox import Job, JobCase\n"
        "from judge.sandbox.local import LocalSandbox\n"
        "box = LocalSandbox(); box.prepare('python'); print(box._prepared is not None)\n"
        "job = Job('python', {'source': 'def probe():\\n    return 7\\n', 'function': 'probe'},"
        " (JobCase('p', {}, 5000),), 256, 1 << 20)\n"
        "[o] = box.run(job); print(o.status, o.value)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["True", "ok", "7"], done.stderr


BURN_ONCE = """\
import time
BURNED = []
def two_sum(nums, target):
    if not BURNED:
        start = time.process_time()
        while time.process_time() - start < 0.9:  # 0.9 s of CPU: the limit is 1 s (+0.25 s)
            pass
        BURNED.append(1)
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
"""
HOG = "import time\nend = time.monotonic() + 20\nwhile time.monotonic() < end:\n    pass\n"


@pytest.mark.skipif(not Path("/proc/self/schedstat").exists(), reason="the kernel keeps no run delays here")
def test_a_test_kept_off_the_cpu_by_a_busy_machine_still_passes(tmp_path: Path) -> None:
    """Four busy processes share one CPU with the judge and its worker, so a test needing
    0.9 s of CPU takes ~4.5 s of wall time: more than twice its limit, which stops a test that
    sleeps. The time its thread waited for the CPU is added to that backstop: it gets AC."""
    import json
    import subprocess
    import sys

    cpu = min(os.sched_getaffinity(0))
    pin = lambda: os.sched_setaffinity(0, {cpu})  # noqa: E731
    hogs = [subprocess.Popen([sys.executable, "-c", HOG], preexec_fn=pin) for _ in range(4)]
    try:
        solution = tmp_path / "burn.py"
        solution.write_text(BURN_ONCE)
        cmd = [sys.executable, "-m", "judge", "run", "two_sum", str(solution), "--sandbox", "local"]
        done = subprocess.run(
            [*cmd, "--format", "json", "--no-complexity"], preexec_fn=pin, capture_output=True, timeout=60
        )
    finally:
        for hog in hogs:
            hog.kill()
            hog.wait()
    report = json.loads(done.stdout)
    assert report["verdict"] == "AC", [(t["name"], t["verdict"], t["message"]) for t in report["tests"]]
