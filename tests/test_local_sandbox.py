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
    box.warm("python")
    src = "def probe():\n    x = bytearray(200 << 20)\n    return len(x)\n"
    job = Job("python", {"source": src, "function": "probe"}, (JobCase("probe", {}, 5000),), 64, 1 << 20)
    [outcome] = box.run(job)
    assert outcome.status == "memory"
    roomy = Job("python", {"source": src, "function": "probe"}, (JobCase("probe", {}, 5000),), 512, 1 << 20)
    box.warm("python")
    [outcome] = box.run(roomy)
    assert outcome.status == "ok" and outcome.value == 200 << 20


def test_a_discarded_warm_worker_leaves_nothing() -> None:
    box = LocalSandbox()
    box.warm("sql")
    assert box._warm is not None
    _, scratch, worker = box._warm
    box.discard_warm()
    assert worker.proc.poll() is not None
    assert not Path(scratch).exists()
