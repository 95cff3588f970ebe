# Wrong: checks "cache full?" before checking whether the key is already present, so
# updating an existing key of a full cache evicts the least recently used entry although
# nothing new is added (the cache then holds fewer than `capacity` keys). Passes both
# samples; rejected by hidden tests such as `overwrite-existing-key`.

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
        if len(self.items) >= self.capacity:
            self.items.popitem(last=False)
        self.items[key] = value
        self.items.move_to_end(key)
