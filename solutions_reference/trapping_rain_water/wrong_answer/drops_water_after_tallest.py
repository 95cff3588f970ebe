# Wrong: one left-to-right pass that keeps the last wall at least as tall as everything so
# far and banks the pending water whenever a bar reaches that wall. Water to the right of the
# tallest bar is never banked (the mirror pass from the right end is missing). Right whenever
# nothing is trapped right of the tallest bar, as in both samples; hidden tests such as
# `leetcode-classic` and `water-after-tallest` reject it.


def trap(height: list[int]) -> int:
    water = 0
    pending = 0
    wall = 0
    for h in height:
        if h >= wall:
            water += pending
            pending = 0
            wall = h
        else:
            pending += wall - h
    return water
