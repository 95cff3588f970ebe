# Wrong: sorts the numbers and closes in with two pointers, but returns positions in the
# sorted copy rather than in the original list. Right only when nums is already sorted
# (sample-1); sample-2 and most hidden tests reject it.


def two_sum(nums: list[int], target: int) -> list[int]:
    ordered = sorted(nums)
    lo, hi = 0, len(ordered) - 1
    while lo < hi:
        total = ordered[lo] + ordered[hi]
        if total == target:
            return [lo, hi]
        if total < target:
            lo += 1
        else:
            hi -= 1
    return []
