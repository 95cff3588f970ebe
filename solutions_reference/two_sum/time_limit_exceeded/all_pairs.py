# Too slow: tries every pair i < j with two nested loops. Correct, but O(n^2): on the large
# tests (n = 100000, answer pair in the last 1%) it does about 5 * 10**9 additions.


def two_sum(nums: list[int], target: int) -> list[int]:
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
