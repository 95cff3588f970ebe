"""The local process sandbox: the supervisor runs in the judge's own process.

What it can promise depends on the OS: rlimits everywhere; on Linux, where allowed, a new
network namespace (only a loopback, down) and a pid namespace, so that killing the worker
kills every process it started. It cannot hide the file system: the Docker sandbox does that.
"""

from __future__ import annotations

import shutil
import sys
import tempfile

from judge.sandbox import SUPERVISOR, WORKERS_DIR, Job, RawOutcome, learner_env, supervisor


class LocalSandbox:
    name = "local"

    def __init__(self, *, namespaces: bool = True) -> None:
        self.namespaces = namespaces and sys.platform.startswith("linux")

    def run(self, job: Job) -> list[RawOutcome]:
        assert SUPERVISOR.is_file()
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
            supervisor.run_job(spec, lambda o: outcomes.append(RawOutcome.from_dict(o)))
            return outcomes
        finally:
            shutil.rmtree(scratch, ignore_errors=True)
