"""Input generator for lru_cache.

Returns `n` operations in LeetCode's form: the constructor `LRUCache(capacity)` with
capacity n // 10, then n - 1 calls, about half `get` and half `put`. Keys come from
[0, 2 * capacity), so there are hits, misses and evictions; half of the calls reuse one of the
64 most recently used keys, as real cache traffic does. An implementation that keeps the
recency order in a plain list (O(capacity) per call) is therefore too slow for large n.
"""

import random

RECENT = 64


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 1:
        raise ValueError(f"lru_cache needs n >= 1 operations, got {n}")
    rng = random.Random(seed)
    capacity = max(1, n // 10)
    key_space = 2 * capacity
    operations = ["LRUCache"]
    arguments = [[capacity]]
    recent = [rng.randrange(key_space) for _ in range(RECENT)]
    for step in range(n - 1):
        key = recent[rng.randrange(RECENT)] if rng.random() < 0.5 else rng.randrange(key_space)
        recent[step % RECENT] = key
        if rng.random() < 0.5:
            operations.append("get")
            arguments.append([key])
        else:
            operations.append("put")
            arguments.append([key, rng.randrange(10_000)])
    return {"operations": operations, "arguments": arguments}


def generate_timing(n: int, seed: int) -> dict:
    """`n` operations for complexity timing: a cache under churn, whose state grows with n.
    The capacity is n // 2; the first calls fill the cache with new keys, then 90% of the
    calls put a key never seen before (each one evicts: a stream of new keys), 7% get one of
    the 64 most recently put keys (a hit, moved to the front) and 3% get a key from the last
    2 * capacity put (a hit or a miss, even odds). So an implementation whose eviction or
    recency update costs O(capacity) shows it at every size."""
    if n < 1:
        raise ValueError(f"lru_cache needs n >= 1 operations, got {n}")
    rng = random.Random(seed)
    capacity = max(1, n // 2)
    operations = ["LRUCache"]
    arguments: list[list[int]] = [[capacity]]
    fresh = 0
    for _ in range(n - 1):
        r = rng.random()
        if fresh < capacity or r < 0.9:
            operations.append("put")
            arguments.append([fresh, rng.randrange(10_000)])
            fresh += 1
        elif r < 0.97:
            operations.append("get")
            arguments.append([rng.randrange(max(0, fresh - RECENT), fresh)])
        else:
            operations.append("get")
            arguments.append([rng.randrange(max(0, fresh - 2 * capacity), fresh)])
    return {"operations": operations, "arguments": arguments}
