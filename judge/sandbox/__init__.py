"""One protocol for running a job under limits; local and Docker backends behind it.

A `Job` holds what may enter the sandbox: the submission, the entry point, the tests' inputs
and limits. Expected outputs are not part of it, by construction.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from types import TracebackType
from typing import Any, Protocol, Self

WORKERS_DIR = Path(__file__).resolve().parent / "workers"
SUPERVISOR = Path(__file__).resolve().parent / "supervisor.py"


@dataclass(frozen=True)
class JobCase:
    name: str
    input: Any
    time_limit_ms: float
    repeat: int = 1
    input_json: str | None = None
    """The input as JSON text, when the judge has it so (generated inputs): sent as is."""

    def parsed_input(self) -> Any:
        return self.input if self.input_json is None else json.loads(self.input_json)


@dataclass(frozen=True)
class Job:
    worker: str
    """Selects the worker program: workers/<worker>_worker.py. The sandbox knows workers,
    never languages: a language picks its worker when it builds the job."""
    setup: dict[str, Any]
    cases: tuple[JobCase, ...]
    memory_mb: int
    output_bytes: int
    files: tuple[tuple[str, Path], ...] = ()
    """(name, host path) of read-only data files the worker needs (SQL tables); the sandbox
    passes the worker `setup["files"]`, a map from name to where it can read that file."""
    load_timeout_ms: int = 10000
    address_space_mb: int | None = None
    """The OS limit on address space (RLIMIT_AS) when it must differ from memory_mb: DuckDB
    reserves far more address space than it ever touches."""
    stop_on_timeout: bool = False
    """Skip the remaining cases after one runs out of time or memory (status `skipped`)."""
    learner_in_worker: bool = True
    """Learner code shares the worker's process (Python), so it can write to the result
    channel: from such a worker, `internal` and `load_error` after loading are not believed."""

    def worker_name(self) -> str:
        return f"{self.worker}_worker.py"

    def to_dict(
        self,
        *,
        worker: str,
        files: dict[str, str],
        scratch: str,
        env: dict[str, str],
        isolation: dict[str, bool],
        python: str | None = None,
    ) -> dict[str, Any]:
        """The job as the supervisor reads it (plain JSON, to cross a container boundary)."""
        total_s = sum(c.time_limit_ms * c.repeat for c in self.cases) / 1000
        return {
            "worker": worker,
            "python": python,
            "setup": {**self.setup, "files": files},
            "scratch": scratch,
            "env": env,
            "stop_on_timeout": self.stop_on_timeout,
            "learner_in_worker": self.learner_in_worker,
            "isolation": isolation,
            "limits": {
                "memory_mb": self.memory_mb,
                "address_space_mb": self.address_space_mb or self.memory_mb,
                "output_bytes": self.output_bytes,
                "load_timeout_ms": self.load_timeout_ms,
                "cpu_s": int(total_s) + 10,
            },
            "cases": [
                {
                    "name": c.name,
                    **({"input": c.input} if c.input_json is None else {"input_json": c.input_json}),
                    "time_limit_ms": c.time_limit_ms,
                    "repeat": c.repeat,
                }
                for c in self.cases
            ],
        }


class OutcomeStatus(StrEnum):
    """What a sandbox reports of one test; the supervisor speaks these as plain JSON strings
    and `RawOutcome.from_dict` translates them here, at the boundary."""

    OK = "ok"
    EXCEPTION = "exception"
    EXIT = "exit"
    CRASH = "crash"
    TIMEOUT = "timeout"
    MEMORY = "memory"
    OUTPUT_LIMIT = "output_limit"
    BAD_VALUE = "bad_value"
    LOAD_ERROR = "load_error"
    LOAD_TIMEOUT = "load_timeout"
    PROTOCOL = "protocol"
    INTERNAL = "internal"
    SKIPPED = "skipped"


@dataclass(frozen=True)
class RawOutcome:
    """What the sandbox saw of one test, before any comparison."""

    name: str
    status: OutcomeStatus
    value: Any = None
    time_ms: float = 0.0
    """The worker's own figure for the call: information only (learner code can fake it)."""
    wall_ms: float = 0.0
    cpu_ms: float = 0.0
    """Measured by the supervisor from outside the worker (its whole process tree)."""
    load_ms: float = 0.0
    """CPU spent loading the submission, included in the first test's `cpu_ms`."""

    @property
    def trusted_ms(self) -> float:
        """The test's own CPU time as the supervisor measured it, loading left out."""
        if self.cpu_ms > 0:
            return max(self.cpu_ms - self.load_ms, 0.0)
        return min(self.time_ms, self.wall_ms) if self.wall_ms else self.time_ms

    output: str = ""
    output_bytes: int = 0
    error: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RawOutcome:
        """From the supervisor's JSON (trusted: it is ours, and in Docker nonce-marked)."""
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        try:
            known["status"] = OutcomeStatus(d.get("status"))
        except ValueError:
            known["status"] = OutcomeStatus.INTERNAL
            known["error"] = f"the sandbox reported an unknown status {str(d.get('status'))[:40]!r}"
        return cls(**known)


@dataclass(frozen=True)
class SandboxInfo:
    name: str
    notes: tuple[str, ...] = field(default_factory=tuple)


class Session(Protocol):
    """One worker (one container) serving one submission; cases are streamed one by one."""

    def run_case(self, case: JobCase, meanwhile: Callable[[], None] | None = None) -> RawOutcome:
        """Run one test; `meanwhile` (which must not raise) is called once the test is handed
        to the sandbox, before its answer is awaited: the judge's own work that can overlap
        the test (parsing a large input for the checker), in the judge's thread."""
        ...

    def close(self) -> None:
        """Kill and remove everything the session started; safe to call twice."""
        ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


class Sandbox(Protocol):
    """A backend that runs jobs under limits. It owns its life cycle: `prepare` may start
    things ahead of the job (a worker, a container), `close` releases whatever is left."""

    name: str
    notes: tuple[str, ...]
    """What the user should know about this backend here (limits it cannot enforce)."""

    def prepare(self, worker: str | None) -> None:
        """Get ready for a job of this worker, ahead of time; a hint, never required. None:
        the worker is not known yet (a later call names it); get ready what can be."""
        ...

    def open(self, job: Job) -> Session:
        """A session for the job's setup; `job.cases` may be empty, cases come by run_case."""
        ...

    def run(self, job: Job) -> list[RawOutcome]:
        """Run every case of the job; one outcome per case, in order."""
        ...

    def close(self) -> None: ...

    def __enter__(self) -> Self: ...

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None: ...


STOPPING = (OutcomeStatus.TIMEOUT, OutcomeStatus.LOAD_TIMEOUT, OutcomeStatus.MEMORY)
"""After one of these, judges skip the rest on submit (the rest would mostly wait it out too)."""


class SessionBase:
    """Context-manager plumbing for sessions: `close` on leaving the block."""

    def run_case(self, case: JobCase, meanwhile: Callable[[], None] | None = None) -> RawOutcome:
        raise NotImplementedError

    def close(self) -> None:
        raise NotImplementedError

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class SandboxBase:
    """What every backend shares: the life cycle defaults and `run` as a loop over a session."""

    name = "?"
    notes: tuple[str, ...] = ()

    def prepare(self, worker: str | None) -> None:
        return None

    def open(self, job: Job) -> Session:
        raise NotImplementedError

    def close(self) -> None:
        return None

    def run(self, job: Job) -> list[RawOutcome]:
        outcomes: list[RawOutcome] = []
        stopped = False
        with self.open(job) as session:
            for case in job.cases:
                if stopped:
                    outcomes.append(
                        RawOutcome(
                            case.name,
                            OutcomeStatus.SKIPPED,
                            error="not run: an earlier test ran out of time or memory",
                        )
                    )
                    continue
                outcome = session.run_case(case)
                outcomes.append(outcome)
                stopped = job.stop_on_timeout and outcome.status in STOPPING
        return outcomes

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def learner_env(home: str) -> dict[str, str]:
    """The whole environment the learner's process gets: nothing of the judge's."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
        # One thread per numeric library: the same answer and time on any machine, and a
        # numpy import never spends the sandbox's process cap on a thread per core.
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
    }
