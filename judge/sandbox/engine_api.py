"""The few Engine API calls a Docker session makes: create, attach, start, update, inspect,
remove, list.

Over the engine's Unix socket they are plain HTTP, spoken with the standard library: a cold
`judge run` then asks for its container a few milliseconds after it starts, while the judge
loads, instead of after importing the Docker SDK (~120 ms of CPU on a 2-core machine, which
also holds the judge's own imports back: one interpreter lock). Where DOCKER_HOST names
another transport (tcp, ssh, TLS), the same calls go through the SDK, which speaks them all.
Both take the Engine API's own JSON (the container config), so both create the same container.
"""

from __future__ import annotations

import json
import socket
from collections.abc import Callable
from typing import Any, Protocol
from urllib.parse import quote, urlencode

from judge.errors import SandboxUnavailable
from judge.sandbox import engine

TIMEOUT_S = 120.0
"""As the SDK client the judge made before: a loaded engine can take seconds to create."""
MAX_REPLY_BYTES = 16 << 20
MAX_HEADER_BYTES = 64 << 10
NO_ENGINE = "No Docker engine answered ({}); start it or use --sandbox local."


class EngineError(Exception):
    """The engine answered with an error: its HTTP status and message."""

    def __init__(self, status: int, message: str) -> None:
        super().__init__(f"{status}: {message}")
        self.status = status
        self.message = message


class Engine(Protocol):
    def create(self, config: dict[str, Any], meanwhile: Callable[[], None] | None = None) -> str:
        """The new container's id; `meanwhile` runs while the engine makes it."""
        ...

    def attach(self, cid: str) -> socket.socket:
        """A socket on the container's stdin and (framed) stdout, before it starts."""
        ...

    def start(self, cid: str) -> None: ...

    def update_memory(self, cid: str, limit_bytes: int) -> None: ...

    def inspect(self, cid: str) -> dict[str, Any]: ...

    def remove(self, cid: str) -> None:
        """Force removal; a container gone already (or going) is no error."""
        ...

    def containers(self, label: str) -> list[dict[str, Any]]:
        """Every container (running or not) carrying this label, as the engine lists them."""
        ...


class UnixEngine:
    """The Engine API over a Unix socket, one connection per call (they cost ~0.1 ms)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def _call(
        self,
        method: str,
        path: str,
        body: Any = None,
        ok: tuple[int, ...] = (200,),
        meanwhile: Callable[[], None] | None = None,
    ) -> Any:
        data = None if body is None else json.dumps(body).encode()
        own: list[BaseException] = []

        def work() -> None:  # the judge's own work while the engine does this
            try:
                if meanwhile is not None:
                    meanwhile()
            except BaseException as exc:
                own.append(exc)  # its errors are its own, not the engine's
                raise

        try:
            status, raw = engine.unix_http(
                self.path, method, path, data, timeout=TIMEOUT_S, max_bytes=MAX_REPLY_BYTES, meanwhile=work
            )
        except OSError as exc:  # no socket, no permission, a connection cut midway
            if own and exc is own[0]:
                raise
            raise SandboxUnavailable(NO_ENGINE.format(exc)) from exc
        except engine.BadReply as exc:
            raise EngineError(502, str(exc)) from None
        if status not in ok:
            raise EngineError(status, _message(raw))
        try:
            return json.loads(raw) if raw.strip() else None
        except (ValueError, RecursionError):
            raise EngineError(502, f"the engine's reply is not JSON: {raw[:80]!r}") from None

    def create(self, config: dict[str, Any], meanwhile: Callable[[], None] | None = None) -> str:
        reply = self._call("POST", "/containers/create", config, ok=(201,), meanwhile=meanwhile)
        cid = reply.get("Id") if isinstance(reply, dict) else None
        if not isinstance(cid, str) or not cid:
            raise EngineError(502, f"the engine created no container it named: {str(reply)[:80]}")
        return cid

    def attach(self, cid: str) -> socket.socket:
        query = urlencode({"stdin": 1, "stdout": 1, "stderr": 0, "stream": 1})
        request = (
            f"POST /containers/{quote(cid)}/attach?{query} HTTP/1.1\r\nHost: docker\r\n"
            "Connection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n"
        ).encode()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(TIMEOUT_S)
            sock.connect(self.path)
            sock.sendall(request)
            status = _read_head(sock)
        except BaseException:
            sock.close()
            raise
        if status not in (101, 200):
            try:
                sock.settimeout(1.0)
                body = sock.recv(MAX_HEADER_BYTES)  # the engine's message, for the error
            except OSError:
                body = b""
            sock.close()
            raise EngineError(status, _message(body))
        return sock

    def start(self, cid: str) -> None:
        self._call("POST", f"/containers/{quote(cid)}/start", ok=(204, 304))

    def update_memory(self, cid: str, limit_bytes: int) -> None:
        self._call(
            "POST", f"/containers/{quote(cid)}/update", {"Memory": limit_bytes, "MemorySwap": limit_bytes}
        )

    def inspect(self, cid: str) -> dict[str, Any]:
        return dict(self._call("GET", f"/containers/{quote(cid)}/json"))

    def remove(self, cid: str) -> None:
        try:
            self._call("DELETE", f"/containers/{quote(cid)}?force=1", ok=(204,))
        except EngineError as exc:
            if exc.status != 404 and "already in progress" not in exc.message:
                raise

    def containers(self, label: str) -> list[dict[str, Any]]:
        query = urlencode({"all": 1, "filters": json.dumps({"label": [label]})})
        return list(self._call("GET", f"/containers/json?{query}"))


class SdkEngine:
    """The same calls through the Docker SDK (any DOCKER_HOST it understands)."""

    def __init__(self) -> None:
        import docker

        try:
            self.api = docker.from_env(timeout=int(TIMEOUT_S)).api
        except docker.errors.DockerException as exc:
            raise SandboxUnavailable(
                f"No Docker engine answered ({exc}); start it or use --sandbox local."
            ) from exc
        self._errors = docker.errors

    def _sdk(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except self._errors.APIError as exc:
            raise EngineError(exc.status_code or 500, str(exc.explanation or exc)) from exc

    def create(self, config: dict[str, Any], meanwhile: Callable[[], None] | None = None) -> str:
        if meanwhile is not None:
            meanwhile()
        return str(self._sdk(self.api.create_container_from_config, config)["Id"])

    def attach(self, cid: str) -> socket.socket:
        params = {"stdin": 1, "stdout": 1, "stderr": 0, "stream": 1}
        attached = self._sdk(self.api.attach_socket, cid, params=params)
        return getattr(attached, "_sock", attached)

    def start(self, cid: str) -> None:
        self._sdk(self.api.start, cid)

    def update_memory(self, cid: str, limit_bytes: int) -> None:
        self._sdk(self.api.update_container, cid, mem_limit=limit_bytes, memswap_limit=limit_bytes)

    def inspect(self, cid: str) -> dict[str, Any]:
        return dict(self._sdk(self.api.inspect_container, cid))

    def remove(self, cid: str) -> None:
        try:
            self._sdk(self.api.remove_container, cid, force=True)
        except EngineError as exc:
            if exc.status != 404 and "already in progress" not in exc.message:
                raise

    def containers(self, label: str) -> list[dict[str, Any]]:
        return list(self._sdk(self.api.containers, all=True, filters={"label": label}))


def connect() -> Engine:
    """The engine DOCKER_HOST names (the default socket where it is unset)."""
    path = engine.socket_path()
    return UnixEngine(path) if path is not None else SdkEngine()


def _read_head(sock: socket.socket) -> int:
    """The status of an HTTP reply, its head read up to its blank line and no further: what
    follows is the container's stream (a byte at a time: a head is ~150 bytes)."""
    head = bytearray()
    while b"\r\n\r\n" not in head:
        chunk = sock.recv(1)
        if not chunk:
            break
        head += chunk
        if len(head) > MAX_HEADER_BYTES:
            raise EngineError(502, "the engine's reply head is too long")
    line, _, _ = bytes(head).partition(b"\r\n")
    try:
        status = int(line.split()[1])
    except (IndexError, ValueError):
        raise EngineError(502, f"the engine's reply made no sense: {line[:80]!r}") from None
    return status


def _message(raw: bytes) -> str:
    try:
        value = json.loads(raw)
    except (ValueError, RecursionError):
        return raw[:200].decode("utf-8", "replace").strip()
    return str(value.get("message", value)) if isinstance(value, dict) else str(value)
