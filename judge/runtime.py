"""The private runtime folder of the warm process's sockets, found with the standard library's
lightest modules only: the `judge` command looks here before it imports anything else."""

from __future__ import annotations

import os
import stat

from judge.errors import UserError

LAUNCH_SOCKET_NAME = "run.sock"
"""The warm launcher's socket (judge/warm/launcher.py), beside the warm process's own."""


class RuntimeDirError(UserError):
    """The runtime folder exists but is not ours alone: it is not used."""


def runtime_path(create: bool = False) -> str:
    """$JUDGE_RUNTIME_DIR, else $XDG_RUNTIME_DIR/judge, else <tmp>/judge-<uid>; 0700 and
    ours, or RuntimeDirError (a folder someone else can write could hold a planted socket)."""
    path = os.environ.get("JUDGE_RUNTIME_DIR")
    if not path:
        if os.environ.get("XDG_RUNTIME_DIR"):
            path = os.path.join(os.environ["XDG_RUNTIME_DIR"], "judge")
        else:
            import tempfile  # not on the hot path: XDG_RUNTIME_DIR is set in most sessions

            path = os.path.join(tempfile.gettempdir(), f"judge-{os.geteuid()}")
    if create:
        try:
            os.makedirs(path, mode=0o700)
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
