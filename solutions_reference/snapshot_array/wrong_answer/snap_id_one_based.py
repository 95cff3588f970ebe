# Wrong: snap returns the number of snaps taken so far (1 for the first snap) instead of that
# number minus 1, and get uses the ids it handed out. The first snap must return 0. Rejected
# by sample-1 and by every test that takes a snap.

from bisect import bisect_right


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.snaps = 0
        self.ids: list[list[int]] = [[] for _ in range(length)]
        self.values: list[list[int]] = [[] for _ in range(length)]

    def set(self, index: int, val: int) -> None:
        ids, values = self.ids[index], self.values[index]
        if ids and ids[-1] == self.snaps:
            values[-1] = val
        else:
            ids.append(self.snaps)
            values.append(val)

    def snap(self) -> int:
        self.snaps += 1
        return self.snaps

    def get(self, index: int, snap_id: int) -> int:
        position = bisect_right(self.ids[index], snap_id - 1)
        return self.values[index][position - 1] if position else 0
