# Sneaky slow: AC on every test, but O(n^2). All pairs, with the inner loop done in C: for
# each position, from the end, look for its complement among the values after it (`in` on
# the slice, then `index`). Starting from the end finds a pair near the end at once, and the
# tests' pair sits in the last 1% of the list: about (n / 100)^2 / 2 steps, quick. Where the
# first of the pair sits early, it is (n - i)^2 / 2 steps, which is O(n^2).


def two_sum(nums: list[int], target: int) -> list[int]:
    for i in range(len(nums) - 2, -1, -1):
        rest = nums[i + 1 :]
        need = target - nums[i]
        if need in rest:
            return [i, i + 1 + rest.index(need)]
    return []
