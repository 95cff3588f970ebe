"""A cgroup per local worker (judge/sandbox/cgroups.py): the whole tree's CPU time, a cap on
its processes and on their memory together, and nothing left behind.

The caps are asked of both sandboxes (Docker has them from its container); locally they need
the judge as root with writable cgroups (as CI runs), else the local half is skipped.
"""

from __future__ import annotations

import os
import signal
import time

import pytest

from judge.sandbox import Sandbox, cgroups
from judge.sandbox.local import LocalSandbox
from tests.test_redteam import _none_left, _token, run

NEVER = {"ok", "internal"}


def _local_cgroups_or_skip(sandbox: Sandbox) -> None:
    if sandbox.name.startswith("local") and cgroups.problem() is not None:
        pytest.skip(f"no cgroup per local worker here ({cgroups.problem()})")


def _ours() -> list[str]:
    """Worker cgroups of this process still on disk, in every hierarchy."""
    try:
        bases = {place.base for place in cgroups.layout().values()}
    except cgroups.CgroupError:
        return []
    prefix = f"judge-{os.getpid()}-"
    return [os.path.join(b, n) for b in sorted(bases) for n in os.listdir(b) if n.startswith(prefix)]


FORK_BOMB = """
import ctypes, os, time
libc = ctypes.CDLL(None)
TOKEN = b'{token}'
def f():
    for _ in range(200):  # bounded: the pids cap stops it long before
        if os.fork() == 0:
            libc.prctl(15, TOKEN, 0, 0, 0)  # PR_SET_NAME: findable from the host
            time.sleep(120)
            os._exit(0)
    return 200
"""


def test_a_fork_bomb_is_bounded(sandbox: Sandbox) -> None:
    """200 sleeping children: the pids cap (64 tasks) makes fork fail, the learner's error."""
    _local_cgroups_or_skip(sandbox)
    token = _token()
    [outcome] = run(sandbox, FORK_BOMB.format(token=token), limit_ms=10000)
    assert outcome.status in ("exception", "crash", "timeout"), (outcome.status, outcome.error)
    assert _none_left(token) == []
    assert _ours() == []


TWO_CHILDREN = """
import os, time
def f():
    size = {size}
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            block = b'x' * size  # written: every page resident
            time.sleep(3)
            os._exit(0 if block[-1:] == b'x' else 1)
        pids.append(pid)
    codes = [os.waitstatus_to_exitcode(os.waitpid(pid, 0)[1]) for pid in pids]
    if codes != [0, 0]:
        raise RuntimeError(f'a child ended with {{codes}}')
    return codes
"""


def test_memory_of_the_whole_tree_is_capped(sandbox: Sandbox) -> None:
    """Two children, each under the per-process limit (60% of it), together over it: MLE
    (the kernel killed one of them) or RE (the submission saw that), never AC."""
    _local_cgroups_or_skip(sandbox)
    memory_mb = 1024
    source = TWO_CHILDREN.format(size=int(memory_mb * 0.6) << 20)
    [outcome] = run(sandbox, source, memory_mb=memory_mb, limit_ms=20000)
    assert outcome.status in ("memory", "exception"), (outcome.status, outcome.error)
    assert _ours() == []


def test_one_child_within_the_limit_is_fine(sandbox: Sandbox) -> None:
    """The tree's cap leaves the job's own memory usable: one child of 60% is accepted."""
    source = TWO_CHILDREN.format(size=int(1024 * 0.6) << 20).replace("range(2)", "range(1)")
    source = source.replace("[0, 0]", "[0]")
    [outcome] = run(sandbox, source, memory_mb=1024, limit_ms=20000)
    assert outcome.status == "ok" and outcome.value == [0], (outcome.status, outcome.error)


def test_every_worker_cgroup_is_removed() -> None:
    """Runs that end every way (answer, crash, timeout, a prepared worker discarded) leave
    no judge-* cgroup of ours."""
    if cgroups.problem() is not None:
        pytest.skip(f"no cgroup per local worker here ({cgroups.problem()})")
    box = LocalSandbox()
    run(box, "def f():\n    return 1\n")
    run(box, "import os\ndef f():\n    os.kill(os.getpid(), 9)\n")
    run(box, "def f():\n    while True:\n        pass\n", limit_ms=300)
    box.prepare("python")
    box.close()
    assert _ours() == []


BURN_IN_SELF_REAPED_CHILDREN = 0.2


def _burn(seconds: float) -> None:
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass


@pytest.mark.parametrize("prefer_v2", [False, True], ids=["v1-first", "v2-first"])
def test_a_worker_cgroup_counts_children_reaped_by_the_kernel(prefer_v2: bool) -> None:
    """The cgroup's CPU figure (cpuacct.usage in v1, cpu.stat in v2) keeps the time of
    children that are gone without a trace in any parent's cutime."""
    if cgroups.problem(prefer_v2=prefer_v2) is not None:
        pytest.skip(f"no cgroup here ({cgroups.problem(prefer_v2=prefer_v2)})")
    group = cgroups.WorkerCgroup(cgroups.layout(prefer_v2=prefer_v2), 256)
    try:
        pid = os.fork()
        if pid == 0:
            try:
                group.join()
                signal.signal(signal.SIGCHLD, signal.SIG_IGN)
                for _ in range(2):
                    if os.fork() == 0:
                        _burn(BURN_IN_SELF_REAPED_CHILDREN)
                        os._exit(0)
                while True:  # every child gone (reaped by the kernel) ends the wait
                    try:
                        os.wait()
                    except ChildProcessError:
                        break
                os._exit(0)
            except BaseException:  # noqa: BLE001
                os._exit(1)
        _, status = os.waitpid(pid, 0)
        assert os.waitstatus_to_exitcode(status) == 0
        assert group.cpu_ns() >= 2 * BURN_IN_SELF_REAPED_CHILDREN * 0.9e9, group.cpu_ns()
    finally:
        group.remove()
    assert not any(os.path.exists(d) for d in group.folders)


def test_an_ordinary_user_gets_no_cgroup_and_is_told() -> None:
    """Without root, no cgroup: the reason is one phrase (for the sandbox's note line)."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            if os.geteuid() == 0:
                os.setresgid(65534, 65534, 65534)
                os.setresuid(65534, 65534, 65534)
            os.write(write_fd, str(cgroups.problem()).encode())
        finally:
            os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd) as fh:
        reason = fh.read()
    os.waitpid(pid, 0)
    assert reason == "the judge is not root"
