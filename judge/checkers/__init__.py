"""Checkers: compare a submission's serialized answer with the expected one, outside the sandbox.

A checker is one module in this package that calls `register`; the registry imports every
module here, so adding a checker is adding a file. A checker returns None to accept, or a short
message saying what is wrong. A checker that raises is a bug of the judge (IE), never a WA.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

CheckFn = Callable[["CheckContext", Any, Any, Any], "str | None"]
ValidateFn = Callable[[dict[str, Any], Path], None]


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
