# Reference solution: count with a Counter, then keep the k values with the largest counts
# with heapq.nlargest (a heap of size k). O(n + d log k) time for d distinct values.

import heapq
from collections import Counter


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = Counter(nums)
    return heapq.nlargest(k, counts, key=counts.__getitem__)
