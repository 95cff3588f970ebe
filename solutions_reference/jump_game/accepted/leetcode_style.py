# LeetCode's form of the reference: `class Solution` with the method `canJump`, relying on
# LeetCode's pre-imported names (`List`) instead of importing them. Walks backward keeping the
# leftmost index known to reach the end ("goal"); O(n) time.


class Solution:
    def canJump(self, nums: List[int]) -> bool:  # noqa: F821
        goal = len(nums) - 1
        for i in range(len(nums) - 2, -1, -1):
            if i + nums[i] >= goal:
                goal = i
        return goal == 0
