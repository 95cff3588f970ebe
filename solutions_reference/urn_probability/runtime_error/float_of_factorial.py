# Runtime error: converts math.factorial's exact integers to float before dividing. Any
# factorial beyond 170! is larger than the largest float, so float() raises OverflowError on
# the big-urn tests (large-float-factorials-overflow: 500! already). Correct on small urns.
import math


def _comb(n: int, k: int) -> float:
    return float(math.factorial(n)) / (float(math.factorial(k)) * float(math.factorial(n - k)))


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    if want_red > red or draws - want_red > blue or want_red > draws:
        return 0.0
    return _comb(red, want_red) * _comb(blue, draws - want_red) / _comb(red + blue, draws)
