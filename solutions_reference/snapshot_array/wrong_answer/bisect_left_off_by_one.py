# Wrong: off by one in the binary search. bisect_left(ids, snap_id) - 1 finds the last entry
# strictly BEFORE snap_id, so a value set during snap snap_id itself (before that snap was
# taken) is skipped and an older value (or 0) comes back. Rejected by sample-1
# (get(0, 0) after set(0, 5) in snap 0 gives 0 instead of 5).

from bisect import bisect_left


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.snap_id = 0
        self.ids: list[list[int]] = [[] for _ in range(length)]
        self.values: list[list[int]] = [[] for _ in range(length)]

    def set(self, index: int, val: int) -> None:
        ids, values = self.ids[index], self.values[index]
        if ids and ids[-1] == self.snap_id:
            values[-1] = val
        else:
            ids.append(self.snap_id)
            values.append(val)

    def snap(self) -> int:
        self.snap_id += 1
        return self.snap_id - 1

    def get(self, index: int, snap_id: int) -> int:
        position = bisect_left(self.ids[index], snap_id)
        return self.values[index][position - 1] if position else 0
