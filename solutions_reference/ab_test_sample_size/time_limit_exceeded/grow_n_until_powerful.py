# Too slow: tries n = 1, 2, 3, ... and stops at the first n whose power - the chance that
# the z-statistic |p2 - p1| / sqrt(2 p_bar (1 - p_bar) / n) clears z_alpha, with its spread
# from the two rates' own variances - reaches the target. The same answer as the closed form
# (power(n) >= target <=> n >= the formula), but O(answer): fine for thousands of users,
# hopeless for the 10**8 to 10**12 of the large tests.
import math
from statistics import NormalDist


def ab_sample_size(p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = p_baseline, p_baseline + mde
    p_bar = (p1 + p2) / 2
    norm = NormalDist()
    z_alpha = norm.inv_cdf(1 - alpha / 2)
    pooled = math.sqrt(2 * p_bar * (1 - p_bar))
    spread = math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    n = 1
    while norm.cdf((abs(mde) * math.sqrt(n) - z_alpha * pooled) / spread) < power:
        n += 1
    return n
