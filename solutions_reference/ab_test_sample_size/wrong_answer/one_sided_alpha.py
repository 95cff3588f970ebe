# Wrong: z_alpha = inv_cdf(1 - alpha), the critical value of a one-sided test (1.645 for
# alpha = 0.05), where the test is two-sided and needs inv_cdf(1 - alpha / 2) (1.960). Too
# few users on every test: sample-1 gives 3026 instead of 3841.
import math
from statistics import NormalDist


def ab_sample_size(p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = p_baseline, p_baseline + mde
    p_bar = (p1 + p2) / 2
    z_alpha = NormalDist().inv_cdf(1 - alpha)
    z_beta = NormalDist().inv_cdf(power)
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / mde**2)
