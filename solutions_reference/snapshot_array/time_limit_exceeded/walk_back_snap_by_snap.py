# Too slow: each index keeps a dict from snap id to the value set in that snap; get walks
# back one snap id at a time until it finds one in the dict. Correct, but O(s) per get for
# an index that has not changed for a while: the large test `large-unchanged-for-long`
# (25,000 gets of indices last set about 24,000 snaps earlier) needs 6 * 10**8 dict lookups.


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
        while snap_id >= 0:
            if snap_id in changes:
                return changes[snap_id]
            snap_id -= 1
        return 0
