"""Picking a sandbox: `auto` takes Docker where an engine answers and the image exists."""

from __future__ import annotations

from judge.errors import SandboxUnavailable
from judge.sandbox import Sandbox

CHOICES = ("auto", "docker", "local")


def choose(name: str = "auto", *, cold: bool = False) -> tuple[Sandbox, tuple[str, ...]]:
    """The sandbox to use and what the user should be told about the choice; warm sandboxes
    (`judge warm start`) are taken where they run, unless `cold`."""
    told: tuple[str, ...] = ()
    if not cold and name in CHOICES:
        from judge.warm.client import find

        warm, told = find(name)  # a stat when no warm process runs
        if warm is not None:
            return warm, (f"sandbox: {warm.name} (warm)",)
    if name == "local":
        from judge.sandbox.local import LocalSandbox  # here: neither a warm nor a Docker run needs it

        return LocalSandbox(), told
    if name not in CHOICES:
        raise SandboxUnavailable(f"Unknown sandbox '{name}'; use one of {', '.join(CHOICES)}.")
    from judge.sandbox import engine

    status = engine.probe()
    if name == "docker" and not status.ready:
        raise SandboxUnavailable(status.advice)
    if status.ready:
        from judge.sandbox.docker import DockerSandbox

        notes = ("sandbox: docker (the Docker engine answered)",) if name == "auto" else ()
        return DockerSandbox(status.image), told + notes
    from judge.sandbox.local import LocalSandbox

    return LocalSandbox(), (*told, f"sandbox: local ({status.reason})")
