# Wrong: finds the right pair but returns the two values instead of their indices. The
# checker rejects it wherever the values are not themselves the answer's indices (already
# on the first sample: [2, 7] instead of [0, 1]).


def two_sum(nums: list[int], target: int) -> list[int]:
    seen: set[int] = set()
    for value in nums:
        if target - value in seen:
            return [target - value, value]
        seen.add(value)
    return []
