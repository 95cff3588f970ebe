# Sneaky slow: for every band of rows (top, bottom) it rebuilds the column sums from scratch
# with sum() over zip(*matrix[top:bottom + 1]) instead of adding the new bottom row to the
# previous band. The rebuilding runs in C, so it passes the large tests (100 x 100), but it
# costs O(n * height) per band: O(n^4) in all, a power of n more than the O(n^3) reference,
# and the gap widens as the matrix grows.


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows = len(matrix)
    total = 0
    for top in range(rows):
        for bottom in range(top, rows):
            band = [sum(column) for column in zip(*matrix[top : bottom + 1], strict=True)]
            seen = {0: 1}
            prefix = 0
            for value in band:
                prefix += value
                total += seen.get(prefix - target, 0)
                seen[prefix] = seen.get(prefix, 0) + 1
    return total
