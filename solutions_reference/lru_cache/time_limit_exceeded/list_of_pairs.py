# Too slow: keeps [key, value] pairs in a Python list, least recently used first, and finds a
# key by walking the list. Correct, but O(capacity) per operation: the large tests
# (200,000 operations, capacity 20,000) need billions of steps.


class LRUCache:
    def __init__(self, capacity: int) -> None:
        self.capacity = capacity
        self.entries: list[list[int]] = []

    def _find(self, key: int) -> int:
        for i, entry in enumerate(self.entries):
            if entry[0] == key:
                return i
        return -1

    def get(self, key: int) -> int:
        i = self._find(key)
        if i < 0:
            return -1
        entry = self.entries.pop(i)
        self.entries.append(entry)
        return entry[1]

    def put(self, key: int, value: int) -> None:
        i = self._find(key)
        if i >= 0:
            self.entries.pop(i)
        elif len(self.entries) == self.capacity:
            self.entries.pop(0)
        self.entries.append([key, value])
