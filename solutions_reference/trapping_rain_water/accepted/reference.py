# Reference solution: two pointers. The water above a bar is min(max to its left, max to its
# right) minus its height; walking inward from the side whose running maximum is lower, that
# lower maximum is the bound. O(n) time, O(1) extra space.


def trap(height: list[int]) -> int:
    left, right = 0, len(height) - 1
    left_max = right_max = 0
    water = 0
    while left < right:
        if height[left] < height[right]:
            left_max = max(left_max, height[left])
            water += left_max - height[left]
            left += 1
        else:
            right_max = max(right_max, height[right])
            water += right_max - height[right]
            right -= 1
    return water
