# Too slow: for every bar, scans the whole list left of it and right of it for the tallest
# bars. Correct, but O(n^2): on the large tests (n = 200,000) that is 4 * 10**10 steps.


def trap(height: list[int]) -> int:
    n = len(height)
    water = 0
    for i in range(n):
        left_max = 0
        for j in range(i + 1):
            left_max = max(left_max, height[j])
        right_max = 0
        for j in range(i, n):
            right_max = max(right_max, height[j])
        water += min(left_max, right_max) - height[i]
    return water
