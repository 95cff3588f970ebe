# Wrong: multiplies the draw-by-draw chances of one particular order (all the red balls
# first, then the blue ones) and forgets that the red balls can come at any of
# C(draws, want_red) positions. Right only when there is a single order (want_red = 0 or
# want_red = draws); sample-1 gives 1/14 instead of 3/7.


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    if want_red > red or draws - want_red > blue or want_red > draws:
        return 0.0
    p, left = 1.0, red + blue
    for i in range(want_red):
        p *= (red - i) / left
        left -= 1
    for j in range(draws - want_red):
        p *= (blue - j) / left
        left -= 1
    return p
