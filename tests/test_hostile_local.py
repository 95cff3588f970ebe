"""Issue 8 under attack, local sandbox: points 2 (privileges, what learner code sees, problem
code, cache), 3 (disk), 6 (the submission file), 8a (a judge under a memory limit).

Each attack runs the real CLI in a subprocess, as root and as an ordinary user (nobody, when
the tests run as root), in a private copy of the problems (tests/hostile.py). An attack that
works turns into an accepted answer; one that is stopped gets the verdict stated here. Every
case also checks that the problems, references, cache and submissions are byte-identical
afterwards, that no scratch is left behind, and that the judge's own peak memory stays small.
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hostile import (
    PEAK_LIMIT_KB,
    Result,
    World,
    differences,
    is_root,
    run_judge,
    seed_cache,
    snapshot,
    world,
)

SOLVE = """
def _solve(nums, target):
    seen = {}
    for i, x in enumerate(nums):
        if target - x in seen:
            return [seen[target - x], i]
        seen[x] = i
    return []

_BREACH = []

def two_sum(nums, target):
    if not _BREACH:
        _BREACH.append(attack())  # raises when the sandbox holds: RE
    return _solve(nums, target)  # the attack worked: an accepted answer shows it
"""

ATTACKS: dict[str, tuple[str, str]] = {
    # -- point 2: privileges and what learner code can see ---------------------------------
    "read-etc-shadow": ("def attack():\n    return open('/etc/shadow').read()\n", "RE"),
    "read-hidden-tests": (
        "import os\ndef attack():\n    d = '{problems}/algorithms/two_sum/tests/hidden'\n"
        "    return [open(os.path.join(d, f)).read() for f in os.listdir(d)]\n",
        "RE",
    ),
    "read-references": (
        "def attack():\n    return open('{solutions}/two_sum/accepted/reference.py').read()\n",
        "RE",
    ),
    "docker-socket": (
        "import socket\ndef attack():\n    for path in ('/var/run/docker.sock', '/run/docker.sock'):\n"
        "        try:\n            s = socket.socket(socket.AF_UNIX)\n            s.connect(path)\n"
        "            return path\n        except OSError:\n            pass\n"
        "    raise PermissionError('no socket')\n",
        "RE",
    ),
    "root-or-capabilities": (
        "import os\ndef attack():\n    caps = [l for l in open('/proc/self/status') if l.startswith('CapEff')]\n"
        "    if os.getuid() == 0 or os.getgroups() or caps[0].split()[1].strip('0'):\n"
        "        return 'privileged'\n"
        "    os.setuid(0)\n",
        "RE",
    ),
    "see-host-processes": (
        "import os\ndef attack():\n    pids = [int(p) for p in os.listdir('/proc') if p.isdigit()]\n"
        "    if max(pids) > 50:\n        return pids\n    raise LookupError(pids)\n",
        "RE",
    ),
    "home-and-judge-files": (
        "import os\ndef attack():\n"
        "    for p in ('{root}/problems', '{root}/cache', '{root}/subs', '/root/.ssh', '/root/.bashrc',\n"
        "              '/home', '/etc/hostname', '/work/main/problems', '/work/main/.git'):\n"
        "        if os.path.exists(p):\n            return p\n"
        "    raise FileNotFoundError('nothing')\n",
        "RE",
    ),
    # -- point 3: disk -----------------------------------------------------------------------
    "fill-disk-500mb": (
        "def attack():\n    block = b'x' * (1 << 20)\n    for i in range(63):\n"
        "        with open(f'f{{i}}', 'wb') as fh:\n            for _ in range(8):\n"
        "                fh.write(block)\n    return 'wrote 504 MB'\n",
        "RE",
    ),
    "write-outside-scratch": (
        "import os\ndef attack():\n    here = os.stat('.').st_dev\n"
        "    for p in ('{tmp}/escape', '{root}/escape', '/var/tmp/escape-{tag}', '/dev/shm/escape-{tag}',\n"
        "              '/escape', '/usr/escape', '/etc/escape', '/proc/escape', '{problems}/escape'):\n"
        "        try:\n            with open(p, 'w') as fh:\n                fh.write('x')\n"
        "        except OSError:\n            continue\n"
        "        if os.stat(p).st_dev != here:\n            return p\n"
        "    raise PermissionError('every write outside scratch was refused')\n",
        "RE",
    ),
}

REWRITE_CHECKER = """
def two_sum(nums, target):
    try:
        with open('{problems}/algorithms/two_sum/checker.py', 'w') as fh:
            fh.write('def check(*args):\\n    return None\\n')
    except OSError:
        pass
    return [0, 0]  # wrong, unless the checker was replaced
"""

POISON_CACHE = """
import json, os

def _poison():
    for folder, _, files in os.walk('{cache}'):
        for name in files:
            try:
                with open(os.path.join(folder, name), 'w') as fh:
                    fh.write(json.dumps({{"reference.py": 1e9}}))
            except OSError:
                pass

try:
    _poison()
except OSError:
    pass

def two_sum(nums, target):  # O(n^2): too slow unless the limits were poisoned
    n = len(nums)
    for i in range(n):
        for j in range(i + 1, n):
            if nums[i] + nums[j] == target:
                return [i, j]
    return []
"""


@pytest.fixture(params=[pytest.param(False, id="as-root"), pytest.param(True, id="as-user")])
def as_user(request: pytest.FixtureRequest) -> bool:
    if not request.param and not is_root():
        pytest.skip("the judge runs as root only when the tests do")
    return request.param


@pytest.fixture(scope="session")
def seeds() -> Iterator[dict[bool, Path]]:
    """Caches seeded by an honest run, made once per user and copied into each world."""
    made: dict[bool, Path] = {}
    yield made
    for cache in made.values():
        shutil.rmtree(cache.parent, ignore_errors=True)


@pytest.fixture
def seed(as_user: bool, seeds: dict[bool, Path]) -> Path:
    if as_user not in seeds:
        base = Path(tempfile.mkdtemp(prefix="hostile-seed-", dir="/tmp"))
        seeds[as_user] = seed_cache(as_user, base / "cache")
    return seeds[as_user]


def _judge(w: World, sub: Path, as_user: bool, *extra: str, **kwargs: object) -> tuple[Result, dict]:
    result = run_judge(
        w,
        "run",
        "two_sum",
        str(sub),
        "--sandbox",
        "local",
        "--format",
        "json",
        "--no-complexity",
        *extra,
        as_user=as_user,
        **kwargs,  # type: ignore[arg-type]
    )
    try:
        report = json.loads(result.stdout)
    except ValueError:
        report = {}
    return result, report


def _held(w: World, before: dict[str, str], result: Result, report: dict, verdict: str) -> None:
    assert result.code != 3, result.stderr[-2000:]
    assert report.get("verdict") == verdict, (
        report.get("verdict"),
        result.stderr[-2000:],
        result.stdout[-2000:],
    )
    assert differences(before, snapshot(*w.watched()), w.cache) == []
    assert list(w.tmp.iterdir()) == [], "a scratch folder was left behind"
    assert 0 < result.peak_kb < PEAK_LIMIT_KB


@pytest.mark.parametrize("attack", sorted(ATTACKS))
def test_an_attack_is_stopped(attack: str, as_user: bool, seed: Path) -> None:
    body, verdict = ATTACKS[attack]
    with world(as_user, seed) as w:
        tag = os.urandom(4).hex()
        text = body.format(problems=w.problems, solutions=w.solutions, root=w.root, tmp=w.tmp, tag=tag)
        sub = w.submission("attack.py", text + SOLVE)
        before = snapshot(*w.watched())
        result, report = _judge(w, sub, as_user)
        _held(w, before, result, report, verdict)
        for leftover in (Path(f"/var/tmp/escape-{tag}"), Path(f"/dev/shm/escape-{tag}")):
            assert not leftover.exists()


def test_a_rewritten_checker_is_not_believed(as_user: bool, seed: Path) -> None:
    """Point 2: the problem's checker.py is imported into the judge; learner code cannot
    change it, and a changed one would be refused (ProblemChanged), never used."""
    with world(as_user, seed) as w:
        sub = w.submission("rewrite.py", REWRITE_CHECKER.format(problems=w.problems))
        before = snapshot(*w.watched())
        result, report = _judge(w, sub, as_user)
        _held(w, before, result, report, "WA")


def test_a_poisoned_cache_is_not_believed(as_user: bool, seed: Path) -> None:
    """Point 2: the cache holds reference timings; learner code cannot reach it."""
    with world(as_user, seed) as w:
        sub = w.submission("poison.py", POISON_CACHE.format(cache=w.cache))
        before = snapshot(*w.watched())
        result, report = _judge(w, sub, as_user)
        _held(w, before, result, report, "TLE")


def test_tampered_cache_entries_are_computed_again(as_user: bool, seed: Path) -> None:
    """Point 2: an entry changed by anyone without the key is ignored, not trusted."""
    with world(as_user, seed) as w:
        entries = sorted((w.cache / "reference-times").glob("*.json"))
        assert entries, "the first run cached no reference timing"
        for entry in entries:
            header, _, _ = entry.read_bytes().partition(b"\n")
            entry.write_bytes(header + b"\n" + json.dumps({"reference.py": 1e9}).encode())
        slow = w.submission("slow.py", POISON_CACHE.format(cache="/nonexistent"))
        result, report = _judge(w, slow, as_user)
        assert report.get("verdict") == "TLE", result.stderr[-2000:]


# -- point 6: the submission file ---------------------------------------------------------


def _link(w: World, target: str) -> Path:
    path = w.subs / "solution.py"
    path.symlink_to(target)
    return path


@pytest.mark.parametrize(
    ("kind", "needle"),
    [
        ("link-to-shadow", "symbolic link"),
        ("link-to-hidden-test", "symbolic link"),
        ("link-to-dev-zero", "symbolic link"),
        ("fifo", "named pipe"),
        ("too-big", "larger than"),
    ],
)
def test_a_hostile_submission_file_is_refused(kind: str, needle: str, as_user: bool) -> None:
    with world(as_user) as w:
        hidden = sorted((w.problems / "algorithms/two_sum/tests/hidden").glob("*.json"))[0]
        secret = hidden.read_text().splitlines()[0][:40]
        if kind == "link-to-shadow":
            sub = _link(w, "/etc/shadow")
        elif kind == "link-to-hidden-test":
            sub = _link(w, str(hidden))
        elif kind == "link-to-dev-zero":
            sub = _link(w, "/dev/zero")
        elif kind == "fifo":
            sub = w.subs / "solution.py"
            os.mkfifo(sub)
            if is_root() and as_user:
                os.chown(sub, 65534, 65534)
        else:
            sub = w.submission("solution.py", "# " + "x" * (2 << 20) + "\n")
        result, _ = _judge(w, sub, as_user, timeout=60)
        lines = result.stderr.strip().splitlines()
        assert result.code == 2, result.stderr[-2000:]
        assert secret not in result.stderr and "root:" not in result.stderr
        if kind == "link-to-shadow" and as_user and "not readable" in lines[-1]:
            return  # click refuses it first: /etc/shadow is not readable by nobody
        assert len(lines) == 1 and needle in lines[0], result.stderr[-2000:]
        assert 0 < result.peak_kb < PEAK_LIMIT_KB
        assert stat.S_ISFIFO(os.lstat(sub).st_mode) or kind != "fifo"


# -- point 8: a judge started under a memory limit -----------------------------------------


def test_a_judge_under_ulimit_v_judges(as_user: bool, seed: Path) -> None:
    """`ulimit -v 2000000`: the pre-started worker used to ask for 4 GiB and fail: IE."""
    with world(as_user, seed) as w:
        sub = w.submission("honest.py", SOLVE.replace("_BREACH.append(attack())", "_BREACH.append(1)"))
        before = snapshot(*w.watched())
        result, report = _judge(w, sub, as_user, address_space_kb=2_000_000)
        assert result.code == 0, result.stderr[-2000:]
        assert report.get("verdict") == "AC"
        assert differences(before, snapshot(*w.watched()), w.cache) == []


# -- floods: the judge's own memory -------------------------------------------------------

FLOODS = {
    "disk-flood": (
        "def two_sum(nums, target):\n    [open(f'f{i}', 'wb').write(b'y' * (8 << 20)) for i in range(63)]\n",
        "RE",
    ),
    "stdout-flood": (
        "import sys\ndef two_sum(nums, target):\n    line = 'x' * (1 << 20)\n"
        "    for _ in range(1024):\n        sys.stdout.write(line)\n",
        "OLE",
    ),
    "stdout-one-endless-line": (
        "import os\ndef two_sum(nums, target):\n    block = b'y' * (1 << 20)\n"
        "    for _ in range(1024):\n        os.write(1, block)\n",
        "OLE",
    ),
    "result-channel-flood": (
        "import os, sys\nRES = int(sys.argv[2])\ndef two_sum(nums, target):\n"
        "    block = b'z' * (1 << 20)\n    for _ in range(1024):\n        os.write(RES, block)\n",
        None,
    ),
}


@pytest.mark.slow
@pytest.mark.parametrize("flood", sorted(FLOODS))
def test_a_flood_leaves_the_judge_small(flood: str, as_user: bool, seed: Path) -> None:
    """The judge's own peak memory stays under 256 MiB whatever the learner floods."""
    body, verdict = FLOODS[flood]
    with world(as_user, seed) as w:
        sub = w.submission("flood.py", body)
        before = snapshot(*w.watched())
        result, report = _judge(w, sub, as_user, timeout=600)
        print(f"{flood}: judge peak {result.peak_kb / 1024:.1f} MiB, verdict {report.get('verdict')}")
        assert result.code != 3, result.stderr[-2000:]
        assert report.get("verdict") not in (None, "AC", "IE")
        if verdict is not None:
            assert report["verdict"] == verdict
        assert differences(before, snapshot(*w.watched()), w.cache) == []
        assert list(w.tmp.iterdir()) == []
        assert 0 < result.peak_kb < PEAK_LIMIT_KB
