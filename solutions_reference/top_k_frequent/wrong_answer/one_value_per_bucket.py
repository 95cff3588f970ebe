# Wrong: bucket sort by count, but takes only one value from each bucket, as if no two values
# could share a count. When values tie inside the top k, the others of the bucket are lost and
# values with smaller counts take their places. Passes both samples; hidden tests such as
# `ties-inside-top-k` and `three-way-tie-inside` reject it.

from collections import Counter


def top_k_frequent(nums: list[int], k: int) -> list[int]:
    buckets: dict[int, int] = {}
    for value, count in Counter(nums).items():
        buckets[count] = value
    result = []
    for count in sorted(buckets, reverse=True):
        result.append(buckets[count])
        if len(result) == k:
            break
    return result
