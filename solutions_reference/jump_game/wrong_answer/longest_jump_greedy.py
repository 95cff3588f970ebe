# Wrong: greedy on the jump, not on the reach: from each position it always takes the longest
# jump. Landing farther is not always better: in [2, 3, 1, 0, 4] the longest jumps go
# 0 -> 2 -> 3 and stop on the 0, but 0 -> 1 -> 4 reaches the end. Passes both samples; the
# hidden test `longest-jump-lands-on-zero` rejects it.


def can_jump(nums: list[int]) -> bool:
    i, last = 0, len(nums) - 1
    while i < last:
        if nums[i] == 0:
            return False
        i += nums[i]
    return True
