"""Input generator for urn_probability.

`n` is the number of balls in the urn. The split into red and blue and the number of draws
are random; the wanted red count is drawn near the expected count (mean +- a few standard
deviations, clamped to what is possible), so the answer is a probability big enough to tell
a right formula from a wrong one, rather than a vanishing tail.
"""

import math
import random


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case with n balls (deterministic for a seed)."""
    if n < 0:
        raise ValueError(f"urn_probability needs n >= 0, got {n}")
    rng = random.Random(seed)
    red = rng.randint(0, n)
    blue = n - red
    draws = rng.randint(0, n)
    mean = draws * red / n if n else 0.0
    var = mean * (blue / n) * ((n - draws) / (n - 1)) if n > 1 else 0.0
    lo, hi = max(0, draws - blue), min(draws, red)
    want_red = round(mean + rng.uniform(-2.0, 2.0) * math.sqrt(var))
    return {"red": red, "blue": blue, "draws": draws, "want_red": min(hi, max(lo, want_red))}
