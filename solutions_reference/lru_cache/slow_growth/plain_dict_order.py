# Sneaky slow: AC on every test, but O(capacity) per `put`: O(n^2) in all. A plain dict
# keeps insertion order, so moving a key to the end (pop, then set again) keeps the recency
# order, and the least recently used key is the first one: `next(iter(self.items))`. But a
# dict deletes by leaving a hole, and iteration walks over the holes: the holes left at the
# front by every move pile up until the dict is next resized, so finding the first key
# scans O(capacity) holes. The scan runs in C, so it passes the tests in time.


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items: dict[int, int] = {}

    def get(self, key: int) -> int:
        if key not in self.items:
            return -1
        value = self.items.pop(key)
        self.items[key] = value
        return value

    def put(self, key: int, value: int) -> None:
        oldest = next(iter(self.items), None)
        self.items.pop(key, None)
        self.items[key] = value
        if len(self.items) > self.capacity:
            del self.items[oldest if oldest != key else next(iter(self.items))]
