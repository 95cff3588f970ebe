# Wrong: n! / (k! (n - k)!) with factorials accumulated in floats. Exact enough while every
# factorial stays below 171!, but beyond that the float overflows to inf and inf / inf is
# nan: the big-urn tests (from large-float-factorials-overflow on) get nan, not a probability.


def _fact(n: int) -> float:
    f = 1.0
    for i in range(2, n + 1):
        f *= i
    return f


def _comb(n: int, k: int) -> float:
    return _fact(n) / (_fact(k) * _fact(n - k))


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    if want_red > red or draws - want_red > blue or want_red > draws:
        return 0.0
    return _comb(red, want_red) * _comb(blue, draws - want_red) / _comb(red + blue, draws)
