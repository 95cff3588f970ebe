"""Picking a sandbox: `auto` takes Docker where an engine answers and the image exists."""

from __future__ import annotations

import importlib
import threading
from pathlib import Path

from judge.errors import SandboxUnavailable
from judge.sandbox import Sandbox
from judge.sandbox.local import LocalSandbox

CHOICES = ("auto", "docker", "local")


def _import_sdk_early() -> None:
    """The Docker SDK takes a tenth of a second to import: do it while the judge prepares."""
    threading.Thread(target=importlib.import_module, args=("docker",), daemon=True).start()


def choose(name: str = "auto") -> tuple[Sandbox, tuple[str, ...]]:
    """The sandbox to use and what the user should be told about the choice."""
    if name == "local":
        return LocalSandbox(), ()
    from judge.sandbox import engine

    status = engine.probe()
    if name == "docker":
        if not status.ready:
            raise SandboxUnavailable(status.advice)
        from judge.sandbox.docker import DockerSandbox

        _import_sdk_early()
        return DockerSandbox(status.image), ()
    if name != "auto":
        raise SandboxUnavailable(f"Unknown sandbox '{name}'; use one of {', '.join(CHOICES)}.")
    if status.ready:
        from judge.sandbox.docker import DockerSandbox

        _import_sdk_early()
        return DockerSandbox(status.image), ("sandbox: docker (the Docker engine answered)",)
    return LocalSandbox(), (f"sandbox: local ({status.reason})",)


def choose_and_warm(name: str, submission: Path) -> tuple[Sandbox, tuple[str, ...]]:
    """`choose`, then start the worker for the submission's language at once (local sandbox),
    so that its start overlaps the judge loading the problem. Call before heavy imports."""
    from judge.runners import language_of

    box, notes = choose(name)
    language = language_of(submission)
    if language is not None and isinstance(box, LocalSandbox):
        box.warm(language)
    return box, notes
