# Wrong: `put` of an existing key changes the value but leaves the key where it was in the
# recency order (assigning to an existing OrderedDict key does not move it). A key that was
# just updated can then be evicted first. Passes both samples; rejected by the hidden test
# `put-existing-refreshes`.

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        if key not in self.items:
            return -1
        self.items.move_to_end(key)
        return self.items[key]

    def put(self, key: int, value: int) -> None:
        self.items[key] = value
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)
