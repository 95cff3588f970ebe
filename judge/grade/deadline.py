"""Deadlines from git: the last commit before a time, read without touching the work tree.

Learner repositories are untrusted: git runs with hooks and fsmonitor off, no pager, no
prompts, and only plumbing commands that read objects (rev-list, ls-tree, cat-file).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from judge.errors import UserError

GIT_TIMEOUT_S = 60
_SAFE = ("-c", "core.fsmonitor=false", "-c", "core.hooksPath=/dev/null", "--no-pager")


class GitError(Exception):
    """git failed on a learner's repository (not a repository, corrupt, no such commit)."""


@dataclass(frozen=True)
class Deadline:
    text: str
    timestamp: int
    iso: str


@dataclass(frozen=True)
class Commit:
    id: str
    time: str
    """Committer time, ISO 8601 with the offset (what `--before` compares against)."""


def git(repo: Path, *args: str, binary: bool = False) -> str | bytes:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_OPTIONAL_LOCKS": "0"}
    try:
        proc = subprocess.run(
            ["git", *_SAFE, "-C", str(repo), *args],
            capture_output=True,
            env=env,
            timeout=GIT_TIMEOUT_S,
            check=False,
        )
    except FileNotFoundError as exc:
        raise UserError("git is not installed; --before needs it to read the learners' history.") from exc
    except subprocess.TimeoutExpired as exc:
        raise GitError(f"git {args[0]} took longer than {GIT_TIMEOUT_S} s") from exc
    if proc.returncode != 0:
        why = proc.stderr.decode("utf-8", "replace").strip().splitlines()
        raise GitError(why[-1] if why else f"git {args[0]} failed")
    return proc.stdout if binary else proc.stdout.decode("utf-8", "replace")


def is_repo(path: Path) -> bool:
    return (path / ".git").exists()


def head_commit(repo: Path) -> Commit | None:
    """The checked-out commit, to record with a grade of the work tree (None: no commits)."""
    try:
        out = str(git(repo, "log", "-1", "--format=%H %cI", "HEAD")).strip()
    except GitError:
        return None
    commit_id, _, when = out.partition(" ")
    return Commit(commit_id, when) if commit_id else None


def commit_before(repo: Path, deadline: Deadline) -> Commit | None:
    """The last commit (reachable from HEAD) whose committer time is before the deadline."""
    out = str(git(repo, "rev-list", "-1", f"--before=@{deadline.timestamp}", "HEAD")).strip()
    if not out:
        return None
    when = str(git(repo, "show", "-s", "--format=%cI", out)).strip()
    return Commit(out, when)


def list_files(repo: Path, commit: str) -> list[str]:
    """Paths of the blobs in the commit's tree, relative to the repository root."""
    out = bytes(git(repo, "ls-tree", "-r", "-z", "--name-only", commit, binary=True))  # type: ignore[arg-type]
    return [p.decode("utf-8", "replace") for p in out.split(b"\0") if p]


def read_file(repo: Path, commit: str, path: str) -> bytes:
    return bytes(git(repo, "cat-file", "blob", f"{commit}:{path}", binary=True))  # type: ignore[arg-type]


def parse_deadline(text: str) -> Deadline:
    """`--before`: an ISO date and time ('2026-12-15 23:59', '2026-12-15T23:59+01:00').

    Without an offset it is the grading machine's local time, as git would read it (CI
    runners use UTC). Parsed here once, so a typo fails before any learner is graded.
    """
    try:
        when = datetime.fromisoformat(text.strip())
    except ValueError as exc:
        raise UserError(
            f"--before '{text}' is not a date and time; write it as '2026-12-15 23:59' "
            "(optionally with an offset: '2026-12-15 23:59+01:00')."
        ) from exc
    if when.tzinfo is None:
        when = when.astimezone()
    return Deadline(text, int(when.timestamp()), when.isoformat())
