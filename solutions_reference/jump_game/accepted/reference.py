# Reference solution: greedy reach. Walk left to right keeping the farthest index reachable
# so far; if the walk ever stands beyond it, the rest is unreachable. O(n) time, O(1) space.


def can_jump(nums: list[int]) -> bool:
    last = len(nums) - 1
    reach = 0
    for i, jump in enumerate(nums):
        if i > reach:
            return False
        reach = max(reach, i + jump)
        if reach >= last:
            return True
    return True
