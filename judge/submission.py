"""Reading the submission file safely, before any sandbox exists.

The path comes from the user, but the file may have been put there by someone else (a shared
folder, a graded cohort): it is opened without following a final symbolic link, must be a
regular file, and is read only up to the stated maximum. A FIFO is opened without blocking and
refused. Messages never show the file's content, so a link to a secret cannot leak it.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from judge.errors import SubmissionError

_KINDS = (
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_source(path: Path, max_bytes: int) -> str:
    """The file's text (UTF-8, undecodable bytes replaced); SubmissionError (exit 2) otherwise."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise SubmissionError(f"No such file: {path}. Give the path to your solution file.") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise SubmissionError(
                f"{path} is a symbolic link; submit the file itself, not a link to it."
            ) from None
        if exc.errno == errno.ENXIO:
            raise SubmissionError(
                f"{path} is not a regular file (a socket?); submit a plain text file."
            ) from None
        raise SubmissionError(f"Cannot read {path}: {exc.strerror}.") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise SubmissionError(f"{path} is a directory; give the path to your solution file.")
        if not stat.S_ISREG(info.st_mode):
            kind = next((name for test, name in _KINDS if test(info.st_mode)), "not a regular file")
            raise SubmissionError(f"{path} is {kind}, not a regular file; submit a plain text file.")
        too_big = SubmissionError(f"{path} is larger than {max_bytes >> 10} KiB; is it the right file?")
        if info.st_size > max_bytes:
            raise too_big
        os.set_blocking(fd, True)
        chunks: list[bytes] = []
        left = max_bytes + 1
        while left > 0:
            try:
                chunk = os.read(fd, min(left, 1 << 16))
            except OSError as exc:
                raise SubmissionError(f"Cannot read {path}: {exc.strerror}.") from None
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        if left <= 0:
            raise too_big  # it grew while we read
    finally:
        os.close(fd)
    return b"".join(chunks).decode("utf-8", errors="replace")
