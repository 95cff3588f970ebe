# LeetCode's form: `class Solution` with the method `topKFrequent`, relying on LeetCode's
# pre-imported names (`List`, `Counter`) instead of importing them. Bucket sort by count:
# bucket c holds the values seen c times; read buckets from the largest count down until k
# values are taken. O(n) time.


class Solution:
    def topKFrequent(self, nums: List[int], k: int) -> List[int]:  # noqa: F821
        counts = Counter(nums)  # noqa: F821
        buckets = [[] for _ in range(len(nums) + 1)]
        for value, count in counts.items():
            buckets[count].append(value)
        result = []
        for count in range(len(nums), 0, -1):
            for value in buckets[count]:
                result.append(value)
                if len(result) == k:
                    return result
        return result
