# Too slow: 2-D prefix sums, then every rectangle (top, bottom, left, right) checked in O(1).
# Correct, but O(rows^2 * cols^2): on the large tests (100 x 100) that is 2.5 * 10**7
# rectangles at Python speed, several times the time limit.


def num_submatrix_sum_target(matrix: list[list[int]], target: int) -> int:
    rows, cols = len(matrix), len(matrix[0])
    prefix = [[0] * (cols + 1) for _ in range(rows + 1)]
    for r in range(rows):
        for c in range(cols):
            prefix[r + 1][c + 1] = matrix[r][c] + prefix[r][c + 1] + prefix[r + 1][c] - prefix[r][c]
    count = 0
    for top in range(rows):
        for bottom in range(top + 1, rows + 1):
            for left in range(cols):
                for right in range(left + 1, cols + 1):
                    area = prefix[bottom][right] - prefix[top][right]
                    area -= prefix[bottom][left] - prefix[top][left]
                    if area == target:
                        count += 1
    return count
