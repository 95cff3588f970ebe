"""The engine probe's own HTTP (judge/sandbox/engine.py): replies as an engine sends them,
served on a real Unix socket, read whole or refused; never a traceback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from judge.sandbox import engine
from judge.sandbox.engine_api import EngineError, UnixEngine


def _serve(path: Path, reply: bytes, seen: list[bytes]) -> threading.Thread:
    """One connection: read the request (head and body), send `reply` in pieces, close."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)

    def run() -> None:
        conn, _ = server.accept()
        with conn, server:
            data = b""
            while b"\r\n\r\n" not in data:
                data += conn.recv(4096)
            head, _, body = data.partition(b"\r\n\r\n")
            length = next(
                (
                    int(line.split(b":")[1])
                    for line in head.split(b"\r\n")
                    if line.lower().startswith(b"content-length")
                ),
                0,
            )
            while len(body) < length:
                body += conn.recv(4096)
            seen.append(head + b"\r\n\r\n" + body)
            try:
                for i in range(0, len(reply), 7):  # in small pieces, as a slow engine would
                    conn.sendall(reply[i : i + 7])
            except OSError:
                pass  # the judge stopped reading a reply it refuses

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread


@pytest.fixture
def sock_path(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "engine.sock"


CHUNKED = (
    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
    b'5\r\n[{"Id\r\n'
    b'A;ext=1\r\n": "abc"}]\r\n'
    b"0\r\nX-Trailer: yes\r\n\r\n"
)


@pytest.mark.parametrize(
    ("reply", "status", "body"),
    [
        (b"HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nOK\r\n", 200, b"OK\r\n"),
        (CHUNKED, 200, b'[{"Id": "abc"}]'),
        (b"HTTP/1.1 204 No Content\r\nServer: Docker\r\n\r\n", 204, b""),
        (
            b'HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\n\r\n{"message": "no"}',
            404,
            b'{"message": "no"}',
        ),
    ],
    ids=["length", "chunked", "no-body", "until-close"],
)
def test_a_reply_is_read_whole_however_it_is_framed(
    sock_path: Path, reply: bytes, status: int, body: bytes
) -> None:
    seen: list[bytes] = []
    thread = _serve(sock_path, reply, seen)
    got = engine.unix_http(str(sock_path), "POST", "/x?a=1", b'{"k": 1}', timeout=5, max_bytes=1 << 20)
    thread.join(5)
    assert got == (status, body)
    request = seen[0]
    assert request.startswith(b"POST /x?a=1 HTTP/1.1\r\n")
    assert b"Connection: close\r\n" in request and b"Content-Length: 8\r\n" in request
    assert request.endswith(b'\r\n\r\n{"k": 1}')


@pytest.mark.parametrize(
    "reply",
    [
        b"garbage\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nshort",
        b"HTTP/1.1 200 OK\r\nContent-Length: 99999999\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nContent-Length: -1\r\n\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
        b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nFFFFFFF\r\n",
        b"HTTP/1.1 200 OK\r\nX: " + b"y" * (70 << 10) + b"\r\n\r\n",
        b"HTTP/1.1 200 OK\r\n\r\n" + b"z" * (2 << 20),
        b"",
    ],
    ids=[
        "no-status",
        "short",
        "too-long",
        "negative",
        "bad-chunk",
        "huge-chunk",
        "huge-head",
        "huge-body",
        "nothing",
    ],
)
def test_a_reply_that_is_not_http_or_too_big_is_refused(sock_path: Path, reply: bytes) -> None:
    thread = _serve(sock_path, reply, [])
    with pytest.raises(engine.BadReply):
        engine.unix_http(str(sock_path), "GET", "/_ping", timeout=5, max_bytes=1 << 20)
    thread.join(5)


def test_the_engine_api_calls_a_bad_reply_an_engine_error(sock_path: Path) -> None:
    thread = _serve(sock_path, b"HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n{x}", [])
    with pytest.raises(EngineError, match="not JSON"):
        UnixEngine(str(sock_path)).inspect("abc")
    thread.join(5)
    thread = _serve(sock_path.with_name("b.sock"), b"nonsense\r\n\r\n", [])
    with pytest.raises(EngineError, match="made no sense"):
        UnixEngine(str(sock_path.with_name("b.sock"))).inspect("abc")
    thread.join(5)


def test_the_judges_own_work_meanwhile_keeps_its_own_error(sock_path: Path) -> None:
    """An error of the work done while the engine creates (staging the programs) is that
    error, not "no engine"."""
    thread = _serve(sock_path, b'HTTP/1.1 201 Created\r\nContent-Length: 12\r\n\r\n{"Id": "c1"}', [])

    def stage() -> None:
        raise PermissionError("the staging folder cannot be written")

    with pytest.raises(PermissionError, match="staging folder"):
        UnixEngine(str(sock_path)).create({"Image": "x"}, meanwhile=stage)
    thread.join(5)


def test_the_probe_says_no_engine_on_a_socket_that_does_not_speak_http(
    sock_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    thread = _serve(sock_path, b"\x00\x01 not http\r\n\r\n", [])
    monkeypatch.setenv("DOCKER_HOST", f"unix://{sock_path}")
    status = engine.probe()
    thread.join(5)
    assert not status.ready and status.reason == "no Docker engine answered"


def _serve_forever(path: Path, first: bytes, then: bytes, pause: float) -> threading.Event:
    """A hostile engine: `first`, then `then` again and again (`pause` s apart) until told to stop."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(1)
    stop = threading.Event()

    def run() -> None:
        conn, _ = server.accept()
        with conn, server:
            conn.recv(65536)
            try:
                conn.sendall(first)
                while not stop.is_set():
                    conn.sendall(then)
                    if pause:
                        time.sleep(pause)
            except OSError:
                pass

    threading.Thread(target=run, daemon=True).start()
    return stop


@pytest.mark.parametrize(
    ("first", "then", "pause", "error"),
    [
        (b"HTTP/1.1 200 OK\r\n", b"X", 0.2, TimeoutError),  # a head dripped a byte at a time
        (b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n", b"y", 0.2, TimeoutError),  # a body dripped
        (b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n", b"X: y\r\n", 0.0, engine.BadReply),
    ],
    ids=["drip-head", "drip-body", "endless-trailers"],
)
def test_a_reply_that_never_ends_is_cut_off(
    sock_path: Path, first: bytes, then: bytes, pause: float, error: type[Exception]
) -> None:
    """Found by a red team: each byte restarted the socket's timeout, so a dripping engine
    held the judge for hours, and trailer lines were read without end."""
    stop = _serve_forever(sock_path, first, then, pause)
    t0 = time.monotonic()
    try:
        with pytest.raises(error):
            engine.unix_http(str(sock_path), "GET", "/_ping", timeout=1.0, max_bytes=1 << 20)
    finally:
        stop.set()
    assert time.monotonic() - t0 < 5


def _fake_engine(path: Path, create_reply: bytes) -> threading.Event:
    """An engine that knows the image and then answers `create` with `create_reply`."""
    server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    server.bind(str(path))
    server.listen(8)
    server.settimeout(0.2)
    stop = threading.Event()

    def answer(conn: socket.socket) -> None:
        with conn:
            data = b""
            while b"\r\n\r\n" not in data:
                chunk = conn.recv(65536)
                if not chunk:
                    return
                data += chunk
            line = data.split(b"\r\n", 1)[0]
            if b"/containers/create" in line:
                reply = create_reply
            elif b"/containers/json" in line:
                reply = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n[]"
            elif line.startswith(b"DELETE"):
                reply = b"HTTP/1.1 204 No Content\r\n\r\n"
            else:  # the ping, the image
                reply = b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\n{}"
            conn.sendall(reply)

    def run() -> None:
        with server:
            while not stop.is_set():
                try:
                    conn, _ = server.accept()
                except TimeoutError:
                    continue
                answer(conn)

    threading.Thread(target=run, daemon=True).start()
    return stop


@pytest.mark.parametrize(
    "create_reply",
    [
        b"HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}",
        b"HTTP/1.1 201 Created\r\nContent-Length: 4\r\n\r\nnull",
        b"HTTP/1.1 201 Created\r\nContent-Length: 6000\r\n\r\n" + b"[" * 3000 + b"]" * 3000,
        b"HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\n{}",
        b"complete nonsense\r\n\r\n",
    ],
    ids=["no-id", "null", "nested", "odd-status", "nonsense"],
)
def test_an_engine_that_answers_nonsense_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, create_reply: bytes
) -> None:
    """Found by a red team: an engine that passed the probe and then answered `create` with
    nonsense gave a traceback (exit 3). The engine's failure is the environment's: one line."""
    from click.testing import CliRunner

    from judge.cli import main

    sock = tmp_path / "engine.sock"
    stop = _fake_engine(sock, create_reply)
    monkeypatch.setenv("DOCKER_HOST", f"unix://{sock}")
    example = Path(__file__).resolve().parent.parent / "examples" / "two_sum.py"
    try:
        result = CliRunner().invoke(
            main, ["run", "two_sum", str(example), "--sandbox", "docker", "--cold", "--no-complexity"]
        )
    finally:
        stop.set()
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: The Docker engine could not start the sandbox: ")
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
