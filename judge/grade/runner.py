"""Grading learners in parallel: `--jobs N` processes, each with a sandbox of its own,
results stored as each learner finishes, progress (done, per minute, ETA) on stderr."""

from __future__ import annotations

import multiprocessing
import os
import sys
import time
from collections.abc import Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from multiprocessing import util

from judge.grade.grader import Settings, failed_learner, grade_learner
from judge.grade.results import LearnerResult
from judge.grade.roster import Learner
from judge.grade.store import Store
from judge.sandbox import Sandbox

_worker: tuple[Sandbox, Settings, Store] | None = None
"""Per worker process: its own sandbox, set once by the pool's initializer."""


def make_sandbox(name: str) -> Sandbox:
    from judge.sandbox.select import choose

    return choose(name)[0]


def _init_worker(sandbox_name: str, settings: Settings, store: Store) -> None:
    global _worker
    sandbox = make_sandbox(sandbox_name)
    util.Finalize(sandbox, sandbox.close, exitpriority=10)
    _worker = (sandbox, settings, store)


def _grade_in_worker(learner: Learner) -> LearnerResult:
    assert _worker is not None
    sandbox, settings, store = _worker
    result = grade_learner(learner, settings, sandbox, store)
    store.write(result)
    return result


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def run_learners(
    learners: list[Learner],
    settings: Settings,
    store: Store,
    sandbox_name: str,
    jobs: int,
) -> Iterator[LearnerResult]:
    """Grade each learner; yields results as they finish (and after they are stored)."""
    if not learners:
        return
    if jobs <= 1 or len(learners) == 1:
        sandbox = make_sandbox(sandbox_name)
        try:
            for learner in learners:
                result = grade_learner(learner, settings, sandbox, store)
                store.write(result)
                yield result
        finally:
            sandbox.close()
        return
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=min(jobs, len(learners)),
        mp_context=context,
        initializer=_init_worker,
        initargs=(sandbox_name, settings, store),
    ) as pool:
        who: dict[Future[LearnerResult], Learner] = {pool.submit(_grade_in_worker, lr): lr for lr in learners}
        pending = set(who)
        try:
            while pending:
                done, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    yield _result_or_error(fut, who[fut], settings, store)
        except BaseException:
            for fut in pending:
                fut.cancel()
            raise


def _result_or_error(
    fut: Future[LearnerResult], learner: Learner, settings: Settings, store: Store
) -> LearnerResult:
    """A grading process that died (or raised) costs its learner an `error` row, not the run."""
    try:
        return fut.result()
    except Exception as exc:  # noqa: BLE001 - the judge's fault: the row says so, grading goes on
        result = failed_learner(learner, settings, f"the grading process failed: {type(exc).__name__}: {exc}")
        store.write(result)
        return result


class Progress:
    """learners done / total, learners per minute and the time left, on stderr (tqdm)."""

    def __init__(self, total: int, *, enabled: bool) -> None:
        self.start = time.monotonic()
        self.bar = None
        if enabled and total:
            from tqdm import tqdm

            self.bar = tqdm(
                total=total,
                unit="learner",
                file=sys.stderr,
                dynamic_ncols=True,
                bar_format="{l_bar}{bar}| {n_fmt}/{total_fmt} learners [{elapsed}<{remaining}{postfix}]",
            )

    def update(self) -> None:
        if self.bar is None:
            return
        self.bar.update(1)
        minutes = (time.monotonic() - self.start) / 60
        self.bar.set_postfix_str(f"{self.bar.n / minutes:.1f}/min" if minutes > 0 else "", refresh=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
