"""Checkers: compare a submission's serialized answer with the expected one, outside the sandbox.

A checker is one module in this package that calls `register`; the registry imports every
module here, so adding a checker is adding a file. A checker returns None to accept, or a
`Mismatch`: what is wrong with the values shown, and the same said without any of them (what a
learner may see of a hidden test under `--feedback brief`). A plain string is accepted too (a
problem's own checker.py) and is then never shown in brief. A checker that raises is a bug of
the judge (IE), never a WA.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CheckFn = Callable[["CheckContext", Any, Any, Any], "Mismatch | str | None"]
ValidateFn = Callable[[dict[str, Any], Path], None]


@dataclass(frozen=True)
class Mismatch:
    """Why an answer is wrong, said twice: with the values, and without any of them."""

    message: str
    """Shown with a sample test and, under `--feedback full`, with a hidden one."""
    brief: str = "wrong answer"
    """Reveals no input, expected value, returned value or row: safe for a hidden test."""


HIDDEN_CHECKER_TEXT = "wrong answer (the checker's message is withheld)"


def as_mismatch(result: Mismatch | str | None) -> Mismatch | None:
    """A checker's answer as a `Mismatch`; free text (a problem's checker.py) is never brief."""
    if result is None or isinstance(result, Mismatch):
        return result
    if not isinstance(result, str):
        raise TypeError(f"the checker returned {result!r}; it must return None or a message")
    return Mismatch(result, HIDDEN_CHECKER_TEXT)


@dataclass(frozen=True)
class CheckContext:
    options: dict[str, Any]
    problem_dir: Path


@dataclass(frozen=True)
class Checker:
    name: str
    check: CheckFn
    validate: ValidateFn


def _no_options(options: dict[str, Any], problem_dir: Path) -> None:
    if options:
        raise ValueError(f"takes no options, got {', '.join(sorted(options))}")


class _Registry(dict[str, Checker]):
    loaded = False

    def _load(self) -> None:
        if not self.loaded:
            self.loaded = True
            for mod in pkgutil.iter_modules(__path__):
                importlib.import_module(f"{__name__}.{mod.name}")

    def __getitem__(self, key: str) -> Checker:
        self._load()
        return super().__getitem__(key)

    def __contains__(self, key: object) -> bool:
        self._load()
        return super().__contains__(key)

    def __iter__(self):  # type: ignore[no-untyped-def]
        self._load()
        return super().__iter__()


CHECKERS = _Registry()


def register(name: str, validate: ValidateFn = _no_options) -> Callable[[CheckFn], CheckFn]:
    def deco(fn: CheckFn) -> CheckFn:
        CHECKERS[name] = Checker(name, fn, validate)
        return fn

    return deco


def describe(value: Any, limit: int = 120) -> str:
    """A short repr for messages; long answers are cut, not dumped."""
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 3] + "..."
