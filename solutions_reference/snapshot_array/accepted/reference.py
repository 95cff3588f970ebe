# Reference solution: each index keeps its history as two parallel lists, the snap ids at
# which it was set and the value it had then (a set within the same snap overwrites the last
# entry). get binary-searches the snap ids for the last one <= snap_id; an index never set by
# then is 0. set and snap O(1), get O(log h) with h <= s the index's history; memory O(sets).

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
        position = bisect_right(self.ids[index], snap_id)
        return self.values[index][position - 1] if position else 0
