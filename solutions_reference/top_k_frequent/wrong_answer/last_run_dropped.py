# Wrong: sorts the list and counts runs of equal values, but only records a run when the next
# (different) value starts, so the last run - the largest value - is never counted. Right
# whenever the largest value is not among the answer (both samples); hidden tests such as
# `largest-value-most-frequent` and `all-same` reject it.


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    ordered = sorted(nums)
    runs: list[tuple[int, int]] = []
    start = 0
    for i in range(1, len(ordered)):
        if ordered[i] != ordered[i - 1]:
            runs.append((i - start, ordered[i - 1]))
            start = i
    runs.sort(reverse=True)
    return [value for _, value in runs[:k]]
