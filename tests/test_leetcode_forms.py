"""Solutions as LeetCode accepts them are accepted here, in either sandbox, with the same modules.

LeetCode gives every Python 3 submission its pre-imports (`List`, `OrderedDict`, `heapq`,
...) whatever its form, and offers numpy and pandas. So does the judge: the pre-imports for
functions, `class Solution` and class-design submissions alike, and one pinned set of
libraries (judge/sandbox/environment.py) in the local sandbox and the Docker image.
"""

from __future__ import annotations

import textwrap
from importlib import metadata

import pytest

from judge.catalog import load_problem
from judge.judging import judge_source
from judge.models import Verdict
from judge.sandbox import Sandbox, environment
from tests.conftest import JudgeFn

TWO_SUM_UNWRITTEN_IMPORTS = """
class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        seen: Dict[int, int] = defaultdict(int)
        seen.clear()
        for i, x in enumerate(nums):
            if target - x in seen:
                return [seen[target - x], i]
            seen[x] = i
        return []
"""

TWO_SUM_TYPING_IMPORT = """
from typing import List

class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:
        index = {}
        for i, x in enumerate(nums):
            if target - x in index:
                return [index[target - x], i]
            index[x] = i
        return []
"""

LRU_SUBCLASS = """
class LRUCache(OrderedDict):
    def __init__(self, capacity: int):
        super().__init__()
        self.capacity = capacity

    def get(self, key: int) -> int:
        if key not in self:
            return -1
        self.move_to_end(key)
        return self[key]

    def put(self, key: int, value: int) -> None:
        if key in self:
            self.move_to_end(key)
        self[key] = value
        if len(self) > self.capacity:
            self.popitem(last=False)
"""

LRU_BARE_ORDEREDDICT = """
class LRUCache:
    def __init__(self, capacity: int):
        self.cache = OrderedDict()
        self.capacity = capacity

    def get(self, key: int) -> int:
        if key not in self.cache:
            return -1
        self.cache.move_to_end(key)
        return self.cache[key]

    def put(self, key: int, value: int) -> None:
        self.cache[key] = value
        self.cache.move_to_end(key)
        if len(self.cache) > self.capacity:
            self.cache.popitem(last=False)
"""

TRAP_NUMPY = """
import numpy as np

class Solution:
    def trap(self, height: List[int]) -> int:
        if not height:
            return 0
        h = np.array(height, dtype=np.int64)
        left = np.maximum.accumulate(h)
        right = np.maximum.accumulate(h[::-1])[::-1]
        return (np.minimum(left, right) - h).sum()  # a numpy integer, as LeetCode allows
"""

TRAP_NUMPY_WRONG = """
import numpy as np

def trap(height):
    if not height:
        return 0
    h = np.array(height, dtype=np.int64)
    return int((np.maximum.accumulate(h) - h).sum())  # forgets the right-hand wall
"""

TWO_SUM_NUMPY = """
import numpy as np

def two_sum(nums, target):
    a = np.array(nums)
    order = np.argsort(a, kind="stable")
    lo, hi = 0, len(a) - 1
    while lo < hi:
        s = a[order[lo]] + a[order[hi]]
        if s == target:
            return np.sort(order[[lo, hi]])  # an ndarray: compared as a list
        if s < target:
            lo += 1
        else:
            hi -= 1
    return []
"""

FUNCTION_WITH_PREIMPORTS = """
def two_sum(nums, target):
    assert pow(3, 4, 5) == 1  # the built-in pow, not math's, despite `from math import *`
    where = defaultdict(list)
    for i, x in enumerate(nums):
        where[x].append(i)
    for i, x in enumerate(nums):
        for j in where.get(target - x, []):
            if j != i:
                return sorted([i, j])
    return []
"""

ACCEPTED = [
    pytest.param("two_sum", TWO_SUM_UNWRITTEN_IMPORTS, id="pre-imports-unwritten"),
    pytest.param("two_sum", TWO_SUM_TYPING_IMPORT, id="from-typing-import-List"),
    pytest.param("two_sum", FUNCTION_WITH_PREIMPORTS, id="function-form-pre-imports"),
    pytest.param("lru_cache", LRU_SUBCLASS, id="class-LRUCache(OrderedDict)"),
    pytest.param("lru_cache", LRU_BARE_ORDEREDDICT, id="bare-OrderedDict()"),
    pytest.param("trapping_rain_water", TRAP_NUMPY, id="numpy-Solution"),
    pytest.param("two_sum", TWO_SUM_NUMPY, id="numpy-ndarray-answer"),
]


@pytest.mark.parametrize(("slug", "source"), ACCEPTED)
def test_leetcode_form_is_accepted(judge_code: JudgeFn, slug: str, source: str) -> None:
    report = judge_code(slug, source)
    failing = [(t.name, t.verdict, t.message) for t in report.tests if t.verdict is not Verdict.AC]
    assert report.verdict is Verdict.AC, failing[:3]


@pytest.mark.docker
@pytest.mark.parametrize(
    ("slug", "source"),
    [
        pytest.param("trapping_rain_water", TRAP_NUMPY, id="numpy-accepted"),
        pytest.param("trapping_rain_water", TRAP_NUMPY_WRONG, id="numpy-wrong-answer"),
    ],
)
def test_numpy_solution_gets_the_same_verdicts_in_both_sandboxes(
    local_sandbox: Sandbox, docker_sandbox: Sandbox, slug: str, source: str
) -> None:
    problem = load_problem(slug)
    reports = [
        judge_source(problem, textwrap.dedent(source), box, complexity=False, all_tests=True)
        for box in (local_sandbox, docker_sandbox)
    ]
    local, docker = ([(t.name, t.verdict) for t in r.tests] for r in reports)
    assert local == docker
    assert reports[0].verdict is reports[1].verdict


def test_the_pinned_libraries_are_what_the_local_sandbox_has() -> None:
    """The local sandbox runs the judge's interpreter: it must have the pinned set."""
    assert environment.local_mismatches() == []
    for name, version in environment.LIBRARIES.items():
        assert metadata.version(name) == version
        assert f"{name} {version}" in environment.DESCRIPTION
    assert environment.DESCRIPTION.startswith(f"Python {environment.PYTHON} with ")


@pytest.mark.docker
def test_the_image_has_the_pinned_libraries(docker_sandbox: Sandbox) -> None:
    from judge.sandbox import Job, JobCase

    source = (
        "import sys\nfrom importlib import metadata\n"
        "def versions(names):\n"
        "    return [f'{sys.version_info[0]}.{sys.version_info[1]}'] + [metadata.version(n) for n in names]\n"
    )
    names = list({**environment.LIBRARIES, **environment.SUPPORT})
    job = Job(
        "python",
        {"source": source, "function": "versions"},
        (JobCase("v", {"names": names}, 5000),),
        memory_mb=256,
        output_bytes=1 << 16,
    )
    [outcome] = docker_sandbox.run(job)
    assert outcome.status == "ok", outcome.error
    pins = {**environment.LIBRARIES, **environment.SUPPORT}
    assert outcome.value == [environment.PYTHON, *(pins[n] for n in names)]
