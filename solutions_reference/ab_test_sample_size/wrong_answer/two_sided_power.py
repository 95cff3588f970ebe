# Wrong: z_beta = inv_cdf(1 - (1 - power) / 2), halving beta as if power had two tails too.
# Power is one-sided (only the tail beyond the critical value on the effect's side counts):
# z_beta = inv_cdf(power). Too many users: sample-1 gives 5142 instead of 3841.
import math
from statistics import NormalDist


def ab_sample_size(p_baseline: float, mde: float, alpha: float = 0.05, power: float = 0.8) -> int:
    p1, p2 = p_baseline, p_baseline + mde
    p_bar = (p1 + p2) / 2
    z_alpha = NormalDist().inv_cdf(1 - alpha / 2)
    z_beta = NormalDist().inv_cdf(1 - (1 - power) / 2)
    spread = z_alpha * math.sqrt(2 * p_bar * (1 - p_bar)) + z_beta * math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))
    return math.ceil(spread**2 / mde**2)
