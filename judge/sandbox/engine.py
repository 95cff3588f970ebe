"""Is there a Docker engine, and does it have our image?

`judge run` asks this on every call in auto mode, so on the engine's Unix socket it speaks
HTTP directly (a millisecond) rather than importing the SDK (a tenth of a second or more);
a DOCKER_HOST of another kind (tcp, ssh) is asked through the SDK, which speaks them.
"""

from __future__ import annotations

import http.client
import os
import socket
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


class UnixHTTPConnection(http.client.HTTPConnection):
    def __init__(self, path: str, timeout: float) -> None:
        super().__init__("localhost", timeout=timeout)
        self._path = path

    def connect(self) -> None:
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        sock.settimeout(self.timeout)
        sock.connect(self._path)
        self.sock = sock


def socket_path() -> str | None:
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    return host[len("unix://") :] if host.startswith("unix://") else None


def _get(path: str, timeout: float = 1.0) -> tuple[int, bytes]:
    sock_path = socket_path()
    if sock_path is None:
        raise OSError("DOCKER_HOST is not a unix socket")
    conn = UnixHTTPConnection(sock_path, timeout)
    try:
        conn.request("GET", path)
        resp = conn.getresponse()
        return resp.status, resp.read()
    finally:
        conn.close()


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
