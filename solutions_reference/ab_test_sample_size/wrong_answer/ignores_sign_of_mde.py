# Wrong: takes abs(mde) "to make the effect positive", so a drop is computed as a rise of
# the same size: p2 = p1 + |mde|. The squared difference is the same, but the variances are
# not (except around p = 1/2): negative-mde (20 % -> 15 %) gives 1094 instead of 906.
import math
from statistics import NormalDist


def ab_sample_size(p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = p_baseline, min(p_baseline + abs(mde), 1 - 1e-12)
    p_bar = (p1 + p2) / 2
    z_alpha = NormalDist().inv_cdf(1 - alpha / 2)
    z_beta = NormalDist().inv_cdf(power)
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / (p2 - p1) ** 2)
