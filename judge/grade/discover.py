"""Finding a learner's solutions by file name (`<slug>.py`, `<slug>.sql`) anywhere below
their folder, in the work tree or in a commit's tree, skipping VCS folders, virtual
environments and dependency folders."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Protocol

from judge.grade import deadline

SKIP_DIRS = frozenset(
    {
        ".git",
        ".hg",
        ".svn",
        ".venv",
        "venv",
        "env",
        ".env",
        "virtualenv",
        "node_modules",
        "__pycache__",
        "site-packages",
        ".tox",
        ".nox",
        ".mypy_cache",
        ".pytest_cache",
        ".ruff_cache",
        ".ipynb_checkpoints",
        "grades",
    }
)
"""Folder names never searched. `grades` is `judge grade`'s own default output folder."""
MAX_DEPTH = 12


class Tree(Protocol):
    """The files of one learner's submission: a folder, or a commit of a repository."""

    def files(self) -> Iterable[str]: ...
    def read(self, path: str) -> bytes: ...


@dataclass(frozen=True)
class WorkTree:
    root: Path

    def files(self) -> Iterator[str]:
        for dirpath, dirnames, filenames in os.walk(self.root, followlinks=False):
            rel = Path(dirpath).relative_to(self.root)
            if len(rel.parts) >= MAX_DEPTH or (Path(dirpath) / "pyvenv.cfg").exists():
                dirnames[:] = []
                continue
            dirnames[:] = sorted(d for d in dirnames if d not in SKIP_DIRS)
            for name in sorted(filenames):
                path = Path(dirpath) / name
                if not path.is_symlink():  # a link could point at anything on this machine
                    yield (rel / name).as_posix()

    def read(self, path: str) -> bytes:
        return (self.root / path).read_bytes()


@dataclass(frozen=True)
class GitTree:
    root: Path
    commit: str

    def files(self) -> list[str]:
        paths = deadline.list_files(self.root, self.commit)
        parents = {str(PurePosixPath(p).parent) for p in paths if PurePosixPath(p).name == "pyvenv.cfg"}
        return [
            p
            for p in paths
            if not any(part in SKIP_DIRS for part in PurePosixPath(p).parts[:-1])
            and not any(p.startswith(v + "/") for v in parents)
            and len(PurePosixPath(p).parts) <= MAX_DEPTH
        ]

    def read(self, path: str) -> bytes:
        return deadline.read_file(self.root, self.commit, path)


def find_solutions(tree: Tree, wanted: dict[str, tuple[str, ...]]) -> dict[str, str]:
    """slug -> path of its solution in the tree, for the slugs found.

    `wanted` maps each slug to the file extensions its submissions may have, in order of
    preference. Of several candidates the shallowest wins, then the preferred extension,
    then the first by name, so the choice is the same on every run.
    """
    names = {f"{slug}{ext}": (slug, rank) for slug, exts in wanted.items() for rank, ext in enumerate(exts)}
    best: dict[str, tuple[int, int, str]] = {}
    for path in tree.files():
        hit = names.get(PurePosixPath(path).name)
        if hit is None:
            continue
        slug, rank = hit
        key = (len(PurePosixPath(path).parts), rank, path)
        if slug not in best or key < best[slug]:
            best[slug] = key
    return {slug: key[2] for slug, key in best.items()}
