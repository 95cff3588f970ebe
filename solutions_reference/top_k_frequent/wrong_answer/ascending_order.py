# Wrong: sorts the distinct values by count but forgets `reverse=True`, so it takes the k
# LEAST frequent values. Rejected by sample-1 ([3, 2] instead of [1, 2]).

from collections import Counter


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = Counter(nums)
    return sorted(counts, key=counts.get)[:k]
