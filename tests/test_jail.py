"""The local jail's system call filter (judge/sandbox/jail.py): what it refuses, and that
Python, threads, processes, NumPy, pandas and DuckDB work under it."""

from __future__ import annotations

import platform

import pytest

from judge.sandbox import Sandbox, jail
from tests.test_redteam import run


def _filtered_or_skip(sandbox: Sandbox) -> int:
    """The column of SYSCALLS for this machine; skips where the local jail has no filter."""
    problem = getattr(sandbox, "jail_problem", lambda: None)()
    if problem is not None:
        pytest.skip(f"no jail here ({problem})")
    if jail.seccomp_problem() is not None:
        pytest.skip(jail.seccomp_problem())
    return 0 if platform.machine() == "x86_64" else 1


REFUSED = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
NUMBERS = {numbers!r}
def call(nr, *args):
    ctypes.set_errno(0)
    result = libc.syscall(nr, *args)
    return [result, ctypes.get_errno()]
def f():
    got = {{}}
    got['add_key'] = call(NUMBERS['add_key'], b'user', b'k', b'v', 1, ctypes.c_int(-4))
    got['request_key'] = call(NUMBERS['request_key'], b'user', b'k', None, ctypes.c_int(0))
    got['keyctl'] = call(NUMBERS['keyctl'], 0, ctypes.c_int(-4), 0)  # KEYCTL_GET_KEYRING_ID
    got['unshare'] = call(NUMBERS['unshare'], 0x10000000)
    got['mount'] = call(NUMBERS['mount'], b'none', b'/tmp', b'tmpfs', 0, None)
    got['clone-newuser'] = call(NUMBERS['clone'], 0x10000000 | 17, 0, 0, 0, 0)
    got['clone3'] = call(435, None, 0)
    got['x32-getpid'] = call(0x40000000 + 39)
    return got
"""


def test_keyrings_namespaces_and_mounts_are_refused(local_sandbox: Sandbox) -> None:
    column = _filtered_or_skip(local_sandbox)
    numbers = {name: nrs[column] for name, nrs in jail.SYSCALLS.items()}
    numbers["clone"] = jail.CLONE[column]
    [outcome] = run(local_sandbox, REFUSED.format(numbers=numbers))
    assert outcome.status == "ok", outcome.error
    got = outcome.value
    assert isinstance(got, dict)
    expected = {name: [-1, 1] for name in got}  # EPERM
    expected["clone3"] = [-1, 38]  # ENOSYS: glibc falls back to clone
    if column == 1:
        expected.pop("x32-getpid")
        got.pop("x32-getpid")
    assert got == expected


INT80 = """
import ctypes, mmap, os
def f():
    code = b'\\xb8\\x14\\x00\\x00\\x00\\xcd\\x80\\xc3'  # mov eax, 20 (i386 getpid); int 0x80; ret
    m = mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    m.write(code)
    fn = ctypes.CFUNCTYPE(ctypes.c_int)(ctypes.addressof(ctypes.c_char.from_buffer(m)))
    return [fn(), os.getpid()]
"""


def test_the_i386_abi_is_refused(local_sandbox: Sandbox) -> None:
    """Another ABI's numbers (int 0x80 on x86_64) would pass a filter of x86_64 numbers:
    every call of another ABI is refused."""
    if _filtered_or_skip(local_sandbox) != 0:
        pytest.skip("x86_64 only")
    [outcome] = run(local_sandbox, INT80)
    assert outcome.status == "ok", outcome.error
    assert outcome.value[0] == -1, outcome.value  # -EPERM, never the pid


LIBRARIES = """
import os, subprocess, sys, threading
import duckdb
import numpy as np
import pandas as pd
def f():
    a = np.arange(300 * 300, dtype=float).reshape(300, 300) % 7
    threads = []
    for _ in range(4):
        t = threading.Thread(target=lambda: (a @ a).sum())
        t.start()
        threads.append(t)
    for t in threads:
        t.join()
    df = pd.DataFrame({'k': [1, 1, 2], 'v': [1.0, 2.0, 5.0]})
    con = duckdb.connect()
    rows = con.execute('SELECT k, sum(v) FROM df GROUP BY k ORDER BY k').fetchall()
    child = subprocess.run([sys.executable, '-c', 'print(6 * 7)'], capture_output=True, text=True)
    pid = os.fork()
    if pid == 0:
        os._exit(3)
    _, status = os.waitpid(pid, 0)
    return [float((a @ a).trace()), df.groupby('k')['v'].sum().tolist(), rows, child.stdout.strip(),
            os.waitstatus_to_exitcode(status)]
"""


def test_python_and_its_libraries_work_under_the_filter(local_sandbox: Sandbox) -> None:
    _filtered_or_skip(local_sandbox)
    [outcome] = run(local_sandbox, LIBRARIES, limit_ms=20000, memory_mb=1024)
    assert outcome.status == "ok", outcome.error
    trace, sums, rows, printed, code = outcome.value
    assert trace > 0 and sums == [3.0, 5.0] and rows == [[1, 3.0], [2, 5.0]]
    assert printed == "42" and code == 3


def test_the_filter_is_for_known_architectures_only() -> None:
    for machine in ("x86_64", "aarch64"):
        program = jail.seccomp_filter(machine)
        assert program is not None and len(program) < 64
        assert all(0 <= jt < 256 and 0 <= jf < 256 for _, jt, jf, _ in program)
    assert jail.seccomp_filter("riscv64") is None
    assert jail.seccomp_filter("aarch64") != jail.seccomp_filter("x86_64")
