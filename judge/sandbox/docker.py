"""The Docker sandbox: one container per session (one submission), the same supervisor inside.

The container gets the supervisor, the worker programs and the problem's data files (SQL
tables), read-only at /job, and nothing else of the judge: the job itself comes on the
container's stdin, a header then one test at a time as the judge asks for it, so no test's
input is in the container before that test runs, and expected outputs never are. It has no
network, a read-only root, a small tmpfs for scratch, limits on memory, pids, CPU, file size
and open files, and runs the supervisor as root with only CAP_SETUID, CAP_SETGID and CAP_KILL
(the worker becomes nobody before any learner code runs, so it can neither signal, prlimit
nor read the supervisor). Outcomes come back on stdout, on lines marked with a nonce that
only the header carried. The judge keeps its own deadline per test, and every container is
removed: by the engine once its supervisor ends, else by force in `close()`, on Ctrl-C too.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import socket
import tempfile
import threading
import time
from collections import deque
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

from judge.errors import SandboxUnavailable
from judge.sandbox import SUPERVISOR, WORKERS_DIR, Job, JobCase, RawOutcome, SandboxBase, learner_env
from judge.sandbox.engine_api import Engine, EngineError, connect
from judge.sandbox.supervisor import GRACE_S, MAX_LINE, MAX_WALL_FACTOR, STOPPING

LABEL = "org.judge.sandbox"
OWNER_LABEL = "org.judge.owner"
SESSION_LABEL = "org.judge.session"
"""Names a session's container before the engine has told us its id (Ctrl-C during create)."""
JOB_DIR = "/job"
STAGED_INPUT_BYTES = 64 << 10
"""A generated input at least this large goes to the container as a file (see _stage_input)."""
SCRATCH = "/scratch"
LEARNER_UID = 65534
SUPERVISOR_MB = 128
"""Memory for the supervisor beside the learner's limit (the cgroup limit is the sum): it
parses answers of up to 16 MiB of JSON."""
START_SLACK_S = 20.0
"""Beyond a test's own allowance, for the container to start (first test only)."""
CASE_SLACK_S = 5.0
PIDS_LIMIT = 64
OUTCOME_LINE_CAP = MAX_LINE + (1 << 20)
"""The longest stdout line the judge keeps: the supervisor never writes a longer outcome."""
CLOSE_WAIT_S = 3.0
MASKED = ("/sys/kernel/debug", "/sys/kernel/tracing", "/sys/kernel/security", "/sys/fs/bpf")
"""Mount points of kernel file systems (debugfs, tracefs, securityfs, bpffs), empty in the
container's own sysfs: each is covered by an empty read-only tmpfs, as the engine masks
/sys/firmware, so that none shows through should the host's mount ever reach a container."""
MASK = "ro,size=4k,nr_inodes=1"
STAGING_PREFIX = "judge-job-"
FOREIGN_STALE_S = 3600.0
"""A container of a judge on another host (a shared engine) counts as stale after this."""


def _owner() -> str:
    return f"{socket.gethostname()}:{os.getpid()}"


class DockerSandbox(SandboxBase):
    name = "docker"
    notes: tuple[str, ...] = ()

    def __init__(self, image: str, *, cpus: float = 1.0) -> None:
        self.image = image
        self.cpus = cpus
        self._client: Any = None
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        """What sessions ask the engine (engine_api: no SDK on the default socket)."""
        if self._engine is None:
            self._engine = connect()
        return self._engine

    @property
    def client(self) -> Any:
        """The Docker SDK's client, for callers that want the SDK itself (tests)."""
        if self._client is None:
            import docker

            try:
                self._client = docker.from_env(timeout=120)
            except docker.errors.DockerException as exc:
                raise SandboxUnavailable(
                    f"No Docker engine answered ({exc}); start it or use --sandbox local."
                ) from exc
        return self._client

    # -- life cycle ----------------------------------------------------------------------

    def prepare(self, worker: str | None) -> None:
        """Create and start a container now, in the background, while the judge loads the
        problem: the next `open` takes it (its supervisor waits for the job on stdin). With no
        worker yet, the container is asked for at once and told its worker by a later
        `prepare(worker)`, in time to start it before the job comes."""
        booting = self._booting
        if booting is not None and worker is not None and booting.name(worker):
            return
        self.close()
        self._booting = _Booting(self, worker)
        self._booting.start()  # held first: a Ctrl-C during the thread's start leaves it ours

    def close(self) -> None:
        """Remove a prepared container that no job took; sessions remove their own."""
        booting, self._booting = self._booting, None
        if booting is not None:
            booting.discard()

    _booting: _Booting | None = None

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def open(self, job: Job) -> DockerSession:
        """A container serving the job's setup; its tests come one by one via run_case."""
        booting, self._booting = self._booting, None
        try:
            session = booting.take() if booting is not None else None
        except BaseException:  # Ctrl-C while waiting for it: it is still ours to remove
            if booting is not None:
                booting.discard()
            raise
        if session is None:
            session = DockerSession(self, memory_mb=job.memory_mb)
            self._sweep_once()
        session.begin(job)
        return session

    def run(self, job: Job) -> list[RawOutcome]:
        """Every case of the job, in order; with `stop_on_timeout`, the cases after one that ran
        out of time or memory are `skipped`."""
        outcomes: list[RawOutcome] = []
        stopped = False
        with self.open(job) as session:
            for case in job.cases:
                if stopped:
                    outcomes.append(
                        _outcome(case, "skipped", "not run: an earlier test ran out of time or memory")
                    )
                    continue
                outcome = session.run_case(case)
                outcomes.append(outcome)
                stopped = job.stop_on_timeout and outcome.status in STOPPING
        return outcomes

    # -- cleaning up after judges that died ----------------------------------------------

    _swept = False

    def _sweep_once(self) -> None:
        """`remove_stale` once per sandbox (a run, a grading process), in a thread of its own
        once the first container is started: it costs the engine a listing (~10-20 ms) that no
        run should wait for, and what it finds is only what judges killed earlier left."""
        if self._swept:
            return
        self._swept = True

        def sweep() -> None:
            try:
                self.remove_stale()
            except Exception:  # noqa: BLE001 - housekeeping: the next run tries again
                pass

        threading.Thread(target=sweep, daemon=True).start()

    def remove_stale(self) -> int:
        """Remove containers of ours whose judge process is gone; returns how many.

        Reads the list once, without inspecting each container: others' containers come and
        go (auto-removed) while we look.
        """
        host = socket.gethostname()
        removed = 0
        for c in self.engine.containers(LABEL):
            owner = (c.get("Labels") or {}).get(OWNER_LABEL, "")
            owner_host, _, pid = owner.rpartition(":")
            if owner_host == host:
                if pid.isdigit() and _pid_alive(int(pid)):
                    continue
            elif time.time() - float(c.get("Created", 0)) < FOREIGN_STALE_S:
                continue  # another host's judge, maybe alive: we cannot ask, so we wait
            try:
                self.engine.remove(c["Id"])
                removed += 1
            except EngineError:
                pass  # the engine could not remove it now: the next run tries again
        _remove_stale_staging()
        return removed


class _Booting:
    """A container being created and started in a thread of its own, for the next job."""

    def __init__(self, sandbox: DockerSandbox, worker: str | None = None) -> None:
        self._worker = worker
        self._named: str | None = None
        """A worker named after the thread started (see `name`)."""
        self._session: DockerSession | None = None
        self._discarded = False
        self._lock = threading.Lock()
        self._done = threading.Event()
        """Set when the thread has made (or, discarded, removed) its container. Waited on
        rather than joined: a join interrupted by Ctrl-C can make the next one return at once
        while the thread still runs (CPython's thread state lock), and the judge would exit,
        taking the daemon thread and leaving its container half made."""
        self._thread = threading.Thread(target=self._boot, args=(sandbox,), daemon=True)

    def start(self) -> None:
        """Start the thread. A Ctrl-C while `Thread.start` waits for it to run leaves it
        running (and making a container): the owner, which holds this object already, then
        discards it, which waits for the thread and removes what it made."""
        self._thread.start()

    def _boot(self, sandbox: DockerSandbox) -> None:
        try:
            try:
                session = DockerSession(sandbox, worker=self._worker)
            except Exception:  # noqa: BLE001 - `open` makes one again, where the error is reported
                return
            sandbox._sweep_once()
            with self._lock:
                named = self._named
                if self._discarded:
                    session.close()
                else:
                    self._session = session
            if named is not None and not self._discarded:
                session.prestart(named)
        finally:
            self._done.set()

    def name(self, worker: str) -> bool:
        """Tell a container booting without a worker which one to start; False when it was
        made for another (the caller then boots one anew)."""
        with self._lock:
            if self._worker is not None:
                return self._worker == worker
            if self._named is not None:
                return self._named == worker
            self._named = worker
            session = self._session
        if session is not None:
            session.prestart(worker)
        return True

    def take(self) -> DockerSession | None:
        self._done.wait()
        with self._lock:
            session, self._session = self._session, None
            self._discarded = True
        return session

    def discard(self) -> None:
        with self._lock:
            session, self._session = self._session, None
            self._discarded = True
        if session is not None:
            session.close()
        else:
            # Still being made (Ctrl-C while the judge starts): wait for the thread, which then
            # removes it, or a container created but never started would outlive the judge.
            self._done.wait(timeout=START_SLACK_S * 3)


class DockerSession:
    """One container, one supervisor, one submission: tests go in on stdin, one at a time.

    Made in two steps, so that the container can be ready before its job is known (a
    prepared or warm sandbox): `__init__` stages the programs and creates, attaches and starts
    the container, whose supervisor then waits on stdin; `begin(job)` adds the job's data
    files, sets the job's memory limit and sends the header. A session serves one job only.
    """

    BOOT_MEMORY_MB = 256
    """The learner's memory a container is made with before its job is known (most problems'
    limit; `begin` changes the container's limit when the job's differs)."""

    def __init__(
        self,
        sandbox: DockerSandbox,
        job: Job | None = None,
        *,
        memory_mb: int | None = None,
        worker: str | None = None,
    ) -> None:
        self.job: Job | None = None
        self._worker = worker or (job.worker if job is not None else None)
        """The worker the supervisor starts before its job comes (a hint: another is started
        if the job names another)."""
        self._sandbox = sandbox
        self._memory_mb = memory_mb or (job.memory_mb if job is not None else self.BOOT_MEMORY_MB)
        self._nonce = secrets.token_hex(16).encode()
        self._session_id = secrets.token_hex(8)
        self._engine = sandbox.engine
        self._staging = Path(tempfile.mkdtemp(prefix=f"{STAGING_PREFIX}{os.getpid()}-"))
        self._id: str | None = None
        self._sock: socket.socket | None = None
        self._lines: _StdoutLines | None = None
        self._broken: tuple[str, str] | None = None
        self._started = False
        self._closed = False
        try:
            try:
                self._create(sandbox)  # the programs are staged while the engine makes it
                self._attach_and_start(sandbox)
            except EngineError as exc:  # the engine's failure, said in one line
                raise SandboxUnavailable(f"The Docker engine could not start the sandbox: {exc}") from exc
            if job is not None:
                self.begin(job)
        except BaseException:
            self.close()
            raise

    def begin(self, job: Job) -> None:
        """Give the waiting supervisor its job: data files, memory limit, then the header."""
        if self.job is not None or self._closed:
            raise RuntimeError("a Docker session serves one job only")
        self.job = job
        try:
            header = self._header(job, self._put_files(job))
            if job.memory_mb != self._memory_mb:
                self._engine.update_memory(self._id or "", (job.memory_mb + SUPERVISOR_MB) << 20)
                self._memory_mb = job.memory_mb
            self._send(header, time.monotonic() + START_SLACK_S)
        except BaseException:
            self.close()
            raise

    # -- making the container ------------------------------------------------------------

    def _stage(self) -> None:
        """The read-only /job folder: the programs now, the job's data files in `begin`."""
        folder = self._staging
        workers = folder / "workers"
        workers.mkdir()
        for src in WORKERS_DIR.glob("*.py"):
            shutil.copy(src, workers / src.name)
        shutil.copy(SUPERVISOR, folder / "supervisor.py")
        (folder / "files").mkdir()
        for root, _dirs, names in os.walk(folder):
            os.chmod(root, 0o755)
            for n in names:
                os.chmod(os.path.join(root, n), 0o644)

    def _put_files(self, job: Job) -> dict[str, str]:
        """Copies of the job's data files in /job/files (the bind shows them at once)."""
        files = {}
        for i, (name, path) in enumerate(job.files):
            target = self._staging / "files" / f"{i}-{Path(name).name}"
            shutil.copyfile(path, target)
            os.chmod(target, 0o644)
            files[name] = f"{JOB_DIR}/files/{target.name}"
        return files

    def _header(self, job: Job, files: dict[str, str]) -> bytes:
        """The job's header line: the supervisor's job without tests, and the nonce."""
        spec = job.to_dict(
            worker=f"{JOB_DIR}/workers/{job.worker_name()}",
            files=files,
            scratch=SCRATCH,
            env=learner_env(SCRATCH),
            isolation={"namespaces": False, "kill_others": True, "uid": LEARNER_UID, "gid": LEARNER_UID},
        )
        spec.pop("cases", None)  # tests go one by one, as they are run (the supervisor then
        # gives the worker a session's CPU backstop, as their sum is not known)
        header = {"nonce": self._nonce.decode(), "job": spec}
        return json.dumps(header, separators=(",", ":")).encode() + b"\n"

    def _create(self, sandbox: DockerSandbox) -> None:
        try:
            self._id = self._engine.create(self._config(sandbox), meanwhile=self._stage)
        except EngineError as exc:
            if exc.status == 404 and "image" in exc.message.lower():
                raise SandboxUnavailable(
                    f"The sandbox image {sandbox.image} is not built. Build it with `make sandbox`."
                ) from exc
            raise

    def _config(self, sandbox: DockerSandbox) -> dict[str, Any]:
        command = ["python3", "-I", "-S", "-B", f"{JOB_DIR}/supervisor.py", *self._prestart_arg()]
        labels = {LABEL: "python", OWNER_LABEL: _owner(), SESSION_LABEL: self._session_id}
        memory = (self._memory_mb + SUPERVISOR_MB) << 20
        return container_config(sandbox.image, command, labels, memory, sandbox.cpus, str(self._staging))

    def prestart(self, worker: str) -> None:
        """Name the worker to a container made without one, before its job: the supervisor
        starts it at once (its first line; see `_prestart_arg`). Best effort: a failure here
        leaves the job to start its worker itself."""
        if self._worker is not None or self.job is not None or self._closed or not worker.isidentifier():
            return
        self._worker = worker
        line = json.dumps({"prestart": self._prestart_spec()}, separators=(",", ":")).encode() + b"\n"
        try:
            self._send(line, time.monotonic() + START_SLACK_S)
        except OSError:
            pass

    def _prestart_arg(self) -> list[str]:
        """The worker the supervisor starts at once, as JSON: the job's own limits are set by
        the worker when its setup comes, before any learner code runs (as the local sandbox's
        prepared worker does)."""
        if not self._worker or not self._worker.isidentifier():
            return []
        return [json.dumps(self._prestart_spec(), separators=(",", ":"))]

    def _prestart_spec(self) -> dict[str, Any]:
        assert self._worker is not None
        return {
            "worker": f"{JOB_DIR}/workers/{self._worker}_worker.py",
            "scratch": SCRATCH,
            "env": learner_env(SCRATCH),
            "isolation": {"namespaces": False, "kill_others": True, "uid": LEARNER_UID, "gid": LEARNER_UID},
            "limits": {"memory_mb": 4096, "address_space_mb": 4096, "output_bytes": 1 << 20, "cpu_s": 3600},
        }

    def _attach_and_start(self, sandbox: DockerSandbox) -> None:
        """Attach to stdin and stdout before the start, so that no line is missed."""
        assert self._id is not None
        sock = self._engine.attach(self._id)
        self._sock = sock
        self._lines = _StdoutLines(sock, OUTCOME_LINE_CAP)
        self._engine.start(self._id)
        self._started = True

    # -- tests ---------------------------------------------------------------------------

    def run_case(self, case: JobCase, meanwhile: Callable[[], None] | None = None) -> RawOutcome:
        if self._closed:
            raise RuntimeError("run_case on a closed session")
        if self._broken is not None:
            return _outcome(case, *self._broken)
        allowance = (case.time_limit_ms * case.repeat / 1000 + GRACE_S) * MAX_WALL_FACTOR
        assert self.job is not None, "run_case before begin"
        allowance += self.job.load_timeout_ms / 1000 + CASE_SLACK_S  # a fresh worker may load
        deadline = time.monotonic() + allowance + (START_SLACK_S if not self._answered_once else 0.0)
        staged = self._stage_input(case)
        try:
            self._in_flight = True  # until its answer: a close meanwhile (Ctrl-C) is by force
            self._send(_case_line(case, staged), deadline)
            if meanwhile is not None:
                meanwhile()
            message = self._next_outcome(deadline)
            self._in_flight = False
        except (OSError, TimeoutError, _Lost) as exc:
            self._broken = self._why_lost(exc)
            self._remove()
            return _outcome(case, *self._broken)
        finally:
            if staged is not None:
                staged.unlink(missing_ok=True)
        self._answered_once = True
        if message.get("name") != case.name:
            self._broken = ("internal", "the sandbox answered for another test")
            self._remove()
            return _outcome(case, *self._broken)
        return RawOutcome.from_dict(message)

    _answered_once = False
    _in_flight = False
    _staged_inputs = 0

    def _stage_input(self, case: JobCase) -> Path | None:
        """A large generated input goes as a file in the read-only /job folder, written just
        before its test and removed after it (so no other test's input is ever there): the
        engine's attach stream, and escaping it into a JSON string and back, cost more than
        the test itself (1 MB: ~15 ms against ~1)."""
        if case.input_json is None or len(case.input_json) < STAGED_INPUT_BYTES:
            return None
        self._staged_inputs += 1
        target = self._staging / "files" / f"input-{self._staged_inputs}.json"
        target.write_text(case.input_json)
        os.chmod(target, 0o644)
        return target

    def _send(self, data: bytes, deadline: float) -> None:
        assert self._sock is not None
        self._sock.settimeout(max(0.001, deadline - time.monotonic()))
        self._sock.sendall(data)

    def _next_outcome(self, deadline: float) -> dict[str, Any]:
        """The next marked line that is an outcome (lines without our nonce are dropped)."""
        assert self._lines is not None
        while True:
            line = self._lines.next(deadline)
            if line is None:
                raise _Lost("the sandbox container's output ended")
            if line is _StdoutLines.TOO_LONG:  # only the supervisor writes there
                raise _Lost("the sandbox sent an outcome longer than the judge reads")
            if not line.startswith(self._nonce):
                continue
            try:
                message = json.loads(line[len(self._nonce) :])
            except (ValueError, RecursionError):
                raise _Lost("the sandbox sent an outcome the judge cannot read") from None
            if isinstance(message, dict) and "name" in message:
                return message
            if isinstance(message, dict) and message.get("done"):
                raise _Lost("the sandbox ended before this test")

    def _why_lost(self, exc: BaseException) -> tuple[str, str]:
        state = _state(self._engine, self._id) if self._id is not None else {}
        if state.get("OOMKilled"):
            return "memory", "the container ran out of memory"
        if isinstance(exc, (TimeoutError, socket.timeout)):
            return "timeout", "the container ran over the judge's time budget"
        if state and not state.get("Running"):
            return (
                "internal",
                f"the sandbox container stopped (exit {state.get('ExitCode')}) before this test",
            )
        return "internal", f"lost the sandbox container: {exc}"

    # -- the end -------------------------------------------------------------------------

    def close(self) -> None:
        """Let the supervisor finish (the engine then removes the container), or remove the
        container by force; always remove the staging folder. Safe to call twice."""
        if self._closed:
            return
        self._closed = True
        finished = False
        try:
            began = self.job is not None  # a container that never had a job is removed by force
            if began and self._started and self._broken is None and not self._in_flight and self._sock:
                try:
                    deadline = time.monotonic() + CLOSE_WAIT_S
                    self._send(b'{"close":true}\n', deadline)
                    finished = self._await_done(deadline)
                except (OSError, TimeoutError, _Lost):
                    finished = False
        finally:
            try:
                if not finished:
                    self._remove()
            finally:
                if self._sock is not None:
                    try:
                        self._sock.close()
                    except OSError:
                        pass
                shutil.rmtree(self._staging, ignore_errors=True)

    def _await_done(self, deadline: float) -> bool:
        assert self._lines is not None
        while (line := self._lines.next(deadline)) is not None:
            if line.startswith(self._nonce) and line.endswith(b'{"done":true}'):
                return True
        return False

    def _remove(self) -> None:
        if self._id is not None:
            self._engine.remove(self._id)
            return
        # Interrupted while the engine was making it: find it by the session's label.
        try:
            for c in self._engine.containers(f"{SESSION_LABEL}={self._session_id}"):
                self._engine.remove(c["Id"])
        except (EngineError, SandboxUnavailable):
            pass  # the engine is gone or failing: the next run's sweep removes it

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


def container_config(
    image: str, command: list[str], labels: dict[str, str], memory: int, cpus: float, staging: str
) -> dict[str, Any]:
    """A session's container, as the Engine API's create takes it: what the SDK's
    `containers.create` sends for the same settings (a test compares the two)."""
    return {
        "Image": image,
        "Cmd": command,
        "User": "0:0",
        # Stdin open and attached once: when our attach ends (a judge killed mid-run too), the
        # supervisor reads EOF and ends.
        "AttachStdin": True,
        "AttachStdout": True,
        "AttachStderr": True,
        "OpenStdin": True,
        "StdinOnce": True,
        "Tty": False,
        "NetworkDisabled": False,
        "WorkingDir": SCRATCH,
        "Labels": labels,
        "Volumes": {JOB_DIR: {}},
        "HostConfig": {
            "NetworkMode": "none",
            "Memory": memory,
            "MemorySwap": memory,
            "PidsLimit": PIDS_LIMIT,
            "NanoCpus": int(cpus * 1e9),
            "ReadonlyRootfs": True,
            "Tmpfs": {
                SCRATCH: "size=64m,mode=1777",
                "/tmp": "size=16m,mode=1777",
                **dict.fromkeys(MASKED, MASK),
            },
            "CapDrop": ["ALL"],
            "CapAdd": ["SETUID", "SETGID", "KILL"],
            "SecurityOpt": ["no-new-privileges"],
            "Ulimits": [{"Name": "nofile", "Soft": 256, "Hard": 256}, {"Name": "core", "Soft": 0, "Hard": 0}],
            "Binds": [f"{staging}:{JOB_DIR}:ro"],
            # The engine removes it once the supervisor exits, so a finished session does not
            # wait for the removal; every other ending removes it by force.
            "AutoRemove": True,
        },
    }


class _Lost(Exception):
    """The container stopped talking: its output ended or made no sense."""


class _StdoutLines:
    """Lines of the container's stdout from an attach socket, in linear time and bounded memory.

    Without a TTY the engine frames the stream (8 bytes: stream type, 3 zero bytes, a big-endian
    size); stdout frames are joined and split into lines. At most `cap` bytes of a line are
    kept: a longer one is dropped up to its newline and reported as TOO_LONG.
    """

    TOO_LONG = b"\x00too long"

    def __init__(self, sock: socket.socket, cap: int) -> None:
        self._sock = sock
        self._cap = cap
        self._header = bytearray()
        self._frame_left = 0
        self._frame_stdout = False
        self._line = bytearray()
        self._too_long = False
        self._ready: deque[bytes] = deque()
        self._eof = False

    def next(self, deadline: float) -> bytes | None:
        """The next line (without its newline); None at the end; TimeoutError at the deadline."""
        while not self._ready:
            if self._eof:
                return None
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError
            self._sock.settimeout(remaining)
            try:
                chunk = self._sock.recv(1 << 16)
            except TimeoutError:
                raise
            except OSError:
                chunk = b""
            if not chunk:
                self._eof = True
                continue
            self._feed(chunk)
        return self._ready.popleft()

    def _feed(self, chunk: bytes) -> None:
        pos = 0
        while pos < len(chunk):
            if self._frame_left == 0:
                need = 8 - len(self._header)
                self._header += chunk[pos : pos + need]
                pos += min(need, len(chunk) - pos)
                if len(self._header) == 8:
                    self._frame_stdout = self._header[0] == 1
                    self._frame_left = int.from_bytes(self._header[4:8], "big")
                    self._header.clear()
                continue
            end = min(len(chunk), pos + self._frame_left)
            self._frame_left -= end - pos
            if self._frame_stdout:
                self._take(chunk, pos, end)
            pos = end

    def _take(self, chunk: bytes, start: int, end: int) -> None:
        while start < end:
            newline = chunk.find(b"\n", start, end)
            stop = end if newline < 0 else newline
            if not self._too_long:
                self._line += chunk[start:stop]
                if len(self._line) > self._cap:
                    self._too_long = True
                    self._line.clear()
            if newline < 0:
                return
            self._ready.append(self.TOO_LONG if self._too_long else bytes(self._line))
            self._line.clear()
            self._too_long = False
            start = newline + 1


def _case_line(case: JobCase, staged: Path | None = None) -> bytes:
    """A test as the supervisor reads it; a generated input's JSON text goes as it is, or as
    the name of the file it was staged in."""
    data: dict[str, Any] = {"name": case.name, "time_limit_ms": case.time_limit_ms, "repeat": case.repeat}
    if staged is not None:
        data["input_file"] = f"{JOB_DIR}/files/{staged.name}"
    elif case.input_json is None:
        data["input"] = case.input
    else:
        data["input_json"] = case.input_json
    return json.dumps(data, separators=(",", ":")).encode() + b"\n"


def _outcome(case: JobCase, status: str, error: str) -> RawOutcome:
    return RawOutcome.from_dict({"name": case.name, "status": status, "error": error})


def _state(engine: Engine, cid: str) -> dict[str, Any]:
    try:
        return dict(engine.inspect(cid).get("State", {}))
    except EngineError:
        return {}


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
    """Job folders left by judges on this host that were killed mid-run."""
    for folder in Path(tempfile.gettempdir()).glob(f"{STAGING_PREFIX}*-*"):
        pid = folder.name[len(STAGING_PREFIX) :].split("-", 1)[0]
        if pid.isdigit() and not _pid_alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)
