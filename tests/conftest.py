"""Shared fixtures: a private cache, real sandboxes (local and Docker), submission helpers."""

from __future__ import annotations

import os
import signal
import textwrap
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from judge.catalog import load_problem
from judge.judging import judge_source
from judge.models import Report
from judge.sandbox import Sandbox
from judge.sandbox.local import LocalSandbox

REPO = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")

# A suite started in the background (`make test &`, nohup) inherits Ctrl-C ignored, and so
# would every judge it starts: the tests of what Ctrl-C does need it as a terminal gives it.
if signal.getsignal(signal.SIGINT) == signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(autouse=True, scope="session")
def _private_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Generated inputs and reference timings go to a cache of the test session's own."""
    old = os.environ.get("JUDGE_CACHE_DIR")
    os.environ["JUDGE_CACHE_DIR"] = str(tmp_path_factory.mktemp("judge-cache"))
    yield
    if old is None:
        os.environ.pop("JUDGE_CACHE_DIR", None)
    else:
        os.environ["JUDGE_CACHE_DIR"] = old


def docker_or_skip() -> Sandbox:
    """The Docker sandbox, or a skip with the reason; under CI=true a missing engine fails."""
    from judge.sandbox import engine
    from judge.sandbox.docker import DockerSandbox

    status = engine.probe()
    if not status.ready:
        if IN_CI:
            pytest.fail(f"CI=true but the Docker sandbox is not ready: {status.reason}")
        pytest.skip(f"Docker sandbox not available: {status.reason}")
    return DockerSandbox(status.image)


@pytest.fixture(scope="session")
def docker_sandbox() -> Sandbox:
    return docker_or_skip()


@pytest.fixture(scope="session")
def local_sandbox() -> Sandbox:
    return LocalSandbox()


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "warm: runs on the warm path (a `judge warm` process of the session's own)"
    )
    from judge.warm import code_version

    code_version()  # the code this session imported: a warm process started from files edited
    # since (a long run while others commit) is then refused by name, not misread


@pytest.fixture(autouse=True, scope="session")
def _private_runtime(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No warm process of the user's is found by the tests' runs (they run cold, unless a
    test takes a warm sandbox explicitly)."""
    old = os.environ.get("JUDGE_RUNTIME_DIR")
    folder = tmp_path_factory.mktemp("judge-runtime")
    folder.chmod(0o700)
    os.environ["JUDGE_RUNTIME_DIR"] = str(folder)
    yield
    if old is None:
        os.environ.pop("JUDGE_RUNTIME_DIR", None)
    else:
        os.environ["JUDGE_RUNTIME_DIR"] = old


@pytest.fixture(scope="session")
def warm_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[dict[str, object]]:
    """A real warm process for the session, in a folder of its own: {"path", "backends"}."""
    from judge.warm import client

    folder = tmp_path_factory.mktemp("judge-warm")
    folder.chmod(0o700)
    old = os.environ.get("JUDGE_RUNTIME_DIR")
    os.environ["JUDGE_RUNTIME_DIR"] = str(folder)
    try:
        info = client.start("auto", size=2, idle_minutes=30)
    finally:
        if old is not None:
            os.environ["JUDGE_RUNTIME_DIR"] = old
    yield {"path": folder / "warm.sock", "backends": info["backends"], "folder": folder}
    os.environ["JUDGE_RUNTIME_DIR"] = str(folder)
    try:
        client.stop()
    finally:
        if old is not None:
            os.environ["JUDGE_RUNTIME_DIR"] = old


def warm_or_skip(server: dict[str, object], backend: str) -> Sandbox:
    from judge.warm.client import WarmSandbox

    backends = server["backends"]
    assert isinstance(backends, dict)
    if backend not in backends:
        if backend == "docker":
            docker_or_skip()  # the reason, or a failure under CI
        pytest.skip(f"no warm {backend} sandboxes here")
    return WarmSandbox(backend, tuple(backends[backend]["notes"]), path=server["path"])  # type: ignore[arg-type]


@pytest.fixture(scope="session")
def local_warm_sandbox(warm_server: dict[str, object]) -> Sandbox:
    return warm_or_skip(warm_server, "local")


@pytest.fixture(scope="session")
def docker_warm_sandbox(warm_server: dict[str, object]) -> Sandbox:
    return warm_or_skip(warm_server, "docker")


@pytest.fixture(
    params=[
        "local",
        pytest.param("docker", marks=pytest.mark.docker),
        pytest.param("local-warm", marks=pytest.mark.warm),
        pytest.param("docker-warm", marks=[pytest.mark.docker, pytest.mark.warm]),
    ]
)
def sandbox(request: pytest.FixtureRequest) -> Sandbox:
    """Each test that takes this runs under both backends, cold and warm: one suite, the
    same verdicts."""
    return request.getfixturevalue(f"{request.param.replace('-', '_')}_sandbox")


JudgeFn = Callable[..., Report]


@pytest.fixture
def judge_code(sandbox: Sandbox) -> JudgeFn:
    """judge_code(slug, source) -> Report, in the parametrized sandbox, without complexity."""

    def run(slug: str, source: str, **kwargs: object) -> Report:
        problem = load_problem(slug)
        return judge_source(problem, textwrap.dedent(source), sandbox, complexity=False, **kwargs)  # type: ignore[arg-type]

    return run


def reference_path(slug: str, folder: str = "accepted", name: str = "reference") -> Path:
    found = sorted((REPO / "solutions_reference" / slug / folder).glob(f"{name}.*"))
    assert found, f"no {folder}/{name}.* for {slug}"
    return found[0]
