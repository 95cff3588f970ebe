# Reference solution: one pass with a dict from value to index. For each value, look up its
# complement among the values seen so far. O(n) time, O(n) extra space.


def two_sum(nums: list[int], target: int) -> list[int]:
    seen: dict[int, int] = {}
    for j, value in enumerate(nums):
        i = seen.get(target - value)
        if i is not None:
            return [i, j]
        seen[value] = j
    return []
