"""Shared fixtures: a private cache, real sandboxes (local and Docker), submission helpers."""

from __future__ import annotations

import os
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


@pytest.fixture(params=["local", pytest.param("docker", marks=pytest.mark.docker)])
def sandbox(request: pytest.FixtureRequest) -> Sandbox:
    """Each test that takes this runs under both backends: one suite, the same verdicts."""
    if request.param == "local":
        return request.getfixturevalue("local_sandbox")
    return request.getfixturevalue("docker_sandbox")


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
