"""The worker's end of the result channel, shared by the language workers.

Results travel as JSON lines on a file descriptor of their own, never on stdout, so what the
learner prints cannot pass for a result. The pid-namespace split also lives here because every
worker starts the same way.
"""

from __future__ import annotations

import json
import os
import resource
import sys
import traceback
from collections.abc import Callable
from typing import Any


def add_site_packages() -> None:
    """The supervisor starts workers with -S: no .pth file of the host runs in the sandbox, and
    a start costs a third of one with `site` (its .pth files import what they like). The
    installed packages (numpy, pandas, duckdb) are still found, and exit()/quit() exist as
    learners expect."""
    if not sys.flags.no_site:
        return
    import site

    prefixes = [sys.prefix, sys.exec_prefix]
    if sys.prefix != sys.base_prefix and _venv_includes_system():
        prefixes += [sys.base_prefix, sys.base_exec_prefix]
    for path in site.getsitepackages(prefixes):
        if os.path.isdir(path) and path not in sys.path:
            sys.path.append(path)
    site.setquit()


def _venv_includes_system() -> bool:
    try:
        with open(os.path.join(sys.prefix, "pyvenv.cfg")) as fh:
            lines = [line.partition("=") for line in fh]
    except OSError:
        return False
    return any(k.strip() == "include-system-site-packages" and v.strip() == "true" for k, _, v in lines)


add_site_packages()


class Channel:
    def __init__(self, req_fd: int, res_fd: int) -> None:
        self._req = os.fdopen(req_fd, "rb", buffering=1 << 16)
        self._res_fd = res_fd

    def send(self, message: dict[str, Any]) -> None:
        data = (json.dumps(message, separators=(",", ":")) + "\n").encode()
        view = memoryview(data)
        while view:
            view = view[os.write(self._res_fd, view) :]

    def receive(self) -> dict[str, Any] | None:
        line = self._req.readline()
        return json.loads(line) if line else None

    def receive_setup(self) -> dict[str, Any] | None:
        """The job's setup; its rlimits take effect here, before any learner code runs.

        A worker may be started before its job is known (to overlap its start with the
        judge's); the limits it was started with are then only an upper bound.
        """
        setup = self.receive()
        if setup is not None:
            drop_to = setup.get("drop_to")
            if drop_to:  # started as root (the container's supervisor): become nobody now
                os.setgroups([])
                os.setgid(int(drop_to[1]))
                os.setuid(int(drop_to[0]))
                if os.getuid() == 0 or os.geteuid() == 0:
                    raise SystemExit("refusing to run learner code as root")
            for name, value in (setup.get("rlimits") or {}).items():
                res = getattr(resource, name)
                hard = value + 1 if name == "RLIMIT_CPU" else value  # SIGXCPU first, then kill
                current = resource.getrlimit(res)[1]
                if current != resource.RLIM_INFINITY:
                    hard = min(hard, current)
                resource.setrlimit(res, (min(value, hard), hard))
        return setup


def _in_new_pid_namespace() -> bool:
    """True after unshare(CLONE_NEWPID): our children would start a new pid namespace.

    Until its first process exists, that namespace's link cannot be read (ENOENT).
    """
    try:
        if "pid_for_children" not in os.listdir("/proc/self/ns"):
            return False
        return os.readlink("/proc/self/ns/pid") != os.readlink("/proc/self/ns/pid_for_children")
    except FileNotFoundError:
        return True
    except OSError:
        return False


def start(req_fd: int, res_fd: int) -> Channel:
    """Say hello with the pid to kill; in a fresh pid namespace, set up its init first.

    Killing a namespace's init kills every process in it, including children that called
    setsid() to leave the process group, so the supervisor can always clean up. The init is
    ours (it only waits); the learner's code runs below it, not as pid 1, where signals
    without handlers would be ignored.
    """
    _first_to_die()
    if _in_new_pid_namespace():
        pid = os.fork()
        if pid:
            _hello(res_fd, pid, pidns=True)
            _mirror_child(pid)
        pid = os.fork()  # we are the namespace's init now
        if pid:
            _mirror_child(pid)
    else:
        _hello(res_fd, os.getpid(), pidns=False)
    return Channel(req_fd, res_fd)


def _first_to_die() -> None:
    """Out of memory, the kernel kills the worker first, never the supervisor beside it."""
    try:
        with open("/proc/self/oom_score_adj", "w") as fh:
            fh.write("1000")
    except OSError:
        pass


def _hello(res_fd: int, pid: int, *, pidns: bool) -> None:
    os.write(res_fd, (json.dumps({"hello": pid, "pidns": pidns}) + "\n").encode())


def _mirror_child(pid: int) -> None:
    """Let go of every pipe, reap whatever is orphaned to us, and end as `pid` ended."""
    os.closerange(0, 1024)
    while True:
        try:
            done, status = os.wait()
        except ChildProcessError:
            os._exit(1)
        if done == pid:
            break
    # A pid 1 cannot kill itself with a signal, so a death by signal N is told as 128 + N.
    if os.WIFSIGNALED(status):
        os._exit(128 + os.WTERMSIG(status))
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


def fds_from_argv() -> tuple[int, int]:
    return int(sys.argv[1]), int(sys.argv[2])


def main(serve: Callable[[Channel], None]) -> None:
    """Run a worker; an exception escaping it is the judge's bug, reported as such (IE)."""
    ch = start(*fds_from_argv())
    try:
        serve(ch)
    except Exception:  # noqa: BLE001 - the learner's exceptions are caught inside serve()
        ch.send({"status": "internal", "error": traceback.format_exc(limit=-3)})
