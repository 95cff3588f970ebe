"""What crosses the warm socket: JSON lines, a job without its tests, one test at a time.

Client and server are the same user's processes (the folder is 0700 and the server checks
the peer's uid), so messages are the judge's own; learner code never reaches the socket.
"""

from __future__ import annotations

import json
import os
import socket
import struct
from pathlib import Path
from typing import Any

from judge.sandbox import Job, JobCase


def job_to_wire(job: Job) -> dict[str, Any]:
    return {
        "worker": job.worker,
        "setup": job.setup,
        "memory_mb": job.memory_mb,
        "output_bytes": job.output_bytes,
        "files": [[name, str(path)] for name, path in job.files],
        "load_timeout_ms": job.load_timeout_ms,
        "address_space_mb": job.address_space_mb,
        "stop_on_timeout": job.stop_on_timeout,
        "learner_in_worker": job.learner_in_worker,
    }


def job_from_wire(d: dict[str, Any]) -> Job:
    return Job(
        worker=str(d["worker"]),
        setup=dict(d["setup"]),
        cases=(),
        memory_mb=int(d["memory_mb"]),
        output_bytes=int(d["output_bytes"]),
        files=tuple((str(name), Path(path)) for name, path in d["files"]),
        load_timeout_ms=int(d["load_timeout_ms"]),
        address_space_mb=None if d["address_space_mb"] is None else int(d["address_space_mb"]),
        stop_on_timeout=bool(d["stop_on_timeout"]),
        learner_in_worker=bool(d["learner_in_worker"]),
    )


def case_to_wire(case: JobCase) -> bytes:
    """A test as one line; a generated input's JSON text follows it as raw bytes (their
    count in the line), never escaped into a JSON string and back."""
    head: dict[str, Any] = {"op": "case", "name": case.name, "time_limit_ms": case.time_limit_ms}
    head["repeat"] = case.repeat
    if case.input_json is None:
        head["input"] = case.input
        return json.dumps(head, separators=(",", ":")).encode() + b"\n"
    raw = case.input_json.encode()
    head["input_json_bytes"] = len(raw)
    return json.dumps(head, separators=(",", ":")).encode() + b"\n" + raw


def case_from_wire(d: dict[str, Any], lines: Lines) -> JobCase:
    raw = d.get("input_json_bytes")
    if raw is None and "input" not in d:  # another protocol: never a learner's None input
        raise ValueError("a test without its input")
    return JobCase(
        name=str(d["name"]),
        input=d.get("input"),
        time_limit_ms=float(d["time_limit_ms"]),
        repeat=int(d.get("repeat", 1)),
        input_json=None if raw is None else lines.read_exact(int(raw)).decode(),
    )


class Lines:
    """JSON lines over a connected stream socket."""

    def __init__(self, sock: socket.socket) -> None:
        self.sock = sock
        self._reader = sock.makefile("rb")

    def send(self, message: dict[str, Any] | bytes) -> None:
        data = (
            message
            if isinstance(message, bytes)
            else json.dumps(message, separators=(",", ":")).encode() + b"\n"
        )
        self.sock.sendall(data)

    def receive(self) -> dict[str, Any] | None:
        line = self._reader.readline()
        if not line:
            return None
        message = json.loads(line)
        if not isinstance(message, dict):
            raise ValueError("a warm message that is not a JSON object")
        return message

    def read_exact(self, count: int) -> bytes:
        data = self._reader.read(count)
        if len(data) != count:
            raise ValueError("the connection ended inside a message")
        return data

    def close(self) -> None:
        try:
            self._reader.close()
        finally:
            self.sock.close()


def same_user(conn: socket.socket) -> bool:
    """Only the user who started us (the folder is 0700 already; this is the second lock)."""
    try:
        creds = conn.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
    except (OSError, AttributeError):
        return True  # no SO_PEERCRED here: the folder's mode is the lock
    _pid, uid, _gid = struct.unpack("3i", creds)
    return uid == os.geteuid()
