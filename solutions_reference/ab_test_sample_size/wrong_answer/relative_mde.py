# Wrong: reads the minimum detectable effect as a relative lift, p2 = p1 * (1 + mde), where
# it is an absolute difference, p2 = p1 + mde. A 0.02 lift on a 10 % baseline becomes 10.2 %
# instead of 12 %: sample-1 asks for 356,335 users instead of 3841.
import math
from statistics import NormalDist


def ab_sample_size(p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1 = p_baseline
    p2 = p1 * (1 + mde)
    p_bar = (p1 + p2) / 2
    z_alpha = NormalDist().inv_cdf(1 - alpha / 2)
    z_beta = NormalDist().inv_cdf(power)
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / (p2 - p1) ** 2)
