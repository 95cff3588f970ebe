# Sneaky slow: backward dynamic programming, good[i] = any(good[i + 1 : i + 1 + nums[i]]).
# Correct, and the slice and any() run in C, so it passes the large tests, but every step
# copies a slice as long as the jump: O(n * J), which on the generator's inputs (J = n / 100)
# grows like n**2 / 100, a power of n faster than the O(n) greedy.


def can_jump(nums: list[int]) -> bool:
    n = len(nums)
    good = [False] * n
    good[-1] = True
    for i in range(n - 2, -1, -1):
        good[i] = any(good[i + 1 : i + 1 + nums[i]])
    return good[0]
