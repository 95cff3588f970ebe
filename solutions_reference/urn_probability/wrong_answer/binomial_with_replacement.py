# Wrong: the binomial distribution, as if every ball were put back before the next draw
# (p = red / (red + blue) on every draw). The problem draws without replacement, so the
# chance of red changes as balls leave the urn: sample-1 gives 0.3296 instead of 3/7, and
# draw-everything gives 0.26 instead of 1.0.
import math


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    if want_red > draws or red + blue == 0:
        return 1.0 if want_red == draws == 0 else 0.0
    p = red / (red + blue)
    return math.comb(draws, want_red) * p**want_red * (1 - p) ** (draws - want_red)
