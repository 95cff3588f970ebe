# Wrong: fills every bar up to the tallest bar on its left and ignores the right side, as if
# there were a wall of infinite height at the right end. Over-counts wherever the bars fall
# toward the right (already on sample-2, and on `decreasing`), so the tests reject it.


def trap(height: list[int]) -> int:
    water = 0
    left_max = 0
    for h in height:
        left_max = max(left_max, h)
        water += left_max - h
    return water
