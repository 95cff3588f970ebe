"""Input generator for jump_game.

Builds `n` jump lengths drawn from [0, 2 * J] with J = n // 100 (at least 1), so that the
total length of all jumps grows like n**2 / 100: a solution that marks every position each
jump can land on (O(n * J)) is a power of n slower than the O(n) greedy. Even seeds give a
reachable last index (any position where the reach would stop gets a positive jump); odd
seeds hide a trap between 85% and 95% of the way: every position before it jumps at most up
to the trap, and the trap itself is 0, so the last index cannot be reached.
"""

import random


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 1:
        raise ValueError(f"jump_game needs n >= 1, got {n}")
    rng = random.Random(seed)
    jump = max(1, n // 100)
    nums = [rng.randint(0, 2 * jump) for _ in range(n)]
    if seed % 2 and n >= 2:
        trap = min(n - 2, rng.randint(n * 85 // 100, n * 95 // 100))
        for i in range(max(0, trap - 2 * jump), trap):
            nums[i] = min(nums[i], trap - i)
        nums[trap] = 0
    else:
        reach = 0
        for i in range(n - 1):
            reach = max(reach, i + nums[i])
            if reach <= i:
                nums[i] = rng.randint(1, 2 * jump)
                reach = i + nums[i]
    return {"nums": nums}
