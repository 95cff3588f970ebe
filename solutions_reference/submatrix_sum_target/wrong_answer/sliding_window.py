# Wrong: reduces each band of rows to a list, as the reference does, but counts its stretches
# that sum to target with a sliding window (grow on the right, shrink from the left while the
# sum is too large). That only works when every value is positive: with negatives (or zeros)
# a stretch can come back to the target after overshooting. Rejected by sample-1 and
# sample-2 (target 0 with zeros and negatives).


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows, cols = len(matrix), len(matrix[0])
    total = 0
    for top in range(rows):
        band = [0] * cols
        for bottom in range(top, rows):
            band = [a + b for a, b in zip(band, matrix[bottom], strict=True)]
            left = 0
            window = 0
            for right, value in enumerate(band):
                window += value
                while window > target and left < right:
                    window -= band[left]
                    left += 1
                if window == target:
                    total += 1
    return total
