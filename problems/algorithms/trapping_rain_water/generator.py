"""Input generator for trapping_rain_water.

Builds an elevation map of `n` bars in [0, 100000] from random stretches of different
shapes (noise, rising and falling ramps, plateaus, V-shaped valleys, isolated tall spikes),
so that water is held at many scales and the tallest bars can sit anywhere.
"""

import random

MAX_HEIGHT = 100_000


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 0:
        raise ValueError(f"trapping_rain_water needs n >= 0, got {n}")
    rng = random.Random(seed)
    height: list[int] = []
    while len(height) < n:
        length = min(n - len(height), rng.randint(1, 2000))
        shape = rng.randrange(6)
        if shape == 0:  # noise under a random ceiling
            top = rng.randint(0, MAX_HEIGHT)
            height.extend(rng.randint(0, top) for _ in range(length))
        elif shape in (1, 2):  # a ramp, rising or falling
            a, b = rng.randint(0, MAX_HEIGHT), rng.randint(0, MAX_HEIGHT)
            if shape == 2:
                a, b = b, a
            step = (b - a) / length
            height.extend(int(a + step * k) for k in range(length))
        elif shape == 3:  # a plateau
            height.extend([rng.randint(0, MAX_HEIGHT)] * length)
        elif shape == 4:  # a V-shaped valley
            top, half = rng.randint(0, MAX_HEIGHT), max(1, length // 2)
            height.extend(top * abs(k - half) // half for k in range(length))
        else:  # a tall spike between low bars
            height.extend(rng.randint(0, 50) for _ in range(length - 1))
            height.append(rng.randint(MAX_HEIGHT // 2, MAX_HEIGHT))
    return {"height": height}


def generate_timing(n: int, seed: int) -> dict:
    """`n` bars for complexity timing: the terrain of `generate` over the first half, then a
    slope falling steadily to 0 over the second half. On the slope every bar is the tallest of
    what follows it and the water rests on nothing: a solution that rescans the right-hand
    side per bar, or keeps a stack of pending bars in a list used from the front, does O(n)
    work per bar there, at every size, while a linear solution does not notice."""
    head = generate(n // 2, seed)["height"]
    rest = n - len(head)
    top = max(head, default=0) + rest
    return {"height": head + [top - k for k in range(1, rest + 1)]}
