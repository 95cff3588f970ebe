"""Where the judge keeps what it can compute again: generated inputs, reference timings.

What is read back is trusted (a generated input, a reference's time decides TLE), so every
entry carries an HMAC-SHA256 of its kind, key and text under a per-user secret key (`key`,
0600, in the cache folder, 0700). An entry whose tag does not match, that is too big, or that
is not a regular file is ignored and computed again. Learner code never sees the cache: the
local jail and the container do not contain it. A cache folder whose key file is not ours
alone (another user could have planted it) is not used at all.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import re
import secrets
import stat
import tempfile
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

MAGIC = b"judge-cache-v2 "
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,127}")
MAX_ENTRY_BYTES = 128 << 20
"""Larger entries are not read (a planted huge file must not eat the judge's memory)."""


def cache_dir() -> Path:
    env = os.environ.get("JUDGE_CACHE_DIR")
    if env:
        return Path(env)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "judge"


def digest(parts: Iterable[bytes | str]) -> str:
    h = hashlib.sha256()
    for part in parts:
        h.update(part.encode() if isinstance(part, str) else part)
        h.update(b"\0")
    return h.hexdigest()[:24]


def files_digest(paths: Iterable[Path], *extra: str) -> str:
    parts: list[bytes | str] = list(extra)
    for path in sorted(paths):
        parts += [str(path.name), path.read_bytes()]
    return digest(parts)


# -- the secret key ---------------------------------------------------------------------


def _own_private(info: os.stat_result) -> bool:
    return stat.S_ISREG(info.st_mode) and info.st_uid == os.geteuid() and not info.st_mode & 0o077


def _read_key(path: Path) -> bytes | None:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        if not _own_private(os.fstat(fd)):
            return None
        key = os.read(fd, 64)
    finally:
        os.close(fd)
    return key if len(key) == 32 else None


@cache
def _key(folder: Path) -> bytes | None:
    """The folder's key, made on first use; None when the folder cannot be trusted."""
    path = folder / "key"
    key = _read_key(path)
    if key is not None:
        return key
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    except FileExistsError:
        return _read_key(path)  # another judge made it meanwhile, or someone planted one
    except OSError:
        return None
    new = secrets.token_bytes(32)
    try:
        os.write(fd, new)
    finally:
        os.close(fd)
    return _read_key(path)


def _tag(key: bytes, kind: str, name: str, data: bytes) -> bytes:
    mac = hmac.new(key, digestmod=hashlib.sha256)
    mac.update(f"{kind}\0{name}\0".encode())
    mac.update(data)
    return mac.hexdigest().encode()


def _entry(kind: str, key: str) -> Path | None:
    """The entry's file; None for names that could point elsewhere ("..", "/")."""
    if not (_NAME.fullmatch(kind) and _NAME.fullmatch(key)):
        return None
    return cache_dir() / kind / f"{key}.json"


# -- entries ----------------------------------------------------------------------------


def read_text(kind: str, key: str) -> str | None:
    """The text stored under (kind, key), if it is there and its tag is right."""
    secret = _key(cache_dir())
    path = _entry(kind, key)
    if secret is None or path is None:
        return None
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_CLOEXEC | os.O_NONBLOCK)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_ENTRY_BYTES:
            return None
        with os.fdopen(os.dup(fd), "rb") as fh:
            raw = fh.read(info.st_size + 1)
    except OSError:
        return None
    finally:
        os.close(fd)
    header, newline, data = raw.partition(b"\n")
    if not newline or not header.startswith(MAGIC):
        return None
    if not hmac.compare_digest(header[len(MAGIC) :], _tag(secret, kind, key, data)):
        return None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return None


def read_json(kind: str, key: str) -> Any | None:
    text = read_text(kind, key)
    try:
        return None if text is None else json.loads(text)
    except ValueError:
        return None


def write_text(kind: str, key: str, text: str) -> None:
    """Atomic, and silent on failure: a cache that cannot be written only costs time."""
    root = cache_dir()
    path = _entry(kind, key)
    try:
        root.mkdir(mode=0o700, parents=True, exist_ok=True)
        secret = _key(root)
        if secret is None or path is None:
            return
        folder = path.parent
        folder.mkdir(mode=0o700, exist_ok=True)
        data = text.encode("utf-8")
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(MAGIC + _tag(secret, kind, key, data) + b"\n")
            fh.write(data)
        os.replace(tmp, path)
    except OSError:
        pass


def write_json(kind: str, key: str, value: Any) -> None:
    write_text(kind, key, json.dumps(value, separators=(",", ":")))
