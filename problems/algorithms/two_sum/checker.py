"""Checker for two_sum: any order of the two indices is accepted."""


def _short(value: object, limit: int = 60) -> str:
    try:
        text = repr(value)
    except (ValueError, RecursionError):  # a huge int, a deeply nested list
        return f"<{type(value).__name__} too large to display>"
    return text if len(text) <= limit else text[: limit - 3] + "..."


def check(input: dict, expected, got) -> str | None:
    """None when `got` is accepted; otherwise a short message saying what is wrong."""
    nums = input["nums"]
    target = input["target"]
    if not isinstance(got, list):
        return f"expected a list of two indices, got {type(got).__name__} {_short(got)}"
    if len(got) != 2:
        return f"expected exactly 2 indices, got {len(got)}: {_short(got)}"
    for index in got:
        if isinstance(index, bool) or not isinstance(index, int):
            return f"indices must be ints, got {type(index).__name__} {_short(index)}"
        if not 0 <= index < len(nums):
            return f"index {_short(index)} is out of range for nums of length {len(nums)}"
    i, j = got
    if i == j:
        return f"the two indices must be different positions, got [{i}, {j}]"
    total = nums[i] + nums[j]
    if total != target:
        return f"nums[{i}] + nums[{j}] = {nums[i]} + {nums[j]} = {total}, not the target {target}"
    return None
