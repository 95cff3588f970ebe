"""Input generator for ab_test_sample_size.

`n` is roughly the sample size the case should need per group: the baseline rate, alpha and
power are random, and the minimum detectable effect is chosen as about
(z_a + z_b) sqrt(2 p (1 - p) / n), up or down (whichever keeps p + mde inside (0, 1)).
"""

import math
import random
from statistics import NormalDist


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case needing about n users per group (deterministic)."""
    if n < 1:
        raise ValueError(f"ab_test_sample_size needs n >= 1, got {n}")
    rng = random.Random(seed)
    p = round(rng.uniform(0.01, 0.99), 4)
    alpha = round(rng.choice([0.001, 0.01, 0.05, 0.1, 0.2]) * rng.uniform(0.5, 1.5), 5)
    power = round(rng.uniform(0.5, 0.99), 4)
    norm = NormalDist()
    z = norm.inv_cdf(1 - alpha / 2) + norm.inv_cdf(power)
    size = z * math.sqrt(2 * p * (1 - p) / n)
    sign = rng.choice([-1, 1])
    if not 0 < p + sign * size < 1:
        sign = -sign
    if not 0 < p + sign * size < 1:  # too few users for any effect: take the largest one
        size = 0.9 * (p if sign < 0 else 1 - p)
    return {"p_baseline": p, "mde": float(f"{sign * size:.6g}"), "alpha": alpha, "power": power}
