# Wrong: evicts in insertion order (FIFO). `get` does not refresh a key's recency, so after
# put(1), put(2), get(1), put(3) it evicts key 1 instead of key 2. Rejected by sample-1 and
# by the hidden test `get-refreshes-recency`.


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items: dict[int, int] = {}

    def get(self, key: int) -> int:
        return self.items.get(key, -1)

    def put(self, key: int, value: int) -> None:
        if key in self.items:
            del self.items[key]
        self.items[key] = value
        if len(self.items) > self.capacity:
            del self.items[next(iter(self.items))]
