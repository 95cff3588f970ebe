"""The local process sandbox: the supervisor runs in the judge's own process.

What it can promise depends on the OS: rlimits everywhere; on Linux, where allowed, a new
network namespace (only a loopback, down) and a pid namespace, so that killing the worker
kills every process it started. It cannot hide the file system: the Docker sandbox does that.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from typing import Any

from judge.sandbox import SUPERVISOR, WORKERS_DIR, Job, RawOutcome, SandboxBase, learner_env, supervisor

WARM_LIMITS = {"memory_mb": 4096, "address_space_mb": 4096, "cpu_s": 3600}
"""Upper bounds for a worker started before its job is known; the job's own limits are set
by the worker when it receives the job, before any learner code runs."""


class LocalSandbox(SandboxBase):
    name = "local"

    def __init__(self, *, namespaces: bool = True) -> None:
        self.namespaces = namespaces and sys.platform.startswith("linux")
        self._warm: tuple[str, str, supervisor.Worker] | None = None

    def _spawn_spec(self, language: str, scratch: str) -> dict[str, Any]:
        return {
            "worker": str(WORKERS_DIR / f"{language}_worker.py"),
            "scratch": scratch,
            "env": learner_env(scratch),
            "isolation": {"namespaces": self.namespaces, "kill_others": False},
            "limits": WARM_LIMITS,
        }

    def prepare(self, worker: str) -> None:
        """Start a worker for `language` now, so that its start (Python, DuckDB's import)
        overlaps the judge's own loading; the next `run` in that language uses it."""
        self.close()
        scratch = tempfile.mkdtemp(prefix="judge-scratch-")
        try:
            started = supervisor.Worker(self._spawn_spec(worker, scratch))
        except OSError:
            shutil.rmtree(scratch, ignore_errors=True)
            return
        self._warm = (worker, scratch, started)

    def close(self) -> None:
        if self._warm is not None:
            _, scratch, worker = self._warm
            self._warm = None
            worker.kill()
            shutil.rmtree(scratch, ignore_errors=True)

    def run(self, job: Job) -> list[RawOutcome]:
        assert SUPERVISOR.is_file()
        prestarted = None
        if self._warm is not None and self._warm[0] == job.worker:
            _, scratch, prestarted = self._warm
            self._warm = None
        else:
            self.close()
            scratch = tempfile.mkdtemp(prefix="judge-scratch-")
        try:
            spec = job.to_dict(
                worker=str(WORKERS_DIR / job.worker_name()),
                files={name: str(path) for name, path in job.files},
                scratch=scratch,
                env=learner_env(scratch),
                isolation={"namespaces": self.namespaces, "kill_others": False},
            )
            outcomes: list[RawOutcome] = []
            supervisor.run_job(spec, lambda o: outcomes.append(RawOutcome.from_dict(o)), prestarted)
            return outcomes
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
