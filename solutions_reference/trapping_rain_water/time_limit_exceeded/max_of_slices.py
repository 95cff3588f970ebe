# Too slow: for every bar takes max() of the slices left and right of it. The scans run in C,
# but the whole is still O(n^2): on the large tests (n = 200,000) it copies and scans 4 * 10**10
# list entries.


def trap(height: list[int]) -> int:
    water = 0
    for i, h in enumerate(height):
        water += min(max(height[: i + 1]), max(height[i:])) - h
    return water
