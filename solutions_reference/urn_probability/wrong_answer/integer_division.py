# Wrong: the exact formula, but divided with // (integer division), as C or Java code would
# do with integer types. The quotient of the counts is truncated to 0 for every probability
# below 1 (sample-1 returns 0 instead of 3/7); only certain events come out right.
import math


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    if want_red > red or draws - want_red > blue or want_red > draws:
        return 0.0
    favourable = math.comb(red, want_red) * math.comb(blue, draws - want_red)
    return favourable // math.comb(red + blue, draws)
