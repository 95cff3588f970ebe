# Wrong: z = inv_cdf(confidence), the one-sided quantile (1.645 for 95 %), where the
# interval is two-sided and needs inv_cdf(1 - (1 - confidence) / 2) (1.960 for 95 %). The
# interval comes out too narrow on every test (sample-1: [0.442, 0.873] instead of
# [0.397, 0.892]).
import math
from statistics import NormalDist


def coin_toss_mle(heads: int, n: int, confidence: float = 0.95) -> list[float]:
    z = NormalDist().inv_cdf(confidence)
    p_hat = heads / n
    z2_n = z * z / n
    center = (p_hat + z2_n / 2) / (1 + z2_n)
    half = z / (1 + z2_n) * math.sqrt(p_hat * (1 - p_hat) / n + z2_n / (4 * n))
    return [p_hat, center - half, center + half]
