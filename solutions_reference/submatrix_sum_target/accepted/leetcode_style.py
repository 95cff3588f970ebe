# LeetCode's form: `class Solution` with the method `numSubmatrixSumTarget`, relying on
# LeetCode's pre-imported names (`List`, `defaultdict`, `accumulate`) instead of importing
# them. Prefix sums along each row, then for every pair of columns a running sum down the
# rows with a defaultdict of seen prefix sums. O(cols^2 * rows) time.


class Solution:
    def numSubmatrixSumTarget(self, matrix: List[List[int]], target: int) -> int:  # noqa: F821
        rows, cols = len(matrix), len(matrix[0])
        prefix = [list(accumulate(row, initial=0)) for row in matrix]  # noqa: F821
        count = 0
        for left in range(cols):
            for right in range(left + 1, cols + 1):
                seen = defaultdict(int)  # noqa: F821
                seen[0] = 1
                running = 0
                for r in range(rows):
                    running += prefix[r][right] - prefix[r][left]
                    count += seen[running - target]
                    seen[running] += 1
        return count
