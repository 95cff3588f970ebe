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
from pathlib import Path

from judge.runtime import LAUNCH_SOCKET_NAME as LAUNCH_SOCKET_NAME
from judge.runtime import RuntimeDirError as RuntimeDirError
from judge.runtime import runtime_path

SOCKET_NAME = "warm.sock"
STATE_NAME = "warm.json"
LOG_NAME = "warm.log"


def runtime_dir(create: bool = False) -> Path:
    """The private folder of the warm process's sockets (see `judge.runtime`)."""
    return Path(runtime_path(create))


def socket_path() -> Path:
    return runtime_dir() / SOCKET_NAME


_PACKAGE = Path(__file__).resolve().parent.parent


def package_version() -> str:
    """A digest of every module file of the judge as it is now: name, size and modification
    time, which is what Python's own bytecode cache trusts (a read of ~100 inodes, no file)."""
    digest = hashlib.sha256()
    for path in sorted(_PACKAGE.rglob("*.py")):
        info = path.stat()
        digest.update(f"{path.relative_to(_PACKAGE)}\0{info.st_size}\0{info.st_mtime_ns}\0".encode())
    return digest.hexdigest()[:16]


@functools.cache
def code_version() -> str:
    """The judge's code as this process loaded it (read once, at its start): a judge upgraded
    or edited while a warm process runs does not use it, nor its launcher (an old supervisor
    with new workers, another protocol, a child running old code: wrong verdicts)."""
    return package_version()
