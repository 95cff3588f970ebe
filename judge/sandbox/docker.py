"""The Docker sandbox: one container per submission, the same supervisor inside.

The container gets the supervisor, the worker programs, the submission and the tests' inputs
(never the expected outputs), read-only at /job; it has no network, a read-only root, a small
tmpfs for scratch, no capabilities, and limits on memory, pids, CPU, file size and open files.
Outcomes come back on the container's stdout, marked with a nonce the learner cannot read.
The judge keeps its own wall-clock timer and always removes the container.
"""

from __future__ import annotations

import json
import os
import queue
import secrets
import shutil
import socket
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from judge.errors import SandboxUnavailable
from judge.sandbox import SUPERVISOR, WORKERS_DIR, Job, RawOutcome, SandboxBase, learner_env

LABEL = "org.judge.sandbox"
OWNER_LABEL = "org.judge.owner"
JOB_DIR = "/job"
SCRATCH = "/scratch"
SUPERVISOR_MB = 64
"""Memory for the supervisor beside the learner's limit (the cgroup limit is the sum)."""
START_SLACK_S = 20.0
PIDS_LIMIT = 64
STAGING_PREFIX = "judge-job-"
FOREIGN_STALE_S = 3600.0
"""A container of a judge on another host (a shared engine) counts as stale after this."""


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class DockerSandbox(SandboxBase):
    name = "docker"

    def __init__(self, image: str, *, cpus: float = 1.0) -> None:
        self.image = image
        self.cpus = cpus
        self._client: Any = None

    @property
    def client(self) -> Any:
        if self._client is None:
            import docker

            try:
                self._client = docker.from_env(timeout=120)
            except docker.errors.DockerException as exc:
                raise SandboxUnavailable(
                    f"No Docker engine answered ({exc}); start it or use --sandbox local."
                ) from exc
        return self._client

    # -- cleaning up after judges that died ----------------------------------------------

    def remove_stale(self) -> int:
        """Remove containers of ours whose judge process is gone; returns how many.

        Reads the list once, without inspecting each container: others' containers come and
        go (auto-removed) while we look.
        """
        import docker

        host = socket.gethostname()
        removed = 0
        for c in self.client.api.containers(all=True, filters={"label": LABEL}):
            owner = (c.get("Labels") or {}).get(OWNER_LABEL, "")
            owner_host, _, pid = owner.rpartition(":")
            if owner_host == host:
                if pid.isdigit() and _pid_alive(int(pid)):
                    continue
            elif time.time() - float(c.get("Created", 0)) < FOREIGN_STALE_S:
                continue  # another host's judge, maybe alive: we cannot ask, so we wait
            try:
                self.client.api.remove_container(c["Id"], force=True)
                removed += 1
            except docker.errors.APIError:
                pass  # gone already, or going
        _remove_stale_staging()
        return removed

    # -- a job ---------------------------------------------------------------------------

    def _stage(self, job: Job, folder: Path) -> dict[str, Any]:
        workers = folder / "workers"
        workers.mkdir()
        for src in WORKERS_DIR.glob("*.py"):
            shutil.copy(src, workers / src.name)
        shutil.copy(SUPERVISOR, folder / "supervisor.py")
        files = {}
        for i, (name, path) in enumerate(job.files):
            target = folder / "files" / f"{i}-{Path(name).name}"
            target.parent.mkdir(exist_ok=True)
            shutil.copy(path, target)
            files[name] = f"{JOB_DIR}/files/{target.name}"
        spec = job.to_dict(
            worker=f"{JOB_DIR}/workers/{job.worker_name()}",
            files=files,
            scratch=SCRATCH,
            env=learner_env(SCRATCH),
            isolation={"namespaces": False, "kill_others": True},
        )
        (folder / "job.json").write_text(json.dumps(spec, separators=(",", ":")))
        for root, _dirs, names in os.walk(folder):
            os.chmod(root, 0o755)
            for n in names:
                os.chmod(os.path.join(root, n), 0o644)
        return spec

    def run(self, job: Job) -> list[RawOutcome]:
        import docker
        from docker.types import Ulimit

        client = self.client
        self.remove_stale()
        nonce = secrets.token_hex(16)
        staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
        container = None
        try:
            self._stage(job, staging)
            memory = f"{job.memory_mb + SUPERVISOR_MB}m"
            try:
                container = client.containers.create(
                    self.image,
                    command=["python3", "-I", "-B", f"{JOB_DIR}/supervisor.py", f"{JOB_DIR}/job.json"],
                    user="65534:65534",
                    network_mode="none",
                    mem_limit=memory,
                    memswap_limit=memory,
                    pids_limit=PIDS_LIMIT,
                    nano_cpus=int(self.cpus * 1e9),
                    read_only=True,
                    tmpfs={SCRATCH: "size=64m,mode=1777", "/tmp": "size=16m,mode=1777"},
                    cap_drop=["ALL"],
                    security_opt=["no-new-privileges"],
                    ulimits=[Ulimit(name="nofile", soft=256, hard=256), Ulimit(name="core", soft=0, hard=0)],
                    volumes={str(staging): {"bind": JOB_DIR, "mode": "ro"}},
                    environment={"JUDGE_NONCE": nonce},
                    working_dir=SCRATCH,
                    labels={LABEL: "python", OWNER_LABEL: _owner()},
                    # The engine removes it once the supervisor exits, so a finished run does
                    # not wait for the removal; every other ending removes it below.
                    auto_remove=True,
                    detach=True,
                )
            except docker.errors.ImageNotFound as exc:
                raise SandboxUnavailable(
                    f"The sandbox image {self.image} is not built. Build it with `make sandbox`."
                ) from exc
            budget = sum(c.time_limit_ms * c.repeat for c in job.cases) / 1000
            budget += job.load_timeout_ms / 1000 + START_SLACK_S + 0.5 * len(job.cases)
            outcomes, finished = self._collect(container, nonce, budget)
            result = self._complete(job, outcomes, None if finished else container)
            if finished:
                container = None  # it is exiting by itself; the engine removes it
            return result
        finally:
            if container is not None:
                _force_remove(container)
            shutil.rmtree(staging, ignore_errors=True)

    def _collect(self, container: Any, nonce: str, budget_s: float) -> tuple[dict[str, dict], bool]:
        """Read marked outcome lines until 'done', under the judge's own deadline.

        Returns the outcomes by test name, and whether the supervisor said it was done.
        """
        lines: queue.Queue[bytes | None] = queue.Queue()
        stream = container.attach(stdout=True, stderr=False, stream=True, logs=True)

        def pump() -> None:
            buf = b""
            try:
                for chunk in stream:
                    buf += chunk
                    while b"\n" in buf:
                        line, _, buf = buf.partition(b"\n")
                        lines.put(line)
            except Exception:  # noqa: BLE001 - the stream ends when the container goes
                pass
            lines.put(None)

        threading.Thread(target=pump, daemon=True).start()
        container.start()
        deadline = time.monotonic() + budget_s
        marker = nonce.encode()
        outcomes: dict[str, dict] = {}
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                return outcomes, False
            try:
                line = lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if line is None:
                return outcomes, False
            if not line.startswith(marker):
                continue
            try:
                message = json.loads(line[len(marker) :])
            except ValueError:
                continue
            if message.get("done"):
                return outcomes, True
            outcomes.setdefault(message.get("name", ""), message)

    def _complete(self, job: Job, outcomes: dict[str, dict], container: Any | None) -> list[RawOutcome]:
        """One outcome per case; for a case the container never answered, say why."""
        missing_status, missing_error = "timeout", "the container ran over the judge's time budget"
        if container is not None and len(outcomes) < len(job.cases):
            state = _state(container)
            if state.get("OOMKilled"):
                missing_status, missing_error = "memory", "the container ran out of memory"
            elif not state.get("Running"):
                missing_status = "internal"
                missing_error = (
                    f"the sandbox container stopped (exit {state.get('ExitCode')}) before this test"
                )
        result = []
        for case in job.cases:
            found = outcomes.get(case.name)
            if found is None:
                found = {"name": case.name, "status": missing_status, "error": missing_error}
            result.append(RawOutcome.from_dict(found))
        return result


def _state(container: Any) -> dict[str, Any]:
    import docker

    try:
        container.reload()
    except docker.errors.NotFound:
        return {}
    return dict(container.attrs.get("State", {}))


def _force_remove(container: Any) -> None:
    import docker

    try:
        container.remove(force=True)
    except docker.errors.NotFound:
        pass
    except docker.errors.APIError as exc:
        if "already in progress" not in str(exc):
            raise


def _pid_alive(pid: int) -> bool:
    """Alive and not a zombie: a judge killed but not yet reaped has left for good."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
        return stat.rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return True


def _remove_stale_staging() -> None:
    """Job folders (test inputs) left by judges on this host that were killed mid-run."""
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*-*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
