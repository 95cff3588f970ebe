# Sneaky slow: each index keeps a dict from snap id to the value set in that snap (so
# repeated sets in one snap simply overwrite), and get sorts the dict's keys before a binary
# search. sorted() runs in C (and the keys are already in order), so it passes the large
# tests, but every get costs O(h), the index's whole history, instead of O(log h): on the
# generator's inputs the busy indices' histories grow with n, so the total grows like n**2.

from bisect import bisect_right


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.snap_id = 0
        self.history: list[dict[int, int]] = [{} for _ in range(length)]

    def set(self, index: int, val: int) -> None:
        self.history[index][self.snap_id] = val

    def snap(self) -> int:
        self.snap_id += 1
        return self.snap_id - 1

    def get(self, index: int, snap_id: int) -> int:
        changes = self.history[index]
        keys = sorted(changes)
        position = bisect_right(keys, snap_id)
        return changes[keys[position - 1]] if position else 0
