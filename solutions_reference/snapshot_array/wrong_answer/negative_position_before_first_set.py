# Wrong: binary search as in the reference, but when the index was first set after snap_id
# (bisect returns 0) it reads values[-1]: Python's negative index silently returns the index's
# LATEST value instead of 0. Passes sample-1; rejected by sample-2 (index 1 in snapshot 0)
# and by hidden tests such as `index-set-only-later`.

from bisect import bisect_right


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
        if not self.ids[index]:
            return 0
        return self.values[index][bisect_right(self.ids[index], snap_id) - 1]
