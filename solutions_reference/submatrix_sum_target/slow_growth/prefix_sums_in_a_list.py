# Sneaky slow: the reference's algorithm, but the prefix sums seen so far are kept in a list
# and looked up with list.count instead of a dict. list.count scans in C, so it passes the
# large tests (100 x 100), but each lookup is O(cols) instead of O(1): O(n^4) in all, a power
# of n more than the O(n^3) reference.


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows, cols = len(matrix), len(matrix[0])
    total = 0
    for top in range(rows):
        band = [0] * cols
        for bottom in range(top, rows):
            band = [a + b for a, b in zip(band, matrix[bottom], strict=True)]
            seen = [0]
            prefix = 0
            for value in band:
                prefix += value
                total += seen.count(prefix - target)
                seen.append(prefix)
    return total
