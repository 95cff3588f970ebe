"""Submissions that try to look faster than they are: never `ok: true`.

Timing is the supervisor's CPU figure for the worker's process tree, and every timed answer
is checked, so rewriting the clocks does nothing and skipping the work on timing inputs is a
wrong answer. Outcomes asserted are ones no machine's noise can turn (a quadratic two_sum is
hundreds of times slower than the reference at the sizes timed).
"""

from __future__ import annotations

import pytest

from judge.catalog import load_problem
from judge.complexity import measure
from judge.judging import judge_source
from judge.models import Verdict
from judge.sandbox import Sandbox

FREEZE_CLOCKS = """\
import gc, os, time

def _zero(*args, **kwargs):
    return 0

for _name in dir(time):
    if _name.endswith(("time", "counter", "monotonic", "time_ns", "counter_ns", "monotonic_ns")):
        setattr(time, _name, _zero)
time.clock_gettime = _zero
time.clock_gettime_ns = _zero
os.times = lambda: os.times_result((0.0, 0.0, 0.0, 0.0, 0.0))
gc.disable()
"""

ALL_PAIRS = """\
def _all_pairs(nums, target):
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
"""

# Quadratic, with every clock it can reach frozen at 0.
FROZEN_CLOCKS_QUADRATIC = FREEZE_CLOCKS + ALL_PAIRS + "\ntwo_sum = _all_pairs\n"

# The same, and on inputs larger than the tests' small ones it skips the work: a cached answer.
SKIPS_WORK_WHEN_TIMED = (
    FREEZE_CLOCKS
    + ALL_PAIRS
    + """
_cache = {}

def two_sum(nums, target):
    if len(nums) > 2000 and len(nums) != 100000:  # not a test's size: must be timing
        return _cache.get(len(nums), [0, 1])
    answer = _all_pairs(nums, target)
    _cache[len(nums)] = answer
    return answer
"""
)

# Quadratic work done in a thread, the caller waiting on it: CPU in any thread counts.
IN_A_THREAD = (
    FREEZE_CLOCKS
    + ALL_PAIRS
    + """
import threading

def two_sum(nums, target):
    out = []
    worker = threading.Thread(target=lambda: out.append(_all_pairs(nums, target)))
    worker.start()
    worker.join()
    return out[0]
"""
)


@pytest.mark.parametrize(
    "source",
    [FROZEN_CLOCKS_QUADRATIC, SKIPS_WORK_WHEN_TIMED, IN_A_THREAD],
    ids=["frozen-clocks", "skips-work-when-timed", "work-in-a-thread"],
)
def test_tampering_is_never_ok(sandbox: Sandbox, source: str) -> None:
    result = measure(load_problem("two_sum"), source, sandbox)
    assert result is not None
    assert result.ok is not True, result
    if source is SKIPS_WORK_WHEN_TIMED:
        assert result.ok is False and result.note.startswith("WA on a timing input"), result.note


def test_a_wrong_answer_on_a_timing_input_is_the_submissions_verdict(sandbox: Sandbox) -> None:
    """Fast and wrong when it sees a timing input is WA, not fast: the timed call is a test."""
    fast_but_wrong_when_timed = """
def two_sum(nums, target):
    if len(nums) not in (100000,) and len(nums) >= 600:  # not a test's size: a timing input
        return [0, 1]
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
"""
    report = judge_source(load_problem("two_sum"), fast_but_wrong_when_timed, sandbox)
    assert report.verdict is Verdict.WA, [(t.name, t.verdict) for t in report.tests]
    assert report.tests[-1].verdict is Verdict.WA
    assert report.complexity is not None and report.complexity.ok is False
