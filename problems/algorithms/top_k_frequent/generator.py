"""Input generator for top_k_frequent.

Draws `n` values from about n / 5 distinct integers in [-10**9, 10**9] with heavy-tailed
weights (a few values are very frequent, most appear a handful of times), shuffled. k is
picked near n / 200, at a place where the k-th and the (k+1)-th largest counts differ, so the
answer is unique. Both the number of distinct values and k grow with n, so a solution that
finds the most frequent value k times over (O(k * d)) grows like n**2, a power of n slower
than counting and a heap or a sort.
"""

import random
from collections import Counter

LIMIT = 10**9


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 1:
        raise ValueError(f"top_k_frequent needs n >= 1, got {n}")
    rng = random.Random(seed)
    distinct = max(1, n // 5)
    values = rng.sample(range(-LIMIT, LIMIT + 1), distinct)
    weights = [rng.paretovariate(1.2) for _ in range(distinct)]
    nums = rng.choices(values, weights=weights, k=n)
    counts = sorted(Counter(nums).values(), reverse=True)
    # k may end where the counts drop (or take every distinct value).
    cuts = [i for i in range(1, len(counts)) if counts[i - 1] > counts[i]] + [len(counts)]
    want = rng.randint(max(1, n // 300), max(1, n // 150))
    k = min(cuts, key=lambda cut: (abs(cut - want), cut))
    return {"nums": nums, "k": k}


def generate_timing(n: int, seed: int) -> dict:
    """`n` values for complexity timing: about n / 2 distinct values, k = n // 100 of them
    "heavy" (each 3 to 9 times), every other value once or twice, shuffled; so the k-th and
    the (k+1)-th largest counts always differ and the answer is unique. Both k and the number
    of distinct values d grow with n, in a fixed proportion, so a solution that finds the most
    frequent value k times over (O(k * d), C-speed max() and index()) pays about n**2 / 200
    steps at every size, while counting and a heap pay O(n + d log k)."""
    if n < 10:
        return generate(n, seed)
    rng = random.Random(seed)
    k = max(1, n // 100)
    counts = [rng.randint(3, 9) for _ in range(k)]
    rest = n - sum(counts)
    # The rest in ones and twos: about 2 / 3 of them once, so d is about n / 2.
    twos = rest // 4
    counts += [2] * twos + [1] * (rest - 2 * twos)
    values = rng.sample(range(-LIMIT, LIMIT + 1), len(counts))
    nums = [value for value, count in zip(values, counts, strict=True) for _ in range(count)]
    rng.shuffle(nums)
    return {"nums": nums, "k": k}
