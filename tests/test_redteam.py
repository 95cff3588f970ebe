"""An independent red-team pass: a hostile learner against both sandboxes, the judge's process,
its checkers and its report.

Each attack is a submission (Python, SQL, or pandas for an SQL problem) with the verdict or the
outcome it must get: never AC for wrong or slow code, never IE, never a traceback. Where it
applies, an attack runs in both sandboxes (the `sandbox` fixture) with the judge as root (as
the CI runs it); the ones that need the judge as an ordinary user, hashes of every watched
place and the judge's own peak memory run the real CLI through tests/hostile.py. Processes an
attack starts carry a token, and none may be left afterwards. Forks are capped, memory is
asked of the sandbox's own limits, nothing dials anything but nothing (no network).

An attack that still breaks the judge is `xfail(strict=True)` with the reason.
"""

from __future__ import annotations

import json
import os
import subprocess
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from judge.cache import cache_dir
from judge.catalog import load_problem
from judge.judging import judge_source
from judge.languages import by_name
from judge.models import Report, Verdict
from judge.sandbox import Job, JobCase, RawOutcome, Sandbox
from tests.conftest import REPO, JudgeFn
from tests.hostile import PEAK_LIMIT_KB, differences, is_root, run_judge, snapshot, world

NEVER = {"internal"}
"""No attack may make the sandbox report the judge's own failure."""


# -- helpers ---------------------------------------------------------------------------------


def _token() -> str:
    return "rt" + uuid.uuid4().hex[:13]  # 15 characters: fits a process name (comm)


def _processes_with(token: str) -> list[int]:
    """Live processes anywhere on this machine (containers' too) whose command line or name
    holds `token`."""
    found = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{name}/cmdline").read_bytes()
            comm = Path(f"/proc/{name}/comm").read_bytes()
            state = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z" and (token.encode() in cmdline or token.encode()[:15] in comm):
            found.append(int(name))
    return found


def _none_left(token: str, wait_s: float = 10.0) -> list[int]:
    """Processes with the token still alive after a short grace (a container is removed
    asynchronously); [] when every one is gone."""
    end = time.monotonic() + wait_s
    while (left := _processes_with(token)) and time.monotonic() < end:
        time.sleep(0.2)
    return left


def job(
    source: str,
    inputs: list[dict] | None = None,
    *,
    limit_ms: float = 5000,
    memory_mb: int = 256,
    load_timeout_ms: int | None = None,
) -> Job:
    inputs = inputs if inputs is not None else [{}]
    extra = {} if load_timeout_ms is None else {"load_timeout_ms": load_timeout_ms}
    return Job(
        "python",
        {"source": textwrap.dedent(source), "function": "f"},
        tuple(JobCase(f"t{i}", data, limit_ms) for i, data in enumerate(inputs)),
        memory_mb=memory_mb,
        output_bytes=64 << 10,
        **extra,  # type: ignore[arg-type]
    )


def run(
    sandbox: Sandbox, source: str, inputs: list[dict] | None = None, **kwargs: object
) -> list[RawOutcome]:
    outcomes = sandbox.run(job(source, inputs, **kwargs))  # type: ignore[arg-type]
    for o in outcomes:
        assert o.status not in NEVER, (o.status, o.error)
    return outcomes


def _statuses(outcomes: list[RawOutcome]) -> list[str]:
    return [str(o.status) for o in outcomes]


def _not_ie(report: Report) -> None:
    assert all(t.verdict is not Verdict.IE for t in report.tests), [
        (t.name, t.verdict, t.message) for t in report.tests if t.verdict is Verdict.IE
    ][:2]


def _pandas(slug: str, source: str, sandbox: Sandbox) -> Report:
    return judge_source(
        load_problem(slug), textwrap.dedent(source), sandbox, language=by_name("pandas"), complexity=False
    )


def _sql(slug: str, query: str, sandbox: Sandbox) -> Report:
    return judge_source(load_problem(slug), query, sandbox, language=by_name("sql"), complexity=False)


# == 1. Other processes: the supervisor, the init, the judge ===============================

PTRACE = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
libc.ptrace.restype = ctypes.c_long
def f():
    me, got = os.getpid(), []
    for name in os.listdir('/proc'):
        if name.isdigit() and int(name) != me:
            for request in (0x4206, 16):  # PTRACE_SEIZE, PTRACE_ATTACH
                if libc.ptrace(request, int(name), None, None) == 0:
                    got.append((int(name), request))
                    libc.ptrace(17, int(name), None, None)  # PTRACE_DETACH
    return got
"""

VM_READ = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
class iovec(ctypes.Structure):
    _fields_ = [('base', ctypes.c_void_p), ('len', ctypes.c_size_t)]
def f():
    buf = ctypes.create_string_buffer(64)
    me, got = os.getpid(), []
    anchor = id(got)  # an address that exists in every forked Python
    for name in os.listdir('/proc'):
        if not name.isdigit() or int(name) == me:
            continue
        local = iovec(ctypes.cast(buf, ctypes.c_void_p), 64)
        remote = iovec(anchor, 64)
        n = libc.process_vm_readv(int(name), ctypes.byref(local), 1, ctypes.byref(remote), 1, 0)
        if n >= 0 or ctypes.get_errno() == 14:  # read, or EFAULT: allowed, only a bad address
            got.append(int(name))
    return got
"""

PROC_OF_OTHERS = """
import os
def f():
    me, got = os.getpid(), []
    for name in os.listdir('/proc'):
        if not name.isdigit() or int(name) == me:
            continue
        for what in ('environ', 'mem', 'maps', 'stack', 'syscall', 'auxv', 'fd/0', 'fd/1', 'fd/3'):
            try:
                with open(f'/proc/{name}/{what}', 'rb') as fh:
                    if fh.read(64):
                        got.append((name, what))
            except OSError:
                pass
        for what in ('fd', 'root', 'cwd', 'map_files', 'fdinfo'):
            try:
                os.listdir(f'/proc/{name}/{what}')
                got.append((name, what))
            except OSError:
                pass
    return got
"""


@pytest.mark.parametrize(
    "source",
    [
        pytest.param(PTRACE, id="ptrace-the-supervisor-and-init"),
        pytest.param(VM_READ, id="process-vm-readv-the-supervisor"),
        pytest.param(PROC_OF_OTHERS, id="proc-pid-of-others"),
    ],
)
def test_other_processes_are_out_of_reach(sandbox: Sandbox, source: str) -> None:
    """Every process the learner can see but its own (pid 1: the jail's init, the
    container's supervisor): no trace, no memory, no environment, no fds, no rlimits."""
    [outcome] = run(sandbox, source)
    assert outcome.status == "ok", outcome.error
    assert outcome.value == [], outcome.value


PRLIMIT_OTHERS = """
import os, resource
HARSH = ((resource.RLIMIT_NOFILE, (3, 3)), (resource.RLIMIT_CPU, (1, 1)), (resource.RLIMIT_AS, (1 << 20, 1 << 20)))
def f(x):
    me, got = os.getpid(), []
    for name in os.listdir('/proc'):
        if name.isdigit() and int(name) != me:
            for res, pair in HARSH:
                try:
                    resource.prlimit(int(name), res, pair)
                    got.append(int(name))
                except (OSError, ValueError):
                    pass
    return sorted(set(got))
"""


def test_rlimits_of_others_cannot_be_changed_to_any_effect(sandbox: Sandbox) -> None:
    """prlimit on every other visible process. Docker: the supervisor is root, refused. The
    local jail's init shares the learner's uid, so the call succeeds there, but the init only
    waits: with 3 fds, 1 s of CPU and 1 MiB of address space it still serves the next test
    and reaps the run."""
    first, second = run(sandbox, PRLIMIT_OTHERS, [{"x": 0}, {"x": 1}])
    assert first.status == "ok"
    assert first.value == ([] if sandbox.name == "docker" else first.value)
    assert set(first.value) <= {1}, first.value  # pid 1: the init of the jail, nothing else
    assert second.status == "ok" and second.value == [1] * bool(first.value)


SIGNAL_EVERYTHING = """
import os, signal
def f(x):
    if x == 0:
        pids = [int(p) for p in os.listdir('/proc') if p.isdigit()]
        # Only where the sandbox holds (few processes, not root): kill(-1) elsewhere would be
        # a disaster for the machine, not a test.
        if os.getuid() != 0 and len(pids) < 30:
            for pid in pids:
                if pid != os.getpid():
                    for sig in (signal.SIGSTOP, signal.SIGTERM, signal.SIGINT, signal.SIGKILL):
                        try:
                            os.kill(pid, sig)
                        except OSError:
                            pass
            try:
                os.kill(-1, signal.SIGKILL)  # everything else it may signal
            except ProcessLookupError:
                pass  # nothing: the sandbox's own processes are not its to signal
        os.kill(os.getpid(), signal.SIGKILL)
    return x
"""


def test_signals_to_everything_visible(sandbox: Sandbox) -> None:
    """SIGSTOP, SIGTERM, SIGINT, SIGKILL to every visible process and kill(-1): the learner
    dies (RE), the supervisor does not, and the next test runs on a fresh worker."""
    first, second = run(sandbox, SIGNAL_EVERYTHING, [{"x": 0}, {"x": 1}])
    assert first.status == "crash", first.error
    assert second.status == "ok" and second.value == 1, second.error


def test_stopping_itself_is_a_timeout_not_a_hang(sandbox: Sandbox) -> None:
    source = (
        "import os, signal\ndef f(x):\n    if x == 0:\n        os.killpg(0, signal.SIGSTOP)\n    return x\n"
    )
    first, second = run(sandbox, source, [{"x": 0}, {"x": 1}], limit_ms=1000)
    assert first.status == "timeout"
    assert second.status == "ok" and second.value == 1


# == 2. Processes that outlive their test ===================================================

DAEMON = """
import os, sys
TOKEN = '{token}'
SLEEPER = 'import signal, time\\nfor s in (1, 2, 15): signal.signal(s, signal.SIG_IGN)\\ntime.sleep(120)'
def f():
    if os.fork() == 0:
        os.setsid()
        if os.fork() == 0:
            os.execv(sys.executable, [sys.executable, '-c', SLEEPER, TOKEN])
        os._exit(0)
    return 1
"""

FORK_MANY = """
import ctypes, os, time
libc = ctypes.CDLL(None)
TOKEN = b'{token}'
def f():
    made = 0
    for _ in range(120):  # bounded: Docker's pids limit stops it first
        try:
            pid = os.fork()
        except OSError:
            break
        if pid == 0:
            libc.prctl(15, TOKEN, 0, 0, 0)  # PR_SET_NAME: findable from the host
            time.sleep(120)
            os._exit(0)
        made += 1
    return made > 0
"""


@pytest.mark.parametrize(
    ("source", "value"),
    [
        pytest.param(DAEMON, 1, id="setsid-double-fork-daemon-ignoring-signals"),
        pytest.param(FORK_MANY, True, id="bounded-fork-bomb"),
    ],
)
def test_nothing_outlives_the_run(sandbox: Sandbox, source: str, value: object) -> None:
    token = _token()
    [outcome] = run(sandbox, source.format(token=token))
    assert outcome.status == "ok" and outcome.value == value, outcome.error
    assert _none_left(token) == []


THREAD_AFTER_ANSWER = """
import threading, time
BURNED = [0.0]
def burn():
    while True:
        BURNED[0] = time.thread_time()
def f(x):
    if x == 0:
        threading.Thread(target=burn, daemon=True).start()
        return 0
    start = BURNED[0]
    while BURNED[0] - start < 0.4:  # the thread's own CPU, however loaded the machine is
        time.sleep(0.01)
    return x
"""


def test_a_thread_left_running_is_paid_by_the_next_test(sandbox: Sandbox) -> None:
    """A thread that keeps computing after its test answered: its CPU time is the next
    test's (no free work between tests), and it dies with the worker."""
    first, second = run(sandbox, THREAD_AFTER_ANSWER, [{"x": 0}, {"x": 1}], limit_ms=20000)
    assert first.status == "ok" and second.status == "ok"
    assert second.cpu_ms >= 300, second.cpu_ms


HIDDEN_CHILDREN = """
import os, signal, time
def burn(seconds):
    end = time.process_time() + seconds
    while time.process_time() < end:
        pass
def f():
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped by the kernel at once
    pids = []
    for _ in range(2):
        pid = os.fork()
        if pid == 0:
            burn(0.4)
            os._exit(0)
        pids.append(pid)
    for pid in pids:
        while True:
            try:
                os.kill(pid, 0)
            except ProcessLookupError:
                break
            time.sleep(0.01)
    return 1
"""


def test_work_in_self_reaped_children_counts(sandbox: Sandbox) -> None:
    """With SIGCHLD ignored, children are reaped by the kernel: their CPU time never reaches
    the parent's cutime, so a process-tree meter loses it once they are gone. Docker's cgroup
    counts it, and so does the local worker's own cgroup (the judge as root, as here)."""
    if sandbox.name.startswith("local") and os.geteuid() != 0:
        pytest.skip("a local worker has a cgroup of its own only when the judge is root")
    [outcome] = run(sandbox, HIDDEN_CHILDREN, limit_ms=20000)
    assert outcome.status == "ok", outcome.error
    assert outcome.cpu_ms >= 600, outcome.cpu_ms


KEYRING = """
import ctypes
libc = ctypes.CDLL(None, use_errno=True)
libc.syscall.restype = ctypes.c_long
ADD_KEY, REQUEST_KEY, KEYCTL = 248, 249, 250  # x86_64
DESC = b'{token}'
def f(x):
    if x == 'plant':
        key = libc.syscall(ADD_KEY, b'user', DESC, b'left-behind', 11, ctypes.c_int(-4))
        return key > 0
    found = libc.syscall(REQUEST_KEY, b'user', DESC, None, ctypes.c_int(0))
    if found > 0:
        libc.syscall(KEYCTL, 3, ctypes.c_long(found))  # KEYCTL_REVOKE: clean up after ourselves
    return found > 0
"""


def test_nothing_persists_in_the_kernel_keyring(sandbox: Sandbox) -> None:
    """One run plants a key in the user keyring; a later run (another learner, uid 65534 too)
    must not find it: state outside scratch that survives the run. Both sandboxes refuse
    the keyring calls (Docker's seccomp profile, the local jail's filter)."""
    if os.uname().machine != "x86_64":
        pytest.skip("system call numbers for x86_64")
    token = _token()
    source = KEYRING.format(token=token)
    run(sandbox, source, [{"x": "plant"}])
    [found] = run(sandbox, source, [{"x": "find"}])
    assert found.status == "ok"
    assert found.value is False


# == 3. Memory, recursion, stack ============================================================


@pytest.mark.parametrize(
    ("source", "statuses"),
    [
        pytest.param(
            "import numpy as np\ndef f():\n    return int(np.ones(1 << 31).sum())\n",
            {"memory"},
            id="numpy-16-gib",
        ),
        pytest.param(
            "import mmap\ndef f():\n    m = mmap.mmap(-1, 8 << 30)\n    m[::4096] = b'x' * ((8 << 30) // 4096)\n"
            "    return 1\n",
            {"memory", "exception"},
            id="mmap-8-gib",
        ),
        pytest.param(
            "import sys\nsys.setrecursionlimit(10 ** 8)\ndef r(n):\n    return r(n + 1) + 1\n"
            "def f():\n    return r(0)\n",
            {"crash", "memory", "exception", "timeout"},
            id="recursion-past-the-c-stack",
        ),
        pytest.param(
            "import sys, threading\nsys.setrecursionlimit(10 ** 8)\nthreading.stack_size(1 << 30)\n"
            "OUT = []\ndef r(n):\n    return r(n + 1) + 1\n"
            "def f():\n    t = threading.Thread(target=lambda: OUT.append(r(0)))\n    t.start()\n"
            "    t.join()\n    return OUT\n",
            {"crash", "memory", "exception", "timeout"},
            id="recursion-in-a-1-gib-stack-thread",
        ),
    ],
)
def test_memory_and_stack_exhaustion(sandbox: Sandbox, source: str, statuses: set[str]) -> None:
    [outcome] = run(sandbox, source)
    assert outcome.status in statuses, (outcome.status, outcome.error)


# == 4. Returned values that lie ===========================================================

LIARS = {
    "int-subclass-lying-everywhere": """
class Liar(int):
    def __index__(self): return 1
    def __int__(self): return 1
    def __repr__(self): return '1'
    __str__ = __repr__
    def __eq__(self, other): return True
    def __hash__(self): return 1
    def __reduce__(self): return (int, (1,))
    def __format__(self, spec): return '1'
def two_sum(nums, target):
    return [Liar(0), Liar(0)]
""",
    "list-subclass-lying-everywhere": """
class L(list):
    def __iter__(self): return iter([0, 1])
    def __len__(self): return 2
    def __getitem__(self, i): return [0, 1][i]
    def __eq__(self, other): return True
    def __reduce__(self): return (list, ([0, 1],))
def two_sum(nums, target):
    return L([10 ** 9, 10 ** 9])
""",
    "metaclass-lying-mro": """
class Meta(type):
    def mro(cls):
        return [cls, int, object]
class X(metaclass=Meta):
    pass
def two_sum(nums, target):
    return [X(), X()]
""",
    "fake-numpy-tolist-returns-itself": """
class Fake:
    __module__ = 'numpy'
    def tolist(self):
        return self
def two_sum(nums, target):
    return Fake()
""",
    "ndarray-subclass-lying-tolist": """
import numpy as np
class A(np.ndarray):
    def tolist(self):
        return [0, 1]
def two_sum(nums, target):
    return np.array([10 ** 6, 10 ** 6]).view(A)
""",
    "nan-and-inf": "def two_sum(nums, target):\n    return [float('nan'), float('inf')]\n",
    "deeply-nested": "def two_sum(nums, target):\n    x = []\n    for _ in range(100000):\n        x = [x]\n    return x\n",
    "self-containing-list": "def two_sum(nums, target):\n    x = [0]\n    x.append(x)\n    return x\n",
    "5000-digit-int": (
        "import sys\nsys.set_int_max_str_digits(0)\ndef two_sum(nums, target):\n    return [10 ** 5000, 1]\n"
    ),
    "100000-digit-int": (
        "import sys\nsys.set_int_max_str_digits(0)\nBIG = 10 ** 100000\n"
        "def two_sum(nums, target):\n    return [BIG, 1]\n"
    ),
}


@pytest.mark.parametrize("name", sorted(LIARS))
def test_lying_answers_get_nothing(judge_code: JudgeFn, name: str) -> None:
    report = judge_code("two_sum", LIARS[name])
    _not_ie(report)
    # CE: Python itself refuses some lies at class creation (an MRO with an unsuitable base);
    # TLE: writing a 100,000-digit int as text is slow on a loaded machine.
    assert report.verdict in (Verdict.WA, Verdict.RE, Verdict.CE, Verdict.TLE), [
        (t.verdict, t.message) for t in report.tests[:2]
    ]


def test_lying_containers_are_read_by_their_real_data(sandbox: Sandbox) -> None:
    source = """
    class D(dict):
        def items(self): return [('a', 1)]
        def keys(self): return ['a']
        def __iter__(self): return iter(['a'])
        def __getitem__(self, k): return 1
    class S(str):
        def __str__(self): return 'lie'
        def __iter__(self): return iter('lie')
        def encode(self, *a, **k): return b'lie'
    class K(str):
        def __hash__(self): return 0
        def __eq__(self, other): return True
    def f():
        return [D(real=2), S('real'), {K('a'): 1, K('b'): 2}]
    """
    [outcome] = run(sandbox, source)
    assert outcome.status == "ok"
    # K('a') and K('b') are one key to the dict itself: its real content is {K('a'): 2}.
    assert outcome.value == [{"real": 2}, "real", {"a": 2}]


FLOAT_ANSWERS = {
    "4000-digit-int": "def coin_toss_mle(heads, n, confidence=0.95):\n    return [10 ** 4000, 0.5, 0.5]\n",
    "nan-inf": (
        "def coin_toss_mle(heads, n, confidence=0.95):\n"
        "    return [float('nan'), float('inf'), float('-inf')]\n"
    ),
    "float-subclass-lying": (
        "class F(float):\n    def __float__(self): return 0.5\n    def __repr__(self): return '0.5'\n"
        "    def __eq__(self, o): return True\n"
        "def coin_toss_mle(heads, n, confidence=0.95):\n    return [F(-7.0), F(-7.0), F(-7.0)]\n"
    ),
    "strings-and-nested": (
        "def coin_toss_mle(heads, n, confidence=0.95):\n    return ['0.5', [0.5], {'p': 0.5}]\n"
    ),
}


@pytest.mark.parametrize("name", sorted(FLOAT_ANSWERS))
def test_float_checker_on_hostile_answers(judge_code: JudgeFn, name: str) -> None:
    """The float checker compares in the judge's process: a number it cannot hold as a float
    (a 4000-digit int) is a wrong answer, not an OverflowError and an IE."""
    report = judge_code("coin_toss_mle", FLOAT_ANSWERS[name])
    _not_ie(report)
    assert report.verdict is Verdict.WA, [(t.verdict, t.message) for t in report.tests[:2]]


# == 5. The worker's own machinery, attacked from inside ===================================


@pytest.mark.parametrize(
    ("source", "statuses"),
    [
        pytest.param(
            "import os\nos.closerange(0, 256)\ndef f():\n    return 1\n",
            {"load_error", "protocol", "crash"},
            id="close-fds-0-255-at-import",
        ),
        pytest.param(
            "import os\nfor fd in range(3, 256):\n    try:\n        os.dup2(0, fd)\n    except OSError:\n"
            "        pass\ndef f():\n    return 1\n",
            {"load_error", "protocol", "crash", "load_timeout"},
            id="dup-over-fds-3-255-at-import",
        ),
        pytest.param(
            "import atexit, os, sys\natexit.register(lambda: sys.exit(0))\ndef f():\n"
            '    print(\'{"status":"ok","value":1}\', flush=True)\n    os._exit(0)\n',
            {"crash"},
            id="forged-answer-on-stdout-then-os-exit",
        ),
        pytest.param(
            "class E(SystemExit):\n    @property\n    def code(self):\n        raise KeyboardInterrupt\n"
            "def f():\n    raise E()\n",
            {"exit", "exception", "crash", "protocol"},
            id="systemexit-whose-code-raises",
        ),
        pytest.param(
            "class E(KeyboardInterrupt):\n    pass\ndef f():\n    raise E('^C')\n",
            {"exception"},
            id="keyboardinterrupt-subclass",
        ),
        pytest.param(
            "class E(Exception):\n    def __getattribute__(self, name):\n        raise KeyboardInterrupt\n"
            "def f():\n    raise E()\n",
            {"exception", "crash", "protocol"},
            id="exception-whose-every-attribute-raises",
        ),
        pytest.param(
            "E = type('E' * (1 << 22), (Exception,), {})\ndef f():\n    raise E('x' * (1 << 22))\n",
            {"exception"},
            id="exception-with-a-4-mib-class-name",
        ),
        pytest.param(
            "class T(str):\n    def __str__(self): return self\n    def __len__(self): raise ValueError\n"
            "class E(Exception):\n    def __str__(self): return T('sneaky')\ndef f():\n    raise E()\n",
            {"exception"},
            id="exception-str-returning-a-lying-str",
        ),
        pytest.param(
            "raise GeneratorExit('at import')\ndef f():\n    return 1\n",
            {"load_error"},
            id="generatorexit-at-import",
        ),
        pytest.param(
            "import builtins\ndef f():\n    builtins.len = lambda x: 0\n    return ['x' * 1000] * 40000\n",
            {"output_limit", "protocol", "crash"},
            id="builtins-len-patched-to-skip-the-size-cap",
        ),
    ],
)
def test_attacks_on_the_workers_machinery(sandbox: Sandbox, source: str, statuses: set[str]) -> None:
    outcomes = run(sandbox, source, [{}, {}])
    assert outcomes[0].status in statuses, (outcomes[0].status, outcomes[0].error)
    assert len(outcomes[0].error) <= 4000
    assert all(o.status != "ok" or o.value == 1 for o in outcomes)


def test_sleeping_through_loading_is_stopped_at_the_load_timeout(sandbox: Sandbox) -> None:
    """A module that never finishes loading is stopped at the job's load timeout (here 2 s,
    not the default 10 s, to keep the suite short: the mechanism is the same)."""
    source = "import time\ntime.sleep(60)\ndef f():\n    return 1\n"
    started = time.monotonic()
    outcomes = run(sandbox, source, [{}, {}], load_timeout_ms=2000)
    assert outcomes[0].status == "load_timeout", (outcomes[0].status, outcomes[0].error)
    assert all(o.status != "ok" for o in outcomes)
    assert time.monotonic() - started < 30


def test_patched_serializer_and_clocks_cannot_hide_cpu(sandbox: Sandbox) -> None:
    """json.dumps rewritten to forge time 0, perf_counter and process_time frozen: the work
    is measured from outside and the test is over its limit."""
    source = """
    import json, time
    _real = json.dumps
    def fake(obj, *a, **k):
        if isinstance(obj, dict) and obj.get('status') == 'ok':
            obj = {'status': 'ok', 'value': obj.get('value'), 'time_ms': 0, 'cpu_ms': 0}
        return _real(obj, *a, **k)
    json.dumps = fake
    time.perf_counter = time.process_time = time.monotonic = lambda: 0.0
    def f():
        end = time.thread_time() + 1.6
        while time.thread_time() < end:
            pass
        return 1
    """
    [outcome] = run(sandbox, source, limit_ms=1000)
    assert outcome.status == "timeout", (outcome.status, outcome.cpu_ms)


STEAL_THE_NEXT_REQUEST = """
import os, sys, threading, time
REQ = int(sys.argv[1])
TID = []
def steal():
    TID.append(threading.get_native_id())
    os.read(REQ, 1 << 20)
def _reading(tid):
    # In read() on the pipe: the kernel's wait channel says so (or, where it is hidden, the
    # thread sleeps with nothing else to wait for: the main thread is sleeping too).
    try:
        with open(f'/proc/self/task/{tid}/wchan') as fh:
            wchan = fh.read()
        with open(f'/proc/self/task/{tid}/stat') as fh:
            state = fh.read().rsplit(')', 1)[1].split()[0]
    except OSError:
        return False
    return 'pipe_read' in wchan or (wchan in ('', '0') and state == 'S')
def f(x):
    if x == 0:
        threading.Thread(target=steal, daemon=True).start()
        # The thief waits on the pipe before the worker's own reader does, so the kernel (one
        # reader woken per write, in the order they came) hands it the next test's input.
        end = time.monotonic() + 10
        while not (TID and _reading(TID[0]) and (time.sleep(0.05) or _reading(TID[0]))):
            if time.monotonic() > end:
                return -1
            time.sleep(0.01)
    return x
"""


def test_stealing_the_next_request_is_a_timeout(sandbox: Sandbox) -> None:
    """A thread reads the worker's request pipe and swallows the next test's input: that
    test never starts (TLE), nothing worse."""
    first, second = run(sandbox, STEAL_THE_NEXT_REQUEST, [{"x": 0}, {"x": 1}], limit_ms=1000)
    assert first.status == "ok" and first.value == 0, (first.status, first.value, first.error)
    # On a loaded machine the kernel may still wake the worker's own reader first: the test
    # then runs as it should. Either way, nothing worse than a timeout and never a forged value.
    stolen = second.status in ("timeout", "protocol")
    assert stolen or (second.status == "ok" and second.value == 1), (
        second.status,
        second.value,
        second.error,
    )


def test_an_alarm_raising_inside_the_worker_is_the_learners(sandbox: Sandbox) -> None:
    """A signal handler that raises every millisecond, wherever the worker is (serializing,
    sending, waiting for the next test): RE, never IE."""
    source = """
    import signal
    class Boom(Exception):
        pass
    def handler(*_):
        raise Boom('alarm')
    def f(x):
        signal.signal(signal.SIGALRM, handler)
        signal.setitimer(signal.ITIMER_REAL, 0.001, 0.001)
        return [[i] * 10 for i in range(100000)]
    """
    outcomes = run(sandbox, source, [{"x": 0}, {"x": 1}])
    assert all(o.status != "ok" or isinstance(o.value, list) for o in outcomes)


def test_os_exit_from_a_thread_while_the_answer_is_sent(sandbox: Sandbox) -> None:
    source = """
    import os, threading, time
    def killer():
        time.sleep(0.02)
        os._exit(0)
    def f(x):
        threading.Thread(target=killer).start()
        return ['x' * 1000] * 15000
    """
    outcomes = run(sandbox, source, [{"x": 0}, {"x": 1}])
    for o in outcomes:
        assert o.status in ("ok", "crash", "protocol", "output_limit"), (o.status, o.error)
        assert o.status != "ok" or o.value == ["x" * 1000] * 15000


def test_gc_finds_no_other_tests_input(sandbox: Sandbox) -> None:
    source = """
    import gc
    MARK = ''.join(['needle', '-', 'second'])
    def f(x):
        return [1 for o in gc.get_objects() if type(o) is dict and o.get('x') == MARK and o is not globals()]
    """
    first, second = run(sandbox, source, [{"x": "first"}, {"x": "needle-second"}])
    assert first.value == []  # the second test's input is not in the worker before it runs
    assert second.status == "ok"


# == 6. Files: reading what it must not, writing outside scratch ===========================


def test_secrets_are_not_reachable(sandbox: Sandbox) -> None:
    paths = [
        "/etc/shadow",
        "/var/run/docker.sock",
        "/run/docker.sock",
        "/root/.bashrc",
        str(REPO / "problems/algorithms/two_sum/tests"),
        str(REPO / "solutions_reference/two_sum/accepted/reference.py"),
        str(cache_dir()),
        "/proc/kcore",
        "/dev/mem",
        "/sys/kernel/debug",
        "/proc/1/root/etc/shadow",
        "/proc/1/cwd",
    ]
    source = f"""
    import os, socket
    PATHS = {paths!r}
    def f():
        got = []
        for p in PATHS:
            try:
                if os.path.isdir(p):
                    if not os.listdir(p):
                        continue  # an empty folder shows nothing
                elif p.endswith('.sock'):
                    s = socket.socket(socket.AF_UNIX)
                    s.connect(p)
                else:
                    with open(p, 'rb') as fh:
                        fh.read(1)
                got.append(p)
            except OSError:
                pass
        return got
    """
    [outcome] = run(sandbox, source)
    assert outcome.status == "ok" and outcome.value == [], (outcome.value, outcome.error)


def test_writes_outside_scratch_never_land(sandbox: Sandbox) -> None:
    token = _token()
    host = [
        f"/tmp/{token}",
        f"/var/tmp/{token}",
        f"/dev/shm/{token}",
        str(REPO / token),
        str(REPO / "problems" / token),
        f"/usr/{token}",
        f"/{token}",
    ]
    source = f"""
    import os
    PATHS = {host!r}
    def f():
        for p in PATHS + ['/job/{token}', '/etc/{token}', '/proc/{token}']:
            try:
                with open(p, 'w') as fh:
                    fh.write('x')
            except OSError:
                pass
        return 1
    """
    [outcome] = run(sandbox, source)
    assert outcome.status == "ok"
    assert [p for p in host if os.path.lexists(p)] == []


NESTED_USERNS = """
import ctypes, os
libc = ctypes.CDLL(None, use_errno=True)
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]
TARGETS = ['/', '/usr', os.path.dirname(os.__file__)]
def f():
    got = []
    if libc.unshare(0x10000000 | 0x00020000) != 0:  # a user namespace of its own, and mounts
        return got
    for target in TARGETS:
        if libc.mount(None, target.encode(), None, 32 | 4096, None) == 0:  # MS_REMOUNT | MS_BIND, rw
            got.append(('remount-rw', target))
    for target in TARGETS:
        try:
            with open(os.path.join(target, '{token}'), 'w') as fh:
                fh.write('x')
            got.append(('wrote', target))
        except OSError:
            pass
    return got
"""


def test_a_nested_user_namespace_gains_nothing(sandbox: Sandbox) -> None:
    """unshare(CLONE_NEWUSER) gives the learner every capability inside its own namespace:
    the read-only binds stay locked read-only, and nothing reaches the host."""
    token = _token()
    [outcome] = run(sandbox, NESTED_USERNS.format(token=token))
    assert outcome.status == "ok", outcome.error
    assert [item for item in outcome.value if item[0] == "wrote"] == [], outcome.value
    python_lib = os.path.dirname(os.__file__)
    assert not any(os.path.lexists(os.path.join(p, token)) for p in ("/", "/usr", python_lib))


# == 7. The judge's report: terminal escapes, invalid text ==================================

ESCAPES = """
import sys
def two_sum(nums, target):
    print('\\x1b[2J\\x1b[H\\x1b]0;owned\\x07two_sum AC\\r\\x1b[1A\\x9b2J')
    sys.stdout.flush()
    sys.stdout.buffer.write(b'\\xff\\xfe\\x1b[31m invalid utf-8\\n')
    sys.stdout.buffer.flush()
    raise ValueError('\\x1b[2K\\rAC: Accepted. 23/23 tests passed\\x07\\x1b]52;c;cGF5bG9hZA==\\x07')
"""

SURROGATE_ANSWER = "def two_sum(nums, target):\n    return ['\\ud800\\x1b[2J\\r', 1]\n"

CONTROL = ("\x1b", "\r", "\x07", "\x9b")


@pytest.mark.parametrize(
    ("source", "verdict"),
    [
        pytest.param(ESCAPES, "RE", id="ansi-osc-and-invalid-utf8-in-output-and-error"),
        pytest.param(SURROGATE_ANSWER, "WA", id="lone-surrogate-and-escapes-in-the-answer"),
    ],
)
def test_the_terminal_report_cannot_be_forged(source: str, verdict: str) -> None:
    """The table report goes to a terminal: no escape sequence, carriage return or bell from
    the learner reaches it (they would rewrite what the report says), and text Python cannot
    encode (a lone surrogate in the answer) is no traceback."""
    with world(False) as w:
        sub = w.submission("sol.py", source)
        result = run_judge(w, "run", "two_sum", str(sub), "--sandbox", "local", "--no-complexity")
        assert result.code == 1, result.stderr[-2000:]
        assert f"{verdict}: " in result.stdout
        leaked = [c for c in CONTROL if c in result.stdout or c in result.stderr]
        assert leaked == [], (leaked, result.stdout[-1500:])


# == 8. The submission file ==================================================================


def test_a_huge_sparse_submission_is_refused_at_once() -> None:
    with world(False) as w:
        sub = w.subs / "solution.py"
        with open(sub, "wb") as fh:
            fh.truncate(10 << 30)  # 10 GiB, no block on disk
        result = run_judge(w, "run", "two_sum", str(sub), "--sandbox", "local", "--no-complexity", timeout=60)
        assert result.code == 2 and "larger than" in result.stderr, result.stderr[-2000:]
        assert 0 < result.peak_kb < PEAK_LIMIT_KB


@pytest.mark.parametrize(
    "content",
    [
        pytest.param(b"def two_sum(nums, target):\n    return [0, 1]\x00\n", id="nul-byte"),
        pytest.param(b"def two_sum(nums, target):\n    return '\xff\xfe\x1b[2J'\n", id="invalid-utf8"),
        pytest.param(b"\xef\xbb\xbf\xef\xbb\xbfdef two_sum(n, t):\n    return 1\n", id="double-bom"),
    ],
)
def test_odd_bytes_in_the_submission(content: bytes) -> None:
    with world(False) as w:
        sub = w.subs / "solution.py"
        sub.write_bytes(content)
        result = run_judge(w, "run", "two_sum", str(sub), "--sandbox", "local", "--no-complexity")
        assert result.code in (1, 2), result.stderr[-2000:]
        assert "\x1b" not in result.stdout


# == 9. SQL ===================================================================================

SQL_SLUG = "top_two_salary_gap"
SQL_ATTACKS = {
    "glob-the-disk": "SELECT file AS department, 0 AS salary_gap FROM glob('/**')",
    "read-blob": "SELECT content::VARCHAR AS department, 0 AS salary_gap FROM read_blob('/etc/passwd')",
    "read-text-environ": "SELECT content AS department, 0 AS salary_gap FROM read_text('/proc/self/environ')",
    "other-fixtures-by-glob": (
        "SELECT department, salary AS salary_gap FROM read_csv('/tmp/judge-files-*/*.csv')"
    ),
    "other-fixtures-in-job": "SELECT department, salary AS salary_gap FROM read_csv('/job/files/*.csv')",
    "replacement-scan-of-a-path": "SELECT department, salary AS salary_gap FROM '/job/files/0-employees.csv'",
    "sniff-csv": "SELECT Delimiter AS department, 0 AS salary_gap FROM sniff_csv('/etc/passwd')",
    "query-function": "SELECT * FROM query('SELECT department, 0 AS salary_gap FROM employees')",
    "secrets": "SELECT name AS department, 0 AS salary_gap FROM duckdb_secrets()",
    "temp-directory-setting": "SELECT current_setting('temp_directory') AS department, 0 AS salary_gap",
    "allowed-directories": "SELECT current_setting('allowed_directories')::VARCHAR AS department, 0 AS salary_gap",
    "range-1e12": "SELECT 'x' AS department, count(*) AS salary_gap FROM range(1000000000000)",
    "huge-string-agg": (
        "SELECT string_agg(repeat('x', 1000), ',') AS department, 0 AS salary_gap FROM range(100000000)"
    ),
    "list-of-a-billion": "SELECT 'x' AS department, len(list(range)) AS salary_gap FROM range(1000000000)",
    "two-gib-string": "SELECT repeat('x', 2147483647) AS department, 0 AS salary_gap",
    "recursive-doubling": (
        "WITH RECURSIVE r(n, s) AS (SELECT 1, 'x' UNION ALL SELECT n + 1, s || s FROM r WHERE n < 40) "
        "SELECT 'x' AS department, max(length(s)) AS salary_gap FROM r"
    ),
    "recursive-fanout": (
        "WITH RECURSIVE r(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM r, range(10) WHERE n < 12) "
        "SELECT 'x' AS department, count(*) AS salary_gap FROM r"
    ),
    "escape-in-error": "SELECT 'x' AS department, error(chr(27) || '[2J' || chr(13) || 'AC') AS salary_gap",
    "getvariable": "SELECT getvariable('x')::VARCHAR AS department, 0 AS salary_gap",
}


@pytest.mark.parametrize("name", sorted(SQL_ATTACKS))
def test_sql_attacks(sandbox: Sandbox, name: str) -> None:
    report = _sql(SQL_SLUG, SQL_ATTACKS[name], sandbox)
    _not_ie(report)
    assert report.verdict is not Verdict.AC, name
    for t in report.tests:
        assert "root:" not in t.message and "\x1b" not in t.message and "\r" not in t.message
        assert "PATH=" not in t.message


# == 10. pandas answers for an SQL problem ===================================================

PANDAS_ATTACKS = {
    "forged-rows-that-are-not-lists": """
import os, sys, time
def top_two_salary_gap(employees):
    os.write(int(sys.argv[2]), b'{"status":"ok","value":{"columns":["department","salary_gap"],"rows":[1,null,"ab"]}}\\n')
    os._exit(0)  # its line is read before the end
""",
    "forged-ragged-rows": """
import os, sys, time
def top_two_salary_gap(employees):
    os.write(int(sys.argv[2]), b'{"status":"ok","value":{"columns":["department","salary_gap"],"rows":[[],[1,2,3],[{"a":1},[2]]]}}\\n')
    os._exit(0)  # its line is read before the end
""",
    "4000-digit-int-in-an-object-column": """
import pandas as pd
def top_two_salary_gap(employees):
    return pd.DataFrame({'department': ['analytics', 'x'], 'salary_gap': pd.Series([10 ** 4000, 5], dtype=object)})
""",
    "inf-and-nan": """
import pandas as pd
def top_two_salary_gap(employees):
    return pd.DataFrame({'department': ['a', 'b', 'c'], 'salary_gap': [float('inf'), float('-inf'), float('nan')]})
""",
    "dataframe-subclass-lying": """
import pandas as pd
class Liar(pd.DataFrame):
    def itertuples(self, *a, **k):
        return iter([])
    def __iter__(self):
        return iter(['department', 'salary_gap'])
    def __eq__(self, other):
        return True
def top_two_salary_gap(employees):
    return Liar({'department': ['nope'], 'salary_gap': [-1]})
""",
    "lying-cell-objects": """
import pandas as pd
class Cell:
    def __eq__(self, o): return True
    def __ne__(self, o): return False
    def __str__(self): return 'analytics'
    def __hash__(self): return 0
def top_two_salary_gap(employees):
    return pd.DataFrame({'department': [Cell()], 'salary_gap': [Cell()]})
""",
    "reads-the-datasets-from-disk": """
import os, stat
MARK = b'biz_' + b'ops'  # a department only the hidden bulk dataset has
def top_two_salary_gap(employees):
    found, folders = [], 0
    for folder, dirs, files in os.walk('/'):
        folders += 1
        if folders > 20000:  # bounded: a root this big is not the sandbox's
            raise ValueError(f'walked more than 20000 folders, found {len(found)}: {found[:3]}')
        if 'python3' in folder or folder.startswith('/usr'):
            dirs[:] = []  # the interpreter and its libraries: nothing of the problem's
        dirs[:] = [d for d in dirs if d not in ('proc', 'sys', 'dev')]
        for name in files:
            path = os.path.join(folder, name)
            try:
                info = os.lstat(path)  # regular files only: a link to /dev/zero or a FIFO would hang
                if name.endswith(('.csv', '.json')) and stat.S_ISREG(info.st_mode) and info.st_size < (1 << 20):
                    fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
                    try:
                        if MARK in os.read(fd, 1 << 20):
                            found.append(path)
                    finally:
                        os.close(fd)
            except OSError:
                pass
    raise ValueError(f'found {len(found)}: {found[:3]}')
""",
}


@pytest.mark.parametrize("name", sorted(PANDAS_ATTACKS))
def test_pandas_attacks(sandbox: Sandbox, name: str) -> None:
    report = _pandas(SQL_SLUG, PANDAS_ATTACKS[name], sandbox)
    _not_ie(report)
    assert report.verdict in (Verdict.WA, Verdict.RE), [(t.verdict, t.message) for t in report.tests[:2]]
    if name == "reads-the-datasets-from-disk":
        assert all("found 0: []" in t.message for t in report.tests), report.tests[0].message


# == 11. The judge's own memory, and complexity timing under attack ============================


@pytest.mark.slow
@pytest.mark.parametrize("which", ["local", pytest.param("docker", marks=pytest.mark.docker)])
def test_many_big_answers_leave_the_judge_small(request: pytest.FixtureRequest, which: str) -> None:
    """Every test returns 900,000 short strings (12.6 MB of JSON, within every cap): the
    judge holds one such answer at a time, never one per test."""
    request.getfixturevalue(f"{which}_sandbox")  # skips without Docker
    source = (
        "ANSWER = [str(10000000000 + i) for i in range(900000)]\n"
        "def two_sum(nums, target):\n    return ANSWER\n"
    )
    with world(False) as w:
        sub = w.submission("big.py", source)
        result = run_judge(
            w,
            "run",
            "two_sum",
            str(sub),
            "--sandbox",
            which,
            "--no-complexity",
            "--format",
            "json",
            timeout=900,
        )
        assert result.code == 1, result.stderr[-2000:]
        assert json.loads(result.stdout)["verdict"] == "WA"
        print(f"\n{which}: judge peak {result.peak_kb / 1024:.0f} MiB under 900k-string answers")
        assert 0 < result.peak_kb < PEAK_LIMIT_KB


COMPLEXITY_ATTACKS = {
    "huge-answer-at-timing-sizes": "return [str(10000000000 + i) for i in range(900000)]",
    "forged-internal-at-timing-sizes": (
        'os.write(int(sys.argv[2]), b\'{"status":"internal","error":"forged"}\\n\')\n        time.sleep(5)'
    ),
    "os-exit-at-timing-sizes": "os._exit(0)",
}


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(COMPLEXITY_ATTACKS))
def test_complexity_timing_under_attack(name: str) -> None:
    """Honest on the tests, hostile on the larger inputs only complexity timing uses: the
    timing fails like a test, the judge neither crashes nor grows."""
    source = f"""
import os, sys, time
def two_sum(nums, target):
    if len(nums) > 30000:
        {COMPLEXITY_ATTACKS[name]}
    seen = {{}}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    return []
"""
    with world(False) as w:
        sub = w.submission("cx.py", source)
        result = run_judge(
            w, "run", "two_sum", str(sub), "--sandbox", "local", "--format", "json", timeout=900
        )
        assert result.code in (0, 1), result.stderr[-2000:]
        report = json.loads(result.stdout)
        assert report["verdict"] != "IE"
        assert all(t["verdict"] != "IE" for t in report["tests"])
        assert 0 < result.peak_kb < PEAK_LIMIT_KB


# == 12. The judge as root and as an ordinary user: the whole CLI, hashes, leftovers ========

CLI_PROBE = """
import ctypes, os, resource, signal
libc = ctypes.CDLL(None, use_errno=True)
libc.ptrace.argtypes = [ctypes.c_long, ctypes.c_long, ctypes.c_void_p, ctypes.c_void_p]
libc.mount.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_char_p, ctypes.c_ulong, ctypes.c_char_p]

def attack():
    breaches = []
    me = os.getpid()
    pids = [int(p) for p in os.listdir('/proc') if p.isdigit() and int(p) != me]
    if len(pids) > 20:
        breaches.append('sees the host pids')
    for pid in pids:
        if libc.ptrace(0x4206, pid, None, None) == 0:
            breaches.append(f'ptrace {{pid}}')
        for what in ('environ', 'mem', 'maps'):
            try:
                with open(f'/proc/{{pid}}/{{what}}', 'rb') as fh:
                    fh.read(1)
                breaches.append(f'/proc/{{pid}}/{{what}}')
            except OSError:
                pass
    for path in ('{problems}', '{solutions}', '{cache}', '{subs}', '/etc/shadow'):
        if os.path.exists(path):
            breaches.append(path)
    if libc.unshare(0x10000000 | 0x00020000) == 0:
        for target in ('/usr', '/'):
            libc.mount(None, target.encode(), None, 32 | 4096, None)
            try:
                with open(os.path.join(target, '{token}'), 'w') as fh:
                    fh.write('x')
                breaches.append('wrote ' + target)
            except OSError:
                pass
    if breaches:
        raise RuntimeError(f'BREACH {{breaches}}')  # RE too, but the message tells
    raise PermissionError('held')

_BREACH = []

def two_sum(nums, target):
    if not _BREACH:
        _BREACH.append(attack())  # always raises: RE, with what was found
    seen = {{}}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    return []
"""


@pytest.fixture(params=[pytest.param(False, id="as-root"), pytest.param(True, id="as-user")])
def as_user(request: pytest.FixtureRequest) -> bool:
    if not request.param and not is_root():
        pytest.skip("the judge runs as root only when the tests do")
    return request.param


def test_the_cli_as_root_and_as_a_user(as_user: bool) -> None:
    """ptrace, /proc of others, the world's folders, a nested user namespace's
    remounts: all refused, as root and as an ordinary user; every watched place unchanged,
    no scratch left, the judge small."""
    token = _token()
    with world(as_user) as w:
        text = CLI_PROBE.format(
            problems=w.problems, solutions=w.solutions, cache=w.cache, subs=w.subs, token=token
        )
        sub = w.submission("probe.py", text)
        before = snapshot(*w.watched())
        result = run_judge(
            w, "run", "two_sum", str(sub), "--sandbox", "local", "--format", "json", "--no-complexity",
            as_user=as_user,
        )  # fmt: skip
        assert result.code != 3, result.stderr[-2000:]
        report = json.loads(result.stdout)
        assert report["verdict"] == "RE", report["tests"][0]["message"]
        assert "held" in report["tests"][0]["message"]
        key = str(w.cache / "key")  # made by this first run of the world's judge
        assert [d for d in differences(before, snapshot(*w.watched()), w.cache) if d != key] == []
        assert list(w.tmp.iterdir()) == []
        assert not any(os.path.lexists(os.path.join(p, token)) for p in ("/", "/usr"))
        assert 0 < result.peak_kb < PEAK_LIMIT_KB


# == 13. Leftovers of a whole pytest session of attacks ====================================


def _our_containers() -> set[str]:
    done = subprocess.run(
        [
            "docker",
            "ps",
            "-aq",
            "--filter",
            "label=org.judge.sandbox",
            "--filter",
            f"label=org.judge.owner={os.uname().nodename}:{os.getpid()}",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    return set(done.stdout.split())


@pytest.mark.docker
def test_no_container_of_ours_is_left(docker_sandbox: Sandbox) -> None:
    """After a session that crashed, stopped, forked and flooded: no container of this process."""
    run(docker_sandbox, SIGNAL_EVERYTHING, [{"x": 0}, {"x": 1}])
    run(docker_sandbox, FORK_MANY.format(token=_token()))
    end = time.monotonic() + 15
    while _our_containers() and time.monotonic() < end:
        time.sleep(0.5)
    assert _our_containers() == set()


# == 14. Submissions one after another: nothing carries over (the warm path too) ============

PLANT = """
import builtins, os, sys, threading, time
def f():
    for folder in (os.getcwd(), os.environ.get('HOME', '.'), os.environ.get('TMPDIR', '.'), '/tmp'):
        try:
            with open(os.path.join(folder, '{token}'), 'w') as fh:
                fh.write('planted')
        except OSError:
            pass
    os.environ['{token}'] = 'planted'
    builtins.{token} = 'planted'
    sys.modules['{token}'] = sys
    threading.Thread(target=time.sleep, args=(60,), daemon=True).start()
    return 1
"""

FIND = """
import builtins, os, sys
def f():
    found = []
    for folder in (os.getcwd(), os.environ.get('HOME', '.'), os.environ.get('TMPDIR', '.'), '/tmp'):
        if os.path.exists(os.path.join(folder, '{token}')):
            found.append(folder)
    if '{token}' in os.environ:
        found.append('environ')
    if hasattr(builtins, '{token}'):
        found.append('builtins')
    if '{token}' in sys.modules:
        found.append('sys.modules')
    return found
"""


def test_nothing_carries_over_to_the_next_submission(sandbox: Sandbox) -> None:
    """One learner plants files in every writable folder, an environment variable, a builtin,
    a module, a thread; the next submission in the same sandbox finds none of them."""
    token = _token()
    [planted] = run(sandbox, PLANT.format(token=token))
    assert planted.status == "ok", planted.error
    [found] = run(sandbox, FIND.format(token=token))
    assert found.status == "ok" and found.value == [], (found.value, found.error)
