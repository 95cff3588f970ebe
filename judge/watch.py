"""`judge run --watch`: judge the file again each time it is saved, until Ctrl-C.

The quick loop a learner lives in: every save runs the samples first (their verdicts in a
second), then every test. The loop takes its change events as an iterable, so a test can feed
it a real watcher with a stop event, or a list.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from judge.catalog import load_cases, load_problem
from judge.errors import UserError
from judge.judging import judge_source, read_submission
from judge.models import Report
from judge.sandbox import Sandbox

DEBOUNCE_MS = 200
"""Saves closer together than this are one change (editors write a file in several steps)."""


def file_changes(path: Path, stop: threading.Event | None = None) -> Iterator[object]:
    """One item per save of `path`. Its folder is watched, since many editors save by writing
    a new file and renaming it over the old one."""
    import watchfiles

    target = path.resolve()
    yield from watchfiles.watch(
        target.parent,
        watch_filter=lambda _change, name: Path(name).resolve() == target,
        debounce=DEBOUNCE_MS,
        stop_event=stop,
        recursive=False,
        raise_interrupt=False,
    )


def judge_rounds(
    slug: str,
    path: Path,
    sandbox: Sandbox,
    *,
    complexity: bool = True,
    options: Mapping[str, Any] | None = None,
    all_tests: bool = False,
) -> Iterator[Report]:
    """One save's judging: the samples' report, then the report of every test."""
    problem = load_problem(slug)
    source, language = read_submission(path, problem)
    common: dict[str, Any] = dict(language=language, options=options or {}, all_tests=all_tests)
    samples = load_cases(problem, samples_only=True)
    yield judge_source(problem, source, sandbox, complexity=False, cases=samples, **common)
    yield judge_source(problem, source, sandbox, complexity=complexity, **common)


def watch(
    path: Path,
    run_once: Callable[[], None],
    *,
    changes: Iterable[object] | None = None,
    clear: Callable[[], None] = lambda: None,
    echo: Callable[[str], None] = print,
    max_runs: int | None = None,
) -> int:
    """Run `run_once` now and after every change; returns how many runs there were.

    A mistake of the user's in one run (the file deleted mid-save) is printed and the watch
    goes on; anything else is the judge's and ends it.
    """
    runs = 0
    events = iter(changes if changes is not None else file_changes(path))
    while max_runs is None or runs < max_runs:
        if runs:
            try:
                next(events)
            except StopIteration:
                break
        clear()
        try:
            run_once()
        except UserError as exc:
            echo(f"error: {exc}")
        runs += 1
        echo(f"\nWatching {path} for changes (Ctrl-C to stop)...")
    return runs
