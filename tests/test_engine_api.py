"""The Engine API calls of a Docker session: our own over the Unix socket, and the SDK's."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

from judge.catalog import load_problem
from judge.errors import SandboxUnavailable
from judge.judging import judge_source
from judge.models import Verdict
from judge.sandbox import Sandbox
from judge.sandbox.docker import JOB_DIR, LABEL, DockerSandbox, DockerSession, container_config
from judge.sandbox.engine_api import EngineError, SdkEngine, UnixEngine, connect
from tests.conftest import REPO


def _without_nulls(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _without_nulls(v) for k, v in value.items() if v is not None}
    return value


def test_the_container_config_is_what_the_sdk_would_send(tmp_path: Path) -> None:
    """The same container as `containers.create` made before: each setting translated by the
    SDK itself (its own kwargs-to-API code, no engine needed) equals ours."""
    import docker
    from docker.models.containers import _create_container_args  # the translation it uses
    from docker.types import Ulimit

    from judge.sandbox import docker as sandbox_docker

    command = ["python3", "-I", "-S", "-B", f"{JOB_DIR}/supervisor.py"]
    labels = {LABEL: "python", "x": "y"}
    ours = container_config("judge-python:test", command, labels, 384 << 20, 1.0, str(tmp_path))
    api = docker.APIClient(base_url="unix:///nonexistent.sock", version="1.41")
    kwargs = {
        "image": "judge-python:test",
        "command": command,
        "user": "0:0",
        "stdin_open": True,
        "detach": False,
        "network_mode": "none",
        "mem_limit": "384m",
        "memswap_limit": "384m",
        "pids_limit": sandbox_docker.PIDS_LIMIT,
        "nano_cpus": int(1e9),
        "read_only": True,
        "tmpfs": {
            sandbox_docker.SCRATCH: "size=64m,mode=1777",
            "/tmp": "size=16m,mode=1777",
            **dict.fromkeys(sandbox_docker.MASKED, sandbox_docker.MASK),
        },
        "cap_drop": ["ALL"],
        "cap_add": ["SETUID", "SETGID", "KILL"],
        "security_opt": ["no-new-privileges"],
        "ulimits": [Ulimit(name="nofile", soft=256, hard=256), Ulimit(name="core", soft=0, hard=0)],
        "volumes": {str(tmp_path): {"bind": JOB_DIR, "mode": "ro"}},
        "working_dir": sandbox_docker.SCRATCH,
        "labels": labels,
        "auto_remove": True,
        "version": api._version,
    }
    sdk = api.create_container_config(**_create_container_args(kwargs))
    assert _without_nulls(dict(sdk)) == ours


def test_the_unix_socket_is_spoken_without_the_sdk(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOCKER_HOST", "unix:///var/run/docker.sock")
    assert isinstance(connect(), UnixEngine)


def test_an_engine_that_does_not_answer_is_unavailable(tmp_path: Path) -> None:
    with pytest.raises(SandboxUnavailable, match="No Docker engine answered"):
        UnixEngine(str(tmp_path / "no.sock")).containers(LABEL)


@pytest.mark.docker
@pytest.mark.parametrize("kind", ["unix", "sdk"])
def test_both_engines_judge_and_clean_up(docker_sandbox: Sandbox, kind: str) -> None:
    """The SDK path (any DOCKER_HOST: tcp, ssh) and ours give the same verdicts, the same
    errors for a missing image and a container gone, and leave no container behind."""
    assert isinstance(docker_sandbox, DockerSandbox)
    box = DockerSandbox(docker_sandbox.image)
    box._engine = UnixEngine("/var/run/docker.sock") if kind == "unix" else SdkEngine()
    engine = box.engine
    source = (REPO / "solutions_reference" / "two_sum" / "accepted" / "reference.py").read_text()
    report = judge_source(load_problem("two_sum"), source, box, complexity=False)
    assert report.verdict is Verdict.AC, report
    wrong = "def two_sum(nums, target):\n    return [0, 0]\n"
    assert judge_source(load_problem("two_sum"), wrong, box, complexity=False).verdict is Verdict.WA
    engine.remove("0" * 64)  # gone already: no error
    with pytest.raises(EngineError) as err:
        engine.inspect("0" * 64)
    assert err.value.status == 404
    missing = DockerSandbox("judge-python:no-such-tag")
    missing._engine = engine
    with pytest.raises(SandboxUnavailable, match="not built"):
        DockerSession(missing, memory_mb=64)
    from judge.sandbox.docker import OWNER_LABEL, _owner

    def mine() -> list[dict[str, Any]]:
        return [c for c in engine.containers(LABEL) if c["Labels"].get(OWNER_LABEL) == _owner()]

    deadline = time.monotonic() + 10  # the engine removes a finished one just after it exits
    while mine() and time.monotonic() < deadline:
        time.sleep(0.1)
    assert mine() == []


class _TcpToUnix:
    """A TCP listener on loopback that relays each connection to the engine's Unix socket:
    an engine reached over tcp:// (as GitLab's docker:dind is) without a second engine."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self.listener.bind(("127.0.0.1", 0))
        self.listener.listen(16)
        self.port = self.listener.getsockname()[1]
        self.open = True
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while self.open:
            try:
                conn, _ = self.listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            upstream.connect(self.path)
            for a, b in ((conn, upstream), (upstream, conn)):
                threading.Thread(target=self._pump, args=(a, b), daemon=True).start()

    @staticmethod
    def _pump(src: socket.socket, dst: socket.socket) -> None:
        try:
            while chunk := src.recv(1 << 16):
                dst.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (src, dst):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def close(self) -> None:
        self.open = False
        self.listener.close()


@pytest.mark.docker
def test_an_engine_over_tcp_is_found_and_used_through_the_sdk(
    docker_sandbox: Sandbox, tmp_path: Path
) -> None:
    """DOCKER_HOST=tcp://...: the probe, the container and its attach stream go through the
    SDK, and the run is judged as on the local socket."""
    relay = _TcpToUnix("/var/run/docker.sock")
    try:
        env = {
            **os.environ,
            "DOCKER_HOST": f"tcp://127.0.0.1:{relay.port}",
            "JUDGE_RUNTIME_DIR": str(tmp_path),
        }
        ref = REPO / "solutions_reference" / "two_sum" / "accepted" / "reference.py"
        proc = subprocess.run(
            [
                sys.executable,
                "-m",
                "judge",
                "run",
                "two_sum",
                str(ref),
                "--no-complexity",
                "--format",
                "json",
            ],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert proc.returncode == 0, proc.stderr[-2000:]
        report = json.loads(proc.stdout)
        assert report["sandbox"] == "docker" and report["verdict"] == "AC", report["notes"]
        assert isinstance(connect(), UnixEngine)  # this process: DOCKER_HOST unchanged here
    finally:
        relay.close()
