# Wrong: p_hat = heads // n, integer division, as C or Java would compute heads / n with
# ints. p_hat is truncated to 0 unless every toss was heads, and the interval is built
# around that 0: sample-1 gives [0, 0, 0.278] instead of [0.7, 0.397, 0.892].
import math
from statistics import NormalDist


def coin_toss_mle(heads: int, n: int, confidence: float = 0.95) -> list[float]:
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_hat = heads // n
    z2_n = z * z / n
    center = (p_hat + z2_n / 2) / (1 + z2_n)
    half = z / (1 + z2_n) * math.sqrt(p_hat * (1 - p_hat) / n + z2_n / (4 * n))
    return [p_hat, center - half, center + half]
