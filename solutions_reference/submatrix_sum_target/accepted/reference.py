# Reference solution: fix the top and bottom rows of the submatrix; carry the column sums of
# that band down as the bottom row moves, so the band becomes one list of numbers. Counting
# its stretches that sum to target is the 1-D problem: running prefix sums and a dict of how
# often each prefix sum has been seen (values may be negative, so no sliding window).
# O(rows^2 * cols) time, O(cols) extra space.


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows, cols = len(matrix), len(matrix[0])
    total = 0
    for top in range(rows):
        band = [0] * cols
        for bottom in range(top, rows):
            band = [a + b for a, b in zip(band, matrix[bottom], strict=True)]
            seen = {0: 1}
            prefix = 0
            for value in band:
                prefix += value
                total += seen.get(prefix - target, 0)
                seen[prefix] = seen.get(prefix, 0) + 1
    return total
