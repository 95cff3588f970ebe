# Correct but O(n^2): accepted on the small tests, too slow for the large hidden ones.
def two_sum(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return [i, j]
