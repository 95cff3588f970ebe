# Too slow: values in a dict (O(1) lookup) but the recency order in a list of keys, updated
# with `list.remove` and `list.pop(0)`. Correct, but each use scans the order list, O(capacity)
# per operation; recently used keys sit at the end of the list, so the scan is nearly full.
# On the large tests (200,000 operations, capacity 20,000) it is far over the time limit.


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.values: dict[int, int] = {}
        self.order: list[int] = []

    def get(self, key: int) -> int:
        if key not in self.values:
            return -1
        self.order.remove(key)
        self.order.append(key)
        return self.values[key]

    def put(self, key: int, value: int) -> None:
        if key in self.values:
            self.order.remove(key)
        elif len(self.values) == self.capacity:
            del self.values[self.order.pop(0)]
        self.values[key] = value
        self.order.append(key)
