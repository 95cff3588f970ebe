# LeetCode's form of the reference: `class Solution` with the method `twoSum`, relying on
# LeetCode's pre-imported names (`List`) instead of importing them. One pass with a dict,
# O(n) time.


class Solution:
    def twoSum(self, nums: List[int], target: int) -> List[int]:  # noqa: F821
        seen = {}
        for j, value in enumerate(nums):
            if target - value in seen:
                return [seen[target - value], j]
            seen[value] = j
        return []
