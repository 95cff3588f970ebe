"""Picking a sandbox: `auto` takes Docker where an engine answers and the image exists."""

from __future__ import annotations

from judge.errors import SandboxUnavailable
from judge.sandbox import Sandbox

CHOICES = ("auto", "docker", "local")
HINT_KIND = "worker-hint"

_early: tuple[str, bool, Sandbox, tuple[str, ...]] | None = None
"""A sandbox chosen and prepared by `start_early`, for the `choose` that asks the same."""


def start_early(name: str, cold: bool, suffix: str) -> None:
    """Choose the sandbox a `judge run` will ask for, and prepare it with the worker this file
    type needed last time, before the CLI and the judge's modules load (~40-60 ms): a
    container is asked of the engine, or a worker started, that much sooner. Only a head
    start: the `choose` that asks the same takes it, and `discard_early` drops one no one
    took. Any failure here is left for `choose` to report."""
    global _early
    discard_early()
    try:
        box, notes = choose(name, cold=cold)
    except Exception:  # noqa: BLE001 - the CLI's own choice says what is wrong, if anything
        return
    _early = (name, cold, box, notes)
    box.prepare(worker_hint(suffix))


def discard_early() -> None:
    global _early
    early, _early = _early, None
    if early is not None:
        early[2].close()


def _hint_key(suffix: str) -> str:
    return suffix.lower().lstrip(".") or "none"


def worker_hint(suffix: str) -> str | None:
    """The worker a file of this type needed when last asked, from the judge's cache, without
    loading any language (~10 ms): a guess only (a language added since may change it);
    judge.languages.worker_for_extension is the answer."""
    from judge import cache

    hint = cache.read_json(HINT_KIND, _hint_key(suffix))
    return hint if isinstance(hint, str) and hint.isidentifier() else None


def remember_worker(suffix: str, worker: str | None) -> None:
    """What `worker_hint` gives next time for this file type."""
    from judge import cache

    cache.write_json(HINT_KIND, _hint_key(suffix), worker)


def choose(name: str = "auto", *, cold: bool = False) -> tuple[Sandbox, tuple[str, ...]]:
    """The sandbox to use and what the user should be told about the choice; warm sandboxes
    (`judge warm start`) are taken where they run, unless `cold`."""
    global _early
    if _early is not None:
        if _early[:2] == (name, cold):
            box, notes = _early[2], _early[3]
            _early = None  # ours from here (`discard_early` at exit still has it until then)
            return box, notes
        discard_early()
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
