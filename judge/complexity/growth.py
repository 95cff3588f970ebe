"""How a learner's time grows against the reference's: the comparison, on numbers only.

The reference is timed in the same run as the learner, call for call, on the same inputs, so
the machine's state, the cost of moving an input through the sandbox and the cache effects of
large inputs weigh on both alike. What is compared is therefore the RATIO of the two times:
if the learner's solution is in the expected class, the ratio stays flat as n grows; if it
is a power of n slower, the ratio grows like that power. The slope of log(ratio) over log(n)
is fitted on the largest sizes only (a fixed cost per call flattens small sizes), with its
uncertainty from the spread of the paired samples, and the verdict has an "unclear" band
instead of a guess.
"""

from __future__ import annotations

import itertools
import math
import statistics
from dataclasses import dataclass

from judge.complexity_classes import Growth

FIT_SIZES = 4
"""How many of the largest sizes the slope is fitted on (a factor of 8 in n, on the ladder)."""
LOG_FACTOR = 0.1
"""What a log factor adds to the slope over these sizes (1 / ln n is 0.08 to 0.12)."""
OK_BELOW = 0.2
"""A ratio slope up to this is the reference's growth, or within a log factor of it."""
SLOWER_FROM = 0.3
"""A ratio slope from this on is a power of n more. An AC solution that is a power slower
pays a*n + b*n^2 where the reference pays c*n: the ratio's slope climbs towards 1 only once
b*n outweighs a, and on the sizes that can be timed in the budget it is often 0.3 to 0.9."""
MATCH_BELOW = 0.15
"""Below this the learner's growth matches the reference's: the expected class is named."""
Z = 2.0
"""Standard errors a slope must stay clear of the other side by."""
NOISE_FLOOR = 0.04
"""Smallest uncertainty assumed for a size's log ratio (a few % is always there)."""
MAX_ERROR = 0.25
"""A slope less certain than this says nothing either way about the same growth."""
CLEARLY_BELOW = 0.45
"""`ok: true` needs the slope's upper bound (Z errors up) under this: the evidence must
rule out a power more, not merely fail to show it."""


@dataclass(frozen=True)
class SizeSamples:
    """Paired timings at one size: sample k of the learner and of the reference ran on the
    same input, one right after the other."""

    n: int
    learner_ms: tuple[float, ...]
    reference_ms: tuple[float, ...]

    @property
    def log_ratios(self) -> list[float]:
        return [
            math.log(max(a, 1e-3) / max(b, 1e-3))
            for a, b in zip(self.learner_ms, self.reference_ms, strict=False)
        ]

    @property
    def ratio(self) -> float:
        return math.exp(statistics.median(self.log_ratios))


@dataclass(frozen=True)
class Comparison:
    ok: bool | None
    slope: float
    """Slope of log(learner/reference time) over log n, on the largest sizes."""
    error: float
    """About one standard error of the slope."""
    ratio: float
    """The learner's time over the reference's at the largest size (median of the pairs)."""
    n: int
    """That size."""
    estimated: Growth | None
    """The learner's class when the evidence names one."""
    alternative: Growth | None = None
    """A second class the evidence cannot tell from `estimated` (O(n) or O(n log n))."""
    at_least: bool = False
    """`estimated` is a floor: the learner ran out of its time at the largest size."""


def _spread(values: list[float]) -> float:
    """Standard error of the median of these values (robust: from the median deviation)."""
    if len(values) < 2:
        return 0.5
    med = statistics.median(values)
    mad = statistics.median(abs(v - med) for v in values)
    sd = max(1.4826 * mad, statistics.stdev(values) * 0.7)
    return 1.2533 * sd / math.sqrt(len(values))


def fit(points: list[tuple[float, float, float]]) -> tuple[float, float]:
    """Weighted least-squares slope of (x, y, standard error of y): (slope, its standard error).

    Points that scatter more than their errors say get a larger error for the slope, not a
    smaller one (the errors were underestimated, not the points lucky).
    """
    w = [1 / max(e, NOISE_FLOOR) ** 2 for _, _, e in points]
    sw = sum(w)
    mx = sum(wi * x for wi, (x, _, _) in zip(w, points, strict=True)) / sw
    my = sum(wi * y for wi, (_, y, _) in zip(w, points, strict=True)) / sw
    sxx = sum(wi * (x - mx) ** 2 for wi, (x, _, _) in zip(w, points, strict=True))
    if sxx <= 0:
        return 0.0, math.inf
    slope = sum(wi * (x - mx) * (y - my) for wi, (x, y, _) in zip(w, points, strict=True)) / sxx
    var = 1 / sxx
    if len(points) > 2:
        chi2 = sum(wi * (y - my - slope * (x - mx)) ** 2 for wi, (x, y, _) in zip(w, points, strict=True))
        var *= max(1.0, chi2 / (len(points) - 2))
    return slope, math.sqrt(var)


def _median_and_error(values: tuple[float, ...]) -> tuple[float, float]:
    """Median in ms and its standard error in ms."""
    med = statistics.median(values)
    logs = [math.log(max(v, 1e-3)) for v in values]
    return med, med * _spread(logs)


def _step_points(sizes: list[SizeSamples]) -> list[tuple[float, float, float]]:
    """log(learner increment / reference increment) between consecutive sizes, largest last."""
    points = []
    for a, b in itertools.pairwise(sizes):
        (la, ela), (lb, elb) = _median_and_error(a.learner_ms), _median_and_error(b.learner_ms)
        (ra, era), (rb, erb) = _median_and_error(a.reference_ms), _median_and_error(b.reference_ms)
        dl, dr = lb - la, rb - ra
        if dl <= 0 or dr <= 0:
            continue
        error = math.hypot(math.hypot(ela, elb) / dl, math.hypot(era, erb) / dr)
        points.append((math.log(b.n), math.log(dl / dr), error))
    return points[-(FIT_SIZES - 1) :]


def compare(expected: Growth, sizes: list[SizeSamples], *, lower_bound: bool = False) -> Comparison:
    """The verdict on the learner's growth from paired samples, smallest size first.

    `lower_bound`: the learner's times at the largest size are lower bounds (it ran out of
    the time it was given there), so its slope can only be larger than measured.
    """
    top = [s for s in sizes if s.log_ratios][-FIT_SIZES:]
    if len(top) < 2:
        return Comparison(None, math.nan, math.inf, top[-1].ratio if top else math.nan, 0, None)
    points = [(math.log(s.n), statistics.median(s.log_ratios), _spread(s.log_ratios)) for s in top]
    slope, error = fit(points)
    steps = _step_points(sizes)
    if len(steps) >= 2:
        # A fixed cost per call (a pad, a thread started) flattens the ratio of the times,
        # not the ratio of their increments from one size to the next: where the increments
        # say clearly steeper, they are what is believed.
        step_slope, step_error = fit(steps)
        if step_error <= MAX_ERROR and step_slope - slope > Z * step_error:
            slope, error = step_slope, step_error
    last = top[-1]
    if slope >= SLOWER_FROM and slope - Z * error >= LOG_FACTOR:
        ok: bool | None = False
    elif lower_bound and slope >= SLOWER_FROM:
        ok = False
    elif (
        slope <= OK_BELOW
        and slope + Z * error <= CLEARLY_BELOW
        and error <= MAX_ERROR
        and len(top) >= 3
        and not lower_bound
    ):
        ok = True
    else:
        ok = None
    own = [(math.log(s.n), math.log(max(statistics.median(s.learner_ms), 1e-3)), 0.1) for s in top]
    own_slope = fit(own)[0] - expected.power  # the learner's own growth, beyond the class's
    estimated, alternative = _classes(expected, slope, min(slope - error, own_slope), ok, lower_bound)
    return Comparison(ok, slope, error, last.ratio, last.n, estimated, alternative, lower_bound)


def _classes(
    expected: Growth, slope: float, least: float, ok: bool | None, lower_bound: bool
) -> tuple[Growth | None, Growth | None]:
    """Only as fine as timing can tell: a log factor is ~0.1 of slope, within the noise; where
    the largest size ran out of time, one power more is all that is known (`at_least`).

    `least` is the smaller of two readings of how many powers more the learner pays: the
    ratio's slope less its error, and the learner's own log-log slope less the class's power
    (a reference's fixed cost per call makes the first too steep at small sizes; the
    learner's own fixed costs can only make the second too flat)."""
    if ok is None:
        return None, None
    if lower_bound:
        return Growth(expected.power + 1, expected.log_power), None
    if ok:
        if slope < MATCH_BELOW:
            return expected, None
        return expected, Growth(expected.power, expected.log_power + 1)
    # The fewest powers more the evidence allows: a steep but uncertain slope is not O(n^3).
    return Growth(expected.power + max(1, round(least)), expected.log_power), None
