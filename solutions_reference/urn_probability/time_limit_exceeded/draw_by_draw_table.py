# Too slow: dynamic programming over the draws - after i draws, the chance of having drawn
# j red balls - each draw moving probability from j to j or j + 1 with the urn's current
# odds. Correct and accurate, but O(draws * min(draws, red)) steps: 10**11 on the
# million-ball tests.


def urn_probability(red: int, blue: int, draws: int, want_red: int) -> float:
    n = red + blue
    probs = [1.0]  # probs[j]: P(j red among the draws so far)
    for i in range(draws):
        nxt = [0.0] * (min(i + 1, red) + 1)
        for j, p in enumerate(probs):
            if p == 0.0:
                continue
            reds_left, blues_left = red - j, blue - (i - j)
            if blues_left > 0:
                nxt[j] += p * blues_left / (n - i)
            if reds_left > 0:
                nxt[j + 1] += p * reds_left / (n - i)
        probs = nxt
    return probs[want_red] if 0 <= want_red < len(probs) else 0.0
