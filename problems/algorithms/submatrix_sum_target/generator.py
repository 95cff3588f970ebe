"""Input generator for submatrix_sum_target.

Builds an n x n matrix of small values in [-5, 5] (so that many submatrices share a sum and
the answer is large) and takes as target the sum of one random submatrix, so the answer is
at least 1. `n` is the side of the matrix: the O(n^3) solution does about n**3 / 2 steps,
one that tries every rectangle (or rebuilds sums it could have carried over) about n**4 / 4.
"""

import random

VALUE = 5


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 1:
        raise ValueError(f"submatrix_sum_target needs n >= 1, got {n}")
    rng = random.Random(seed)
    matrix = [[rng.randint(-VALUE, VALUE) for _ in range(n)] for _ in range(n)]
    top, bottom = sorted(rng.randrange(n) for _ in range(2))
    left, right = sorted(rng.randrange(n) for _ in range(2))
    target = sum(sum(row[left : right + 1]) for row in matrix[top : bottom + 1])
    return {"matrix": matrix, "target": target}
