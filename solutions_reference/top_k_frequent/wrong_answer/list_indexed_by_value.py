# Wrong: counts in a list indexed by value, sized for the largest value. A negative value
# silently counts into the slot of a positive one (Python's negative indexes count from the
# end), so counts of different values merge. Rejected by sample-2, whose -1 lands in the slot
# of 7. (On large values it would also need a list of 10**9 slots.)


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    counts = [0] * (max(nums) + 1)
    for value in nums:
        counts[value] += 1
    present = [value for value in range(len(counts)) if counts[value]]
    present.sort(key=lambda value: counts[value], reverse=True)
    return present[:k]
