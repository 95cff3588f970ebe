"""A cgroup per local worker (the judge as root): exact CPU time, and caps on the whole tree.

Standard library only: supervisor.py imports it on the local path. Per-process rlimits cannot
bound how many processes a submission starts or their memory together, and a process-tree
meter loses the CPU time of children the kernel reaps by itself (SIGCHLD ignored); a cgroup
does all three. Both cgroup versions are read from /proc/self/mountinfo: a controller mounted
in a v1 hierarchy is used there (below the judge's own cgroup of that hierarchy), else in the
v2 hierarchy (below its root, where controllers may be enabled for children). Each worker
gets `judge-<judge pid>-<n>` in every hierarchy used and joins it itself, in its preexec
before anything is exec'd; killing the worker kills whatever is left in it and removes it.
"""

from __future__ import annotations

import atexit
import errno
import itertools
import os
import re
import signal
import time
from dataclasses import dataclass

PIDS_MAX = 64
"""Processes and threads of one worker's tree together (Docker's pids limit here too)."""
MEMORY_EXTRA_MB = 64 + 32
"""Beyond the job's memory: the scratch tmpfs (its pages are charged to the cgroup) and the
jail's two idle processes."""
REMOVE_WAIT_S = 5.0

_V1_NAMES = {"cpu": "cpuacct", "pids": "pids", "memory": "memory"}
_NAME = re.compile(r"judge-(\d+)-\d+")
_COUNTER = itertools.count()
_LIVE: set[WorkerCgroup] = set()
_SWEPT: set[str] = set()


_PROBLEMS: dict[tuple[int, bool], str | None] = {}
_LAYOUTS: dict[bool, dict[str, Place]] = {}


class CgroupError(Exception):
    """No cgroup can be made or used here; the message says why (one short phrase)."""


@dataclass(frozen=True)
class Place:
    """Where one controller's worker cgroups are made."""

    base: str
    v2: bool


def _unescape(field: str) -> str:
    return re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), field)


def _mounts() -> list[tuple[str, str, str, set[str]]]:
    """(root, mount point, fstype, super options) of each cgroup mount we can see."""
    found = []
    with open("/proc/self/mountinfo") as fh:
        for line in fh:
            left, _, right = line.partition(" - ")
            fields, tail = left.split(), right.split()
            if len(fields) >= 5 and len(tail) >= 3 and tail[0] in ("cgroup", "cgroup2"):
                found.append((_unescape(fields[3]), _unescape(fields[4]), tail[0], set(tail[2].split(","))))
    return found


def _own_paths() -> tuple[dict[str, str], str | None]:
    """The judge's own cgroup: {v1 controller: path}, and the v2 path (None without one)."""
    v1: dict[str, str] = {}
    v2 = None
    with open("/proc/self/cgroup") as fh:
        for line in fh:
            _, controllers, path = line.rstrip("\n").split(":", 2)
            if controllers:
                for name in controllers.split(","):
                    v1[name] = path
            else:
                v2 = path
    return v1, v2


def layout(*, prefer_v2: bool = False) -> dict[str, Place]:
    """Where the cpu (usage), pids and memory cgroups of a worker go; CgroupError if any of
    the three cannot be had. `prefer_v2` tries the v2 hierarchy first (for tests)."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        raise CgroupError("the judge is not root")
    if prefer_v2 not in _LAYOUTS:
        _LAYOUTS[prefer_v2] = _layout(prefer_v2)
    return _LAYOUTS[prefer_v2]


def _layout(prefer_v2: bool) -> dict[str, Place]:
    try:
        mounts = _mounts()
        own_v1, _ = _own_paths()
    except (OSError, ValueError) as exc:
        raise CgroupError(f"cgroups unreadable: {exc}") from None
    v1: dict[str, Place] = {}
    v2: dict[str, Place] = {}
    for root, point, fstype, options in mounts:
        if fstype == "cgroup2":
            if not v2:
                v2 = _v2_places(point)
            continue
        for key, name in _V1_NAMES.items():
            own = own_v1.get(name)
            if name in options and key not in v1 and own is not None and _under(own, root):
                rel = own[len(root.rstrip("/")) :].lstrip("/")
                v1[key] = Place(os.path.join(point, rel) if rel else point, False)
    first, second = (v2, v1) if prefer_v2 else (v1, v2)
    places = {key: first.get(key) or second.get(key) for key in _V1_NAMES}
    missing = [key for key, place in places.items() if place is None]
    if missing:
        raise CgroupError(f"no writable cgroup controller for {', '.join(missing)}")
    return {key: place for key, place in places.items() if place is not None}


def _under(path: str, folder: str) -> bool:
    return folder == "/" or path == folder or path.startswith(folder.rstrip("/") + "/")


def _v2_places(point: str) -> dict[str, Place]:
    """The v2 hierarchy's root, for the controllers it has (enabled for children if need be).
    CPU usage (cpu.stat) needs no controller in v2."""
    places = {"cpu": Place(point, True)}
    try:
        available = set(_read(os.path.join(point, "cgroup.controllers")).split())
        enabled = set(_read(os.path.join(point, "cgroup.subtree_control")).split())
    except OSError:
        return {}
    for name in ("pids", "memory"):
        if name in available and name not in enabled:
            try:
                _write(os.path.join(point, "cgroup.subtree_control"), f"+{name}")
                enabled.add(name)
            except OSError:
                pass
        if name in enabled:
            places[name] = Place(point, True)
    return places


def _read(path: str) -> str:
    with open(path) as fh:
        return fh.read()


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _field(path: str, key: str) -> int:
    for line in _read(path).splitlines():
        name, _, value = line.partition(" ")
        if name == key:
            return int(value)
    return 0


class WorkerCgroup:
    """One worker's cgroup (one folder per hierarchy used): made with its limits, joined by
    the worker itself (`join`, in its preexec), read by the supervisor, removed with it."""

    def __init__(self, places: dict[str, Place], memory_mb: int, pids_max: int = PIDS_MAX) -> None:
        for place in places.values():
            _sweep(place.base)
        self.name = f"judge-{os.getpid()}-{next(_COUNTER)}"
        self.places = places
        self.dirs = {key: os.path.join(place.base, self.name) for key, place in places.items()}
        self.folders = list(dict.fromkeys(self.dirs.values()))
        self.removed = False
        made = []
        try:
            for folder in self.folders:
                os.mkdir(folder, 0o755)
                made.append(folder)
            _LIVE.add(self)
            _write(os.path.join(self.dirs["pids"], "pids.max"), str(int(pids_max)))
            self.set_memory(memory_mb)
            self.cpu_ns()
        except (OSError, ValueError) as exc:
            self.remove()
            raise CgroupError(f"cgroup {self.name}: {exc}") from None
        self._procs = [os.path.join(folder, "cgroup.procs").encode() for folder in self.folders]

    def join(self) -> None:
        """Move the calling process in (every hierarchy): in a preexec, before exec. Only
        os calls on prepared bytes, as a forked child of a threaded judge may make."""
        for path in self._procs:
            fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
            try:
                os.write(fd, b"0")
            finally:
                os.close(fd)

    def set_memory(self, memory_mb: int) -> None:
        """The whole tree's memory (no swap): the job's limit and MEMORY_EXTRA_MB."""
        value = str((int(memory_mb) + MEMORY_EXTRA_MB) << 20)
        folder = self.dirs["memory"]
        if self.places["memory"].v2:
            _write(os.path.join(folder, "memory.max"), value)
            swap = os.path.join(folder, "memory.swap.max")
            if os.path.exists(swap):
                _write(swap, "0")
            return
        files = [os.path.join(folder, "memory.limit_in_bytes")]
        memsw = os.path.join(folder, "memory.memsw.limit_in_bytes")
        if os.path.exists(memsw):
            files.append(memsw)  # memory + swap: never above the memory limit
        try:  # lowering: memory first; raising: memory + swap first (it may not be below)
            for path in files:
                _write(path, value)
        except OSError:
            for path in reversed(files):
                _write(path, value)

    def cpu_ns(self) -> int:
        """CPU time of every process and thread that ever ran here, in nanoseconds."""
        folder = self.dirs["cpu"]
        if self.places["cpu"].v2:
            return _field(os.path.join(folder, "cpu.stat"), "usage_usec") * 1000
        return int(_read(os.path.join(folder, "cpuacct.usage")))

    def oom_kills(self) -> int:
        """Processes of this tree the kernel killed for memory (0 if unknown)."""
        folder = self.dirs["memory"]
        name = "memory.events" if self.places["memory"].v2 else "memory.oom_control"
        try:
            return _field(os.path.join(folder, name), "oom_kill")
        except (OSError, ValueError):
            return 0

    def remove(self) -> None:
        """Kill whatever is still inside and remove every folder (waits for the last task)."""
        if self.removed:
            return
        self.removed = True
        _LIVE.discard(self)
        deadline = time.monotonic() + REMOVE_WAIT_S
        for folder in self.folders:
            _remove(folder, deadline)


def _kill_all(folder: str) -> None:
    kill = os.path.join(folder, "cgroup.kill")
    if os.path.exists(kill):
        try:
            _write(kill, "1")
        except OSError:
            pass
    try:
        pids = [int(p) for p in _read(os.path.join(folder, "cgroup.procs")).split()]
    except (OSError, ValueError):
        return
    for pid in pids:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _remove(folder: str, deadline: float) -> bool:
    pause = 0.0005
    while True:
        try:
            os.rmdir(folder)
            return True
        except FileNotFoundError:
            return True
        except OSError as exc:
            if exc.errno != errno.EBUSY or time.monotonic() > deadline:
                return False
        _kill_all(folder)
        time.sleep(pause)  # a killed process's exit takes a few ms: look often, then less
        pause = min(pause * 2, 0.01)


def _sweep(base: str) -> None:
    """Once per base and process: remove the empty worker cgroups of judges that are gone
    (killed outright before they could). One still populated is left alone: its judge may
    live in another pid namespace."""
    if base in _SWEPT:
        return
    _SWEPT.add(base)
    try:
        names = os.listdir(base)
    except OSError:
        return
    for name in names:
        match = _NAME.fullmatch(name)
        if match is None or int(match.group(1)) == os.getpid():
            continue
        try:
            os.kill(int(match.group(1)), 0)
            continue  # that judge still runs
        except ProcessLookupError:
            pass
        except OSError:
            continue
        try:
            os.rmdir(os.path.join(base, name))
        except OSError:
            pass


@atexit.register
def _remove_all() -> None:
    """A worker cgroup left at exit (its worker never killed) goes with the judge."""
    for group in list(_LIVE):
        group.remove()


def problem(*, prefer_v2: bool = False) -> str | None:
    """Whether workers get cgroups here: None, or why not (one short phrase). Asked once per
    process (and user): makes one with its limits, reads it and removes it. (Whether a process
    can join is seen at the worker's start, which then runs without one if it cannot.)"""
    key = (os.geteuid(), prefer_v2)
    if key not in _PROBLEMS:
        try:
            WorkerCgroup(layout(prefer_v2=prefer_v2), 64).remove()
            _PROBLEMS[key] = None
        except CgroupError as exc:
            _PROBLEMS[key] = str(exc)
    return _PROBLEMS[key]
