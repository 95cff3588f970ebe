"""Problem code is imported into the judge only as it was before any learner code ran.

A problem's checker.py and generator.py run in the judge's own process. Where learner code
could write to the problem's folder (the local sandbox without its jail), a replaced checker
would accept anything. So `seal` hashes a problem's folders (the problem and its reference
solutions) the first time this process sees them, `load_module` executes exactly the sealed
bytes of a file (never a cached .pyc), and `verify` says loudly which file changed. A change
is never a verdict: it is `ProblemChanged`, one line, exit 2.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from judge.errors import UserError
from judge.paths import solutions_root

if TYPE_CHECKING:
    from judge.models import Problem

SKIPPED_DIRS = frozenset({"__pycache__"})
"""Bytecode the judge never reads (load_module compiles the sealed source itself)."""

_SEALS: dict[Path, dict[str, str]] = {}


class ProblemChanged(UserError):
    """A problem file changed while the judge ran: nothing it says can be trusted."""


def _hash(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb", buffering=0) as fh:
        while chunk := fh.read(1 << 20):
            h.update(chunk)
    return h.hexdigest()


def snapshot(folder: Path) -> dict[str, str]:
    """relative path -> sha256 of every file (a link's target text, for links)."""
    found: dict[str, str] = {}
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in SKIPPED_DIRS)
        for name in sorted(files):
            path = Path(root, name)
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                found[rel] = "link:" + os.readlink(path)
            elif path.is_file():
                found[rel] = _hash(path)
            else:
                found[rel] = "special"
    return found


def seal(*folders: Path) -> None:
    """Remember these folders as they are now; a folder already sealed keeps its first seal."""
    for folder in folders:
        key = folder.resolve()
        if key not in _SEALS and key.is_dir():
            _SEALS[key] = snapshot(key)


def verify(*folders: Path) -> None:
    """ProblemChanged naming the first file that differs from the seal."""
    for folder in folders:
        key = folder.resolve()
        sealed = _SEALS.get(key)
        if sealed is None:
            continue
        now = snapshot(key) if key.is_dir() else {}
        if now != sealed:
            changed = sorted(set(now) ^ set(sealed) | {k for k in now if sealed.get(k) != now[k]})
            raise ProblemChanged(
                f"{key / changed[0]} changed while the judge ran (learner code may have written "
                "it); nothing is judged: restore the problem's files and run again."
            )


def forget(*folders: Path) -> None:
    """Drop seals (an instructor editing a problem in a long-lived process, tests)."""
    for folder in folders:
        _SEALS.pop(folder.resolve(), None)


def load_module(path: Path, name: str) -> ModuleType:
    """Execute a problem's Python file as a fresh module, from the exact bytes that were
    sealed (if its folder was sealed): a changed file is ProblemChanged, never imported."""
    path = path.resolve()
    data = path.read_bytes()
    for folder, sealed in _SEALS.items():
        if path.is_relative_to(folder):
            rel = str(path.relative_to(folder))
            if sealed.get(rel) != hashlib.sha256(data).hexdigest():
                raise ProblemChanged(
                    f"{path} changed while the judge ran (learner code may have written it); "
                    "it is not loaded: restore the problem's files and run again."
                )
    module = ModuleType(name)
    module.__file__ = str(path)
    sys.modules[name] = module  # dataclasses and pickling look a module up by name
    try:
        exec(compile(data, str(path), "exec", dont_inherit=True), module.__dict__)
    except BaseException:
        sys.modules.pop(name, None)
        raise
    return module


def problem_folders(problem: Problem) -> tuple[Path, ...]:
    """A problem's folder and its reference solutions' folder."""
    return (problem.path, solutions_root() / problem.slug)


def seal_problem(problem: Problem) -> None:
    """Call before any learner code runs for this problem (judge_source does)."""
    seal(*problem_folders(problem))


def verify_problem(problem: Problem) -> None:
    """Call after learner code ran, before trusting anything about the problem again."""
    verify(*problem_folders(problem))
