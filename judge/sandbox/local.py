"""The local process sandbox: the supervisor runs in the judge's own process.

On Linux, where the kernel allows namespaces, each worker runs in a jail (sandbox/jail.py):
a minimal read-only root with only the interpreter, its libraries and the worker programs, a
64 MiB tmpfs as scratch, a fresh /proc, no network, uid/gid 65534 with no groups, no
capabilities and no_new_privs; the project folder, the judge's cache, home directories and
every socket are not there. Where no jail can be had, an ordinary user's judge runs learner
code as that user (one note line says so) and a root judge refuses: use Docker.
Limits are rlimits per process either way; Docker adds limits on the whole process tree.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from judge.errors import SandboxUnavailable
from judge.sandbox import SUPERVISOR, WORKERS_DIR, Job, JobCase, RawOutcome, learner_env, supervisor

WARM_LIMITS = {"memory_mb": 4096, "address_space_mb": 4096, "cpu_s": 3600}
"""Upper bounds for a worker started before its job is known (lowered to the judge's own hard
limits where those are lower); the job's own limits are set by the worker when it receives
the job, before any learner code runs."""

_JAIL_CHECKED: dict[tuple[int, bool], str | None] = {}
"""Whether the jail works here, per (euid, namespaces): asked once per process (a fork)."""


def _worker_file(worker: str) -> str:
    """`prepare` takes a worker's short name ("python") or its file name ("python_worker.py")."""
    return worker if worker.endswith(".py") else f"{worker}_worker.py"


def case_dict(case: JobCase) -> dict[str, Any]:
    """A test as the supervisor reads it (the same shape as Job.to_dict's cases)."""
    data = {"input": case.input} if case.input_json is None else {"input_json": case.input_json}
    return {"name": case.name, **data, "time_limit_ms": case.time_limit_ms, "repeat": case.repeat}


class _Place:
    """The host folders of one worker: the scratch mount point and the read-only data files."""

    def __init__(self) -> None:
        self.scratch = self.files = ""
        try:
            self.scratch = tempfile.mkdtemp(prefix="judge-scratch-")
            self.files = tempfile.mkdtemp(prefix="judge-files-")
            os.chmod(self.files, 0o755)  # read by uid 65534 inside the jail
        except BaseException:  # Ctrl-C midway (a run's first moments): none of it stays
            self.remove()
            raise

    def put_files(self, job: Job) -> dict[str, str]:
        """Copies of the job's data files (SQL tables), where the worker can read them."""
        shown = {}
        for i, (name, path) in enumerate(job.files):
            target = os.path.join(self.files, f"{i}-{Path(name).name}")
            shutil.copyfile(path, target)
            os.chmod(target, 0o644)
            shown[name] = target
        return shown

    def remove(self) -> None:
        for folder in (self.scratch, self.files):
            if folder:
                shutil.rmtree(folder, ignore_errors=True)


class LocalSession:
    """One worker for one submission; cases are run one by one, as they come."""

    def __init__(self, spec: dict[str, Any], place: _Place, prestarted: supervisor.Worker | None) -> None:
        self._supervisor = supervisor.Supervisor(spec, prestarted)
        self._place: _Place | None = place

    def run_case(self, case: JobCase, meanwhile: Callable[[], None] | None = None) -> RawOutcome:
        return RawOutcome.from_dict(self._supervisor.run_case(case_dict(case), after_send=meanwhile))

    def close(self) -> None:
        try:
            self._supervisor.close()
        finally:
            if self._place is not None:
                self._place.remove()
                self._place = None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LocalSandbox:
    name = "local"

    def __init__(self, *, namespaces: bool = True) -> None:
        self.namespaces = namespaces and sys.platform.startswith("linux")
        self._prepared: tuple[str, _Place, supervisor.Worker] | None = None

    # -- what this platform allows ---------------------------------------------------------

    def jail_problem(self) -> str | None:
        """None when workers are jailed here, else why not (one line)."""
        key = (os.geteuid(), self.namespaces)
        if key not in _JAIL_CHECKED:
            if not self.namespaces:
                _JAIL_CHECKED[key] = "namespaces are turned off"
            else:
                from judge.sandbox import jail

                probe = tempfile.mkdtemp(prefix="judge-scratch-")
                try:
                    _JAIL_CHECKED[key] = jail.check(jail.plan(probe, [str(WORKERS_DIR)]))
                finally:
                    shutil.rmtree(probe, ignore_errors=True)
        return _JAIL_CHECKED[key]

    @property
    def notes(self) -> tuple[str, ...]:
        """What the user should know about this sandbox here (at most one line)."""
        problem = self.jail_problem()
        if problem is None:
            from judge.sandbox import cgroups, jail

            gaps = []
            if (why := cgroups.problem()) is not None:
                gaps.append(f"a cgroup per worker ({why}: its processes are not capped together)")
            if (why := jail.seccomp_problem()) is not None:
                gaps.append(f"a system call filter ({why})")
            return (f"sandbox: local without {' and '.join(gaps)}",) if gaps else ()
        if os.geteuid() == 0:
            return ()
        return (
            f"sandbox: local without its jail ({problem}): learner code runs as you and can read "
            "your files; use --sandbox docker for code you do not trust",
        )

    def _isolation(self, place: _Place, *, assume_jail: bool = False) -> dict[str, Any]:
        """The worker's isolation: its jail where one can be had here. With `assume_jail`
        (a worker started ahead), a jail not yet probed in this process is assumed to work:
        the probe costs a fork and a jail (~12 ms) that would delay the worker's start, and it
        runs anyway before the job needs the worker (`notes`); `open` drops a worker started
        so when the probe then says no."""
        unprobed = (os.geteuid(), self.namespaces) not in _JAIL_CHECKED
        problem = None if assume_jail and unprobed and self.namespaces else self.jail_problem()
        iso: dict[str, Any] = {"namespaces": self.namespaces, "kill_others": False}
        if problem is None:
            from judge.sandbox import cgroups, jail

            iso["jail"] = jail.plan(place.scratch, [str(WORKERS_DIR), place.files])
            iso["cgroup"] = cgroups.problem() is None  # a cgroup per worker: CPU, pids, memory
        elif os.geteuid() == 0:
            raise SandboxUnavailable(
                f"The local sandbox cannot run learner code without root here ({problem}); "
                "use --sandbox docker, or run the judge as an ordinary user."
            )
        return iso

    # -- life cycle ------------------------------------------------------------------------

    def prepare(self, worker: str | None) -> None:
        """Start a worker now, so that its start (Python, DuckDB's import) overlaps the
        judge's own loading; the next `open` with that worker uses it. Never fails: a worker
        that cannot start now is started later, where its failure is reported."""
        if worker is None:
            return  # nothing to start before the worker is known
        name = _worker_file(worker)
        if self._prepared is not None and self._prepared[0] == name:
            return  # started already
        self.close()
        place = _Place()
        try:
            spec = {
                "worker": str(WORKERS_DIR / name),
                "scratch": place.scratch,
                "env": learner_env(place.scratch),
                "isolation": self._isolation(place, assume_jail=True),
                "limits": WARM_LIMITS,
            }
            started = supervisor.Worker(spec)
        except (OSError, SandboxUnavailable):
            place.remove()
            return
        except BaseException:  # Ctrl-C while it starts (a run's first moments): its folders go
            place.remove()
            raise
        self._prepared = (name, place, started)

    def _jail_as_probed(self) -> bool:
        """Whether the prepared worker is jailed exactly when the probe says a jail works."""
        assert self._prepared is not None
        jailed = "jail" in self._prepared[2].job["isolation"]
        return jailed == (self.jail_problem() is None)

    def close(self) -> None:
        """Kill a prepared worker that no job took, and remove its folders."""
        if self._prepared is not None:
            _, place, worker = self._prepared
            self._prepared = None
            worker.kill()
            place.remove()

    def open(self, job: Job) -> LocalSession:
        assert SUPERVISOR.is_file()
        name = job.worker_name()
        prestarted = None
        if self._prepared is not None and self._prepared[0] == name and self._jail_as_probed():
            _, place, prestarted = self._prepared
            self._prepared = None
        else:
            self.close()
            place = _Place()
        try:
            iso = (
                self._isolation(place)
                if prestarted is None
                else prestarted.job["isolation"]  # the same folders, the same jail
            )
            spec = job.to_dict(
                worker=str(WORKERS_DIR / name),
                files=place.put_files(job),
                scratch=place.scratch,
                env=learner_env(place.scratch),
                isolation=iso,
            )
        except BaseException:
            if prestarted is not None:
                prestarted.kill()
            place.remove()
            raise
        return LocalSession(spec, place, prestarted)

    def run(self, job: Job) -> list[RawOutcome]:
        """Every case of the job, in order; after one runs out of time or memory, with
        `stop_on_timeout`, the rest are `skipped`."""
        outcomes: list[RawOutcome] = []
        with self.open(job) as session:
            stopped = False
            for case in job.cases:
                if stopped:
                    outcomes.append(
                        RawOutcome.from_dict(
                            {
                                "name": case.name,
                                "status": "skipped",
                                "error": "not run: an earlier test ran out of time or memory",
                            }
                        )
                    )
                    continue
                outcome = session.run_case(case)
                outcomes.append(outcome)
                stopped = job.stop_on_timeout and outcome.status in supervisor.STOPPING
        return outcomes

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()
