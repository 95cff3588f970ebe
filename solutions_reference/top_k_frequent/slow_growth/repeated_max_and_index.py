# Sneaky slow: counts with a Counter (fine), then k times finds the largest count with max()
# and its position with list.index, and blanks it out. max() and index() scan in C, so it
# passes the large tests (k about 500, 15,000 distinct values), but it is O(k * d): on the
# generator's inputs both k and d grow with n, so it grows like n**2, a power of n faster
# than a heap or a sort.

from collections import Counter


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = Counter(nums)
    values = list(counts)
    freqs = list(counts.values())
    result = []
    for _ in range(k):
        i = freqs.index(max(freqs))
        result.append(values[i])
        freqs[i] = -1
    return result
