"""The `judge` command's first step: hand `judge run` to the warm launcher when one runs.

With `judge warm start` running, a run is served by a child of its launcher (judge/warm/
launcher.py), which has the judge imported already; this process then only waits, forwards
Ctrl-C, and exits with the child's code. Everything else, and every run when no launcher
answers or it says it runs other code, goes to the click CLI in this process (cold). This
module imports nothing the cold path would not need anyway: a stat decides.
"""

from __future__ import annotations

import os
import sys

DELEGATED = ("run",)
"""The commands a launcher's child serves: the ones learners repeat, seconds apart."""
IN_PROCESS_FLAGS = ("--cold", "--watch")
"""`--cold` is the way around everything warm; `--watch` lives as long as the learner wants."""
RLIMITS = (
    "RLIMIT_AS",
    "RLIMIT_CORE",
    "RLIMIT_CPU",
    "RLIMIT_DATA",
    "RLIMIT_FSIZE",
    "RLIMIT_NOFILE",
    "RLIMIT_NPROC",
)
"""The client's limits, which the child lowers its own to: a judge under `ulimit` stays under it."""
CONNECT_TIMEOUT_S = 2.0
FIRST_ANSWER_TIMEOUT_S = 30.0
"""The launcher forks at once; only a wedged one takes this long (the run then goes cold)."""


EARLY = ("run",)
"""The commands whose sandbox is started before the CLI loads (judge.sandbox.select.start_early)."""
RUN_VALUE_OPTIONS = ("--format", "--sandbox", "--dialect", "--feedback", "--plot")
"""`judge run`'s options that take a value (a test holds this to the command's own)."""
QUICK_EXIT = ("run",)
"""The commands that end without the interpreter's teardown (see `quick_exit`): the one run
seconds apart, whose output is its standard streams (and a chart file, closed when written)."""


def main() -> None:
    argv = sys.argv[1:]
    _standard_fds()
    if argv and argv[0] in DELEGATED and not any(a in IN_PROCESS_FLAGS for a in argv):
        code = _delegate(argv)
        if code is not None:
            quick_exit(code)
    import signal

    # SIGTERM ends a run as Ctrl-C does: sandboxes closed, folders removed, on the way out.
    signal.signal(signal.SIGTERM, _terminated)
    try:
        if argv and argv[0] in EARLY:
            _start_early(argv)
        from judge.cli import main as cli
    except KeyboardInterrupt:  # before click, which says the same for a Ctrl-C after
        print("\nAborted!", file=sys.stderr)
        quick_exit(1)

    if not (argv and argv[0] in QUICK_EXIT and "--watch" not in argv):
        cli()
        return
    try:
        cli()
    except SystemExit as exc:
        quick_exit(exc.code)
    quick_exit(0)


def _terminated(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


def _standard_fds() -> None:
    """A judge started with stdin, stdout or stderr closed gets /dev/null there, so that no
    pipe it opens for a worker lands on fd 0-2 (where a worker's own streams would be)."""
    for fd in (0, 1, 2):
        try:
            os.fstat(fd)
        except OSError:
            null = os.open(os.devnull, os.O_RDWR)
            if null != fd:
                os.dup2(null, fd)
                os.close(null)


def _start_early(argv: list[str]) -> None:
    """`judge run SLUG FILE [options]`: start the sandbox it will ask for now, before click and
    the judge's modules are imported. Read from argv as click will read it; where the reading
    is off (or anything fails), the head start is only wasted: the CLI chooses for itself."""
    if any(a in ("-h", "--help", "--watch") for a in argv):
        return
    sandbox, cold, positional = "auto", False, []
    args = iter(argv[1:])
    for arg in args:
        if arg == "--":
            positional += list(args)
            break
        if not arg.startswith("-") or arg == "-":
            positional.append(arg)
            continue
        option, eq, value = arg.partition("=")
        if option == "--cold":
            cold = True
        elif option in RUN_VALUE_OPTIONS:
            value = value if eq else next(args, "")
            if option == "--sandbox":
                sandbox = value
    if len(positional) != 2:
        return
    import atexit

    try:
        from judge.sandbox import select

        atexit.register(select.discard_early)
        select.start_early(sandbox, cold, os.path.splitext(positional[1])[1])
    except Exception:  # noqa: BLE001 - a head start, never a failure of its own
        return


def quick_exit(code: object) -> None:
    """Exit as `sys.exit(code)` would, without tearing the interpreter down.

    Freeing every module and object one by one is 10-30 ms here (more than the rest of a
    warm run's client), and the kernel frees them at once anyway. What an exit must still do
    is done first: other threads joined, exit handlers run (temporary folders' finalizers
    among them), the standard streams flushed. A stream whose reader left exits 141 (as a
    program ended by SIGPIPE, and as the CLI does when a write finds it gone); one that cannot
    be flushed otherwise, 120, as the interpreter's own exit does.
    """
    import atexit
    import threading

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:
        print(code, file=sys.stderr)
        status = 1
    main_thread = threading.main_thread()
    for thread in threading.enumerate():
        if thread is not main_thread and not thread.daemon:
            thread.join()
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        if stream is None:  # started without it: nothing was written
            continue
        try:
            stream.flush()
        except BrokenPipeError:  # the reader left (`| head`): as a program ended by SIGPIPE
            status = status or 141
        except (OSError, ValueError):
            status = status or 120
    os._exit(status & 0xFF)


def _socket_path() -> str | None:
    from judge.runtime import LAUNCH_SOCKET_NAME, RuntimeDirError, runtime_path

    try:
        path = os.path.join(runtime_path(), LAUNCH_SOCKET_NAME)
    except RuntimeDirError:
        return None  # the cold path says why, when it looks for the warm sandboxes
    return path if os.path.exists(path) else None


def _delegate(argv: list[str]) -> int | None:
    """The exit code of the launcher's child that ran `judge ARGV`; None: run it here."""
    path = _socket_path()
    if path is None:
        return None
    import json
    import signal
    import socket
    import struct

    try:
        streams = {
            name: (stream.encoding, stream.errors)
            for name, stream in (("stdin", sys.stdin), ("stdout", sys.stdout), ("stderr", sys.stderr))
        }
        fds = [sys.stdin.fileno(), sys.stdout.fileno(), sys.stderr.fileno()]
        cwd = os.getcwd()
    except (AttributeError, ValueError, OSError):
        return None  # a closed standard stream, a folder gone: the cold path says what is wrong
    import resource

    umask = os.umask(0o022)
    os.umask(umask)
    limits = {name: resource.getrlimit(getattr(resource, name)) for name in RLIMITS}
    request = {
        "argv": argv,
        "cwd": cwd,
        "env": dict(os.environ),
        "umask": umask,
        "rlimits": limits,
        "executable": sys.executable,
        "python": sys.version,
        "streams": streams,
    }
    body = json.dumps(request).encode()
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(CONNECT_TIMEOUT_S)
        sock.connect(path)
        socket.send_fds(sock, [struct.pack("!I", len(body)) + body], fds)
        sock.settimeout(FIRST_ANSWER_TIMEOUT_S)  # once sent, a child may be running it: wait
        reader = sock.makefile("rb")
        first = _message(reader)
        if not first or not first.get("ok"):
            sock.close()
            return None  # stale or refused: the cold path runs, and says so where it matters
        sock.settimeout(None)
    except (OSError, ValueError):
        sock.close()
        return None

    forwarded: list[int] = []

    def forward(signum: int, _frame: object) -> None:
        forwarded.append(signum)
        try:
            sock.sendall(json.dumps({"signal": signum}).encode() + b"\n")
        except OSError:
            pass

    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, forward)
    try:
        while True:
            message = _message(reader)
            if message is None:
                if forwarded:  # ended by the signal we passed on, as a cold run would be
                    return 128 + forwarded[-1]
                print("error: the warm run ended without an answer; run again with --cold", file=sys.stderr)
                return 3
            if "exit" in message:
                return int(message["exit"])
    finally:
        sock.close()


def _message(reader: object) -> dict[str, object] | None:
    import json

    try:
        line = reader.readline(1 << 16)  # type: ignore[attr-defined]
        value = json.loads(line) if line else None
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
