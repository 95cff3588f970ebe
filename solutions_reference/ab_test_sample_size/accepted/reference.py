# Reference solution: the closed-form sample size per group of a two-sided two-proportion
# z-test. The test's critical value uses the pooled rate p_bar under the null hypothesis,
# the power term the two rates' own variances; the result is rounded up. O(1).
import math
from statistics import NormalDist


def ab_sample_size(p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = p_baseline, p_baseline + mde
    p_bar = (p1 + p2) / 2
    z_alpha = NormalDist().inv_cdf(1 - alpha / 2)
    z_beta = NormalDist().inv_cdf(power)
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / mde**2)
