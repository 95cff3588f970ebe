"""The growth comparison on synthetic noisy curves: no sandbox, no clock, seeded noise."""

from __future__ import annotations

import math
import random
from collections.abc import Callable

import pytest

from judge.complexity import describe, stated
from judge.complexity.growth import SizeSamples, compare, fit
from judge.complexity.timing import Timing
from judge.complexity_classes import Growth
from judge.models import CaseResult, Verdict

SIZES = (5000, 10000, 20000, 40000, 80000, 160000)
LINEAR = Growth(1, 0)
Curve = Callable[[int], float]


def samples(learner: Curve, reference: Curve, *, noise: float, seed: int, k: int = 5) -> list[SizeSamples]:
    """k paired samples per size; each sample slowed by a random factor common to the pair
    (the machine's state) and by one of its own on each side."""
    rng = random.Random(seed)
    out = []
    for n in SIZES:
        mine, theirs = [], []
        for _ in range(k):
            common = math.exp(abs(rng.gauss(0, noise)))
            mine.append(learner(n) * common * math.exp(rng.gauss(0, noise / 2)))
            theirs.append(reference(n) * common * math.exp(rng.gauss(0, noise / 2)))
        out.append(SizeSamples(n, tuple(mine), tuple(theirs)))
    return out


def linear(n: int) -> float:
    return 1e-4 * n


SEEDS = range(30)


@pytest.mark.parametrize("noise", [0.05, 0.15])
def test_same_growth_as_the_reference_is_ok(noise: float) -> None:
    for seed in SEEDS:
        c = compare(LINEAR, samples(lambda n: 1.7 * linear(n), linear, noise=noise, seed=seed))
        assert c.ok is True, (seed, c)
        assert c.estimated == LINEAR


def test_a_log_factor_more_is_ok_and_said_so_when_seen() -> None:
    for seed in SEEDS:
        c = compare(LINEAR, samples(lambda n: linear(n) * math.log(n) / 8, linear, noise=0.05, seed=seed))
        assert c.ok is True, (seed, c)
        assert c.estimated == LINEAR
        assert c.alternative in (None, Growth(1, 1))


def test_one_power_more_is_not_ok() -> None:
    for seed in SEEDS:
        c = compare(LINEAR, samples(lambda n: 3e-9 * n * n, linear, noise=0.15, seed=seed))
        assert c.ok is False, (seed, c)
        assert c.estimated == Growth(2, 0)


def test_a_power_more_hidden_under_a_large_linear_part_is_not_ok() -> None:
    """The sneaky slow kind: as fast as the reference at small n, 3x slower at the largest."""
    for seed in SEEDS:
        c = compare(LINEAR, samples(lambda n: linear(n) * (1 + n / 80000), linear, noise=0.05, seed=seed))
        assert c.ok is False, (seed, c)
        assert c.estimated == Growth(2, 0)


def test_a_fixed_cost_per_call_does_not_hide_a_power_more() -> None:
    """20 ms added to every call flattens the ratio of times, not of their increments."""
    for seed in SEEDS:
        c = compare(LINEAR, samples(lambda n: 20 + 2e-9 * n * n, linear, noise=0.05, seed=seed))
        assert c.ok is False, (seed, c)


def test_a_random_curve_is_unclear() -> None:
    unclear = 0
    for seed in SEEDS:
        rng = random.Random(seed + 1000)

        def jumpy(n: int, rng: random.Random = rng) -> float:
            return linear(n) * math.exp(rng.gauss(0, 1.5))

        c = compare(LINEAR, samples(jumpy, linear, noise=0.3, seed=seed))
        assert c.ok is not True, (seed, c)
        unclear += c.ok is None
    assert unclear >= len(SEEDS) * 0.6


def test_a_lower_bound_that_grows_is_not_ok() -> None:
    sizes = samples(lambda n: 1e-6 * n * n, linear, noise=0.05, seed=1)[:3]
    assert compare(LINEAR, sizes, lower_bound=True).ok is False


def test_too_few_sizes_cannot_be_ok() -> None:
    sizes = samples(linear, linear, noise=0.05, seed=1)[:2]
    assert compare(LINEAR, sizes).ok is None
    assert compare(LINEAR, sizes[:1]).ok is None


def test_fit_of_exact_line_has_the_noise_floor_as_error() -> None:
    slope, error = fit([(math.log(n), 0.5 * math.log(n), 0.0) for n in SIZES])
    assert slope == pytest.approx(0.5)
    assert 0 < error < 0.05


@pytest.mark.parametrize(
    ("total", "expected", "said"),
    [
        (Growth(1, 0), "O(1) per operation", "O(1) per operation"),
        (Growth(2, 0), "O(1) per operation", "O(n) per operation"),
        (Growth(1, 1), "O(log s) per get, s = snaps", "O(log n) per get"),
        (Growth(2, 0), "O(n)", "O(n^2)"),
    ],
)
def test_classes_are_said_the_way_the_expectation_is(total: Growth, expected: str, said: str) -> None:
    assert stated(total, expected) == said


def test_an_o1_per_operation_structure_never_reads_log_n() -> None:
    for seed in SEEDS:
        c = describe(
            "O(1) per operation", Timing(samples(lambda n: 1.3 * linear(n), linear, noise=0.1, seed=seed))
        )
        assert c.ok is True
        assert c.estimated == "O(1) per operation", c


def test_the_report_of_a_sneaky_slow_solution_says_by_how_much() -> None:
    c = describe("O(n)", Timing(samples(lambda n: linear(n) * (1 + n / 20000), linear, noise=0.02, seed=3)))
    assert c.ok is False
    assert c.estimated == "O(n^2)"
    assert c.note.startswith("grows like O(n^2); expected O(n): 8.9x slower than the reference at n = 160000")
    assert len(c.samples_ms) == len(SIZES) and len(c.reference_samples_ms[0]) == 5


def test_a_wrong_answer_on_a_timing_input_is_not_ok() -> None:
    failed = CaseResult("timing n=40000 #2", Verdict.WA, 1.0, "expected 3, got 4")
    c = describe("O(n)", Timing([], failure=failed))
    assert c.ok is False and c.estimated is None
    assert c.note == "WA on a timing input (timing n=40000 #2): expected 3, got 4"


def test_a_reference_with_a_fixed_cost_does_not_make_a_quadratic_read_cubic() -> None:
    """At small sizes a fixed cost per call flattens the reference, so the ratio's slope is
    steeper than 1; the learner's own growth says it is one power more, not two."""
    for seed in SEEDS:
        c = compare(LINEAR, samples(lambda n: 1e-7 * n * n, lambda n: 5 + 1e-5 * n, noise=0.05, seed=seed))
        assert c.ok is False, (seed, c)
        assert c.slope > 1.2 and c.estimated == Growth(2, 0), (seed, c)


def test_a_fixed_cost_per_call_is_not_read_as_a_cost_per_byte() -> None:
    """0.3 ms per call on any input plus 20 ns per byte: small inputs must not make the
    sandbox's overhead look like microseconds per byte (it would flatten every ratio)."""
    from judge.complexity.timing import _Pair, overhead_per_byte

    def pair(size: int) -> _Pair:
        call = size * 1e-3  # the call itself: 1 us per byte
        overhead = 0.3 + size * 20e-6
        return _Pair(
            learner_ms=2 * call + overhead,
            reference_ms=call + overhead,
            reference_call_ms=call,
            input_bytes=size,
        )

    pairs = [pair(size) for size in (200, 700, 1500, 2600, 5800, 10000, 23000) for _ in range(5)]
    # ns per byte: 20, plus the fixed cost spread over >= 5,800 bytes (over all sizes: ~450)
    assert overhead_per_byte(pairs) * 1e6 < 100
