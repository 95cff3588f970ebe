# Too slow: marks, in a Python loop, every position each reachable position can jump to.
# Correct, but O(n * J) for jumps of length up to J: on the large tests (n = 100,000, jumps
# up to 2,000) that is about 10**8 marks at Python speed, well over the time limit.


def can_jump(nums: list[int]) -> bool:
    n = len(nums)
    reachable = [False] * n
    reachable[0] = True
    for i in range(n):
        if reachable[i]:
            for j in range(i + 1, min(n, i + nums[i] + 1)):
                reachable[j] = True
    return reachable[-1]
