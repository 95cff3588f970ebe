"""The warm launcher: a single-threaded process with the judge imported that forks one child
per `judge run`, so a warm run pays neither the interpreter's start nor the judge's imports.

    python -m judge.warm.launcher PARENT_PID

The warm process (server.py) starts it beside its own socket and stops it with itself. The
`judge` command (`judge.launch`) connects to run.sock in the same private runtime folder and
sends its arguments, working folder, environment and umask, with its stdin, stdout and stderr
as file descriptors (SCM_RIGHTS). A child forked for it takes all of that on, runs the very
same click command a cold process would, on the client's own terminal, and sends back the
exit code; the client forwards its signals (Ctrl-C) to the child, and a client that vanishes
interrupts it, so the sandbox it opened is closed as a cold run's would be. Each child serves
one command and exits: nothing one run changes in the judge's memory reaches the next.

A child runs the code the launcher imported; when the judge's files on disk differ (an edit,
an upgrade) or the client runs another interpreter, the child says so and the client runs
cold. Learner code never runs here: it runs in the sandboxes, as on the cold path.
"""

from __future__ import annotations

import atexit
import importlib
import io
import json
import logging
import os
import pkgutil
import select
import signal
import socket
import struct
import sys
import threading
from typing import Any

from judge.warm import LAUNCH_SOCKET_NAME, LOG_NAME, code_version, package_version, runtime_dir
from judge.warm.protocol import same_user

log = logging.getLogger("judge.warm.launcher")

MAX_REQUEST_BYTES = 4 << 20
"""Arguments and an environment: far below this; more is not a judge client."""
_NOT_PRELOADED = ("judge.__main__", "judge.launch", "judge.warm.server", "judge.warm.launcher")
_NOT_PRELOADED_PACKAGES = ("judge.sandbox.workers",)


def preload() -> list[str]:
    """Import every module of the judge (and so click, yaml, tabulate, the Docker SDK) once,
    here, so that no child pays for it; those that cannot load (an optional extra) are left
    to the child, which reports them as a cold run would."""
    import judge

    failed = []
    for info in pkgutil.walk_packages(judge.__path__, "judge."):
        name = info.name
        if name in _NOT_PRELOADED or name.startswith(_NOT_PRELOADED_PACKAGES):
            continue
        try:
            importlib.import_module(name)
        except Exception:  # noqa: BLE001 - an optional extra missing: the child will say so
            failed.append(name)
    return failed


# -- one client's request, in the launcher ------------------------------------------------------


def _receive(conn: socket.socket) -> tuple[dict[str, Any], list[int]]:
    """The request (a length, then JSON) and the client's three standard streams."""
    data, fds, _flags, _addr = socket.recv_fds(conn, 65536, 3)
    while len(data) < 4 or len(data) < 4 + struct.unpack("!I", data[:4])[0]:
        if len(data) >= 4 and struct.unpack("!I", data[:4])[0] > MAX_REQUEST_BYTES:
            raise ValueError("request too large")
        more = conn.recv(65536)
        if not more:
            raise ValueError("the client went away")
        data += more
    size = struct.unpack("!I", data[:4])[0]
    request = json.loads(data[4 : 4 + size])
    if not isinstance(request, dict) or len(fds) != 3:
        for fd in fds:
            os.close(fd)
        raise ValueError("not a launch request")
    return request, fds


def _send(conn: socket.socket, message: dict[str, Any]) -> None:
    conn.sendall(json.dumps(message).encode() + b"\n")


# -- the child: one command ---------------------------------------------------------------------


def _become_client(request: dict[str, Any], fds: list[int]) -> None:
    """Take on the client's streams, folder, environment and umask."""
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
        os.close(fd)
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update({str(k): str(v) for k, v in request["env"].items()})
    os.umask(int(request["umask"]))
    _lower_limits(request.get("rlimits") or {})
    import tempfile

    tempfile.tempdir = None  # found again from the client's TMPDIR, not the launcher's
    streams = request.get("streams") or {}

    def text(fd: int, mode: str, name: str) -> io.TextIOWrapper:
        encoding, errors = streams.get(name) or ("utf-8", "strict")
        raw = open(fd, mode + "b", buffering=0 if mode == "w" else -1, closefd=False)  # noqa: SIM115
        buffered = io.BufferedWriter(raw) if mode == "w" else raw
        return io.TextIOWrapper(
            buffered, encoding=encoding, errors=errors, line_buffering=mode == "w" and os.isatty(fd)
        )

    sys.stdin = sys.__stdin__ = text(0, "r", "stdin")
    sys.stdout = sys.__stdout__ = text(1, "w", "stdout")
    sys.stderr = sys.__stderr__ = text(2, "w", "stderr")
    sys.argv = ["judge", *request["argv"]]


def _lower_limits(limits: dict[str, Any]) -> None:
    """The client's resource limits where lower than ours (never raised: we could not)."""
    import resource

    def lower(a: int, b: int) -> int:
        if a == resource.RLIM_INFINITY:
            return b
        return a if b == resource.RLIM_INFINITY else min(a, b)

    for name, (soft, hard) in limits.items():
        res = getattr(resource, str(name), None)
        if not str(name).startswith("RLIMIT_") or res is None:
            continue
        own_soft, own_hard = resource.getrlimit(res)
        new_hard = lower(own_hard, int(hard))
        new_soft = lower(lower(own_soft, int(soft)), new_hard)
        try:
            resource.setrlimit(res, (new_soft, new_hard))
        except (ValueError, OSError):
            pass


def _watch_client(conn: socket.socket) -> None:
    """The client's signals, forwarded to the main thread; its disappearance is a Ctrl-C."""
    main = threading.main_thread().ident
    buffer = b""
    while True:
        try:
            chunk = conn.recv(4096)
        except OSError:
            chunk = b""
        if not chunk:
            if main is not None:
                signal.pthread_kill(main, signal.SIGINT)
            return
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            try:
                signum = int(json.loads(line).get("signal", 0))
            except (ValueError, AttributeError, TypeError):
                continue
            if signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP) and main is not None:
                signal.pthread_kill(main, signum)


def _run_command(argv: list[str]) -> int:
    from judge.cli import main

    try:
        main.main(args=argv, prog_name="judge", standalone_mode=True)
    except SystemExit as exc:
        if exc.code is None or isinstance(exc.code, int):
            return exc.code or 0
        print(exc.code, file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


def _child(listener: socket.socket, conn: socket.socket, request: dict[str, Any], fds: list[int]) -> None:
    """The forked child; never returns."""
    code = 3
    try:
        listener.close()
        for sig in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
            signal.signal(sig, signal.SIG_DFL)
        signal.signal(signal.SIGINT, signal.default_int_handler)
        atexit._clear()  # the launcher's own exit work is not this command's
        logging.getLogger().handlers.clear()  # nor its log file
        _become_client(request, fds)
        _send(conn, {"ok": True, "pid": os.getpid()})
        threading.Thread(target=_watch_client, args=(conn,), daemon=True).start()
        code = _run_command(list(request["argv"]))
        atexit._run_exitfuncs()
    except BaseException:  # noqa: BLE001 - a bug of ours: said on the client's stderr, exit 3
        import traceback

        try:
            traceback.print_exc()
        except Exception:  # noqa: BLE001
            pass
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a client gone after the answer: too late
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - a closed pipe: nothing more to say
                pass
        try:
            _send(conn, {"exit": code})
        except OSError:
            pass
        os._exit(code)


# -- the launcher's loop ------------------------------------------------------------------------


def serve(parent: int, loaded: str) -> None:
    """Accept, fork, repeat; reap children; leave when the warm process is gone."""
    path = runtime_dir(create=True) / LAUNCH_SOCKET_NAME
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    path.unlink(missing_ok=True)
    old = os.umask(0o177)
    try:
        listener.bind(str(path))
    finally:
        os.umask(old)
    listener.listen(64)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    log.info("launcher %d serving on %s", os.getpid(), path)
    try:
        while os.getppid() == parent:
            ready, _, _ = select.select([listener], [], [], 0.5)
            _reap()
            if not ready:
                continue
            conn, _ = listener.accept()
            try:
                if not same_user(conn):
                    continue
                conn.settimeout(5.0)
                request, fds = _receive(conn)
                conn.settimeout(None)
            except (OSError, ValueError) as exc:
                log.info("launch request refused: %s", exc)
                conn.close()
                continue
            why = _refusal(request, loaded)
            if why:
                log.info("not launched: %s", why)
                _answer_and_close(conn, {"ok": False, "why": why}, fds)
                continue
            pid = os.fork()
            if pid == 0:
                try:
                    _child(listener, conn, request, fds)
                finally:
                    os._exit(3)
            log.info("launched %d: judge %s", pid, " ".join(request["argv"][:1]))
            for fd in fds:
                os.close(fd)
            conn.close()
    finally:
        path.unlink(missing_ok=True)
        listener.close()


def _refusal(request: dict[str, Any], loaded: str) -> str | None:
    """Why a child of ours must not serve this client (it then runs cold), or None."""
    if request.get("executable") != sys.executable or request.get("python") != sys.version:
        return f"the client runs another Python than {sys.executable}"
    if not isinstance(request.get("argv"), list) or not isinstance(request.get("env"), dict):
        return "a malformed request"
    if package_version() != loaded:
        return "the judge changed on disk since the launcher started (`judge warm stop`, then start)"
    return None


def _answer_and_close(conn: socket.socket, message: dict[str, Any], fds: list[int]) -> None:
    try:
        _send(conn, message)
    except OSError:
        pass
    for fd in fds:
        os.close(fd)
    conn.close()


def _reap() -> None:
    while True:
        try:
            pid, _status = os.waitpid(-1, os.WNOHANG)
        except ChildProcessError:
            return
        if pid == 0:
            return


def main(argv: list[str] | None = None) -> None:
    args = sys.argv[1:] if argv is None else argv
    parent = int(args[0]) if args else os.getppid()
    logging.basicConfig(
        filename=str(runtime_dir(create=True) / LOG_NAME),
        level=logging.INFO,
        format="%(asctime)s %(levelname)s launcher: %(message)s",
    )
    loaded = package_version()
    failed = preload()
    if failed:
        log.info("not preloaded (the children import them): %s", ", ".join(failed))
    if package_version() != loaded:
        log.info("the judge changed on disk while loading: not serving")
        return
    code_version()  # the children's, read once here: they run the code loaded here
    serve(parent, loaded)


if __name__ == "__main__":
    main()
