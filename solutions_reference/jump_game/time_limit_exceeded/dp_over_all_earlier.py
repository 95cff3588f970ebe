# Too slow: dynamic programming where position i is reachable when some reachable earlier
# position j can jump to it, trying every j < i from the left. Correct, but O(n^2): on the
# large tests (n = 100,000) the scans take billions of steps.


def can_jump(nums: list[int]) -> bool:
    n = len(nums)
    reachable = [False] * n
    reachable[0] = True
    for i in range(1, n):
        for j in range(i):
            if reachable[j] and j + nums[j] >= i:
                reachable[i] = True
                break
    return reachable[-1]
