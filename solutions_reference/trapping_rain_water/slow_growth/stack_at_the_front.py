# Sneaky slow: AC on every test, but O(n^2) on a terrain that falls towards the right. The
# usual stack of bars still waiting for a right-hand wall, but kept with its top at the front
# of a Python list: `insert(0, i)` and `pop(0)` move every element below the top. The stack
# stays short on random terrain, so the tests pass quickly; on a long falling slope every bar
# waits on it, and each push moves them all: O(n) per bar, in C, O(n^2) in all.


def trap(height: list[int]) -> int:
    stack: list[int] = []
    water = 0
    for i, h in enumerate(height):
        while stack and height[stack[0]] < h:
            bottom = stack.pop(0)
            if not stack:
                break
            left = stack[0]
            water += (min(height[left], h) - height[bottom]) * (i - left - 1)
        stack.insert(0, i)
    return water
