# Wrong: off by one at the left edge. The dict of prefix sums starts empty instead of
# {0: 1}, so a stretch that starts at the band's first column (prefix sum 0 before it) is
# never counted: submatrices touching the left edge are missed. Rejected by sample-1 and by
# hidden tests such as `single-cell-hit`.


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows, cols = len(matrix), len(matrix[0])
    total = 0
    for top in range(rows):
        band = [0] * cols
        for bottom in range(top, rows):
            band = [a + b for a, b in zip(band, matrix[bottom], strict=True)]
            seen: dict[int, int] = {}
            prefix = 0
            for value in band:
                prefix += value
                total += seen.get(prefix - target, 0)
                seen[prefix] = seen.get(prefix, 0) + 1
    return total
