# Wrong: off by one in the band of rows. The bottom row starts at top + 1 instead of top, so
# bands of a single row - and every submatrix of height 1 - are never looked at (and a
# one-row matrix gives 0). Passes neither sample; hidden tests such as `single-row` and
# `single-cell-hit` reject it too.


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows = len(matrix)
    total = 0
    for top in range(rows):
        band = list(matrix[top])
        for bottom in range(top + 1, rows):
            band = [a + b for a, b in zip(band, matrix[bottom], strict=True)]
            seen = {0: 1}
            prefix = 0
            for value in band:
                prefix += value
                total += seen.get(prefix - target, 0)
                seen[prefix] = seen.get(prefix, 0) + 1
    return total
