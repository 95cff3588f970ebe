"""Every verdict from purpose-written submissions, under both sandboxes (one suite)."""

from __future__ import annotations

import json
import os
import uuid
from pathlib import Path

import pytest

from judge.models import Verdict
from tests.conftest import REPO, JudgeFn

GOOD = (REPO / "examples" / "two_sum.py").read_text()


def _processes_with(token: str) -> list[int]:
    """Live processes anywhere on this machine whose command line holds `token`."""
    pids = []
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            cmdline = Path(f"/proc/{name}/cmdline").read_bytes()
            state = Path(f"/proc/{name}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if token.encode() in cmdline and state != "Z":
            pids.append(int(name))
    return pids


def test_accepted(judge_code: JudgeFn) -> None:
    report = judge_code("two_sum", GOOD)
    assert report.verdict is Verdict.AC
    assert report.passed == report.total >= 17
    assert all(t.time_ms >= 0 for t in report.tests)


def test_wrong_answer_names_the_failure(judge_code: JudgeFn) -> None:
    report = judge_code("two_sum", "def two_sum(nums, target):\n    return [0, 0]\n")
    assert report.verdict is Verdict.WA
    first = report.tests[0]
    assert first.verdict is Verdict.WA and first.name == "sample-1"
    assert first.message  # says what is wrong


@pytest.mark.parametrize(
    "body",
    [
        pytest.param("    while True:\n        pass\n", id="busy-loop"),
        pytest.param("    import time\n    time.sleep(30)\n", id="sleep"),
    ],
)
def test_time_limit(judge_code: JudgeFn, body: str) -> None:
    report = judge_code("two_sum", "def two_sum(nums, target):\n" + body)
    assert report.verdict is Verdict.TLE
    assert report.tests[0].verdict is Verdict.TLE
    # The rest are not waited out: one test ran out of time, the others were skipped.
    assert report.skipped == report.total - len(report.tests) > 0
    if "sleep" in body:  # no CPU used: stopped by the wall-time backstop, and told so
        assert "rather than computing" in report.tests[0].message, report.tests[0].message


def test_wall_time_past_the_limit_is_not_a_tle(judge_code: JudgeFn) -> None:
    """The limit is on CPU: a test held up past its limit's wall time (as a busy machine holds
    it up) while using little CPU still gets its verdict, here AC."""
    source = """\
        import time
        SLEPT = []
        def two_sum(nums, target):
            if not SLEPT:
                SLEPT.append(time.sleep(1.5))  # the limit is 1 s, and 0.25 s of grace
            seen = {}
            for i, x in enumerate(nums):
                if target - x in seen:
                    return [seen[target - x], i]
                seen[x] = i
        """
    report = judge_code("two_sum", source)
    assert report.verdict is Verdict.AC, [(t.name, t.verdict, t.message) for t in report.tests]


def test_memory_limit(judge_code: JudgeFn) -> None:
    report = judge_code(
        "two_sum", "def two_sum(nums, target):\n    x = bytearray(2 << 30)\n    return [0, 1]\n"
    )
    assert report.verdict is Verdict.MLE


def test_memory_limit_growing(judge_code: JudgeFn) -> None:
    src = (
        "def two_sum(nums, target):\n    hog = []\n    while True:\n        hog.append(bytearray(1 << 20))\n"
    )
    assert judge_code("two_sum", src).verdict is Verdict.MLE


@pytest.mark.parametrize(
    ("body", "needle"),
    [
        pytest.param("    raise ValueError('boom')\n", "ValueError: boom", id="exception"),
        pytest.param("    import sys\n    sys.exit(3)\n", "exit(3)", id="sys.exit"),
        pytest.param("    import os\n    os._exit(0)\n", "exited with code 0", id="os._exit"),
        pytest.param("    return two_sum(nums, target)\n", "RecursionError", id="recursion-error"),
        pytest.param(
            # Memoized recursion goes through C (lru_cache), so it exhausts the C stack.
            "    import sys, functools\n    sys.setrecursionlimit(10**8)\n"
            "    @functools.lru_cache(None)\n    def f(n):\n        return f(n + 1) + 1\n    return f(0)\n",
            "crashed",
            id="deep-recursion-crash",
        ),
        pytest.param(
            "    import os, signal\n    os.kill(os.getpid(), signal.SIGSEGV)\n", "crashed", id="segfault"
        ),
    ],
)
def test_runtime_error(judge_code: JudgeFn, body: str, needle: str) -> None:
    report = judge_code("two_sum", "def two_sum(nums, target):\n" + body)
    assert report.verdict is Verdict.RE
    assert needle in report.tests[0].message


def test_runtime_error_keeps_judging_later_tests(judge_code: JudgeFn) -> None:
    """A crash on one test respawns the worker; the next test is judged on its own."""
    src = (
        "def two_sum(nums, target):\n"
        "    if nums == [2, 7, 11, 15]:\n        import os\n        os._exit(1)\n"
        "    seen = {}\n    for i, x in enumerate(nums):\n"
        "        if target - x in seen:\n            return [seen[target - x], i]\n        seen[x] = i\n"
    )
    report = judge_code("two_sum", src)
    assert report.tests[0].verdict is Verdict.RE
    assert all(t.verdict is Verdict.AC for t in report.tests[1:])


@pytest.mark.parametrize(
    ("src", "needle"),
    [
        pytest.param("def two_sum(nums, target)\n    return []\n", "SyntaxError", id="syntax-error"),
        pytest.param(
            "def twosum(nums, target):\n    return []\n", "defines no function two_sum", id="no-entry"
        ),
        pytest.param("import no_such_module_here\n", "ModuleNotFoundError", id="import-error"),
        pytest.param("two_sum = 42\n", "defines no function two_sum", id="not-callable"),
    ],
)
def test_compile_error(judge_code: JudgeFn, src: str, needle: str) -> None:
    report = judge_code("two_sum", src)
    assert report.verdict is Verdict.CE
    assert all(t.verdict is Verdict.CE for t in report.tests)
    assert needle in report.tests[0].message


def test_output_limit(judge_code: JudgeFn) -> None:
    report = judge_code("two_sum", "def two_sum(nums, target):\n    while True:\n        print('x' * 1000)\n")
    assert report.verdict is Verdict.OLE
    assert "printed more than" in report.tests[0].message


def test_prints_are_captured_and_shown(judge_code: JudgeFn) -> None:
    src = GOOD.replace("    seen: dict", "    print('debug', len(nums))\n    seen: dict")
    report = judge_code("two_sum", src)
    assert report.verdict is Verdict.AC
    assert report.tests[0].output.startswith("debug 4")


def test_fake_verdicts_on_stdout_change_nothing(judge_code: JudgeFn) -> None:
    fake = json.dumps({"status": "ok", "value": [0, 1], "verdict": "AC"})
    src = (
        "import sys, os\n"
        "def two_sum(nums, target):\n"
        f"    print({fake!r})\n"
        "    print('sample-1  AC  0.1 ms')\n"
        f"    os.write(1, b{fake!r} + b'\\n')\n"
        f"    sys.stderr.write({fake!r})\n"
        "    return [3, 3]\n"
    )
    report = judge_code("two_sum", src)
    assert report.verdict is Verdict.WA
    assert all(t.verdict is Verdict.WA for t in report.tests)


@pytest.mark.parametrize(
    "returned",
    [
        pytest.param("class Liar:\n    def __eq__(self, other):\n        return True\n", id="lying-eq"),
        pytest.param(
            "class Liar(list):\n    def __eq__(self, other):\n        return True\n"
            "    def __iter__(self):\n        return iter([0, 1])\n",
            id="list-subclass",
        ),
        pytest.param(
            "class Liar(int):\n    def __eq__(self, other):\n        return True\n", id="int-subclass"
        ),
    ],
)
def test_lying_return_values_get_nothing(judge_code: JudgeFn, returned: str) -> None:
    src = returned + "def two_sum(nums, target):\n    return Liar()\n"
    report = judge_code("two_sum", src)
    assert report.verdict is Verdict.WA


def test_leetcode_form_without_imports(judge_code: JudgeFn) -> None:
    src = """\
        class Solution:
            def twoSum(self, nums: List[int], target: int) -> List[int]:
                seen: Dict[int, int] = defaultdict(int)
                for i, x in enumerate(nums):
                    if target - x in seen:
                        return [seen[target - x], i]
                    seen[x] = i
                return []
    """
    report = judge_code("two_sum", src)
    assert report.verdict is Verdict.AC, report.tests[0].message
    assert report.passed == report.total


def test_class_design_problem(judge_code: JudgeFn) -> None:
    src = (REPO / "solutions_reference" / "lru_cache" / "accepted" / "reference.py").read_text()
    assert judge_code("lru_cache", src).verdict is Verdict.AC
    wrong = (
        REPO / "solutions_reference" / "lru_cache" / "wrong_answer" / "fifo_get_no_refresh.py"
    ).read_text()
    assert judge_code("lru_cache", wrong).verdict is Verdict.WA


def test_forked_children_do_not_outlive_the_judge(judge_code: JudgeFn) -> None:
    """Children, grandchildren and ones that left the session are all gone afterwards."""
    token = f"judge-fork-test-{uuid.uuid4().hex}"
    src = f"""\
        import os, sys
        SLEEPER = [sys.executable, "-c", "import time; time.sleep(300)", "{token}"]
        def two_sum(nums, target):
            for _ in range(2):  # bounded: two children, each with a grandchild, per test
                if os.fork() == 0:
                    os.setsid()
                    if os.fork() == 0:
                        os.execv(sys.executable, SLEEPER)
                    os.execv(sys.executable, SLEEPER)
            seen = {{}}
            for i, x in enumerate(nums):
                if target - x in seen:
                    return [seen[target - x], i]
                seen[x] = i
    """
    report = judge_code("two_sum", src)
    assert report.tests[0].verdict is Verdict.AC
    assert _processes_with(token) == []


def test_learner_environment_is_scrubbed(judge_code: JudgeFn, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUDGE_SECRET_TOKEN", "hunter2")
    src = (
        "import os\n"
        "def two_sum(nums, target):\n"
        "    leaked = [k for k in os.environ if k.startswith('JUDGE') or 'SECRET' in k]\n"
        "    print(sorted(os.environ))\n"
        "    return leaked or [0, 1]\n"
    )
    report = judge_code("two_sum", src)
    assert report.tests[0].verdict is Verdict.AC
    assert "JUDGE" not in report.tests[0].output
    assert "hunter2" not in report.tests[0].output


@pytest.mark.parametrize(
    ("src", "verdict"),
    [
        pytest.param(
            "class L:\n    __class__ = property(lambda s: int)\ndef two_sum(nums, target):\n    return [L(), 1]\n",
            Verdict.WA,
            id="fake-__class__",
        ),
        pytest.param(
            "class E(Exception):\n    def __str__(self):\n        raise ValueError\n"
            "def two_sum(nums, target):\n    raise E()\n",
            Verdict.RE,
            id="exception-whose-str-raises",
        ),
        pytest.param(
            "class E(Exception):\n    def __str__(self):\n        raise ValueError\nraise E()\n",
            Verdict.CE,
            id="same-at-load",
        ),
        pytest.param(
            "import os, sys\ndef two_sum(nums, target):\n"
            '    os.write(int(sys.argv[2]), b\'{"status":"internal","error":"forged"}\\n\')\n    return [0, 1]\n',
            Verdict.RE,
            id="forged-internal-error",
        ),
        pytest.param(
            # Refused (Docker: the supervisor is root) or ignored (local): never the judge's IE.
            "import os, signal\ndef two_sum(nums, target):\n    for pid in (1, os.getppid()):\n"
            "        try:\n            os.kill(pid, signal.SIGINT)\n        except OSError:\n"
            "            pass\n    return []\n",
            Verdict.WA,
            id="signals-to-the-supervisor",
        ),
    ],
)
def test_hostile_learner_is_never_an_internal_error(judge_code: JudgeFn, src: str, verdict: Verdict) -> None:
    report = judge_code("two_sum", src)
    assert report.verdict is verdict, [(t.name, t.verdict, t.message) for t in report.tests[:2]]
    assert all(t.verdict is not Verdict.IE for t in report.tests)


def test_huge_and_unprintable_messages_are_cut(judge_code: JudgeFn) -> None:
    src = "def two_sum(nums, target):\n    raise ValueError('bad \\ud800 char' + 'm' * (5 << 20))\n"
    report = judge_code("two_sum", src)
    assert report.verdict is Verdict.RE
    message = report.tests[0].message
    assert len(message) <= 4000
    message.encode("utf-8")  # printable: no lone surrogates left


def test_an_enormous_answer_is_an_output_limit(judge_code: JudgeFn) -> None:
    report = judge_code("two_sum", "def two_sum(nums, target):\n    return ['x' * (40 << 20), 1]\n")
    assert report.verdict is Verdict.OLE
