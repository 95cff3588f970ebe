# Too slow: for each value, searches the rest of the list for its complement with
# `list.index` on a slice. The inner search runs in C, but the whole is still O(n^2): on the
# large tests (n = 100000, answer pair in the last 1%) it copies and scans about 5 * 10**9
# list entries.


def two_sum(nums: list[int], target: int) -> list[int]:
    for i, value in enumerate(nums):
        rest = nums[i + 1 :]
        if target - value in rest:
            return [i, i + 1 + rest.index(target - value)]
    return []
