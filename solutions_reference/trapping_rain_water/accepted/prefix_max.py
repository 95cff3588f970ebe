# Accepted: prefix and suffix maxima. water[i] = min(max(height[:i+1]), max(height[i:]))
# - height[i], with both maxima precomputed in two passes. O(n) time, O(n) extra space.

from itertools import accumulate


def trap(height: list[int]) -> int:
    left_max = list(accumulate(height, max))
    right_max = list(accumulate(reversed(height), max))[::-1]
    return sum(min(lm, rm) - h for h, lm, rm in zip(height, left_max, right_max, strict=True))
