"""Input generator for snapshot_array.

Returns `n` operations in LeetCode's form: the constructor `SnapshotArray(length)` with
length n // 4, then n - 1 calls: about 20% `snap`, 40% `set`, 40% `get` (no `get` before the
first snap). Half of the sets and gets go to 4 "hot" indices, so each hot index is set in
about n / 20 different snaps; the other half spread over the whole array. A `get` asks for a
snap_id drawn uniformly from the snaps taken so far. Both the length, the number of snaps and
the history of the hot indices grow with n, so a solution that scans or sorts an index's
history on every call (O(h)), walks back snap by snap (O(s)) or copies the array on every
snap (O(length)) is a power of n slower than binary search (O(log s) per get).
"""

import random

HOT = 4
MAX_VALUE = 10**9


def generate(n: int, seed: int) -> dict:
    """Return the `input` object of one case of size n (deterministic for a seed)."""
    if n < 1:
        raise ValueError(f"snapshot_array needs n >= 1 operations, got {n}")
    rng = random.Random(seed)
    length = max(1, n // 4)
    hot = [rng.randrange(length) for _ in range(HOT)]
    operations = ["SnapshotArray"]
    arguments: list[list[int]] = [[length]]
    snaps = 0
    for _ in range(n - 1):
        index = rng.choice(hot) if rng.random() < 0.5 else rng.randrange(length)
        roll = rng.random()
        if roll < 0.2:
            operations.append("snap")
            arguments.append([])
            snaps += 1
        elif roll < 0.6 or snaps == 0:
            value = 0 if rng.random() < 0.05 else rng.randint(1, MAX_VALUE)
            operations.append("set")
            arguments.append([index, value])
        else:
            operations.append("get")
            arguments.append([index, rng.randrange(snaps)])
    return {"operations": operations, "arguments": arguments}


def generate_timing(n: int, seed: int) -> dict:
    """`n` operations for complexity timing: the history of a few indices grows with n.
    The length is n // 4; a third of the calls `snap`, a third `set` and a third `get`
    (after the first snap), in a shuffled order; 90% of the sets and gets go to 2 hot
    indices, so each hot index is set in about n / 15 different snaps and holds that long a
    history, and a `get` asks for a snap drawn uniformly from those taken. So a solution that
    scans, copies or sorts an index's history on a set or a get (O(h), even at C speed) pays
    about n**2 / 100 steps, while binary search pays O(log h) per get."""
    if n < 8:
        return generate(n, seed)
    rng = random.Random(seed)
    length = max(1, n // 4)
    hot = rng.sample(range(length), 2)
    operations = ["SnapshotArray"]
    arguments: list[list[int]] = [[length]]
    snaps = 0
    for _ in range(n - 1):
        index = rng.choice(hot) if rng.random() < 0.9 else rng.randrange(length)
        roll = rng.random()
        if roll < 1 / 3:
            operations.append("snap")
            arguments.append([])
            snaps += 1
        elif roll < 2 / 3 or snaps == 0:
            operations.append("set")
            arguments.append([index, rng.randint(1, MAX_VALUE)])
        else:
            operations.append("get")
            arguments.append([index, rng.randrange(snaps)])
    return {"operations": operations, "arguments": arguments}
