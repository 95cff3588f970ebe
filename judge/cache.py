"""Where the judge keeps what it can compute again: generated inputs, reference timings."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any


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


def read_text(kind: str, key: str) -> str | None:
    try:
        return (cache_dir() / kind / f"{key}.json").read_text()
    except OSError:
        return None


def read_json(kind: str, key: str) -> Any | None:
    text = read_text(kind, key)
    try:
        return None if text is None else json.loads(text)
    except ValueError:
        return None


def write_text(kind: str, key: str, text: str) -> None:
    """Atomic, and silent on failure: a cache that cannot be written only costs time."""
    folder = cache_dir() / kind
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        with os.fdopen(fd, "w") as fh:
            fh.write(text)
        os.replace(tmp, folder / f"{key}.json")
    except OSError:
        pass


def write_json(kind: str, key: str, value: Any) -> None:
    write_text(kind, key, json.dumps(value, separators=(",", ":")))
