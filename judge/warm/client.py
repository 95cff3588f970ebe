"""The judge's side of the warm sandboxes: find them, use them as a Sandbox, start and stop them.

`find` costs a stat when no warm process runs, and one round trip on its socket when one
does. A `WarmSandbox` behaves as the backend it stands for (its name is "docker" or "local",
so cached reference times are shared with the cold path); each of its sessions is one
connection, served by one ready sandbox that is discarded afterwards.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from judge.errors import SandboxUnavailable
from judge.sandbox import Job, JobCase, OutcomeStatus, RawOutcome, SandboxBase, SessionBase
from judge.warm import LOG_NAME, RuntimeDirError, code_version, protocol, runtime_dir, socket_path

CONNECT_TIMEOUT_S = 2.0
REPLY_SLACK_S = 60.0
"""Beyond a test's own allowance, before the judge gives up on the warm process's answer."""
START_WAIT_S = 30.0
CLOSE_WAIT_S = 30.0


def _connect(timeout: float = CONNECT_TIMEOUT_S, path: Path | None = None) -> protocol.Lines | None:
    try:
        path = path or socket_path()
    except RuntimeDirError:
        return None
    if not path.exists():
        return None
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.settimeout(timeout)
    try:
        sock.connect(str(path))
    except OSError:
        sock.close()
        return None
    return protocol.Lines(sock)


def request(message: dict[str, Any], timeout: float = CONNECT_TIMEOUT_S) -> dict[str, Any] | None:
    """One request, one reply; None when no warm process answers."""
    lines = _connect(timeout)
    if lines is None:
        return None
    try:
        lines.send(message)
        return lines.receive()
    except (OSError, ValueError):
        return None
    finally:
        lines.close()


def status() -> dict[str, Any] | None:
    return request({"op": "status"})


STALE_NOTE = (
    "sandbox: the warm sandboxes run another version of the judge, so this run did not use them"
    " (`judge warm stop`, then `judge warm start`)"
)


def find(name: str = "auto") -> tuple[WarmSandbox | None, tuple[str, ...]]:
    """Warm sandboxes for `--sandbox NAME` (or None: the judge runs cold) and what the user
    should be told; a warm process running other code than ours is never used."""
    reply = request({"op": "hello"})
    if not reply or not isinstance(reply.get("backends"), dict):
        return None, ()
    if reply.get("version") != code_version():
        return None, (STALE_NOTE,)
    backends = reply["backends"]
    pick = name if name != "auto" else ("docker" if "docker" in backends else "local")
    if pick not in backends:
        return None, ()
    return WarmSandbox(pick, tuple(backends[pick].get("notes", ()))), ()


class WarmSession(SessionBase):
    """One connection to the warm process: one ready sandbox serving one job's tests."""

    def __init__(self, backend: str, job: Job, path: Path | None = None) -> None:
        self._job = job
        lines = _connect(path=path)
        if lines is None:
            raise SandboxUnavailable(
                "The warm sandboxes stopped answering; run again (cold) or `judge warm start`."
            )
        self._lines: protocol.Lines | None = lines
        try:
            lines.sock.settimeout(START_WAIT_S + REPLY_SLACK_S)
            lines.send({"op": "open", "backend": backend, "job": protocol.job_to_wire(job)})
            reply = lines.receive()
        except (OSError, ValueError) as exc:
            self.close()
            raise SandboxUnavailable(f"The warm sandboxes did not answer ({exc}); run with --cold.") from None
        if not reply or not reply.get("ok"):
            self.close()
            why = (reply or {}).get("error", "no answer")
            raise RuntimeError(f"the warm {backend} sandbox could not be opened: {why}")

    def run_case(self, case: JobCase, meanwhile: Callable[[], None] | None = None) -> RawOutcome:
        if self._lines is None:
            raise RuntimeError("run_case on a closed session")
        allowance = case.time_limit_ms * case.repeat / 1000 + self._job.load_timeout_ms / 1000
        try:
            self._lines.sock.settimeout(allowance + REPLY_SLACK_S)
            self._lines.send(protocol.case_to_wire(case))
            if meanwhile is not None:
                meanwhile()
            reply = self._lines.receive()
            outcome = reply.get("outcome") if reply else None
            if not isinstance(outcome, dict):
                raise ValueError("no outcome")
        except (OSError, ValueError) as exc:
            self.close()
            return RawOutcome(case.name, OutcomeStatus.INTERNAL, error=f"lost the warm sandbox: {exc}")
        return RawOutcome.from_dict(outcome)

    def close(self) -> None:
        lines, self._lines = self._lines, None
        if lines is None:
            return
        try:
            lines.sock.settimeout(CLOSE_WAIT_S)
            lines.send({"op": "close"})
            lines.receive()  # once the sandbox's processes are gone, as a cold close
        except (OSError, ValueError):
            pass
        finally:
            lines.close()  # the warm process removes the sandbox, whatever we sent


class WarmSandbox(SandboxBase):
    """The warm process's sandboxes of one backend, behind the Sandbox protocol."""

    def __init__(self, backend: str, notes: tuple[str, ...] = (), path: Path | None = None) -> None:
        self.name = backend
        self.notes = notes
        self.path = path
        """The warm process's socket; None: the default one (`judge.warm.socket_path`)."""

    def open(self, job: Job) -> WarmSession:
        return WarmSession(self.name, job, self.path)


def start(sandbox: str = "auto", size: int = 2, idle_minutes: float = 30.0) -> dict[str, Any]:
    """Start the warm process (if none of this judge's code runs) and wait until it answers;
    its status. One running another version of the judge is stopped first."""
    current = status()
    if current is not None:
        if current.get("version") == code_version():
            return current
        stop()
    folder = runtime_dir(create=True)
    cmd = [
        sys.executable,
        "-m",
        "judge.warm.server",
        "--sandbox",
        sandbox,
        "--size",
        str(size),
        "--idle-minutes",
        str(idle_minutes),
    ]
    with open(folder / LOG_NAME, "ab") as logfile:
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=logfile,
            stderr=logfile,
            start_new_session=True,
            close_fds=True,
            env={**os.environ},
        )
    deadline = time.monotonic() + START_WAIT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SandboxUnavailable(f"The warm process could not start: {_last_line(folder / LOG_NAME)}")
        current = status()
        if current is not None:
            return current
        time.sleep(0.05)
    proc.terminate()
    raise SandboxUnavailable(
        f"The warm process did not answer within {START_WAIT_S:.0f} s; see {folder / LOG_NAME}."
    )


def stop(timeout: float = 30.0) -> int | None:
    """Stop the warm process and wait for it to go; its pid, or None when none ran."""
    reply = request({"op": "stop"})
    if reply is None:
        return None
    pid = int(reply.get("pid", 0))
    deadline = time.monotonic() + timeout
    while pid and alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return pid


def alive(pid: int) -> bool:
    """Running (a zombie, ended but not yet reaped by whoever started it, is not)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            return fh.read().rsplit(b")", 1)[1].split()[0] != b"Z"
    except (OSError, IndexError):
        return True


def describe(info: dict[str, Any]) -> str:
    """`judge warm status` for people."""
    up = time.time() - float(info.get("started", time.time()))
    lines = [
        f"warm sandboxes: pid {info.get('pid')}, up {_duration(up)}, idle {_duration(info.get('idle_s', 0))}"
        f" (they stop after {_duration(info.get('idle_timeout_s', 0))} idle, or with `judge warm stop`)"
    ]
    for name, pool in sorted(info.get("pools", {}).items()):
        lines.append(
            f"  {name:<14} {pool['ready']} ready of {pool['size']}, {pool['starting']} starting,"
            f" {pool['served']} served"
        )
    for backend in info.get("backends", {}).values():
        lines += [f"  note: {n}" for n in backend.get("notes", ())]
    if info.get("version") != code_version():
        lines.append("  note: another version of the judge: runs do not use it (stop, then start)")
    launcher = info.get("launcher")
    lines.append(f"  launcher: pid {launcher}" if launcher else "  launcher: none (runs start cold)")
    lines.append(f"  socket: {info.get('socket')}")
    return "\n".join(lines)


def _duration(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}h {s % 3600 // 60}m" if s >= 3600 else f"{s // 60}m {s % 60}s" if s >= 60 else f"{s}s"


def _last_line(path: os.PathLike[str]) -> str:
    try:
        with open(path, "rb") as fh:
            lines = fh.read()[-4000:].decode("utf-8", "replace").strip().splitlines()
    except OSError:
        return "see its log"
    return lines[-1] if lines else "see its log"
