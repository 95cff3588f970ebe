# Wrong: off by one at the end. It asks whether the reach gets past the last index
# (reach >= len(nums)) instead of onto it (reach >= len(nums) - 1), so an input whose jumps
# land exactly on the last index, or a single position, reads as unreachable. Passes both
# samples; hidden tests such as `single-zero` and `zero-at-last-index` reject it.


def can_jump(nums: list[int]) -> bool:
    reach = 0
    for i, jump in enumerate(nums):
        if i > reach:
            return False
        reach = max(reach, i + jump)
    return reach >= len(nums)
