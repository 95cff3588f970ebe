# Wrong: the Wilson centre, but the half-width misremembered as
# z / (1 + z^2 / n) * sqrt(p_hat (1 - p_hat) / n), without the + z^2 / (4 n^2) term under the
# root. Slightly narrow in general and an empty interval (low = high) when heads is 0 or n:
# sample-2 gives [0, 0.0806, 0.0806] instead of [0, 0, 0.161].
import math
from statistics import NormalDist


def coin_toss_mle(heads: int, n: int, confidence: float = 0.95) -> list[float]:
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_hat = heads / n
    z2_n = z * z / n
    center = (p_hat + z2_n / 2) / (1 + z2_n)
    half = z / (1 + z2_n) * math.sqrt(p_hat * (1 - p_hat) / n)
    return [p_hat, center - half, center + half]
