"""A harness for hostile submissions: a private world, the judge CLI as root or as nobody,
hashes of every watched place before and after, and the judge's own peak memory.

The world is a copy of the problems and reference solutions (so that an attack that works
damages a copy, never the repository), a cache folder, a TMPDIR for the judge and a folder
for submissions. As root, `Judge(as_user=True)` runs the CLI as uid/gid 65534 with no groups;
the interpreter lives under /root (0700), so that process gets a private mount namespace
where /root is a tmpfs showing only ~/.pyenv.
"""

from __future__ import annotations

import ctypes
import hashlib
import os
import resource
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
NOBODY = 65534
PEAK_LIMIT_KB = 256 << 10

_RUNNER = """\
import atexit, os, resource, sys
def _peak():
    with open(os.environ["HOSTILE_PEAK_FILE"], "w") as fh:
        fh.write(str(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss))
atexit.register(_peak)
sys.argv = ["judge", *sys.argv[1:]]
from judge.cli import main
main()
"""
"""The judge CLI, writing its own peak resident memory (KiB) at exit: the judge's process
only, not its workers (their memory is the learner's, limited by the sandbox)."""


def is_root() -> bool:
    return os.geteuid() == 0


def snapshot(*roots: Path) -> dict[str, str]:
    """path -> sha256 (files), link target (links), mode (folders), for everything under roots."""
    found: dict[str, str] = {}
    for root in roots:
        if not root.exists():
            found[str(root)] = "missing"
            continue
        for folder, dirs, files in os.walk(root):
            dirs.sort()
            found[folder] = f"dir {os.lstat(folder).st_mode:o}"
            for name in sorted(files):
                path = os.path.join(folder, name)
                if os.path.islink(path):
                    found[path] = "link " + os.readlink(path)
                elif os.path.isfile(path):
                    with open(path, "rb") as fh:
                        found[path] = hashlib.file_digest(fh, "sha256").hexdigest()
                else:
                    found[path] = "special"
    return found


def differences(before: dict[str, str], after: dict[str, str], cache: Path | None = None) -> list[str]:
    """What changed. Under `cache`, an entry that is new (the judge computed something this
    run: other engineers' edits can change cache keys mid-session) is accepted only when it
    carries a valid tag under the cache's key, which learner code never sees."""
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    if cache is None:
        return changed
    return [k for k in changed if not (k not in before and _judge_entry(cache, Path(k)))]


def _judge_entry(cache: Path, path: Path) -> bool:
    from judge.cache import MAGIC, _tag

    if path.is_dir() and path.parent == cache:
        return True  # a kind's folder
    try:
        key = (cache / "key").read_bytes()
        header, _, data = path.read_bytes().partition(b"\n")
    except OSError:
        return False
    kind, name = path.parent.name, path.name.removesuffix(".json")
    return path.parent.parent == cache and header == MAGIC + _tag(key, kind, name, data)


HONEST = """
def two_sum(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    return []
"""


def seed_cache(as_user: bool, into: Path) -> Path:
    """A cache filled by one honest run of two_sum (generated inputs, reference timings)."""
    with world(as_user) as w:
        result = run_judge(
            w, "run", "two_sum", str(w.submission("honest.py", HONEST)), "--sandbox", "local",
            "--no-complexity", as_user=as_user,
        )  # fmt: skip
        assert result.code == 0, result.stderr[-2000:]
        shutil.copytree(w.cache, into, symlinks=True)
    return into


@dataclass(frozen=True)
class Result:
    code: int
    stdout: str
    stderr: str
    peak_kb: int
    """The judge process's own peak resident memory (KiB), 0 if it did not say."""


@dataclass
class World:
    root: Path
    problems: Path
    solutions: Path
    cache: Path
    tmp: Path
    subs: Path
    owner: int

    def watched(self) -> tuple[Path, ...]:
        """Everything learner code must leave alone: problems, references, cache, submissions."""
        return (self.problems, self.solutions, self.cache, self.subs)

    def submission(self, name: str, text: str) -> Path:
        path = self.subs / name
        path.write_text(text)
        self._own(path)
        return path

    def _own(self, path: Path) -> None:
        if is_root() and self.owner != 0:
            os.chown(path, self.owner, self.owner, follow_symlinks=False)


@contextmanager
def world(as_user: bool, cache_from: Path | None = None) -> Iterator[World]:
    """A fresh world; owned by nobody when the judge runs as nobody (so that, without a jail,
    learner code could write to it: the jail is what must stop it). `cache_from` seeds the
    cache (a folder saved from an honest run), so that the judge itself writes nothing new."""
    root = Path(tempfile.mkdtemp(prefix="hostile-", dir="/tmp"))
    os.chmod(root, 0o755)
    try:
        w = World(
            root,
            root / "problems",
            root / "solutions_reference",
            root / "cache",
            root / "tmp",
            root / "subs",
            NOBODY if as_user and is_root() else os.geteuid(),
        )
        shutil.copytree(REPO / "problems", w.problems, ignore=shutil.ignore_patterns("__pycache__"))
        shutil.copytree(
            REPO / "solutions_reference", w.solutions, ignore=shutil.ignore_patterns("__pycache__")
        )
        if cache_from is not None:
            shutil.copytree(cache_from, w.cache)
        for folder in (w.cache, w.tmp, w.subs):
            folder.mkdir(exist_ok=True)
        os.chmod(w.cache, 0o777)  # world-writable, as a shared machine's might be
        if w.owner != os.geteuid():
            for folder, dirs, files in os.walk(root):
                for name in [*dirs, *files]:
                    os.chown(os.path.join(folder, name), w.owner, w.owner, follow_symlinks=False)
        yield w
    finally:
        shutil.rmtree(root, ignore_errors=True)


def _libc_mount(
    libc: ctypes.CDLL, src: str | None, dst: str, fstype: str | None, flags: int, data: str | None
) -> None:
    if libc.mount(
        src and src.encode(), dst.encode(), fstype and fstype.encode(), flags, data and data.encode()
    ):
        raise OSError(ctypes.get_errno(), f"mount {dst}")


_HOLD: list[str] = []


def _as_nobody() -> Callable[[], None]:
    libc = ctypes.CDLL(None, use_errno=True)
    if not _HOLD:
        _HOLD.append(tempfile.mkdtemp(prefix="hostile-pyenv-"))
    hold = _HOLD[0]
    prefix = "/root/.pyenv"

    def preexec() -> None:
        if sys.prefix.startswith("/root/"):
            if libc.unshare(0x00020000):  # CLONE_NEWNS
                raise OSError(ctypes.get_errno(), "unshare")
            _libc_mount(libc, None, "/", None, (1 << 14) | (1 << 18), None)  # MS_REC | MS_PRIVATE
            _libc_mount(libc, prefix, hold, None, 4096, None)  # MS_BIND
            _libc_mount(libc, "tmpfs", "/root", "tmpfs", 0, "mode=0755,size=1m")
            os.mkdir(prefix)
            _libc_mount(libc, hold, prefix, None, 4096, None)
        os.setgroups([])
        os.setresgid(NOBODY, NOBODY, NOBODY)
        os.setresuid(NOBODY, NOBODY, NOBODY)

    return preexec


def run_judge(
    w: World,
    *args: str,
    as_user: bool = False,
    address_space_kb: int | None = None,
    timeout: float = 240,
) -> Result:
    """`judge ARGS` in a subprocess with the world's problems, cache and TMPDIR."""
    peak_file = w.root / f"peak-{os.urandom(4).hex()}"
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(w.root),
        "JUDGE_PROBLEMS": str(w.problems),
        "JUDGE_SOLUTIONS": str(w.solutions),
        "JUDGE_CACHE_DIR": str(w.cache),
        "TMPDIR": str(w.tmp),
        "HOSTILE_PEAK_FILE": str(peak_file),
        "PYTHONPATH": str(REPO),
        "LANG": "C.UTF-8",
    }
    demote = _as_nobody() if as_user and is_root() else None
    if as_user and is_root():
        peak_file.touch()
        os.chown(peak_file, NOBODY, NOBODY)

    def preexec() -> None:
        if address_space_kb is not None:
            resource.setrlimit(resource.RLIMIT_AS, (address_space_kb << 10, address_space_kb << 10))
        if demote is not None:
            demote()

    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, *args],
        capture_output=True,
        text=True,
        cwd=str(w.root),
        env=env,
        timeout=timeout,
        preexec_fn=preexec,
    )
    try:
        peak = int(peak_file.read_text() or 0)
    except (OSError, ValueError):
        peak = 0
    return Result(done.returncode, done.stdout, done.stderr, peak)
