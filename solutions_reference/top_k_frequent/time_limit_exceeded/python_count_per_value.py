# Too slow: for each distinct value, counts its occurrences with a Python loop over the whole
# list. Correct, but O(n * d) for d distinct values: on the large tests (n = 100,000, about
# 15,000 distinct values) that is 1.5 * 10**9 steps.


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = {}
    for value in set(nums):
        total = 0
        for x in nums:
            if x == value:
                total += 1
        counts[value] = total
    return sorted(counts, key=counts.get, reverse=True)[:k]
