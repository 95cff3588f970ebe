"""The trusted side of a sandbox: starts a worker, feeds it tests, enforces the limits.

Standard library only, because the same file runs in the judge's process (local sandbox) and
as the container's pid 1 (`python3 supervisor.py`, Docker sandbox, the job on its stdin). One
worker process serves every test of a submission; after a crash, a timeout or a memory error
the whole process tree is killed and a fresh worker is started for the next test.

Nothing the worker sends is trusted: lines are capped (MAX_LINE), parsed under caps on size
and nesting, and checked field by field (check_reply); a bad message is the learner's RE
(`protocol`). Time is the supervisor's own: wall time by its clock, CPU time of the worker's
whole process tree (or the container's cgroup) from outside, counted from the end of the
previous test, so the first test also pays for loading the submission.

An outcome is a plain dict (it crosses a container boundary as JSON):
status: ok | exception | exit | crash | timeout | memory | output_limit | bad_value
        | load_error | load_timeout | protocol | internal | skipped
"""

from __future__ import annotations

import ctypes
import errno
import json
import math
import os
import resource
import selectors
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from typing import Any

Outcome = dict[str, Any]

CLONE_NEWNS = 0x00020000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000

GRACE_S = 0.25
"""Allowance for moving a test's input and answer through the pipes, beyond the limit."""
WALL_FACTOR = 2.0
"""A test may take this many times its limit (and grace) in wall time while its CPU is under
the limit: the backstop for a learner that waits rather than computes."""
MAX_WALL_FACTOR = 6.0
"""However busy the machine, no test takes more than this many times its limit in wall time."""
MIN_CPU_READ_S = 0.005
CPUS = os.cpu_count() or 1
SHOWN_OUTPUT = 8192
"""How much of what a test printed is kept to show; more is counted, not kept."""
PASSED_THROUGH = (
    "exception",
    "exit",
    "bad_value",
    "memory",
    "timeout",
    "output_limit",
    "load_error",
    "internal",
)
"""Statuses a worker may report for a test itself; anything else breaks the protocol."""
STOPPING = ("timeout", "load_timeout", "memory")
_SIGNAL_TEXT = {
    signal.SIGSEGV: "segmentation fault (a recursion too deep for the stack?)",
    signal.SIGABRT: "aborted",
    signal.SIGBUS: "bus error",
    signal.SIGFPE: "floating-point exception",
    signal.SIGKILL: "killed",
    signal.SIGXCPU: "CPU time limit",
    signal.SIGXFSZ: "file size limit exceeded",
}


def _unshare(flags: int) -> bool:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return libc.unshare(flags) == 0
    except (OSError, AttributeError):
        return False


_RESET_SIGNALS = [
    s for s in signal.valid_signals() if s not in (signal.SIGKILL, signal.SIGSTOP, signal.SIGPIPE)
]


def rlimits_for(limits: dict[str, Any]) -> dict[str, int]:
    """The rlimits a job's worker runs under, by resource name (sent to the worker too)."""
    cpu = int(limits.get("cpu_s", 60))
    return {
        "RLIMIT_AS": int(limits.get("address_space_mb") or limits["memory_mb"]) << 20,
        "RLIMIT_FSIZE": int(limits.get("fsize_mb", 16)) << 20,
        "RLIMIT_CORE": 0,
        "RLIMIT_NOFILE": int(limits.get("nofile", 64)),
        "RLIMIT_CPU": cpu,
    }


def rlimit_pairs(limits: dict[str, Any]) -> list[tuple[int, tuple[int, int]]]:
    """(resource, (soft, hard)) for a job, never above our own hard limits: a judge started
    under `ulimit -v` cannot raise them, and asking to would fail every worker's start."""
    pairs = []
    for name, value in rlimits_for(limits).items():
        res = getattr(resource, name)
        hard = value + 1 if res == resource.RLIMIT_CPU else value  # SIGXCPU first, then kill
        current = resource.getrlimit(res)[1]
        if current != resource.RLIM_INFINITY:
            hard = min(hard, current)
        pairs.append((res, (min(value, hard), hard)))
    return pairs


def _make_preexec(
    limits: dict[str, Any], namespaces: bool, join: Callable[[], None] | None = None
) -> Callable[[], None]:
    values = rlimit_pairs(limits)
    is_root = os.geteuid() == 0

    def preexec() -> None:
        os.setsid()
        for sig in _RESET_SIGNALS:  # ignored signals would pass to the worker through exec
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        if join is not None:  # into the worker's cgroup, before anything is exec'd
            join()
        for res, pair in values:
            resource.setrlimit(res, pair)
        if namespaces:
            base = CLONE_NEWNET | CLONE_NEWPID
            # Root may unshare directly; others need a user namespace first, where allowed.
            if not (is_root and _unshare(base)):
                _unshare(CLONE_NEWUSER | base)

    return preexec


def _proc_table() -> dict[int, tuple[int, int, int]]:
    """pid -> (ppid, pgrp, session) for every process we can see."""
    table = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            with open(f"/proc/{name}/stat", "rb") as fh:
                stat = fh.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        if fields[0] in (b"Z", b"X"):
            continue  # dead already; only its parent's wait remains
        table[int(name)] = (int(fields[1]), int(fields[2]), int(fields[3]))
    return table


def kill_tree(root: int) -> None:
    """Kill a process, its descendants, and everything in its session or group.

    Used where no pid namespace could be had: a child that left the session by setsid() and
    then lost its parent is out of reach here, which the pid namespace (and Docker) close.
    """
    if not os.path.isdir("/proc"):
        _signal_group(root)
        return
    for _ in range(5):
        table = _proc_table()
        doomed = {root} if root in table else set()
        grew = True
        while grew:
            grew = False
            for pid, (ppid, pgrp, sid) in table.items():
                if pid not in doomed and (ppid in doomed or pgrp == root or sid == root):
                    doomed.add(pid)
                    grew = True
        doomed.discard(os.getpid())
        if not doomed:
            return
        for pid in doomed:
            try:
                os.kill(pid, signal.SIGKILL)
            except OSError:
                pass
        time.sleep(0.005)


def oom_kills() -> int:
    """How many processes the kernel's OOM killer has taken in our memory cgroup."""
    for path, field in (
        ("/sys/fs/cgroup/memory.events", "oom_kill"),
        ("/sys/fs/cgroup/memory/memory.oom_control", "oom_kill"),
    ):
        try:
            with open(path) as fh:
                for line in fh:
                    key, _, value = line.partition(" ")
                    if key == field:
                        return int(value)
        except (OSError, ValueError):
            continue
    return 0


# -- trusted CPU time ------------------------------------------------------------------------

_CLK_TCK = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100
_CGROUP_CPU = (
    ("/sys/fs/cgroup/cpuacct/cpuacct.usage", 1),  # cgroup v1, as the container sees it
    ("/sys/fs/cgroup/cpu,cpuacct/cpuacct.usage", 1),
    ("/sys/fs/cgroup/cpu.stat", 1000),  # cgroup v2: usage_usec
)


def _cpu_clock(pid: int) -> int:
    """The clock id of a process's CPU clock (every thread, dead ones included), as glibc's
    clock_getcpuclockid makes it; reading it needs no permission over the process."""
    return ((~pid) << 3) | 2  # CPUCLOCK_SCHED


def _children(pid: int) -> list[int]:
    found: list[int] = []
    try:
        for tid in os.listdir(f"/proc/{pid}/task"):
            with open(f"/proc/{pid}/task/{tid}/children", "rb") as fh:
                found += [int(c) for c in fh.read().split()]
    except (OSError, ValueError):
        pass
    return found


def _tree(root: int) -> Iterator[int]:
    """A process and its descendants, as /proc finds them now."""
    stack, seen = [root], set()
    while stack:
        pid = stack.pop()
        if pid not in seen:
            seen.add(pid)
            yield pid
            stack.extend(_children(pid))


def tree_cpu_ns(root: int, *, include_root: bool = True) -> int:
    """CPU time of a process and all its descendants, running or ended, in nanoseconds.

    A running process is read by its CPU clock (nanoseconds, all its threads); one that ended
    and was reaped lives on in its parent's cutime + cstime (clock ticks). 0 without /proc.
    """
    total = 0
    for pid in _tree(root):
        try:
            with open(f"/proc/{pid}/stat", "rb") as fh:
                stat = fh.read()
            fields = stat[stat.rfind(b")") + 2 :].split()
            total += (int(fields[13]) + int(fields[14])) * 10**9 // _CLK_TCK
            if pid != root or include_root:
                try:
                    total += time.clock_gettime_ns(_cpu_clock(pid))
                except OSError:  # a zombie: its last figures, in ticks
                    total += (int(fields[11]) + int(fields[12])) * 10**9 // _CLK_TCK
        except (OSError, ValueError, IndexError):
            continue
    return total


def tree_run_delays(root: int, *, include_root: bool = True) -> dict[int, int]:
    """Per thread of a process tree (by thread id): nanoseconds it was ready to run but waited
    for a CPU (the scheduler's run_delay, /proc/<pid>/task/<tid>/schedstat). Empty where the
    kernel does not keep it."""
    delays: dict[int, int] = {}
    for pid in _tree(root):
        if pid == root and not include_root:
            continue
        try:
            tids = os.listdir(f"/proc/{pid}/task")
        except OSError:
            continue
        for tid in tids:
            try:
                with open(f"/proc/{pid}/task/{tid}/schedstat", "rb") as fh:
                    delays[int(tid)] = int(fh.read().split()[1])
            except (OSError, ValueError, IndexError):
                continue
    return delays


def _cgroup_cpu_ns(path: str, scale: int) -> int:
    with open(path) as fh:
        text = fh.read()
    if path.endswith("cpu.stat"):
        text = next(line.split()[1] for line in text.splitlines() if line.startswith("usage_usec"))
    return int(text) * scale


def _self_cpu_ns() -> int:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return int((usage.ru_utime + usage.ru_stime) * 1e9)


class CpuMeter:
    """The worker's CPU time, measured from outside it: never the worker's own word.

    In a container, the container's cgroup (everything in it, every process and thread ever
    started, exact) less the supervisor's own time; a local worker with a cgroup of its own,
    that cgroup (children the kernel reaped by itself included); elsewhere the worker's
    process tree.
    """

    def __init__(self, cgroup: tuple[str, int] | None, in_container: bool) -> None:
        self.cgroup = cgroup
        self.in_container = in_container

    @classmethod
    def for_job(cls, job: dict[str, Any]) -> CpuMeter:
        in_container = bool(job.get("isolation", {}).get("kill_others"))
        if in_container:
            for path, scale in _CGROUP_CPU:
                try:
                    _cgroup_cpu_ns(path, scale)
                except (OSError, ValueError, StopIteration):
                    continue
                return cls((path, scale), True)
        return cls(None, in_container)

    def read(self, worker: Worker) -> int:
        """Nanoseconds of CPU the worker has used so far (0 where that cannot be known)."""
        if worker.cgroup is not None:
            try:
                return worker.cgroup.cpu_ns()
            except (OSError, ValueError):
                pass
        if self.cgroup is not None:
            try:
                return max(0, _cgroup_cpu_ns(*self.cgroup) - _self_cpu_ns())
            except (OSError, ValueError, StopIteration):
                pass
        if not os.path.isdir("/proc"):
            return 0
        if self.in_container:  # every process here but us is the learner's, orphans too
            return tree_cpu_ns(os.getpid(), include_root=False)
        return tree_cpu_ns(worker.proc.pid)

    def waits(self, worker: Worker) -> dict[int, int]:
        """How long each of the worker's threads has waited for a CPU (tree_run_delays)."""
        if self.in_container:
            return tree_run_delays(os.getpid(), include_root=False)
        return tree_run_delays(worker.proc.pid)


# -- what comes back on the result channel -------------------------------------------------

MAX_LINE = (16 << 20) + (64 << 10)
"""The longest result line read: an answer of 16 MiB as JSON, and room for the rest. A longer
line is an output limit; the judge never buffers more of one."""
MAX_ITEMS = 1_000_000
"""Values in one message (commas, arrays, objects): bounds the judge's memory for a parsed
answer (16 MiB of `[[],[],...]` would become 300 MB of Python objects)."""
MAX_DEPTH = 100
"""Nesting of a message: deeper would reach Python's recursion limit in the judge."""


def parse_message(line: bytes) -> dict[str, Any] | str:
    """A result line as a JSON object, or why it is not one (in words, for the message)."""
    containers = line.count(b"[") + line.count(b"{")
    if containers + line.count(b",") > MAX_ITEMS:
        return f"a message of more than {MAX_ITEMS} values"
    try:
        message = json.loads(line)
    except RecursionError:
        return "a message nested too deeply"
    except ValueError:
        return "a message that is not JSON"
    if not isinstance(message, dict):
        return "a message that is not a JSON object"
    if containers > MAX_DEPTH and not _nesting_within(message, MAX_DEPTH):
        return "a message nested too deeply"
    return message


def _nesting_within(value: Any, limit: int) -> bool:
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if depth > limit:
            return False
        inner = item.values() if type(item) is dict else item
        stack.extend((v, depth + 1) for v in inner if type(v) in (list, dict))
    return True


def _reap_orphans(wait_s: float = 0.0) -> None:
    """As a container's init, orphans become our children: reap them so no pid stays taken.
    With `wait_s`, wait (that long at most) until none is left: SIGKILL is delivered, not
    done, when kill() returns, and a session's end must mean its processes are gone."""
    end = time.monotonic() + wait_s
    while True:
        try:
            pid, _ = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            if time.monotonic() >= end:
                return
            time.sleep(0.002)


def _new_cgroup(job: dict[str, Any]) -> Any:
    """A cgroup for a local worker (cgroups.WorkerCgroup), or None where none can be made:
    the worker then runs as without one (per-process limits, the tree meter)."""
    from judge.sandbox import cgroups

    try:
        return cgroups.WorkerCgroup(cgroups.layout(), int(job["limits"]["memory_mb"]))
    except cgroups.CgroupError:
        return None


KILL_WAIT_S = 2.0
"""How long a container's supervisor waits for the processes it killed to be gone."""


def _signal_group(pgid: int) -> None:
    try:
        os.killpg(pgid, signal.SIGKILL)
    except OSError:
        pass


class Worker:
    """One worker process and its three pipes: requests in, results out, printed output."""

    def __init__(self, job: dict[str, Any]) -> None:
        self.job = job
        req_r, self._req_w = os.pipe()
        self._res_r, res_w = os.pipe()
        self._out_r, out_w = os.pipe()
        python = job.get("python") or sys.executable
        argv = [python, "-I", "-S", "-B", job["worker"], str(req_r), str(res_w)]  # -S: see channel.py
        iso = job.get("isolation", {})
        self.cgroup = _new_cgroup(job) if iso.get("cgroup") else None
        try:
            try:
                self.proc = self._popen(argv, (req_r, res_w), out_w)
            except subprocess.SubprocessError:
                if self.cgroup is None:
                    raise
                # It could not be joined (the probe makes one but moves no process): run
                # the worker as where no cgroup can be had, rather than fail the learner.
                self.cgroup.remove()
                self.cgroup = None
                self.proc = self._popen(argv, (req_r, res_w), out_w)
        except (subprocess.SubprocessError, OSError) as exc:  # a failed preexec or exec
            for fd in (self._req_w, self._res_r, self._out_r):
                os.close(fd)
            if self.cgroup is not None:
                self.cgroup.remove()
            raise OSError(f"the worker could not be started: {exc}") from None
        finally:
            for fd in (req_r, res_w, out_w):
                os.close(fd)
        os.set_blocking(self._out_r, False)
        self.kill_pid: int | None = None
        self.pidns = False
        self._buf = bytearray()
        self._scanned = 0
        self._sel = selectors.DefaultSelector()
        self._sel.register(self._res_r, selectors.EVENT_READ, "res")
        self._sel.register(self._out_r, selectors.EVENT_READ, "out")
        self.output = bytearray()
        self.output_bytes = 0
        self.dead = False
        self.oom_before = self.oom_kills()

    def oom_kills(self) -> int:
        """OOM kills so far: in the worker's own cgroup, else in ours (the container's)."""
        return self.cgroup.oom_kills() if self.cgroup is not None else oom_kills()

    def out_of_memory(self) -> bool:
        """Did the kernel kill a process of this worker's tree for memory since the last
        request? Only a cgroup of its own can tell (then it is the tree's limit)."""
        return self.cgroup is not None and self.oom_kills() > self.oom_before

    def _popen(self, argv: list[str], pass_fds: tuple[int, int], out_w: int) -> subprocess.Popen[bytes]:
        """Start the worker: jailed where the job says so, in its cgroup where it has one."""
        job, iso = self.job, self.job.get("isolation", {})
        join = self.cgroup.join if self.cgroup is not None else None
        if iso.get("jail"):  # the local sandbox on Linux: the container has no judge package
            from judge.sandbox import jail

            preexec = jail.make_preexec(iso["jail"], rlimit_pairs(job["limits"]), _RESET_SIGNALS, join=join)
        else:
            preexec = _make_preexec(job["limits"], bool(iso.get("namespaces")), join)
        return subprocess.Popen(
            argv,
            stdin=subprocess.DEVNULL,
            stdout=out_w,
            stderr=out_w,
            pass_fds=pass_fds,
            cwd=job["scratch"],
            env=job["env"],
            preexec_fn=preexec,
        )

    # -- the channel ---------------------------------------------------------------------

    def send_case(self, case: dict[str, Any]) -> bool:
        """A test's input goes as it came: already JSON text where the judge had it so."""
        raw = case.get("input_json")
        if raw is None:
            raw = json.dumps(case["input"], separators=(",", ":"))
        return self.send_raw(f'{{"repeat":{int(case.get("repeat", 1))},"input":{raw}}}\n'.encode())

    def send(self, message: dict[str, Any]) -> bool:
        return self.send_raw((json.dumps(message, separators=(",", ":")) + "\n").encode())

    def send_raw(self, data: bytes) -> bool:
        self.oom_before = self.oom_kills()
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self._req_w, view) :]
        except BrokenPipeError:
            return False
        return True

    cpu_mark = 0
    """The worker's CPU time (ns, by CpuMeter) when the clock of its next test started."""

    def receive(self, deadline: float, output_cap: int) -> dict[str, Any] | str:
        """The next message, or why none came: 'timeout', 'eof', 'output_limit', 'too_long'
        (a line over MAX_LINE), or what was wrong with the message (parse_message)."""
        while True:
            newline = self._buf.find(b"\n", self._scanned)
            if newline >= 0:
                break
            self._scanned = len(self._buf)
            if self._scanned > MAX_LINE:
                return "too_long"
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return self._last_look()
            for key, _ in self._sel.select(remaining):
                if key.data == "out":
                    if self._read_output() and self.output_bytes > output_cap:
                        return "output_limit"
                    continue
                chunk = os.read(self._res_r, min(1 << 20, MAX_LINE + 1 - len(self._buf)))
                if not chunk:
                    return "eof"
                self._buf += chunk
        if newline > MAX_LINE:
            return "too_long"
        line = bytes(self._buf[:newline])
        del self._buf[: newline + 1]
        self._scanned = 0
        return parse_message(line)

    def _last_look(self) -> dict[str, Any] | str:
        """At the deadline: an answer already waiting whole still counts (the judge may have
        been busy meanwhile); anything else, a trickle of bytes included, is a timeout. One
        read, so no writer can hold the judge past its deadline."""
        if any(key.data == "res" for key, _ in self._sel.select(0)):
            try:
                chunk = os.read(self._res_r, min(1 << 20, MAX_LINE + 1 - len(self._buf)))
            except BlockingIOError:
                chunk = b""
            self._buf += chunk
        newline = self._buf.find(b"\n", self._scanned)
        if newline < 0 or newline > MAX_LINE:
            return "timeout"
        line = bytes(self._buf[:newline])
        del self._buf[: newline + 1]
        self._scanned = 0
        return parse_message(line)

    def stray(self) -> bool:
        """Has the worker sent something it was not asked for (a second answer, say)?"""
        if self._buf:
            return True
        for key, _ in self._sel.select(0):
            if key.data == "res":
                chunk = os.read(self._res_r, 1 << 16)
                if chunk:
                    self._buf += chunk
                    return True
        return False

    def _read_output(self) -> bool:
        try:
            chunk = os.read(self._out_r, 1 << 16)
        except BlockingIOError:
            return False
        if not chunk:
            self._sel.unregister(self._out_r)
            return False
        self.output_bytes += len(chunk)
        room = SHOWN_OUTPUT - len(self.output)
        if room > 0:
            self.output += chunk[:room]
        return True

    def drain_output(self) -> None:
        """Take what the test printed before its answer (it is already in the pipe)."""
        while self._out_r in self._sel.get_map() and self._read_output():
            pass

    def take_output(self) -> tuple[str, int]:
        text, count = self.output.decode("utf-8", "replace"), self.output_bytes
        self.output, self.output_bytes = bytearray(), 0
        return text, count

    # -- life and death ------------------------------------------------------------------

    def exit_text(self) -> tuple[str, str]:
        """(status, message) for a worker that stopped talking: how did it end?"""
        try:
            code = self.proc.wait(timeout=2)
        except subprocess.TimeoutExpired:
            self.kill()
            return "crash", "closed its result channel"
        if code < 0 or code > 128:
            sig = -code if code < 0 else code - 128
            if sig == signal.SIGXCPU:
                return "timeout", "CPU time limit"
            if sig == signal.SIGKILL and self.oom_kills() > self.oom_before:
                return "memory", "killed by the kernel: out of memory"
            name = _SIGNAL_TEXT.get(sig) or signal.Signals(sig).name
            return "crash", f"crashed: {name}"
        return "crash", f"exited with code {code} before returning an answer"

    def kill(self) -> None:
        if self.dead:
            return
        self.dead = True
        pid = self.proc.pid
        if self.kill_pid and self.pidns:
            try:
                os.kill(self.kill_pid, signal.SIGKILL)  # the namespace's init takes all with it
            except OSError:
                pass
            # The outer process (our child) exits only once the init is reaped, and an init
            # is reaped only after every process of its namespace is gone: wait for that.
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                pass
        if self.job.get("isolation", {}).get("kill_others"):
            # Inside a container, as the learner's uid: every other process of ours is theirs.
            try:
                os.kill(-1, signal.SIGKILL)
            except OSError:
                pass
        _signal_group(pid)
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            pass
        if not self.pidns and self.cgroup is None:
            # A cgroup holds every process the worker started, setsid() or not: removing it
            # (below) kills them all and waits until none is left; without one, walk /proc.
            kill_tree(pid)
        if self.job.get("isolation", {}).get("kill_others"):
            _reap_orphans(wait_s=KILL_WAIT_S)
        if self.cgroup is not None:
            self.cgroup.remove()  # kills anything left in it first
        self.close()

    def close(self) -> None:
        self._sel.close()
        for fd in (self._req_w, self._res_r, self._out_r):
            try:
                os.close(fd)
            except OSError:
                pass


MAX_ERROR = 4000
"""Characters of an error message kept: a learner's exception text can be megabytes."""
LOADING_HEADER = "[printed while loading]\n"
SESSION_CPU_S = 3600
"""RLIMIT_CPU of a worker whose tests come one by one (their sum is not known)."""


def _result(case: dict[str, Any], status: str, **extra: Any) -> Outcome:
    if isinstance(extra.get("error"), str):
        extra["error"] = extra["error"][:MAX_ERROR]
    return {"name": case["name"], "status": status, **extra}


class Supervisor:
    """Runs the cases of one submission, one at a time, on one worker (restarted after a
    crash, a timeout or a memory error). Cases may come all at once (`run_job`) or one by
    one (a session: the container's stdin, or a local session)."""

    def __init__(self, job: dict[str, Any], prestarted: Worker | None = None) -> None:
        if not job.get("cases"):
            # A session: its tests are not known yet, so the worker's RLIMIT_CPU (a backstop:
            # each test's CPU time is measured and limited here) cannot be their sum.
            limits = {**job["limits"], "cpu_s": max(int(job["limits"].get("cpu_s", 0)), SESSION_CPU_S)}
            job = {**job, "limits": limits}
        self.job = job
        self.worker: Worker | None = None
        self.load_failure: Outcome | None = None
        self.prestarted = prestarted
        """A worker started before the job was known (it set its final limits at setup)."""
        self.meter = CpuMeter.for_job(job)
        self._loaded: tuple[float, str, int] | None = None
        """(CPU ms spent loading, what loading printed, its size): given to the next case."""

    def _spawn(self) -> Worker:
        if self.prestarted is not None:
            worker, self.prestarted = self.prestarted, None
            worker.job = self.job
            if worker.cgroup is not None:  # the job's memory, before its setup is sent
                try:
                    worker.cgroup.set_memory(int(self.job["limits"]["memory_mb"]))
                except OSError:
                    worker.kill()
                    return Worker(self.job)
            return worker
        return Worker(self.job)

    def _setup_message(self) -> dict[str, Any]:
        message = {**self.job["setup"], "rlimits": rlimits_for(self.job["limits"])}
        iso = self.job.get("isolation", {})
        if iso.get("uid") is not None and os.geteuid() == 0:
            # In the container we run as root (so the learner can neither signal, prlimit nor
            # read us); the worker becomes `nobody` before any learner code runs.
            message["drop_to"] = [int(iso["uid"]), int(iso.get("gid", iso["uid"]))]
        return message

    def _start(self) -> Worker | Outcome:
        """A ready worker, or the outcome that every remaining test gets (CE, TLE...)."""
        if self.load_failure is not None:
            # Later tests share the verdict; what was printed is shown once, with the first.
            return {**self.load_failure, "output": "", "output_bytes": 0}
        limits = self.job["limits"]
        try:
            worker = self._spawn()
        except OSError as exc:
            return {"status": "crash", "error": f"the worker could not start: {exc}"}
        deadline = time.monotonic() + limits.get("load_timeout_ms", 10000) / 1000
        cap = int(limits["output_bytes"])
        hello = worker.receive(deadline, cap)
        if isinstance(hello, dict) and _is_hello(hello):
            worker.kill_pid, worker.pidns = hello["hello"], hello.get("pidns") is True
            worker.send(self._setup_message())
            learner_loads = bool(self.job.get("learner_in_worker", True))
            if learner_loads:  # loading is the learner's code: it counts for the first test
                worker.cpu_mark = self.meter.read(worker)
            ready = worker.receive(deadline, cap)
        else:
            learner_loads = False
            ready = "protocol" if isinstance(hello, dict) else hello
        ready_ok = isinstance(ready, dict) and ready.get("status") == "ready" and len(ready) == 1
        if ready_ok and not worker.out_of_memory():
            worker.drain_output()
            now = self.meter.read(worker)
            load_ms = (now - worker.cpu_mark) / 1e6 if learner_loads else 0.0
            if not learner_loads:
                worker.cpu_mark = now  # the judge's own loading (SQL fixtures) is not timed
            text, count = worker.take_output()
            self._loaded = (load_ms, text, count)
            return worker
        worker.drain_output()
        output, count = worker.take_output()
        if worker.out_of_memory():
            failure = {"status": "memory", "error": "ran out of memory while loading"}
        elif learner_loads and isinstance(ready, dict) and ready.get("status") == "internal":
            # The learner's module shares the worker's process and can write this: not believed.
            failure = {"status": "protocol", "error": "wrote to the judge's result channel while loading"}
        elif isinstance(ready, dict) and ready.get("status") in ("load_error", "memory", "internal"):
            error = ready.get("error", "")
            error = error[:MAX_ERROR] if isinstance(error, str) else ""
            failure = {"status": ready["status"], "error": error}
        elif ready == "timeout":
            failure = {"status": "load_timeout", "error": "did not finish loading in time"}
        elif ready in ("output_limit", "too_long"):
            failure = {"status": "output_limit", "error": "printed too much while loading"}
        elif ready == "eof":
            status, text = worker.exit_text()
            failure = {
                "status": "load_error" if status == "crash" else status,
                "error": f"while loading, {text}",
            }
        else:
            failure = {"status": "protocol", "error": "broke the judge's channel while loading"}
        worker.kill()
        failure.update(output=output, output_bytes=count)
        # A load failure is the submission's, not chance: every later test gets the same.
        self.load_failure = failure
        return failure

    def run_case(self, case: dict[str, Any], after_send: Callable[[], None] | None = None) -> Outcome:
        """One test; `after_send` runs once the worker has its input (the local sandbox's
        judge overlaps its own work with the test there)."""
        if self.worker is None or self.worker.dead:
            started = self._start()
            if isinstance(started, dict):
                return _result(case, **started)
            self.worker = started
        worker = self.worker
        load_ms, load_text, load_bytes = self._loaded or (0.0, "", 0)
        self._loaded = None
        repeat = max(1, int(case.get("repeat", 1)))
        limit_ms = float(case["time_limit_ms"]) * repeat
        cap = int(self.job["limits"]["output_bytes"])
        reply: dict[str, Any] | str
        t0 = time.monotonic()
        if worker.stray():
            reply = "stray"
        elif not worker.send_case(case):
            reply = "eof"
        else:
            if after_send is not None:
                after_send()
            reply = self._receive_within(worker, t0, limit_ms, cap)
        wall_ms = (time.monotonic() - t0) * 1000
        cpu_now = self.meter.read(worker)
        cpu_total_ms = (cpu_now - worker.cpu_mark) / 1e6 if cpu_now else wall_ms + load_ms
        worker.cpu_mark = cpu_now
        if isinstance(reply, dict):
            worker.drain_output()
        output, count = worker.take_output()
        if load_bytes:
            joined = LOADING_HEADER + load_text + ("" if load_text.endswith("\n") else "\n") + output
            output, count = joined[:SHOWN_OUTPUT], load_bytes + count
        base = {"wall_ms": wall_ms, "cpu_ms": cpu_total_ms / repeat, "output": output, "output_bytes": count}
        if load_ms:
            base["load_ms"] = load_ms
        if worker.out_of_memory():  # a child killed for the tree's memory: the test's MLE
            worker.kill()
            return _result(case, "memory", error="its processes together ran out of memory", **base)
        if isinstance(reply, dict):
            return self._answered(case, worker, reply, base, cpu_total_ms, limit_ms, load_ms)
        if reply == "eof":
            status, text = worker.exit_text()  # before the kill, which would be the cause
            worker.kill()
            return _result(case, status, error=text, **base)
        worker.kill()
        errors = {
            "timeout": ("timeout", "ran over the time limit"),
            "idle": (
                "timeout",
                f"took {wall_ms:.0f} ms while using {cpu_total_ms:.0f} ms of CPU (limit {limit_ms:.0f} ms):"
                " waiting (a sleep, a blocked read) rather than computing, or kept off the CPU by a"
                " busy machine",
            ),
            "output_limit": ("output_limit", f"printed more than {cap} bytes"),
            "too_long": ("output_limit", f"sent the judge a line of more than {MAX_LINE} bytes"),
            "stray": ("protocol", "sent the judge a message before it was given the test"),
        }
        status, error = errors.get(reply, ("protocol", f"broke the judge's result channel ({reply})"))
        return _result(case, status, error=error, **base)

    def _receive_within(self, worker: Worker, t0: float, limit_ms: float, cap: int) -> dict[str, Any] | str:
        """The test's answer, or why none came ("idle": stopped by wall time with CPU to spare).

        The time limit is on CPU, as the verdict is: a busy machine (a suite, a CI runner judging
        two at once) stretches a test's wall time, not its CPU, so past the limit's wall time the
        worker's CPU is read, and it is stopped only once that is over. A worker that waits
        without computing (sleep, a blocked read) is stopped at WALL_FACTOR times the limit, plus
        the time its threads waited for a CPU meanwhile (at most MAX_WALL_FACTOR times); where
        CPU cannot be read, wall time is all."""
        allowed_s = limit_ms / 1000 + GRACE_S
        deadline = t0 + allowed_s
        waits0: dict[int, int] | None = None
        while True:
            reply = worker.receive(deadline, cap)
            if reply != "timeout":
                return reply
            now_ns = self.meter.read(worker)
            if not now_ns:
                return reply
            left_s = allowed_s - (now_ns - worker.cpu_mark) / 1e9
            if waits0 is None:  # from here on: before, wall time was within the limit anyway
                waits0 = self.meter.waits(worker)
            waits = self.meter.waits(worker)
            kept_off = max((ns - waits0.get(tid, 0) for tid, ns in waits.items()), default=0) / 1e9
            last = t0 + min(allowed_s * WALL_FACTOR + kept_off, allowed_s * MAX_WALL_FACTOR)
            now = time.monotonic()
            if left_s <= 0:
                return reply
            if now >= last:
                return "idle"
            # The least wall time in which its threads could use what is left, read again then.
            deadline = min(last, now + max(MIN_CPU_READ_S, left_s / CPUS))

    def _answered(
        self,
        case: dict[str, Any],
        worker: Worker,
        reply: dict[str, Any],
        base: dict[str, Any],
        cpu_total_ms: float,
        limit_ms: float,
        load_ms: float,
    ) -> Outcome:
        checked = check_reply(reply)
        if isinstance(checked, str):
            worker.kill()
            return _result(case, "protocol", error=f"sent the judge {checked}", **base)
        status, fields = checked
        if "time_ms" in fields:  # the worker's own figure: information, never trusted
            fields["time_ms"] = min(fields["time_ms"], base["wall_ms"])
        if status in ("internal", "load_error") and self.job.get("learner_in_worker", True):
            worker.kill()
            return _result(case, "protocol", error="wrote to the judge's result channel", **base)
        if status in ("memory", "timeout"):
            worker.kill()
        if status == "ok":
            if cpu_total_ms > limit_ms + GRACE_S * 1000:
                why = f"used {cpu_total_ms:.0f} ms of CPU (limit {limit_ms:.0f} ms)"
                if load_ms:
                    why += f", {load_ms:.0f} ms of it loading the submission"
                return _result(case, "timeout", error=f"ran over the time limit: {why}", **base)
            return _result(case, "ok", **fields, **base)
        fields.pop("value", None)
        return _result(case, status, **fields, **base)

    def close(self) -> None:
        if self.worker is not None:
            self.worker.kill()
        if self.prestarted is not None:
            self.prestarted.kill()


def _is_hello(message: dict[str, Any]) -> bool:
    pid = message.get("hello")
    return type(pid) is int and pid > 0 and type(message.get("pidns", False)) is bool


REPLY_STATUSES = frozenset(PASSED_THROUGH) | {"ok"}


def check_reply(message: dict[str, Any]) -> tuple[str, dict[str, Any]] | str:
    """A worker's answer, checked field by field: (status, fields), or what was wrong with it.

    Nothing from the worker is trusted: an unknown status, an error that is not text or a
    time that is not a finite non-negative number breaks the protocol (the learner's RE).
    """
    status = message.get("status")
    if type(status) is not str or status not in REPLY_STATUSES:
        return "an unknown status"
    error = message.get("error", "")
    if type(error) is not str:
        return "an error message that is not text"
    fields: dict[str, Any] = {"error": error[:MAX_ERROR]}
    for key in ("time_ms", "cpu_ms"):
        if key not in message:
            continue
        value = message[key]
        try:
            ok = type(value) in (int, float) and math.isfinite(value) and value >= 0
        except OverflowError:
            ok = False
        if not ok:
            return f"a {key} that is not a finite non-negative number"
        if key == "time_ms":
            fields["time_ms"] = float(value)
    if status == "ok":
        fields["value"] = message.get("value")
    return status, fields


def run_job(job: dict[str, Any], emit: Callable[[Outcome], None], prestarted: Worker | None = None) -> None:
    """Run every case of a job, handing each outcome to `emit` as soon as it is known."""
    supervisor = Supervisor(job, prestarted)
    stopped = False
    try:
        for case in job["cases"]:
            if stopped:
                emit(_result(case, "skipped", error="not run: an earlier test ran out of time or memory"))
                continue
            outcome = supervisor.run_case(case)
            emit(outcome)
            # As judges do on submit: after a test runs out of time or memory, the rest would
            # mostly wait out their limits too, so they are not run.
            stopped = job.get("stop_on_timeout", False) and outcome["status"] in STOPPING
    finally:
        supervisor.close()


def encode_outcome(outcome: Outcome) -> bytes:
    """An outcome as one JSON line, never longer than MAX_LINE: a bigger answer (its JSON may
    grow when re-written, `9e15` becomes `9000000000000000.0`) is an output limit."""
    line = json.dumps(outcome, separators=(",", ":")).encode()
    if len(line) > MAX_LINE:
        small = {k: v for k, v in outcome.items() if k != "value"}
        small.update(status="output_limit", error=f"returned an answer of more than {MAX_LINE} bytes")
        line = json.dumps(small, separators=(",", ":")).encode()
    return line


def _prestart(spec_json: str) -> Worker | None:
    """A worker started before the job comes (a prepared or warm container), under upper-bound
    limits that the job's setup lowers before any learner code runs; None if it cannot start."""
    try:
        return Worker(json.loads(spec_json))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _same_place(started: dict[str, Any], job: dict[str, Any]) -> bool:
    """Does a worker started ahead run as the job would start it (program, place, user)?"""
    keys = ("worker", "scratch", "env", "isolation", "python")
    return all(started.get(k) == job.get(k) for k in keys)


def _staged_input(path: str) -> str:
    """The judge's file in its read-only /job/files folder (nothing else is read)."""
    if os.path.dirname(os.path.realpath(path)) != "/job/files":
        raise ValueError(f"not a staged input: {path}")
    with open(path, encoding="utf-8") as fh:
        return fh.read()


def _container_main() -> None:
    """Inside the container (pid 1, root with only CAP_SETUID/SETGID/KILL): the job comes on
    stdin, a header line then one case per line as the judge asks for it, so nothing of a test
    is in the container before that test runs. Outcomes go to stdout as JSON lines marked with
    the header's nonce: the learner's processes cannot write there, and a line without the
    nonce is ignored by the judge anyway.
    """
    try:
        ctypes.CDLL(None).prctl(4, 0, 0, 0, 0)  # PR_SET_DUMPABLE = 4: no /proc/1/fd, no ptrace
    except (OSError, AttributeError):
        pass
    # We are pid 1: a signal a process of the container sends would only reach us by a handler.
    for sig in signal.valid_signals():
        if sig not in (signal.SIGKILL, signal.SIGSTOP, signal.SIGCHLD):
            try:
                signal.signal(sig, signal.SIG_IGN)
            except (OSError, ValueError):
                pass
    requests = os.fdopen(os.dup(0), "rb")
    out = os.fdopen(os.dup(1), "wb", buffering=0)
    devnull = os.open(os.devnull, os.O_RDWR)
    for fd in (0, 1, 2):
        os.dup2(devnull, fd)
    prestarted = _prestart(sys.argv[1]) if len(sys.argv) > 1 else None
    header = json.loads(requests.readline())
    if prestarted is None and isinstance(header.get("prestart"), dict):
        # The worker to start ahead, named once the judge knew it (after the container was
        # asked for); the header follows.
        prestarted = _prestart(json.dumps(header["prestart"]))
        header = json.loads(requests.readline())
    nonce = str(header["nonce"]).encode()
    job = header["job"]
    if prestarted is not None and not _same_place(prestarted.job, job):
        prestarted.kill()  # started for another worker: the job gets a fresh one
        prestarted = None
    supervisor = Supervisor(job, prestarted)

    def emit(outcome: Outcome) -> None:
        out.write(nonce + encode_outcome(outcome) + b"\n")

    try:
        emit({"started": True})
        for line in requests:
            request = json.loads(line)
            if request.get("close"):
                break
            if "input_file" in request:  # a large input, staged by the judge for this test
                request["input_json"] = _staged_input(str(request.pop("input_file")))
            emit(supervisor.run_case(request))
        supervisor.close()
        emit({"done": True})
    except OSError as exc:
        if exc.errno != errno.EPIPE:
            raise


if __name__ == "__main__":
    _container_main()
