# Sneaky slow: marks every landing of every reachable position, as mark_every_landing does,
# but with one slice assignment per position, which runs in C. Accepted: on the large tests
# (n = 100,000, jumps up to 2,000) the 10**8 marks take a fraction of a second. It is still
# O(n * J), so on the generator's inputs (J = n / 100) it grows like n**2 / 100 against the
# O(n) greedy: a power of n faster, which the complexity report shows.


def can_jump(nums: list[int]) -> bool:
    n = len(nums)
    reachable = [False] * n
    reachable[0] = True
    for i in range(n):
        if reachable[i]:
            end = min(n, i + nums[i] + 1)
            reachable[i + 1 : end] = [True] * (end - i - 1)
    return reachable[-1]
