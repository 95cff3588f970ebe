# Wrong: tests the stored value for truth (`if not value`) instead of testing whether the key
# is present, so a key whose value is 0 reads as missing: get returns -1 and does not refresh
# it. Passes both samples; rejected by the hidden test `zero-values`.

from collections import OrderedDict


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.items: OrderedDict[int, int] = OrderedDict()

    def get(self, key: int) -> int:
        value = self.items.get(key)
        if not value:
            return -1
        self.items.move_to_end(key)
        return value

    def put(self, key: int, value: int) -> None:
        if key in self.items:
            self.items.move_to_end(key)
        self.items[key] = value
        if len(self.items) > self.capacity:
            self.items.popitem(last=False)
