# Wrong: the normal approximation where the exact formula is asked. Uses a normal curve with
# the hypergeometric mean and variance and the continuity correction, P(k - 0.5 < X < k + 0.5).
# Close for big urns, but off by far more than 1e-6 on small ones (sample-1: 0.414 instead of
# 0.4286) and never exactly 0 for impossible counts.
import math
from statistics import NormalDist


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    n = red + blue
    if n <= 1:
        return 1.0 if want_red == min(draws, red) and draws - want_red <= blue else 0.0
    mean = draws * red / n
    var = draws * (red / n) * (blue / n) * (n - draws) / (n - 1)
    if var == 0:
        return 1.0 if want_red == round(mean) else 0.0
    curve = NormalDist(mean, math.sqrt(var))
    return curve.cdf(want_red + 0.5) - curve.cdf(want_red - 0.5)
