"""Choosing the sandbox (judge/sandbox/select.py): the head start `judge run` gets before its
CLI loads is the sandbox the CLI then chooses, or it is dropped, leaving nothing behind."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from judge.sandbox import select
from judge.sandbox.local import LocalSandbox


@pytest.fixture(autouse=True)
def _own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("JUDGE_CACHE_DIR", str(tmp_path / "cache"))
    yield
    select.discard_early()


def _early_worker() -> object:
    assert select._early is not None
    box = select._early[2]
    assert isinstance(box, LocalSandbox) and box._prepared is not None
    return box._prepared[2]


def test_the_worker_hint_is_what_was_remembered_for_the_file_type() -> None:
    assert select.worker_hint(".py") is None
    select.remember_worker(".py", "python")
    assert select.worker_hint(".PY") == "python"
    select.remember_worker(".py", "../../etc")  # never a path: not a worker name
    assert select.worker_hint(".py") is None


def test_an_early_sandbox_is_the_one_the_same_choice_gets() -> None:
    select.remember_worker(".py", "python")
    select.start_early("local", True, ".py")
    worker = _early_worker()
    box, _ = select.choose("local", cold=True)
    with box:
        assert isinstance(box, LocalSandbox) and box._prepared is not None
        assert box._prepared[2] is worker and select._early is None
    assert worker.proc.wait(timeout=10) is not None  # type: ignore[attr-defined]


def test_an_early_sandbox_another_choice_does_not_want_is_dropped() -> None:
    select.remember_worker(".py", "python")
    select.start_early("local", True, ".py")
    worker = _early_worker()
    box, _ = select.choose("auto", cold=True)
    box.close()
    assert worker.proc.wait(timeout=10) is not None  # type: ignore[attr-defined]
    assert select._early is None


def test_an_early_sandbox_no_one_took_is_dropped_at_exit() -> None:
    select.remember_worker(".sql", "sql")
    select.start_early("local", True, ".sql")
    worker = _early_worker()
    select.discard_early()
    assert worker.proc.wait(timeout=10) is not None  # type: ignore[attr-defined]


def test_a_choice_that_fails_early_is_left_for_the_cli_to_report() -> None:
    select.start_early("no-such-sandbox", True, ".py")
    assert select._early is None
