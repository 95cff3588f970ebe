# Wrong: assumes that any 0 before the last index is a dead end, so the answer is "no zero
# among the first n - 1 values". A longer jump can pass over a zero: [2, 0, 0] is reachable.
# Passes both samples; hidden tests such as `jump-over-zeros` and `far-jump-past-zeros` reject it.


def can_jump(nums: list[int]) -> bool:
    return 0 not in nums[:-1]
