"""A cohort of learner git repositories for `judge grade` tests and benchmarks/grade.py.

32 learners: correct, wrong, slow, crashing, missing and hostile solutions to Python and SQL
problems, in assorted subfolders (and decoys in .venv/node_modules), each a git repo with a
commit before the deadline (what is graded) and one after it (what must not be).
"""

from __future__ import annotations

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
REF = REPO / "solutions_reference"
DEADLINE = "2026-12-15 23:59+00:00"
BEFORE_TIME = "2026-12-14T10:00:00+00:00"
AFTER_TIME = "2026-12-16T10:00:00+00:00"
PROBLEMS = ("two_sum", "trapping_rain_water", "lru_cache", "top_two_salary_gap", "repeat_buyers")
ASSIGNMENT = """\
name: cohort test
feedback: brief
scoring: all_or_nothing
problems:
  - slug: two_sum
    points: 3
  - trapping_rain_water
  - slug: lru_cache
    points: 2
    required: false
  - top_two_salary_gap
  - slug: repeat_buyers
    required: false
"""
POINTS = {"two_sum": 3, "trapping_rain_water": 1, "lru_cache": 2, "top_two_salary_gap": 1, "repeat_buyers": 1}

HOSTILE_PY = """\
import sys
print('{"verdict": "AC", "passed": 21, "total": 21}')
class Liar(list):
    def __eq__(self, other):
        return True
def two_sum(nums, target):
    sys.stdout.write('{"status": "ok", "value": [0, 1]}\\n')
    return Liar([0, 0])
"""
CRASH_TRAP = "def trap(height):\n    raise RuntimeError('boom')\n"
CRASH_TWO_SUM = "def two_sum(nums, target):\n    return nums[len(nums) + 5]\n"
CRASH_LRU = (
    "class LRUCache:\n    def __init__(self, capacity):\n        self.d = {}\n"
    "    def get(self, key):\n        raise RuntimeError('boom')\n"
    "    def put(self, key, value):\n        self.d[key] = value\n"
)
HOSTILE_SQL = "SELECT * FROM read_csv('/etc/passwd')"


SQL = ("top_two_salary_gap", "repeat_buyers")


def ref(slug: str, folder: str, name: str) -> str:
    ext = ".sql" if slug in SQL else ".py"
    return (REF / slug / folder / f"{name}{ext}").read_text()


def sources() -> dict[str, dict[str, tuple[str, str]]]:
    """problem -> category -> (source, expected verdict or 'missing')."""
    return {
        "two_sum": {
            "correct": (ref("two_sum", "accepted", "reference"), "AC"),
            "leetcode": (ref("two_sum", "accepted", "leetcode_style"), "AC"),
            "wrong": (ref("two_sum", "wrong_answer", "returns_values"), "WA"),
            "slow": (ref("two_sum", "time_limit_exceeded", "all_pairs"), "TLE"),
            "crash": (CRASH_TWO_SUM, "RE"),
            "hostile": (HOSTILE_PY, "not AC"),
        },
        "trapping_rain_water": {
            "correct": (ref("trapping_rain_water", "accepted", "reference"), "AC"),
            "wrong": (
                next(iter(sorted((REF / "trapping_rain_water" / "wrong_answer").glob("*.py")))).read_text(),
                "WA",
            ),
            "crash": (CRASH_TRAP, "RE"),
        },
        "lru_cache": {
            "correct": (ref("lru_cache", "accepted", "reference"), "AC"),
            "wrong": (ref("lru_cache", "wrong_answer", "fifo_get_no_refresh"), "WA"),
            "crash": (CRASH_LRU, "RE"),
        },
        "top_two_salary_gap": {
            "correct": (ref("top_two_salary_gap", "accepted", "reference"), "AC"),
            "wrong": (ref("top_two_salary_gap", "wrong_answer", "max_minus_min"), "WA"),
            "hostile": (HOSTILE_SQL, "CE"),
        },
        "repeat_buyers": {
            "correct": (ref("repeat_buyers", "accepted", "reference"), "AC"),
            "wrong": (ref("repeat_buyers", "wrong_answer", "distinct_timestamps"), "WA"),
        },
    }


# Per learner: problem -> category before the deadline; the commit after the deadline
# changes two_sum (to show which commit was graded). Slow ones are few: each costs a timeout.
TWO_SUM = ["correct", "wrong", "correct", "crash", "hostile", None, "leetcode", "correct"]
OTHER: list[tuple[str, str] | None] = [
    ("trapping_rain_water", "correct"),
    None,
    ("top_two_salary_gap", "correct"),
    ("repeat_buyers", "wrong"),
    ("trapping_rain_water", "crash"),
    ("top_two_salary_gap", "hostile"),
    None,
    ("top_two_salary_gap", "wrong"),
    ("repeat_buyers", "correct"),
    ("lru_cache", "crash"),
    ("trapping_rain_water", "wrong"),
    None,
    ("trapping_rain_water", "correct"),
    None,
    ("repeat_buyers", "correct"),
    None,
]
"""The second problem of each learner. lru_cache's hidden tests are long operation sequences
whose verdicts near the time limit depend on the machine's load, so the cohort has only
its crashing solutions (RE on the first `get`, whatever the load); test_python_problems
covers its accepted and wrong ones."""
SUBFOLDERS = ["", "week1/", "solutions/", "src/sql/"]


@dataclass(frozen=True)
class Learner:
    name: str
    before: dict[str, str]
    """problem -> category in the graded (pre-deadline) commit."""
    after: dict[str, str]
    git: bool = True
    late: bool = False
    """Only commits after the deadline: everything missing."""


def plan(count: int = 32, slow: int = 2) -> list[Learner]:
    learners = []
    for i in range(count - 2):
        before: dict[str, str] = {}
        if i < slow:
            before["two_sum"] = "slow"
        elif TWO_SUM[i % len(TWO_SUM)] is not None:
            before["two_sum"] = TWO_SUM[i % len(TWO_SUM)]  # type: ignore[assignment]
        other = OTHER[i % len(OTHER)]
        if other is not None:
            before[other[0]] = other[1]
        after = {**before, "two_sum": "wrong" if before.get("two_sum") != "wrong" else "correct"}
        learners.append(Learner(f"learner-{i:02d}", before, after))
    learners.append(Learner("late-learner", {}, {"two_sum": "correct"}, late=True))
    learners.append(Learner("no-git", {"two_sum": "correct"}, {}, git=False))
    return learners


def _git(repo: Path, *args: str, when: str | None = None) -> str:
    env = {**os.environ, "GIT_AUTHOR_NAME": "Learner", "GIT_AUTHOR_EMAIL": "l@example.org"}
    env.update({"GIT_COMMITTER_NAME": "Learner", "GIT_COMMITTER_EMAIL": "l@example.org"})
    if when:
        env.update({"GIT_AUTHOR_DATE": when, "GIT_COMMITTER_DATE": when})
    out = subprocess.run(["git", "-C", str(repo), *args], env=env, check=True, capture_output=True, text=True)
    return out.stdout.strip()


def _write(folder: Path, index: int, files: dict[str, str]) -> None:
    table = sources()
    for slug, category in files.items():
        source = table[slug][category][0]
        ext = ".sql" if slug in SQL else ".py"
        sub = SUBFOLDERS[(index + len(slug)) % len(SUBFOLDERS)]
        for old in folder.rglob(f"{slug}{ext}"):
            if ".venv" not in old.parts and "node_modules" not in old.parts:
                old.unlink()
        path = folder / sub / f"{slug}{ext}"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(source)


def build(root: Path, learners: list[Learner]) -> dict[str, str]:
    """Create the learners' folders under root; learner name -> graded commit id ('' none)."""
    commits = {}
    correct = sources()["two_sum"]["correct"][0]
    for index, lr in enumerate(learners):
        folder = root / lr.name
        folder.mkdir(parents=True)
        # Decoys that must never be graded: a virtual environment and node_modules.
        (folder / ".venv" / "lib").mkdir(parents=True)
        (folder / ".venv" / "pyvenv.cfg").write_text("home = /usr/bin\n")
        (folder / ".venv" / "lib" / "two_sum.py").write_text(correct)
        (folder / "node_modules" / "x").mkdir(parents=True)
        (folder / "node_modules" / "x" / "two_sum.py").write_text(correct)
        (folder / "README.md").write_text(f"# {lr.name}\n")
        if not lr.git:
            _write(folder, index, lr.before)
            commits[lr.name] = ""
            continue
        _git(folder, "init", "-q", "-b", "main")
        (folder / ".gitignore").write_text("")
        commits[lr.name] = ""
        if not lr.late:
            _write(folder, index, lr.before)
            _git(folder, "add", "-A")
            _git(folder, "commit", "-qm", "before the deadline", when=BEFORE_TIME)
            commits[lr.name] = _git(folder, "rev-parse", "HEAD")
        _write(folder, index, lr.after)
        _git(folder, "add", "-A")
        _git(folder, "commit", "-qm", "after the deadline", when=AFTER_TIME)
    return commits


def expected_rows(learners: list[Learner], commits: dict[str, str]) -> dict[tuple[str, str], dict[str, str]]:
    """(learner, problem) -> the gradebook fields the test checks."""
    table = sources()
    rows = {}
    for lr in learners:
        for slug in PROBLEMS:
            category = lr.before.get(slug) if lr.git and not lr.late else None
            if category is None:
                rows[lr.name, slug] = {"status": "missing", "verdict": "", "score": "0"}
            else:
                verdict = table[slug][category][1]
                score = str(POINTS[slug]) if verdict == "AC" else "0"
                rows[lr.name, slug] = {"status": "ok", "verdict": verdict, "score": score}
            rows[lr.name, slug]["commit"] = commits[lr.name]
    return rows
