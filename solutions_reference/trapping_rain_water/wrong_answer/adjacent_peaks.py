# Wrong: fills only between neighbouring local peaks, each stretch up to the lower of its two
# peaks. A lower peak in between splits a basin that a taller pair of walls would fill higher,
# e.g. [5, 0, 3, 0, 5] holds 12, not 6 (hidden test `lower-inner-peak`); already both samples
# reject it ([4, 2, 0, 3, 2, 5] gives 5, not 9).

from itertools import pairwise


def trap(height: list[int]) -> int:
    n = len(height)
    peaks = [
        i
        for i in range(n)
        if (i == 0 or height[i] >= height[i - 1]) and (i == n - 1 or height[i] >= height[i + 1])
    ]
    water = 0
    for a, b in pairwise(peaks):
        level = min(height[a], height[b])
        water += sum(max(0, level - height[k]) for k in range(a + 1, b))
    return water
