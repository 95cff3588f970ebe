# Sneaky slow: AC on every test, but O(n^2) on this problem's inputs. It walks from the end
# (the answer is often late) and looks for each value's complement with `in` and
# `list.index`, which scan the whole list in C: n steps per position tried. The tests' pair
# sits in the last 1% of the list, so about n/200 positions are tried on average: n^2/200
# C-speed steps, well within the time limit at n = 100000, and still quadratic.


def two_sum(nums: list[int], target: int) -> list[int]:
    for j in range(len(nums) - 1, 0, -1):
        need = target - nums[j]
        if need in nums:
            i = nums.index(need)
            if i != j:
                return sorted([i, j])
    return []
