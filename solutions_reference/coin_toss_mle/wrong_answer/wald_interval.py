# Wrong: the Wald interval p_hat +- z sqrt(p_hat (1 - p_hat) / n), the textbook one, where
# the Wilson score interval is asked. It uses p_hat's standard error instead of inverting the
# score test: sample-1 gives [0.416, 0.984] instead of [0.397, 0.892], and with no heads
# (sample-2) it collapses to [0, 0].
import math
from statistics import NormalDist


def coin_toss_mle(heads: int, n: int, confidence: float = 0.95) -> list[float]:
    z = NormalDist().inv_cdf(1 - (1 - confidence) / 2)
    p_hat = heads / n
    half = z * math.sqrt(p_hat * (1 - p_hat) / n)
    return [p_hat, p_hat - half, p_hat + half]
