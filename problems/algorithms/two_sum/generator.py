"""Input generator for two_sum.

Builds `n` distinct integers in [-10**9, 10**9] and a target such that exactly one pair of
positions sums to it. The pair sits in the last 1% of the list (both indices), so a solution
that tries every pair does about n**2 / 2 additions before it finds the answer.
"""

import random

LIMIT = 10**9


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 2:
        raise ValueError(f"two_sum needs n >= 2, got {n}")
    rng = random.Random(seed)
    nums = rng.sample(range(-LIMIT, LIMIT + 1), n)

    tail = max(2, n // 100)
    i, j = sorted(rng.sample(range(n - tail, n), 2))
    target = nums[i] + nums[j]

    # Values are distinct, so a second pair (k, m) summing to target must be made of two
    # filler positions (a pair with i or j would repeat nums[j] or nums[i]). Replace one
    # value of every such pair with a fresh value that has no partner.
    position = {value: index for index, value in enumerate(nums)}
    for k in range(n):
        if k in (i, j):
            continue
        value = nums[k]
        partner = target - value
        if partner == value or partner not in position:
            continue
        del position[value]
        while True:
            fresh = rng.randint(-LIMIT, LIMIT)
            if fresh not in position and (target - fresh) not in position:
                break
        nums[k] = fresh
        position[fresh] = k
    return {"nums": nums, "target": target}


def generate_timing(n: int, seed: int) -> dict:
    """An input of size n for complexity timing: like `generate`, but the pair sits near the
    middle (within n // 20 of it) and about n // 50 from the end (within n // 200), so that
    what a solution costs depends on n much more than on where chance put the pair, and a
    search that starts from either end tries a number of positions that grows with n before
    it finds the pair. The places are drawn, not fixed: no answer can be known in advance."""
    if n < 4:
        return generate(n, seed)
    rng = random.Random(seed)
    nums = rng.sample(range(-LIMIT, LIMIT + 1), n)
    i = n // 2 + rng.randint(-(n // 20), n // 20)
    j = n - 1 - n // 50 - rng.randint(0, n // 200)
    target = nums[i] + nums[j]
    position = {value: index for index, value in enumerate(nums)}
    for k in range(n):
        value = nums[k]
        if k in (i, j) or target - value == value or target - value not in position:
            continue
        del position[value]
        while True:
            fresh = rng.randint(-LIMIT, LIMIT)
            if fresh not in position and (target - fresh) not in position:
                break
        nums[k] = fresh
        position[fresh] = k
    return {"nums": nums, "target": target}
