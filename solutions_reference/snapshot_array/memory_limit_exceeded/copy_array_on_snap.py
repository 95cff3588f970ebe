# Too much memory: keeps the whole array as a list and snap stores a full copy of it.
# Correct, and get is O(1), but every snap costs O(length) time and memory: on the large
# tests (length 12,500, 10,000 snaps) the copies would need about 1 GB, far over the
# 256 MB limit.


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.array = [0] * length
        self.snapshots: list[list[int]] = []

    def set(self, index: int, val: int) -> None:
        self.array[index] = val

    def snap(self) -> int:
        self.snapshots.append(self.array.copy())
        return len(self.snapshots) - 1

    def get(self, index: int, snap_id: int) -> int:
        return self.snapshots[snap_id][index]
