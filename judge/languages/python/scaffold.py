"""`judge new --kind python`: every file a Python problem needs, with what goes there."""

from __future__ import annotations

import json

from judge.languages import TODO


def problem_files(slug: str) -> dict[str, str]:
    title = slug.replace("_", " ").title()
    sample = {"input": {"nums": [3, 1, 2]}, "expected": 6}
    return {
        "problem.yaml": f"""\
# {TODO}: describe the problem; docs/problem-format.md lists every field.
title: {title}
kind: python
difficulty: easy                 # easy | medium | hard
tags: [arrays]
entry_point:
  function: {slug}               # the function learners write ...
  signature: "def {slug}(nums: list[int]) -> int"
  # leetcode_method: camelCase   # ... or LeetCode's `class Solution` method name
  # class: ClassName             # a class-design problem instead (operation sequences)
limits:
  time_ms: 1000                  # floor of the per-test limit
  time_multiplier: 5             # limit = max(time_ms, multiplier x reference time)
  memory_mb: 256
checker: exact                   # exact | unordered | float | custom (checker.py)
complexity:
  expected: O(n)                 # the reference's class; learners are measured against it
  sizes: [2000, 4000, 8000, 16000, 32000, 64000]   # n values passed to generator.py
""",
        "statement.md": f"""\
# {title}

{TODO}: say what `{slug}(nums)` must return, in words a learner can solve from alone:
the input, the output, the constraints (sizes, ranges, edge cases such as an empty list).

## Example

```
{slug}(nums=[3, 1, 2]) -> 6
```

{TODO}: explain the example step by step.
""",
        "tests/samples/sample-1.json": json.dumps(sample) + "\n",
        "tests/hidden/edge-single.json": json.dumps({"input": {"nums": [5]}, "expected": 5}) + "\n",
        "tests/hidden/large-1.json": json.dumps({"generate": {"n": 100000, "seed": 1}, "expected": 0}) + "\n",
        "generator.py": f'''\
"""Input generator for {slug}: one input of size n, the same for the same seed."""

import random


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    rng = random.Random(seed)
    # {TODO}: make inputs that exercise the problem (and the slow solutions) at size n.
    return {{"nums": [rng.randrange(-1000, 1000) for _ in range(n)]}}
''',
    }


def solution_files(slug: str) -> dict[str, str]:
    return {
        "accepted/reference.py": f"""\
# {TODO}: the reference solution: correct, in the expected time class. Stored expected
# outputs must agree with it, and time limits are measured from it.
def {slug}(nums: list[int]) -> int:
    raise NotImplementedError
""",
        "wrong_answer/classic_mistake.py": f"""\
# {TODO}: a classic wrong solution (and say here why it is wrong); the tests must reject it.
def {slug}(nums: list[int]) -> int:
    return 0
""",
    }
