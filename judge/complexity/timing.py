"""Interleaved timing: the learner and the reference, call for call, in two open sessions.

At each size, sample k of both sides runs on the same fresh input (its own seed), one right
after the other (which side goes first alternates), so both see the same machine. Every
timed answer is checked against the reference's, as a test's would be. The times are the
sandbox's own figures, taken by the supervisor outside the learner's process, so nothing the
learner's code does to clocks changes them. Sizes go up the problem's ladder for as long as
the next size fits the time budget, judged from how the times have grown so far.

A call's figure also holds the sandbox's own work on the input and the answer (moving and
parsing them), the same for both sides and as large as a linear solution's own time: it
would flatten every ratio towards 1. The reference's share of it is known (its worker's own
clock around the call: trusted, the reference is ours), and taken off both sides.
"""

from __future__ import annotations

import contextlib
import json
import math
import os
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

from judge.complexity.growth import FIT_SIZES, SizeSamples
from judge.complexity.inputs import timing_input_json
from judge.evaluate import evaluate
from judge.languages import Language
from judge.models import Case, CaseResult, Problem, Verdict
from judge.sandbox import Job, JobCase, OutcomeStatus, RawOutcome, Sandbox, Session

BELOW = 3
"""Halvings of the problem's smallest size timed first (cheap for any solution in the class)."""
MIN_N = 8
MAX_SAMPLES = 9
"""Paired samples at most per size (the largest sizes get the most)."""
PAIRS_AT_TOP = 10
"""The largest size is one where a pair costs at most this share of the budget, so that the
largest sizes get several samples each."""
BUDGET_S = 3.4
"""Wall time the sizes may be planned to take, inputs made included..."""
HARD_S = 4.0
"""...and the time after which no new sample starts: the whole step, sessions opened and
closed, must stay under 5 s."""
SEED_BASE = 7_000_000
"""Timing seeds are far from the tests' own (1, 2, 3...): new inputs, never a test's."""
LEARNER_LIMIT_MS = (300.0, 2000.0)
"""A timed call's limit: at least, at most; in between, LIMIT_FACTOR x the reference's time."""
LIMIT_FACTOR = 60.0
REFERENCE_LIMIT_MS = 10_000.0
QUIET_GC = (100_000, 50, 100)
"""gc thresholds in the timed workers (Python's are 700, 10, 10)."""
FLOOR = 0.2
"""A learner's call is never counted below this share of its whole figure (the overhead
taken off is an estimate; a learner much faster than the reference must not turn to noise)."""


@dataclass(frozen=True)
class Timing:
    sizes: list[SizeSamples]
    failure: CaseResult | None = None
    """The learner's first timed call that did not pass (wrong answer, error): a failed test."""
    censored: bool = False
    """The learner ran out of its time at the largest size: its times there are lower bounds."""
    note: str = ""
    """Why the measurement stopped early or cannot be used, when it did."""


def sample_ms(outcome: RawOutcome) -> float:
    """The trusted figure for one call: the CPU time of the worker's whole process tree
    (the container's cgroup in Docker), measured by the supervisor outside the worker; its
    wall time where no CPU time could be had."""
    return outcome.cpu_ms if outcome.cpu_ms > 0 else outcome.wall_ms


@dataclass(frozen=True)
class _Pair:
    """One sample: both sides' trusted figures on one input, and what the reference's worker
    said its call itself took (the reference is ours: that is trusted too)."""

    learner_ms: float
    reference_ms: float
    reference_call_ms: float
    input_bytes: int


def overhead_per_byte(pairs: list[_Pair]) -> float:
    """The sandbox's own CPU per input byte (moving, parsing, answering), from the reference.

    Its worker's clock around the call is wall time: on a busy machine it can include time the
    call waited for a CPU, and then the overhead looks smaller than it is. So only samples
    whose call took no longer than the whole figure are used, and the upper quartile of them.
    The worker's fixed cost per call (reading a message, answering) is no cost per byte: on
    the small inputs of a short ladder (an n x n matrix of n = 8 is 200 bytes) it would read
    as microseconds per byte, and taking that off every size bends the ratios flat; so only
    the largest inputs (from a quarter of the largest on), where it weighs least, are used.
    """
    usable = [p for p in pairs if 0 < p.reference_call_ms <= p.reference_ms and p.input_bytes]
    largest = max((p.input_bytes for p in usable), default=0)
    rates = sorted(
        (p.reference_ms - p.reference_call_ms) / p.input_bytes for p in usable if 4 * p.input_bytes >= largest
    )
    return rates[(3 * len(rates)) // 4] if rates else 0.0


def call_times(pairs: list[_Pair], per_byte: float) -> tuple[tuple[float, ...], tuple[float, ...]]:
    """(learner, reference) times of the calls themselves at one size, the overhead taken off.

    The overhead is the same work on both sides, so in each pair it is taken as the same
    share of the reference's figure: a sample the machine slowed down is slowed on both
    sides alike, and its ratio stays what it is.
    """
    ref = sorted(p.reference_ms for p in pairs)
    size = sorted(p.input_bytes for p in pairs)
    share = min(per_byte * size[len(size) // 2] / ref[len(ref) // 2], 1 - FLOOR) if ref[0] > 0 else 0.0
    mine, theirs = [], []
    for p in pairs:
        overhead = share * p.reference_ms
        mine.append(round(max(p.learner_ms - overhead, FLOOR * p.learner_ms), 4))
        theirs.append(round(p.reference_ms - overhead, 4))
    return tuple(mine), tuple(theirs)


def seed_for(n: int, k: int) -> int:
    return SEED_BASE + (n % 1_000_003) * 16 + k


class _Side:
    """One side's worker: a session where the sandbox has them, else one job per call."""

    def __init__(self, sandbox: Sandbox, job: Job, session: Session | None) -> None:
        self.sandbox, self.job, self.session = sandbox, job, session

    def run(self, case: JobCase) -> RawOutcome:
        if self.session is not None:
            return self.session.run_case(case)
        return self.sandbox.run(replace(self.job, cases=(case,)))[0]


GC_ADAPTER = """\
import gc
gc.set_threshold(*QUIET_GC)
"""


def _quiet(job: Job) -> Job:
    """Both sides' workers collect cyclic garbage rarely (the same for both): a collection
    that falls inside one side's call and not the other's is noise in their ratio."""
    if os.environ.get("JUDGE_TIMING_GC") == "default" or job.setup.get("adapter"):
        return job
    return replace(job, setup={**job.setup, "adapter": GC_ADAPTER.replace("QUIET_GC", repr(QUIET_GC))})


@contextlib.contextmanager
def _sides(
    problem: Problem, language: Language, source: str, reference: str, sandbox: Sandbox
) -> Iterator[tuple[_Side, _Side]]:
    """Both sides' sessions, opened at the same time (a container each takes a while)."""
    jobs = [_quiet(language.build_job(problem, [], text, {}, {})) for text in (source, reference)]

    def open_one(job: Job) -> Session | None:
        try:
            return sandbox.open(job)
        except NotImplementedError:
            return None

    with contextlib.ExitStack() as stack, ThreadPoolExecutor(2) as pool:
        futures = [pool.submit(open_one, job) for job in jobs]
        sessions = []
        for future in futures:  # every opened session is closed, even when the other failed
            try:
                session = future.result()
            except BaseException as exc:  # noqa: BLE001 - re-raised once both are accounted for
                sessions.append(exc)
                continue
            if session is not None:
                stack.enter_context(session)
            sessions.append(session)
        for s in sessions:
            if isinstance(s, BaseException):
                raise s
        learner, ref = (_Side(sandbox, job, s) for job, s in zip(jobs, sessions, strict=True))
        yield learner, ref


def _same(a: object, b: object) -> bool:
    """Equal as JSON values, types included (1, 1.0 and True are three different answers)."""
    if type(a) is not type(b):
        return False
    if isinstance(a, list):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b, strict=True))  # type: ignore[arg-type]
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)  # type: ignore[attr-defined,index]
    return a == b


def _check(problem: Problem, name: str, text: str, ref: RawOutcome, got: RawOutcome) -> CaseResult:
    """The learner's timed call judged as a test whose expected answer is the reference's.

    The reference's own answer is right by definition: a custom checker (which needs the
    input parsed, a large part of a pair's time) is asked only about a different answer.
    """
    if got.status is OutcomeStatus.OK and problem.checker.name == "custom" and _same(got.value, ref.value):
        return CaseResult(name, Verdict.AC, got.time_ms)
    case = Case(name, False, None, ref.value, problem.path / "generator.py")
    return evaluate(problem, case, got, lambda: json.loads(text))


class _Stop(Exception):
    """The measurement ends here: `timing` says how (a failed call, a timeout, no reference)."""

    def __init__(self, timing: Timing) -> None:
        self.timing = timing


class _Run:
    """The state of one measurement: both sides, the samples so far, the clock."""

    def __init__(self, problem: Problem, learner: _Side, ref: _Side, start: float, hard_s: float) -> None:
        self.problem, self.learner, self.ref = problem, learner, ref
        self.start = start
        self.hard_s = hard_s
        self.pairs: dict[int, list[_Pair]] = {}
        self.pair_cost: dict[int, float] = {}
        """Wall seconds the cheapest pair at each size took (both calls, its input made): on
        a loaded machine one pair can wait for a CPU far longer than it runs."""
        self.count = 0

    def elapsed(self) -> float:
        return time.monotonic() - self.start

    def learner_limit(self, n: int) -> float:
        """Far more than a solution of the expected class needs, far less than the budget."""
        below = [m for m in self.pairs if m < n]
        guess = 0.0
        if below:
            m = max(below)
            guess = max(p.reference_ms for p in self.pairs[m]) * n / m
        low, high = LEARNER_LIMIT_MS
        return min(max(LIMIT_FACTOR * guess, low), high)

    def pair(self, n: int, seed: int, *, timed: bool = True) -> None:
        """One sample at size n: both sides on one fresh input, the answer checked."""
        began = time.monotonic()
        self.count += 1
        name = f"timing n={n} #{seed - seed_for(n, 0) + 1}" if timed else f"timing n={n} (warm-up)"
        text = timing_input_json(self.problem, n, seed)
        case = JobCase(name, None, REFERENCE_LIMIT_MS, input_json=text)
        limit = self.learner_limit(n)
        if self.count % 2:
            r = self.ref.run(case)
            got = self.learner.run(replace(case, time_limit_ms=limit))
        else:
            got = self.learner.run(replace(case, time_limit_ms=limit))
            r = self.ref.run(case)
        if r.status is not OutcomeStatus.OK:
            raise _Stop(Timing([], note=f"the reference failed on a timing input ({r.status}): {r.error}"))
        ref_ms = sample_ms(r)
        if got.status is OutcomeStatus.TIMEOUT:
            if timed:
                self.pairs.setdefault(n, []).append(
                    _Pair(max(limit, sample_ms(got)), ref_ms, r.time_ms, len(text))
                )
            why = f"a call at n = {n} ran over {limit:.0f} ms (the reference: {ref_ms:.1f} ms)"
            raise _Stop(Timing([], censored=timed, note=why))
        result = _check(self.problem, name, text, r, got)
        if result.verdict is not Verdict.AC:
            raise _Stop(Timing([], failure=result))
        if timed:
            self.pairs.setdefault(n, []).append(_Pair(sample_ms(got), ref_ms, r.time_ms, len(text)))
            cost = time.monotonic() - began
            self.pair_cost[n] = min(cost, self.pair_cost.get(n, cost))

    def next_seed(self, n: int) -> int:
        """A seed no timed call at size n has had (each sample its own input)."""
        return seed_for(n, len(self.pairs.get(n, ())))

    def full(self, n: int) -> bool:
        return len(self.pairs.get(n, ())) >= MAX_SAMPLES

    def next_cost(self, n: int, step: float) -> float:
        """What a pair at step x n should cost, going by how pairs have grown so far."""
        sizes = sorted(self.pair_cost)
        grow = 1.0
        if len(sizes) >= 2:
            a, b = sizes[-2], sizes[-1]
            if self.pair_cost[b] > self.pair_cost[a] > 0:
                grow = max(1.0, math.log(self.pair_cost[b] / self.pair_cost[a]) / math.log(b / a))
        return self.pair_cost[n] * step**grow

    def too_costly(self, n: int, step: float, budget_s: float, hard_s: float) -> bool:
        """The pair at step x n would leave too few samples at the top, or run past the end."""
        cost = self.next_cost(n, step)
        return cost > budget_s / PAIRS_AT_TOP or self.elapsed() + cost > hard_s


def _below(problem: Problem, smallest: int) -> tuple[int, ...]:
    """Sizes under the problem's own, where its generator makes them: a solution so slow that
    the problem's sizes do not fit the budget still shows how it grows down there."""
    sizes = []
    for shift in range(BELOW, 0, -1):
        n = smallest >> shift
        if n < MIN_N:
            continue
        try:
            timing_input_json(problem, n, seed_for(n, MAX_SAMPLES))
        except Exception:  # noqa: BLE001 - a generator may refuse sizes it was not written for
            continue
        sizes.append(n)
    return tuple(sizes)


def time_growth(
    problem: Problem,
    language: Language,
    source: str,
    reference: str,
    sandbox: Sandbox,
    ladder: tuple[int, ...],
    *,
    budget_s: float = BUDGET_S,
    hard_s: float = HARD_S,
) -> Timing:
    """Time both sides up the ladder, then in rounds over the largest sizes reached.

    Going up, one pair per size, for as long as the next size's pair fits a share of the
    budget; then rounds of one pair at each of the FIT_SIZES largest sizes, in turn, so
    that a change in the machine's load weighs on every size alike, until the budget is spent
    or every size has MAX_SAMPLES.
    """
    stop: Timing | None = None
    start = time.monotonic()  # the budget counts the sessions' start too
    with _sides(problem, language, source, reference, sandbox) as (learner, ref):
        run = _Run(problem, learner, ref, start, hard_s)
        try:
            # A first call on each side, not timed: its figure holds the loading of the code.
            smallest = min(ladder)
            ladder = _below(problem, smallest) + tuple(sorted(ladder))
            run.pair(ladder[0], seed_for(ladder[0], MAX_SAMPLES), timed=False)
            reached = [ladder[0]]
            run.pair(ladder[0], seed_for(ladder[0], 0))
            for n in ladder[1:]:
                step = n / reached[-1]
                if n > smallest and run.too_costly(reached[-1], step, budget_s, hard_s):
                    # One slow pair (a wait for a CPU) must not end the climb at sizes where
                    # fixed costs flatten every ratio: the size reached is timed once more (a
                    # sample it gets in the rounds anyway) and the cheaper pair is believed.
                    last = reached[-1]
                    if run.elapsed() + run.pair_cost[last] > budget_s:
                        break
                    run.pair(last, run.next_seed(last))
                    if run.too_costly(last, step, budget_s, hard_s):
                        break
                run.pair(n, run.next_seed(n))
                reached.append(n)
            top = reached[-FIT_SIZES:]
            round_cost = sum(run.pair_cost[n] for n in top)
            k = 1
            while k < MAX_SAMPLES and run.elapsed() + round_cost <= budget_s:
                began = time.monotonic()
                for n in top if k % 2 else reversed(top):
                    if run.full(n):
                        continue
                    if run.elapsed() + run.pair_cost[n] > hard_s:
                        break
                    run.pair(n, run.next_seed(n))
                round_cost = time.monotonic() - began
                k += 1
        except _Stop as stopped:
            stop = stopped.timing
    pairs = [(n, run.pairs[n]) for n in sorted(run.pairs)]
    per_byte = overhead_per_byte([p for _, ps in pairs for p in ps])
    sizes = [SizeSamples(n, *call_times(ps, per_byte)) for n, ps in pairs]
    return replace(stop, sizes=sizes) if stop is not None else Timing(sizes)
