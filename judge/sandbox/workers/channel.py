"""The worker's end of the result channel, shared by the language workers.

Results travel as JSON lines on a file descriptor of their own, never on stdout, so what the
learner prints cannot pass for a result. The pid-namespace split also lives here because every
worker starts the same way.
"""

from __future__ import annotations

import json
import os
import signal
import sys
import traceback
from collections.abc import Callable
from typing import Any


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


def _in_new_pid_namespace() -> bool:
    try:
        return os.readlink("/proc/self/ns/pid") != os.readlink("/proc/self/ns/pid_for_children")
    except OSError:
        return False


def start(req_fd: int, res_fd: int) -> Channel:
    """Say hello with the pid to kill; in a fresh pid namespace, fork its init first.

    Killing a namespace's init kills every process in it, including children that called
    setsid() to leave the process group, so the supervisor can always clean up.
    """
    if _in_new_pid_namespace():
        pid = os.fork()
        if pid:
            _mirror_child(pid, res_fd)
    else:
        _hello(res_fd, os.getpid(), pidns=False)
    return Channel(req_fd, res_fd)


def _hello(res_fd: int, pid: int, *, pidns: bool) -> None:
    os.write(res_fd, (json.dumps({"hello": pid, "pidns": pidns}) + "\n").encode())


def _mirror_child(pid: int, res_fd: int) -> None:
    """The outer process: report the init's pid, let go of every pipe, exit as the init did."""
    _hello(res_fd, pid, pidns=True)
    os.closerange(0, 1024)
    _, status = os.waitpid(pid, 0)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
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
