"""Is there a Docker engine, and does it have our image?

`judge run` asks this on every call in auto mode, so on the engine's Unix socket it speaks
HTTP directly (a millisecond) rather than importing the SDK (a tenth of a second or more);
a DOCKER_HOST of another kind (tcp, ssh) is asked through the SDK, which speaks them.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

from judge import __version__

IMAGE_REPO = "judge-python"


def image_tag() -> str:
    return os.environ.get("JUDGE_IMAGE") or f"{IMAGE_REPO}:{__version__}"


@dataclass(frozen=True)
class EngineStatus:
    ready: bool
    image: str
    reason: str = ""
    advice: str = ""


def socket_path() -> str | None:
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    return host[len("unix://") :] if host.startswith("unix://") else None


MAX_HEAD_BYTES = 64 << 10


class BadReply(ValueError):
    """The engine's reply is not HTTP the judge can read."""


def unix_http(
    sock_path: str,
    method: str,
    path: str,
    body: bytes | None = None,
    *,
    timeout: float,
    max_bytes: int,
    meanwhile: Callable[[], None] | None = None,
) -> tuple[int, bytes]:
    """One HTTP/1.1 exchange on a Unix socket, a connection of its own (closed after): the
    reply's status and body. The standard library's http.client would do it, after ~15 ms of
    imports (email, ssl) that would delay the judge's first question to the engine.

    Raises OSError when the socket fails (no engine, no permission, a cut) or the whole
    exchange takes over `timeout` (TimeoutError: an engine dripping its reply cannot hold the
    judge), BadReply when what comes back is not a reply of at most `max_bytes`; `meanwhile`
    runs once the request is sent (its exceptions are its own).
    """
    deadline = time.monotonic() + timeout
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(sock_path)
        head = f"{method} {path} HTTP/1.1\r\nHost: docker\r\nConnection: close\r\n"
        if body is not None:
            head += f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n"
        sock.sendall(head.encode("ascii") + b"\r\n" + (body or b""))
        if meanwhile is not None:
            meanwhile()
        return _Reply(sock, max_bytes, deadline).read()
    finally:
        sock.close()


class _Reply:
    """An HTTP/1.1 reply read off a socket: its head, then its body by length, chunks, or
    until the engine closes (Connection: close)."""

    def __init__(self, sock: socket.socket, max_bytes: int, deadline: float) -> None:
        self._sock = sock
        self._max = max_bytes
        self._deadline = deadline
        self._buf = bytearray()
        self._eof = False

    def _fill(self) -> bool:
        if self._eof:
            return False
        left = self._deadline - time.monotonic()
        if left <= 0:
            raise TimeoutError("the engine took too long to reply")
        self._sock.settimeout(left)
        chunk = self._sock.recv(1 << 16)
        if not chunk:
            self._eof = True
            return False
        self._buf += chunk
        if len(self._buf) > self._max + MAX_HEAD_BYTES:
            raise BadReply(f"the engine's reply is over {self._max} bytes")
        return True

    def _line(self) -> bytes:
        while (end := self._buf.find(b"\r\n")) < 0:
            if len(self._buf) > MAX_HEAD_BYTES or not self._fill():
                raise BadReply("the engine's reply ended in a line")
        line = bytes(self._buf[:end])
        del self._buf[: end + 2]
        return line

    def _take(self, n: int) -> bytes:
        while len(self._buf) < n:
            if not self._fill():
                raise BadReply("the engine's reply is shorter than it said")
        data = bytes(self._buf[:n])
        del self._buf[:n]
        return data

    def read(self) -> tuple[int, bytes]:
        status_line = self._line()
        try:
            status = int(status_line.split()[1])
        except (IndexError, ValueError):
            raise BadReply(f"the engine's reply made no sense: {status_line[:80]!r}") from None
        headers: dict[str, str] = {}
        size = len(status_line)
        while line := self._line():
            size += len(line)
            if size > MAX_HEAD_BYTES:
                raise BadReply("the engine's reply head is too long")
            name, _, value = line.decode("latin-1").partition(":")
            headers[name.strip().lower()] = value.strip()
        if "chunked" in headers.get("transfer-encoding", "").lower():
            return status, self._chunks()
        if "content-length" in headers:
            try:
                length = int(headers["content-length"])
            except ValueError:
                raise BadReply("the engine's reply has a bad length") from None
            if not 0 <= length <= self._max:
                raise BadReply(f"the engine's reply is over {self._max} bytes")
            return status, self._take(length)
        while self._fill():
            pass
        return status, bytes(self._buf)

    def _chunks(self) -> bytes:
        body = bytearray()
        while True:
            try:
                size = int(self._line().split(b";")[0].strip(), 16)
            except ValueError:
                raise BadReply("the engine's reply has a bad chunk") from None
            if size == 0:
                trailers = 0
                while line := self._line():  # trailers, up to the blank line
                    trailers += len(line) + 2
                    if trailers > MAX_HEAD_BYTES:
                        raise BadReply("the engine's reply trailers are too long")
                return bytes(body)
            if size < 0 or len(body) + size > self._max:
                raise BadReply(f"the engine's reply is over {self._max} bytes")
            body += self._take(size)
            self._take(2)  # the chunk's CRLF


def _get(path: str, timeout: float = 1.0) -> tuple[int, bytes]:
    sock_path = socket_path()
    if sock_path is None:
        raise OSError("DOCKER_HOST is not a unix socket")
    try:
        return unix_http(sock_path, "GET", path, timeout=timeout, max_bytes=1 << 20)
    except BadReply:
        return 0, b""


def probe() -> EngineStatus:
    image = image_tag()
    if socket_path() is None:
        return _probe_with_sdk(image)
    try:
        status, _ = _get("/_ping")
    except OSError:
        status = 0
    if status != 200:
        return EngineStatus(
            False,
            image,
            reason="no Docker engine answered",
            advice="No Docker engine answered. Start it (`sudo dockerd &`, or `sudo bash .ci/docker-up.sh`"
            " to install and start it), or use --sandbox local.",
        )
    try:
        status, _ = _get(f"/images/{quote(image, safe='')}/json")
    except OSError:
        status = 0
    if status != 200:
        return _not_built(image)
    return EngineStatus(True, image)


def _not_built(image: str) -> EngineStatus:
    return EngineStatus(
        False,
        image,
        reason=f"the image {image} is not built",
        advice=f"The sandbox image {image} is not built. Build it with `make sandbox`,"
        " or use --sandbox local.",
    )


def _probe_with_sdk(image: str) -> EngineStatus:
    host = os.environ.get("DOCKER_HOST", "")
    try:
        import docker

        client = docker.from_env(timeout=5)
        client.ping()
    except Exception as exc:  # noqa: BLE001 - whatever the transport says, it did not answer
        return EngineStatus(
            False,
            image,
            reason=f"no Docker engine answered at DOCKER_HOST={host}",
            advice=f"No Docker engine answered at DOCKER_HOST={host} ({exc});"
            " check it, or use --sandbox local.",
        )
    try:
        client.images.get(image)
    except docker.errors.ImageNotFound:
        return _not_built(image)
    except docker.errors.DockerException as exc:
        return EngineStatus(False, image, reason=f"the engine at {host} failed: {exc}", advice=str(exc))
    finally:
        client.close()
    return EngineStatus(True, image)
