# Accepted: each index keeps a list of (snap_id, value) pairs, one per snap in which it was
# set (a later set in the same snap replaces the pair). get binary-searches the pairs with
# bisect on the key (snap_id, +infinity), which lands just after every pair of that snap or
# earlier. O(1) set and snap, O(log s) get.

import bisect
import math


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.current = 0
        self.history: list[list[tuple[int, float]]] = [[] for _ in range(length)]

    def set(self, index: int, val: int) -> None:
        pairs = self.history[index]
        if pairs and pairs[-1][0] == self.current:
            pairs[-1] = (self.current, val)
        else:
            pairs.append((self.current, val))

    def snap(self) -> int:
        self.current += 1
        return self.current - 1

    def get(self, index: int, snap_id: int) -> int:
        pairs = self.history[index]
        position = bisect.bisect_right(pairs, (snap_id, math.inf))
        return int(pairs[position - 1][1]) if position else 0
