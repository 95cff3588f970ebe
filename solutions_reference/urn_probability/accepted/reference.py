# Reference solution: the hypergeometric probability C(red, k) C(blue, draws - k) / C(red +
# blue, draws), with every binomial coefficient taken in log space through math.lgamma, so
# that urns of a million balls cost O(1) and nothing overflows. Impossible counts give 0.0.
import math


def _log_comb(n: int, k: int) -> float:
    return math.lgamma(n + 1) - math.lgamma(k + 1) - math.lgamma(n - k + 1)


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    want_blue = draws - want_red
    if not (0 <= want_red <= red and 0 <= want_blue <= blue):
        return 0.0
    log_p = _log_comb(red, want_red) + _log_comb(blue, want_blue) - _log_comb(red + blue, draws)
    return math.exp(log_p)
