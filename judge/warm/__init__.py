"""Warm sandboxes: a process of its own keeps ready sandboxes for the next submissions.

`judge warm start` starts it (server.py); it listens on a Unix socket in a private runtime
folder (0700, see `runtime_dir`), keeps a small pool of ready sandboxes per backend (Docker:
containers created and started, their supervisor waiting for its job on stdin; local: jailed
workers started, the SQL one with DuckDB imported), hands each to exactly one session (one
submission's run of its tests) and then discards it, refilling the pool in the background,
and exits after an idle timeout or `judge warm stop`. `judge run` and `judge grade` find it
through client.py and use it unless `--cold`; without it, everything runs cold.
"""

from __future__ import annotations

import functools
import hashlib
import os
import stat
import tempfile
from pathlib import Path

from judge.errors import UserError

SOCKET_NAME = "warm.sock"
STATE_NAME = "warm.json"
LOG_NAME = "warm.log"


class RuntimeDirError(UserError):
    """The runtime folder exists but is not ours alone: it is not used."""


def runtime_dir(create: bool = False) -> Path:
    """The private folder of the warm process's socket: $JUDGE_RUNTIME_DIR, else
    $XDG_RUNTIME_DIR/judge, else <tmp>/judge-<uid>; 0700 and ours, or RuntimeDirError."""
    env = os.environ.get("JUDGE_RUNTIME_DIR")
    if env:
        path = Path(env)
    elif os.environ.get("XDG_RUNTIME_DIR"):
        path = Path(os.environ["XDG_RUNTIME_DIR"]) / "judge"
    else:
        path = Path(tempfile.gettempdir()) / f"judge-{os.geteuid()}"
    if create:
        try:
            path.mkdir(mode=0o700, parents=True)
        except FileExistsError:
            pass
    try:
        info = os.lstat(path)
    except FileNotFoundError:
        return path
    if not stat.S_ISDIR(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        raise RuntimeDirError(
            f"{path} is not a private folder of yours (0700); remove it or set JUDGE_RUNTIME_DIR"
        )
    return path


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


_PACKAGE = Path(__file__).resolve().parent.parent
_CODE = ("__init__.py", "errors.py", "warm/*.py", "sandbox/*.py", "sandbox/workers/*.py")


@functools.cache
def code_version() -> str:
    """A digest of the code both sides of the socket run (protocol, supervisor, sandboxes,
    workers), read once per process: a judge upgraded or edited while a warm process runs
    does not use it (an old supervisor with new workers, another protocol: wrong verdicts)."""
    digest = hashlib.sha256()
    for pattern in _CODE:
        for path in sorted(_PACKAGE.glob(pattern)):
            digest.update(f"{path.relative_to(_PACKAGE)}\0".encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]
