# Wrong: snap "saves" the array by appending the list object itself, not a copy. Every
# snapshot is then the same live list, so get returns the latest value of the index, not the
# value it had at snap_id. Rejected by sample-1 (get(0, 0) gives 6 instead of 5).


class SnapshotArray:
    def __init__(self, length: int) -> None:
        self.array = [0] * length
        self.snapshots: list[list[int]] = []

    def set(self, index: int, val: int) -> None:
        self.array[index] = val

    def snap(self) -> int:
        self.snapshots.append(self.array)
        return len(self.snapshots) - 1

    def get(self, index: int, snap_id: int) -> int:
        return self.snapshots[snap_id][index]
