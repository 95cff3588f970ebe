"""The warm process: a Unix socket, pools of ready sandboxes, one session per connection.

    python -m judge.warm.server [--sandbox auto|docker|local] [--size N] [--idle-minutes M]

Started by `judge warm start` (client.start), detached, logging to warm.log beside its socket.
Every sandbox it hands out serves one session and is then discarded, exactly as a cold one:
the same DockerSession and LocalSandbox code runs, only earlier. It exits after `--idle-minutes`
without a request, on `judge warm stop`, or on SIGTERM, removing every container and worker
it holds and its socket.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from judge.sandbox import Job, RawOutcome, Session
from judge.warm import LOG_NAME, SOCKET_NAME, STATE_NAME, code_version, protocol, runtime_dir

log = logging.getLogger("judge.warm")

DEFAULT_SIZE = 2
DEFAULT_IDLE_MINUTES = 30.0
TAKE_WAIT_S = 60.0
"""How long a session waits for a sandbox being made before it makes one itself."""
CLOSE_WAIT_S = 60.0
"""How long closing waits for sandboxes still being made (a container's start under load)."""
LOCAL_WORKERS = ("python", "sql")


class Pool:
    """Ready sandboxes of one kind: `take` hands one out; the server refills the pool once
    that session has ended (a container booting beside a run takes the engine's CPU from the
    run it serves: ~40 ms of a 200 ms warm run on 2 cores), or `take` at once when it took
    the last one. With none ready it waits for one being made (it started earlier, so it is
    ready sooner than a new one, and a loaded machine does not boot one more); only with
    none on the way does it make one now."""

    def __init__(self, name: str, size: int, make: Callable[[], Any], discard: Callable[[Any], None]) -> None:
        self.name = name
        self.size = size
        self._make = make
        self._discard = discard
        self._ready: deque[Any] = deque()
        self._booting = 0
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()
        self._changed = threading.Condition(self._lock)
        self._waiting = 0
        self._closed = False
        self.served = 0
        self.waited = 0
        self.made_now = 0

    def fill(self) -> None:
        with self._lock:
            wanted = 0 if self._closed else self.size - len(self._ready) - self._booting
            self._booting += max(0, wanted)
            self._threads = [t for t in self._threads if t.is_alive()]
            for _ in range(max(0, wanted)):
                thread = threading.Thread(target=self._boot_one, daemon=True)
                thread.start()
                self._threads.append(thread)

    def _boot_one(self) -> None:
        item = None
        try:
            item = self._make()
        except Exception:
            log.exception("%s: could not make a ready sandbox", self.name)
        with self._lock:
            self._booting -= 1
            keep = item is not None and not self._closed
            if keep:
                self._ready.append(item)
            self._changed.notify_all()
        if item is not None and not keep:
            self._discard(item)

    def take(self) -> Any:
        with self._lock:
            self.served += 1
            if not self._ready and self._waiting < self._booting:  # one on the way for us
                self.waited += 1
                self._waiting += 1
                deadline = time.monotonic() + TAKE_WAIT_S
                try:
                    while not self._ready and self._booting and not self._closed:
                        if not self._changed.wait(max(0.0, deadline - time.monotonic())):
                            break
                finally:
                    self._waiting -= 1
            item = self._ready.popleft() if self._ready else None
            self.made_now += item is None
            dry = not self._ready
        if dry:  # else `fill` after the session: a boot now competes with the run it serves
            self.fill()
        return item if item is not None else self._make()

    def status(self) -> dict[str, int]:
        with self._lock:
            return {
                "ready": len(self._ready),
                "starting": self._booting,
                "size": self.size,
                "served": self.served,
                "waited": self.waited,
                "made_now": self.made_now,
            }

    def close(self, wait_s: float = CLOSE_WAIT_S) -> None:
        """Discard the ready ones, and wait (bounded) for those still being made, which then
        discard theirs: an exit meanwhile would leave a worker or a container behind."""
        log.info("%s: %s", self.name, self.status())
        with self._lock:
            self._closed = True
            items = list(self._ready)
            self._ready.clear()
            threads = list(self._threads)
            self._changed.notify_all()
        for item in items:
            self._discard(item)
        deadline = time.monotonic() + wait_s
        for thread in threads:
            thread.join(timeout=max(0.0, deadline - time.monotonic()))


class DockerBackend:
    """Containers created and started, their supervisor waiting for its job on stdin with its
    worker already started; one pool per worker (Python, SQL)."""

    name = "docker"

    def __init__(self, image: str, size: int) -> None:
        from judge.sandbox.docker import DockerSandbox, DockerSession

        self.box = DockerSandbox(image)
        self.box.remove_stale()
        self._session_type = DockerSession
        self.memory_mb = {w: DockerSession.BOOT_MEMORY_MB for w in LOCAL_WORKERS}
        self.pools = {
            w: Pool(f"docker {w}", size, self._maker(w), lambda s: s.close()) for w in LOCAL_WORKERS
        }
        self.notes: tuple[str, ...] = ()

    def _maker(self, worker: str) -> Callable[[], Any]:
        def make() -> Any:
            return self._session_type(self.box, memory_mb=self.memory_mb[worker], worker=worker)

        return make

    def open(self, job: Job) -> Session:
        pool = self.pools.get(job.worker)
        if pool is None:
            session = self._session_type(self.box, memory_mb=job.memory_mb, worker=job.worker)
        else:
            self.memory_mb[job.worker] = job.memory_mb  # the next ones are made for the same problem
            session = pool.take()
        session.begin(job)
        return session

    def all_pools(self) -> list[Pool]:
        return list(self.pools.values())

    def status(self) -> dict[str, Any]:
        return {pool.name: pool.status() for pool in self.pools.values()}

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()


class LocalBackend:
    """Jailed workers started ahead (Python; SQL with DuckDB imported), one pool per worker."""

    name = "local"

    def __init__(self, size: int) -> None:
        from judge.sandbox.local import LocalSandbox

        self._box_type = LocalSandbox
        probe = LocalSandbox()
        self.notes = probe.notes
        if probe.jail_problem() is not None and os.geteuid() == 0:
            raise RuntimeError(f"the local sandbox cannot run here as root ({probe.jail_problem()})")
        self.pools = {w: Pool(f"local {w}", size, self._maker(w), lambda b: b.close()) for w in LOCAL_WORKERS}

    def _maker(self, worker: str) -> Callable[[], Any]:
        def make() -> Any:
            box = self._box_type()
            box.prepare(worker)
            return box

        return make

    def open(self, job: Job) -> Session:
        pool = self.pools.get(job.worker)
        box = pool.take() if pool is not None else self._box_type()
        try:
            return box.open(job)  # takes the box's started worker; the box holds nothing after
        finally:
            box.close()

    def all_pools(self) -> list[Pool]:
        return list(self.pools.values())

    def status(self) -> dict[str, Any]:
        return {pool.name: pool.status() for pool in self.pools.values()}

    def close(self) -> None:
        for pool in self.pools.values():
            pool.close()


def _outcome_dict(outcome: RawOutcome) -> dict[str, Any]:
    d = asdict(outcome)
    d["status"] = str(outcome.status)
    return d


class Server:
    def __init__(self, backends: dict[str, Any], idle_s: float, size: int, launch: bool = True) -> None:
        self.backends = backends
        self.launch = launch
        self._launcher: subprocess.Popen[bytes] | None = None
        self.idle_s = idle_s
        self.size = size
        self.started = time.time()
        self._last = time.monotonic()
        self._active = 0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self.folder = runtime_dir(create=True)
        self.path = self.folder / SOCKET_NAME

    # -- life cycle ------------------------------------------------------------------------

    def serve(self) -> None:
        listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            self.path.unlink(missing_ok=True)
            old = os.umask(0o177)
            try:
                listener.bind(str(self.path))
            finally:
                os.umask(old)
            listener.listen(64)
            listener.settimeout(1.0)
            for backend in self.backends.values():
                for pool in backend.all_pools():
                    pool.fill()
            self._launcher = _start_launcher() if self.launch else None
            self._write_state()
            log.info("serving %s on %s", ", ".join(self.backends), self.path)
            while not self._stop.is_set():
                try:
                    conn, _ = listener.accept()
                except TimeoutError:
                    if self._idle():
                        log.info("idle for %.0f s: stopping", self.idle_s)
                        break
                    continue
                threading.Thread(target=self._handle, args=(conn,), daemon=True).start()
        finally:
            listener.close()
            _stop_launcher(self._launcher)
            self.path.unlink(missing_ok=True)
            (self.folder / STATE_NAME).unlink(missing_ok=True)
            for backend in self.backends.values():
                backend.close()
            log.info("stopped")

    def stop(self) -> None:
        self._stop.set()

    def _idle(self) -> bool:
        with self._lock:
            return self._active == 0 and time.monotonic() - self._last > self.idle_s

    def _touch(self, delta: int = 0) -> None:
        with self._lock:
            self._active += delta
            self._last = time.monotonic()

    def _write_state(self) -> None:
        state = {"pid": os.getpid(), "started": self.started, "backends": list(self.backends)}
        (self.folder / STATE_NAME).write_text(json.dumps(state))

    def status(self) -> dict[str, Any]:
        with self._lock:
            active, idle = self._active, time.monotonic() - self._last
        pools: dict[str, Any] = {}
        for backend in self.backends.values():
            pools.update(backend.status())
        return {
            "pid": os.getpid(),
            "version": code_version(),
            "started": self.started,
            "idle_s": round(idle, 1),
            "idle_timeout_s": self.idle_s,
            "active": active,
            "pools": pools,
            "backends": {name: {"notes": list(b.notes)} for name, b in self.backends.items()},
            "socket": str(self.path),
            "launcher": self._launcher.pid if self._launcher and self._launcher.poll() is None else None,
        }

    # -- one connection ----------------------------------------------------------------------

    def _handle(self, conn: socket.socket) -> None:
        lines = protocol.Lines(conn)
        touched = False
        try:
            if not protocol.same_user(conn):
                return
            request = lines.receive()
            if request is None:
                return
            op = request.get("op")
            if op == "open":  # only runs keep the warm process alive, not status polls
                self._touch(+1)
                touched = True
            if op in ("hello", "status"):
                lines.send(self.status())
            elif op == "stop":
                lines.send({"ok": True, "pid": os.getpid()})
                self.stop()
            elif op == "open":
                self._session(lines, request)
            else:
                lines.send({"ok": False, "error": f"unknown request {op!r}"})
        except (OSError, ValueError) as exc:
            log.info("connection ended: %s", exc)
        finally:
            if touched:
                self._touch(-1)
            lines.close()

    def _session(self, lines: protocol.Lines, request: dict[str, Any]) -> None:
        backend = self.backends.get(request.get("backend"))
        if backend is None:
            lines.send({"ok": False, "error": f"no warm {request.get('backend')} sandboxes here"})
            return
        try:
            session = backend.open(protocol.job_from_wire(request["job"]))
        except Exception as exc:
            log.exception("open failed")
            try:
                lines.send({"ok": False, "error": f"{type(exc).__name__}: {exc}"})
            finally:
                self._refill(backend)
            return
        closing = False
        try:
            lines.send({"ok": True})
            while (message := lines.receive()) is not None:
                if message.get("op") == "case":
                    outcome = session.run_case(protocol.case_from_wire(message, lines))
                    lines.send({"outcome": _outcome_dict(outcome)})
                elif message.get("op") == "close":
                    closing = True
                    break
        finally:
            try:
                session.close()  # the container or worker goes, whatever happened
            except BaseException:
                self._refill(backend)
                raise
            if not closing:  # the client went away: no answer to wait for
                self._refill(backend)
        if closing:  # as a cold session's close: returns once everything it started is gone
            try:
                lines.send({"closed": True})
            finally:
                self._refill(backend)

    @staticmethod
    def _refill(backend: Any) -> None:
        """Once a session is over (see Pool): its sandbox's successor starts booting now."""
        for pool in backend.all_pools():
            pool.fill()


def _start_launcher() -> subprocess.Popen[bytes]:
    """The launcher (launcher.py): our child, on our log; it leaves when we do."""
    return subprocess.Popen(
        [sys.executable, "-m", "judge.warm.launcher", str(os.getpid())],
        stdin=subprocess.DEVNULL,
        close_fds=True,
    )


def _stop_launcher(proc: subprocess.Popen[bytes] | None) -> None:
    if proc is None or proc.poll() is not None:
        return
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


def build_backends(sandbox: str, size: int) -> dict[str, Any]:
    backends: dict[str, Any] = {}
    if sandbox in ("auto", "docker"):
        from judge.sandbox import engine

        status = engine.probe()
        if status.ready:
            backends["docker"] = DockerBackend(status.image, size)
        elif sandbox == "docker":
            raise SystemExit(status.advice)
    if sandbox in ("auto", "local"):
        try:
            backends["local"] = LocalBackend(size)
        except RuntimeError as exc:
            if sandbox == "local":
                raise SystemExit(str(exc)) from None
    if not backends:
        raise SystemExit("no sandbox can be kept warm here")
    return backends


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(prog="python -m judge.warm.server")
    ap.add_argument("--sandbox", choices=["auto", "docker", "local"], default="auto")
    ap.add_argument("--size", type=int, default=DEFAULT_SIZE)
    ap.add_argument("--idle-minutes", type=float, default=DEFAULT_IDLE_MINUTES)
    ap.add_argument(
        "--no-launcher",
        action="store_true",
        help="sandboxes only: each `judge run` starts a process",
    )
    args = ap.parse_args(argv)
    code_version()  # the code this process runs: read now, before anyone edits it
    folder = runtime_dir(create=True)
    logging.basicConfig(
        filename=str(folder / LOG_NAME),
        level=logging.INFO,
        format="%(asctime)s %(levelname)s %(message)s",
    )
    backends = build_backends(args.sandbox, max(1, args.size))
    server = Server(backends, args.idle_minutes * 60, args.size, launch=not args.no_launcher)
    for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(sig, lambda *_: server.stop())
    server.serve()
    sys.exit(0)


if __name__ == "__main__":
    main()
