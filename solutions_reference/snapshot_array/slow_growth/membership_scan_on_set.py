# Sneaky slow: the reference's parallel lists of snap ids and values, but set looks for the
# current snap id with `in` over the index's whole history instead of checking only the last
# entry. The scans run in C, so it passes the large tests, but every set of a
# busy index costs O(h) instead of O(1): on the generator's inputs the busy indices'
# histories grow with n, so the total grows like n**2.

from bisect import bisect_right


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.snap_id = 0
        self.ids: list[list[int]] = [[] for _ in range(length)]
        self.values: list[list[int]] = [[] for _ in range(length)]

    def set(self, index: int, val: int) -> None:
        ids, values = self.ids[index], self.values[index]
        if self.snap_id in ids:
            values[-1] = val
        else:
            ids.append(self.snap_id)
            values.append(val)

    def snap(self) -> int:
        self.snap_id += 1
        return self.snap_id - 1

    def get(self, index: int, snap_id: int) -> int:
        position = bisect_right(self.ids[index], snap_id)
        return self.values[index][position - 1] if position else 0
