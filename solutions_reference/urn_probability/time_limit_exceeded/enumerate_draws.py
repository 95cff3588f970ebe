# Too slow: lists every set of `draws` balls with itertools.combinations and counts those
# with exactly `want_red` red ones. Correct, but there are C(red + blue, draws) sets: fine for
# 20 balls (184,756 sets), hopeless for the big urns (C(10**6, 5 * 10**5) has 300,000 digits).
from itertools import combinations


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    hits = total = 0
    for chosen in combinations(range(red + blue), draws):
        total += 1
        if sum(1 for ball in chosen if ball < red) == want_red:
            hits += 1
    return hits / total
