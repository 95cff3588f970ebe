# Wrong: records the current prefix sum in the dict before looking up prefix - target. When
# target is 0 every position then matches itself, counting an empty stretch as a submatrix,
# so the answer is too large by rows * (rows + 1) / 2 * cols. Right for every target other
# than 0; rejected by sample-1 and sample-2 (target 0) and by hidden tests such as
# `all-zeros-target-zero`.


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
                seen[prefix] = seen.get(prefix, 0) + 1
                total += seen.get(prefix - target, 0)
    return total
