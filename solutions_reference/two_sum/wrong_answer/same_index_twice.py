# Wrong: builds the value -> index dict first, then looks up each value's complement without
# checking that it is a different position. When target == 2 * x for a value x that occurs
# once, it returns [i, i] (e.g. nums=[3, 2, 4], target=6 gives [0, 0]). It passes both
# samples; the hidden tests `half-target-decoy` and `half-target-decoy-first` reject it.


def two_sum(nums: list[int], target: int) -> list[int]:
    index = {value: i for i, value in enumerate(nums)}
    for i, value in enumerate(nums):
        if target - value in index:
            return [i, index[target - value]]
    return []
