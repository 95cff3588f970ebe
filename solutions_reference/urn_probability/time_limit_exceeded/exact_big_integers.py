# Too slow: the exact formula in big integers, math.comb(...) * math.comb(...) /
# math.comb(...) (Python's int / int rounds correctly however big). Right on every test, but
# for a million balls the binomial coefficients have 300,000 digits and take about ten
# seconds to compute; math.lgamma gives the same answer to 1e-9 in microseconds.
import math


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    if want_red > red or draws - want_red > blue or want_red > draws:
        return 0.0
    favourable = math.comb(red, want_red) * math.comb(blue, draws - want_red)
    return favourable / math.comb(red + blue, draws)
