"""One protocol for running a job under limits; local and Docker backends behind it.

A `Job` holds what may enter the sandbox: the submission, the entry point, the tests' inputs
and limits. Expected outputs are not part of it, by construction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

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
    language: str
    """Selects the worker program: workers/<language>_worker.py."""
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

    def worker_name(self) -> str:
        return f"{self.language}_worker.py"

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
            # Learner code shares the worker's process, so it can write to the result channel:
            # from such a worker, `internal` and `load_error` after loading are not believed.
            "learner_in_worker": self.language != "sql",
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


@dataclass(frozen=True)
class RawOutcome:
    """What the sandbox saw of one test, before any comparison."""

    name: str
    status: str
    value: Any = None
    time_ms: float = 0.0
    wall_ms: float = 0.0
    cpu_ms: float = 0.0
    output: str = ""
    output_bytes: int = 0
    error: str = ""

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> RawOutcome:
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


@dataclass(frozen=True)
class SandboxInfo:
    name: str
    notes: tuple[str, ...] = field(default_factory=tuple)


class Sandbox(Protocol):
    name: str

    def run(self, job: Job) -> list[RawOutcome]:
        """Run every case of the job; one outcome per case, in order."""
        ...


def learner_env(home: str) -> dict[str, str]:
    """The whole environment the learner's process gets: nothing of the judge's."""
    return {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": home,
        "TMPDIR": home,
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "PYTHONIOENCODING": "utf-8",
    }
