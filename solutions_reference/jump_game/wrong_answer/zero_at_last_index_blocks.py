# Wrong: checks every index, the last one included, for "stuck here" (a 0 that the reach does
# not pass). Standing on the last index is the goal, so its value does not matter: [1, 0] and
# [0] are reachable. Passes both samples; hidden tests such as `zero-at-last-index` and
# `exact-reach-to-zero` reject it.


def can_jump(nums: list[int]) -> bool:
    reach = 0
    for i, jump in enumerate(nums):
        reach = max(reach, i + jump)
        if reach <= i:
            return False
    return True
