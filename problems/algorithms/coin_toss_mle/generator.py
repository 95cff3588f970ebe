"""Input generator for coin_toss_mle.

`n` is the number of tosses. The coin's bias is random, and one case in five is pushed to an
edge (no heads, all heads, or a single head or tail), where the Wilson interval differs most
from the naive one. The confidence level is random between 0.5 and 0.9999.
"""

import random


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of n tosses (deterministic for a seed)."""
    if n < 1:
        raise ValueError(f"coin_toss_mle needs n >= 1, got {n}")
    rng = random.Random(seed)
    edge = rng.randrange(10)
    if edge == 0:
        heads = rng.choice([0, n])
    elif edge == 1:
        heads = rng.choice([min(1, n), n - 1])
    else:
        heads = round(n * rng.random())
    confidence = round(rng.uniform(0.5, 0.9999), 4)
    return {"heads": heads, "n": n, "confidence": confidence}
