# Too slow: counts each element with list.count, once per element (not even per distinct
# value). The scans run in C, but the whole is O(n^2): on the large tests (n = 100,000) that is
# 10**10 comparisons.


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = {value: nums.count(value) for value in nums}
    return sorted(counts, key=counts.get, reverse=True)[:k]
