"""The local sandbox's jail (Linux): learner code sees a minimal root, as nobody, with no rights.

Standard library only: supervisor.py imports it on the local path. The worker is started as

    judge ─ intermediate (new user?/mount/pid/net/ipc/uts namespaces) ─ init (pid 1) ─ worker

The init builds the new root while it still may (a tmpfs root, read-only binds of the
interpreter and the worker programs, a fresh /proc, three devices, a capped tmpfs scratch),
pivots into it, drops everything and then only reaps; the worker drops to uid/gid 65534, no
groups, no capabilities, no_new_privs, installs a system call filter (seccomp: no keyrings,
no new namespaces or mounts, see SYSCALLS) and is the one that execs the learner's interpreter.
Killing the intermediate's process group kills the init, and with it the whole namespace.
Nothing of the project folder, the judge's cache, home directories, /etc or any socket is in
the new root. When the judge runs as an ordinary user, a user namespace provides the rights.
"""

from __future__ import annotations

import ctypes
import os
import platform
import resource
import signal
import sys
import sysconfig
from collections.abc import Callable, Iterable
from typing import Any

NOBODY = 65534
SCRATCH_MB = 64
"""The whole scratch space (cwd, HOME, TMPDIR, /tmp) of one worker, files and folders together."""

CLONE_NEWNS = 0x00020000
CLONE_NEWUTS = 0x04000000
CLONE_NEWIPC = 0x08000000
CLONE_NEWUSER = 0x10000000
CLONE_NEWPID = 0x20000000
CLONE_NEWNET = 0x40000000
NAMESPACES = CLONE_NEWNS | CLONE_NEWUTS | CLONE_NEWIPC | CLONE_NEWPID | CLONE_NEWNET

MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REMOUNT, MS_NOATIME, MS_NODIRATIME, MS_BIND = 32, 1024, 2048, 4096
MS_REC, MS_PRIVATE, MS_RELATIME, MS_STRICTATIME = 16384, 1 << 18, 1 << 21, 1 << 24
MNT_DETACH = 2
PR_SET_PDEATHSIG, PR_SET_DUMPABLE, PR_CAPBSET_DROP = 1, 4, 24
PR_SET_NO_NEW_PRIVS, PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL = 38, 47, 4
_LINUX_CAPABILITY_VERSION_3 = 0x20080522
SYS_PIVOT_ROOT = {"x86_64": 155, "aarch64": 41, "riscv64": 41, "ppc64le": 203, "s390x": 217}

PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2
SECCOMP_RET_ALLOW, SECCOMP_RET_ERRNO = 0x7FFF0000, 0x00050000
AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
SYSCALLS = {  # name: (x86_64, aarch64)
    "add_key": (248, 217),
    "request_key": (249, 218),
    "keyctl": (250, 219),
    "unshare": (272, 97),
    "setns": (308, 268),
    "mount": (165, 40),
    "umount2": (166, 39),
    "pivot_root": (155, 41),
    "open_tree": (428, 428),
    "move_mount": (429, 429),
    "fsopen": (430, 430),
    "fsconfig": (431, 431),
    "fsmount": (432, 432),
    "fspick": (433, 433),
    "mount_setattr": (442, 442),
    "userfaultfd": (323, 282),
    "bpf": (321, 280),
    "perf_event_open": (298, 241),
    "io_uring_setup": (425, 425),
    "kexec_load": (246, 104),
    "init_module": (175, 105),
    "finit_module": (313, 273),
    "delete_module": (176, 106),
    "open_by_handle_at": (304, 265),
}
"""Refused with EPERM in the worker (as Docker's default profile refuses them): the kernel's
keyrings outlive a run (uid 65534's is every learner's), the rest only widen the kernel's
attack surface (new namespaces, mounts, BPF, userfaultfd, io_uring, modules)."""
CLONE = (56, 220)
CLONE3 = (435, 435)
"""clone3 gets ENOSYS (its flags are behind a pointer): glibc then falls back to clone, whose
flags are checked; clone with a namespace flag is refused."""
NEW_NAMESPACES = 0x7E020000  # CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET

DEVICES = ("/dev/null", "/dev/zero", "/dev/urandom", "/dev/random")
ROOT_LINKS = ("bin", "sbin", "lib", "lib32", "lib64", "libx32")
ETC_BINDS = ("/etc/ld.so.cache", "/etc/localtime")
ETC_FILES = {
    "passwd": f"root:x:0:0:root:/nonexistent:/usr/sbin/nologin\n"
    f"nobody:x:{NOBODY}:{NOBODY}:nobody:/nonexistent:/usr/sbin/nologin\n",
    "group": f"root:x:0:\nnogroup:x:{NOBODY}:\n",
    "hosts": "127.0.0.1 localhost\n::1 localhost\n",
    "nsswitch.conf": "passwd: files\ngroup: files\nhosts: files\n",
}


class JailError(Exception):
    """This platform (or its policy) does not allow the jail; the message says which step."""


# -- the plan: everything decided in the judge's process, before any fork ------------------


def interpreter_paths(python: str | None = None) -> list[str]:
    """Where the worker's interpreter and its libraries live, outside /usr (pyenv, venvs)."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        if p := sysconfig.get_paths().get(key):
            paths.add(p)
    exe = os.path.realpath(python or sys.executable)
    paths.add(os.path.dirname(os.path.dirname(exe)))
    kept = sorted(p for p in map(os.path.realpath, paths) if os.path.isdir(p) and not _under(p, "/usr"))
    # A folder inside another one already bound needs no bind of its own.
    return [p for p in kept if not any(q != p and _under(p, q) for q in kept)]


def _under(path: str, folder: str) -> bool:
    return path == folder or path.startswith(folder.rstrip("/") + "/")


def _locked_flags(path: str) -> int:
    """The flags of the mount holding `path` that a user namespace may not clear."""
    f = os.statvfs(path).f_flag
    flags = 0
    for st, ms in ((os.ST_NOSUID, MS_NOSUID), (os.ST_NODEV, MS_NODEV), (os.ST_NOEXEC, MS_NOEXEC)):
        if f & st:
            flags |= ms
    if f & os.ST_NOATIME:
        flags |= MS_NOATIME
    elif f & os.ST_RELATIME:
        flags |= MS_RELATIME
    if f & os.ST_NODIRATIME:
        flags |= MS_NODIRATIME
    return flags


def plan(scratch: str, read_only: Iterable[str] = (), python: str | None = None) -> dict[str, Any]:
    """The jail for one worker, as JSON-able data: what to bind, where scratch goes.

    `scratch` is an empty host folder: it is the mount point of the new root (in the new
    mount namespace only) and the path of the capped scratch inside; `read_only` are host
    paths (folders or files) shown read-only at the same path.
    """
    binds: list[list[Any]] = []
    links: list[list[str]] = []
    for name in ROOT_LINKS:
        host = "/" + name
        if os.path.islink(host):
            links.append([os.readlink(host), host])
        elif os.path.isdir(host):
            binds.append([host, host, _locked_flags(host)])
    wanted = ["/usr", *interpreter_paths(python), *read_only]
    for path in dict.fromkeys(os.path.realpath(p) for p in wanted):
        if os.path.exists(path):
            binds.append([path, path, _locked_flags(path)])
    for path in ETC_BINDS:
        if os.path.islink(path):
            links.append([os.readlink(path), path])
        elif os.path.isfile(path):
            binds.append([path, path, _locked_flags(path)])
    devices = [[d, _locked_flags(d)] for d in DEVICES if os.path.exists(d)]
    return {
        "root": scratch,
        "scratch": scratch,
        "scratch_mb": SCRATCH_MB,
        "binds": binds,
        "devices": devices,
        "links": links,
        "userns": os.geteuid() != 0,
        "outer_uid": os.geteuid(),
        "outer_gid": os.getegid(),
        "cap_last": _cap_last(),
    }


def _cap_last() -> int:
    try:
        with open("/proc/sys/kernel/cap_last_cap") as fh:
            return int(fh.read())
    except (OSError, ValueError):
        return 40


# -- the system calls -----------------------------------------------------------------------


class _SockFilter(ctypes.Structure):
    _fields_ = [
        ("code", ctypes.c_uint16),
        ("jt", ctypes.c_uint8),
        ("jf", ctypes.c_uint8),
        ("k", ctypes.c_uint32),
    ]


class _SockFprog(ctypes.Structure):
    _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.POINTER(_SockFilter))]


_LD_ABS, _JEQ, _JGE, _JSET, _RET = 0x20, 0x15, 0x35, 0x45, 0x06
"""BPF_LD|BPF_W|BPF_ABS, BPF_JMP|BPF_JEQ|BPF_K, ...|BPF_JGE|..., ...|BPF_JSET|..., BPF_RET|BPF_K."""


def seccomp_filter(machine: str | None = None) -> list[tuple[int, int, int, int]] | None:
    """The worker's system call filter as BPF (code, jt, jf, k), or None for an architecture
    whose numbers we do not know. A call of another ABI (i386 by int 0x80, x32) is refused."""
    machine = machine or platform.machine()
    if machine not in AUDIT_ARCH:
        return None
    column = 0 if machine == "x86_64" else 1
    # Labels: "deny", "nosys", "allow"; a jump is an int (next = 0) or a label.
    code: list[tuple[int, int | str, int | str, int]] = [
        (_LD_ABS, 0, 0, 4),  # seccomp_data.arch
        (_JEQ, 1, 0, AUDIT_ARCH[machine]),
        (_RET, 0, 0, SECCOMP_RET_ERRNO | 1),  # another ABI: EPERM
        (_LD_ABS, 0, 0, 0),  # seccomp_data.nr
        (_JGE, "deny", 0, 0x40000000),  # x32's numbers
        (_JEQ, "nosys", 0, CLONE3[column]),
        (_JEQ, 0, 2, CLONE[column]),
        (_LD_ABS, 0, 0, 16),  # args[0], its low 32 bits (little-endian): clone's flags
        (_JSET, "deny", "allow", NEW_NAMESPACES),
    ]
    code += [(_JEQ, "deny", 0, numbers[column]) for numbers in SYSCALLS.values()]
    labels = {"allow": len(code), "deny": len(code) + 1, "nosys": len(code) + 2}
    code += [
        (_RET, 0, 0, SECCOMP_RET_ALLOW),
        (_RET, 0, 0, SECCOMP_RET_ERRNO | 1),  # EPERM
        (_RET, 0, 0, SECCOMP_RET_ERRNO | 38),  # ENOSYS
    ]
    program = []
    for i, (op, jt, jf, k) in enumerate(code):
        jt, jf = (labels[j] - i - 1 if isinstance(j, str) else j for j in (jt, jf))
        program.append((op, jt, jf, k))
    return program


def seccomp_problem() -> str | None:
    """None when the worker gets its system call filter here, else why not (one phrase)."""
    if seccomp_filter() is None:
        return f"no system call filter for {platform.machine()}"
    return None


class _Libc:
    """libc functions, looked up before any fork (a forked child of a threaded judge must
    not load libraries)."""

    def __init__(self) -> None:
        libc = ctypes.CDLL(None, use_errno=True)
        self.unshare = libc.unshare
        self.mount = libc.mount
        self.mount.argtypes = [
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_char_p,
            ctypes.c_ulong,
            ctypes.c_char_p,
        ]
        self.umount2 = libc.umount2
        self.umount2.argtypes = [ctypes.c_char_p, ctypes.c_int]
        self.prctl = libc.prctl
        self.prctl.argtypes = [ctypes.c_int, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong, ctypes.c_ulong]
        self.syscall = libc.syscall
        self.capset = libc.capset
        self.capset.argtypes = [ctypes.c_void_p, ctypes.c_void_p]
        self.cap_header = (ctypes.c_uint32 * 2)(_LINUX_CAPABILITY_VERSION_3, 0)
        self.cap_data = (ctypes.c_uint32 * 6)()
        self.pivot_nr = SYS_PIVOT_ROOT.get(platform.machine())
        program = seccomp_filter()
        self.filter = (_SockFilter * len(program))(*program) if program else None
        self.fprog = _SockFprog(len(program), self.filter) if program else None

    def seal(self) -> None:
        """Install the worker's system call filter (after no_new_privs), where there is one."""
        if self.fprog is not None:
            self.check(
                self.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.addressof(self.fprog), 0, 0), "seccomp"
            )

    def check(self, result: int, what: str) -> None:
        if result != 0:
            err = ctypes.get_errno()
            raise JailError(f"{what}: {os.strerror(err)}")

    def do_mount(
        self, src: str | None, target: str, fstype: str | None, flags: int, data: str | None = None
    ) -> None:
        self.check(
            self.mount(
                src.encode() if src else None,
                target.encode(),
                fstype.encode() if fstype else None,
                flags,
                data.encode() if data else None,
            ),
            f"mount {target}",
        )


# -- the steps, run in forked children ------------------------------------------------------


def _enter_namespaces(p: dict[str, Any], libc: _Libc) -> None:
    if p["userns"]:
        libc.check(libc.unshare(CLONE_NEWUSER | NAMESPACES), "unshare (user namespace)")
        _write("/proc/self/setgroups", "deny")
        _write("/proc/self/uid_map", f"{NOBODY} {p['outer_uid']} 1")
        _write("/proc/self/gid_map", f"{NOBODY} {p['outer_gid']} 1")
    else:
        libc.check(libc.unshare(NAMESPACES), "unshare")


def _write(path: str, text: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CLOEXEC)
    try:
        os.write(fd, text.encode())
    finally:
        os.close(fd)


def _build_root(p: dict[str, Any], libc: _Libc) -> None:
    """In the new mount namespace, as the new pid namespace's init: make the root, enter it."""
    root = p["root"]
    libc.do_mount(None, "/", None, MS_REC | MS_PRIVATE)
    libc.do_mount("tmpfs", root, "tmpfs", MS_NOSUID | MS_NODEV, "size=1m,nr_inodes=4096,mode=0755")
    for src, dst, locked in p["binds"]:
        target = root + dst
        _make_target(target, os.path.isdir(src))
        libc.do_mount(src, target, None, MS_BIND)
        libc.do_mount(None, target, None, MS_BIND | MS_REMOUNT | MS_RDONLY | MS_NOSUID | locked)
    for dev, locked in p["devices"]:
        target = root + dev
        _make_target(target, False)
        libc.do_mount(dev, target, None, MS_BIND)
        libc.do_mount(None, target, None, MS_BIND | MS_REMOUNT | MS_NOSUID | MS_NOEXEC | locked)
    for target, link in p["links"]:
        os.makedirs(os.path.dirname(root + link), exist_ok=True)
        os.symlink(target, root + link)
    os.makedirs(root + "/etc", exist_ok=True)
    for name, text in ETC_FILES.items():  # bytes: no codec lookup in a forked child
        path = f"{root}/etc/{name}"
        if not os.path.lexists(path):
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
            try:
                os.write(fd, text.encode())
            finally:
                os.close(fd)
    for name, target in (
        ("fd", "/proc/self/fd"),
        ("stdin", "/proc/self/fd/0"),
        ("stdout", "/proc/self/fd/1"),
        ("stderr", "/proc/self/fd/2"),
    ):
        os.symlink(target, f"{root}/dev/{name}")
    # Mounted while the old root (and its /proc) is still there: a user namespace may only
    # mount a proc when a full one is already visible.
    os.mkdir(root + "/proc")
    libc.do_mount("proc", root + "/proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC)
    scratch = root + p["scratch"]
    os.makedirs(scratch, exist_ok=True)
    libc.do_mount(
        "tmpfs",
        scratch,
        "tmpfs",
        MS_NOSUID | MS_NODEV,
        f"size={int(p['scratch_mb'])}m,nr_inodes=16384,mode=0700,uid={NOBODY},gid={NOBODY}",
    )
    if not os.path.lexists(root + "/tmp"):
        os.symlink(p["scratch"], root + "/tmp")
    _pivot(root, libc)
    libc.do_mount(None, "/", None, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV)
    os.chdir(p["scratch"])


def _make_target(path: str, folder: bool) -> None:
    if folder:
        os.makedirs(path, exist_ok=True)
    else:
        os.makedirs(os.path.dirname(path), exist_ok=True)
        if not os.path.exists(path):
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_CLOEXEC, 0o644))


def _pivot(root: str, libc: _Libc) -> None:
    """Make `root` the root and let go of the old one entirely (pivot_root(".", ".")); where
    the call's number is unknown, move the mount over / and chroot (no capability is left to
    climb out of it)."""
    os.chdir(root)
    if libc.pivot_nr is not None:
        libc.check(libc.syscall(libc.pivot_nr, b".", b"."), "pivot_root")
        libc.check(libc.umount2(b".", MNT_DETACH), "umount old root")
    else:
        libc.do_mount(root, "/", None, 8192)  # MS_MOVE
        os.chroot(".")
    os.chdir("/")


def _drop_capabilities(libc: _Libc, cap_last: int) -> None:
    for cap in range(cap_last + 1):
        libc.prctl(PR_CAPBSET_DROP, cap, 0, 0, 0)
    libc.prctl(PR_CAP_AMBIENT, PR_CAP_AMBIENT_CLEAR_ALL, 0, 0, 0)


def _become_nobody(p: dict[str, Any], libc: _Libc) -> None:
    """uid/gid 65534, no groups, no capabilities, no way to gain any (no_new_privs)."""
    if not p["userns"]:
        os.setgroups([])
        os.setresgid(NOBODY, NOBODY, NOBODY)
        os.setresuid(NOBODY, NOBODY, NOBODY)
    libc.check(libc.capset(ctypes.addressof(libc.cap_header), ctypes.addressof(libc.cap_data)), "capset")
    libc.check(libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0), "no_new_privs")
    if os.getuid() == 0 or os.geteuid() == 0:
        raise JailError("still root after dropping privileges")


def _close_all() -> None:
    os.closerange(0, 1 << 20)


def _mirror(pid: int) -> None:
    """Wait for `pid` (reaping any orphan meanwhile) and end as it ended."""
    while True:
        try:
            done, status = os.wait()
        except ChildProcessError:
            os._exit(1)
        if done == pid:
            break
    if os.WIFSIGNALED(status):
        os._exit(128 + os.WTERMSIG(status))
    os._exit(os.WEXITSTATUS(status) if os.WIFEXITED(status) else 1)


def _fail(report_fd: int, exc: BaseException) -> None:
    try:
        os.write(report_fd, f"the local sandbox's jail failed: {exc}\n".encode()[:500])
    except OSError:
        pass
    os._exit(125)


def make_preexec(
    p: dict[str, Any],
    rlimits: list[tuple[int, tuple[int, int]]],
    reset_signals: Iterable[int],
    *,
    report_fd: int = 2,
    probe: bool = False,
    join: Callable[[], None] | None = None,
) -> Callable[[], None]:
    """The preexec_fn that jails the worker; see the module docstring for the process tree.

    `join` moves the process into its cgroup (cgroups.WorkerCgroup.join): first, so that the
    init and the worker are born in it. Returns (in the worker) only when every step
    succeeded; a failure in the init is told on `report_fd` (the worker's output) and ends
    the worker, which the supervisor then reports.
    """
    libc = _Libc()
    signals = list(reset_signals)

    def preexec() -> None:
        os.setsid()
        for sig in signals:  # ignored signals would pass to the worker through exec
            try:
                signal.signal(sig, signal.SIG_DFL)
            except (OSError, ValueError):
                pass
        if join is not None:
            join()
        _enter_namespaces(p, libc)
        init = os.fork()
        if init:
            _close_all()
            _mirror(init)
        try:  # the new pid namespace's init, pid 1
            _build_root(p, libc)
            _drop_capabilities(libc, int(p["cap_last"]))
            worker = os.fork()
        except BaseException as exc:  # noqa: BLE001 - told to the supervisor, never raised
            _fail(report_fd, exc)
        if worker:
            try:
                _become_nobody(p, libc)
                libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)  # after setuid, which resets both
                libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
            except BaseException:  # noqa: BLE001
                os.kill(worker, signal.SIGKILL)
                os._exit(125)
            _close_all()
            _mirror(worker)
        try:
            _become_nobody(p, libc)
            for res, (soft, hard) in rlimits:
                resource.setrlimit(res, (soft, hard))
            libc.seal()  # last: nothing of ours needs a refused call after it
        except BaseException as exc:  # noqa: BLE001
            _fail(report_fd, exc)
        if probe:
            os._exit(0)

    return preexec


def check(p: dict[str, Any]) -> str | None:
    """Whether the jail can be built here: None, or why not (one line). Costs a fork."""
    if not sys.platform.startswith("linux"):
        return f"no jail on {sys.platform}"
    read_fd, write_fd = os.pipe()
    try:
        fn = make_preexec(p, [], [], report_fd=write_fd, probe=True)
    except (OSError, AttributeError) as exc:
        os.close(read_fd)
        os.close(write_fd)
        return f"libc: {exc}"
    pid = os.fork()
    if pid == 0:
        try:
            os.close(read_fd)
            fn()
        except BaseException as exc:  # noqa: BLE001
            _fail(write_fd, exc)
        os._exit(0)
    os.close(write_fd)
    with os.fdopen(read_fd, "rb") as fh:
        message = fh.read(1000).decode(errors="replace").strip()
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) == 0:
        return None
    return message.removeprefix("the local sandbox's jail failed: ") or f"exit status {status}"
