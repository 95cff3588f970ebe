# Reference solution: the maximum-likelihood estimate heads / n, and the Wilson score
# interval - the p whose score test |p_hat - p| <= z sqrt(p (1 - p) / n) accepts - in closed
# form: center (p_hat + z^2 / 2n) / (1 + z^2 / n), half-width
# z / (1 + z^2 / n) * sqrt(p_hat (1 - p_hat) / n + z^2 / 4n^2). O(1).
import math
from statistics import NormalDist


def coin_toss_mle(heads: int, n: int, confidence: float = 0.95) -> list[float]:
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_hat = heads / n
    z2_n = z * z / n
    denominator = 1 + z2_n
    center = (p_hat + z2_n / 2) / denominator
    half = z / denominator * math.sqrt(p_hat * (1 - p_hat) / n + z2_n / (4 * n))
    return [p_hat, center - half, center + half]
