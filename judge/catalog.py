"""Finding problem folders and loading them, once, into frozen `Problem`s and `Case`s.

Everything is validated here, at the boundary: a malformed folder fails with the file and
the field at fault, never with a KeyError halfway through a run. What differs between problem
kinds (their own problem.yaml sections, their tests) is asked of the kind's language.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path

from judge.errors import ProblemFormatError, ProblemNotFound
from judge.languages import kind_of, kinds
from judge.models import Case, Limits, Problem
from judge.paths import problems_root, repo_root, solutions_root
from judge.yamlfields import Fields, read_yaml

DIFFICULTIES = ("easy", "medium", "hard")
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")
COMMON_KEYS = frozenset({"title", "kind", "difficulty", "tags", "limits"})
REQUIRED_KEYS = frozenset({"title", "kind", "difficulty"})
LIMIT_KEYS = {"time_ms", "time_multiplier", "memory_mb", "output_kb"}


__all__ = ["problems_root", "repo_root", "solutions_root"]  # where they were first defined


def kind_folders() -> dict[str, str]:
    """Problem kind -> the folder under problems/ that holds its problems."""
    return {name: kind.folder for name, kind in kinds().items()}


def _problem_dirs(root: Path) -> Iterator[Path]:
    for folder in sorted(set(kind_folders().values())):
        base = root / folder
        if base.is_dir():
            for child in sorted(base.iterdir()):
                if (child / "problem.yaml").is_file():
                    yield child


def list_slugs(root: Path | None = None) -> list[str]:
    return sorted(p.name for p in _problem_dirs(root or problems_root()))


def find_problem_dir(slug: str, root: Path | None = None) -> Path:
    root = root or problems_root()
    for path in _problem_dirs(root):
        if path.name == slug:
            return path
    hint = difflib.get_close_matches(slug, list_slugs(root), n=1)
    suffix = f" Did you mean '{hint[0]}'?" if hint else " Run 'judge list' to see the problems."
    raise ProblemNotFound(f"Unknown problem '{slug}'.{suffix}")


def load_problem(slug: str, root: Path | None = None) -> Problem:
    return load_problem_dir(find_problem_dir(slug, root))


def load_all(root: Path | None = None) -> list[Problem]:
    return [load_problem_dir(p) for p in _problem_dirs(root or problems_root())]


def load_problem_dir(path: Path) -> Problem:
    yaml_path = path / "problem.yaml"
    data = read_yaml(yaml_path)
    if not isinstance(data, dict):
        raise ProblemFormatError(f"{yaml_path}: must be a mapping of fields (title, kind, ...)")
    f = Fields(data, yaml_path)
    all_kinds = kinds()
    f.check_keys(COMMON_KEYS.union(*(k.yaml_keys for k in all_kinds.values())), REQUIRED_KEYS)
    if not SLUG_RE.match(path.name):
        raise ProblemFormatError(
            f"{path}: folder name must be a slug (lowercase letters, digits, underscores)"
        )
    kind_name = f.get("kind", str)
    if kind_name not in all_kinds:
        raise f.fail("kind", f"must be one of {', '.join(sorted(all_kinds))}, not {kind_name!r}")
    kind = all_kinds[kind_name]
    if path.parent.name != kind.folder:
        raise f.fail("kind", f"is {kind_name!r}, so the folder belongs in problems/{kind.folder}/")
    for other in all_kinds.values():
        for key in sorted(other.yaml_keys - kind.yaml_keys):
            if key in data:
                raise f.fail(key, f"is for {other.label} problems only")
    difficulty = f.get("difficulty", str)
    if difficulty not in DIFFICULTIES:
        raise f.fail("difficulty", f"must be one of {', '.join(DIFFICULTIES)}")
    return Problem(
        slug=path.name,
        kind=kind_name,
        title=f.get("title", str),
        difficulty=difficulty,
        tags=f.str_list("tags"),
        path=path,
        limits=_limits(f.section("limits", LIMIT_KEYS)),
        **kind.parse(f, path),
    )


def _limits(f: Fields | None) -> Limits:
    if f is None:
        return Limits()
    d = Limits()
    return Limits(
        time_ms=int(f.positive("time_ms", d.time_ms)),
        time_multiplier=float(f.positive("time_multiplier", d.time_multiplier)),
        memory_mb=int(f.positive("memory_mb", d.memory_mb)),
        output_kb=int(f.positive("output_kb", d.output_kb)),
    )


def load_cases(problem: Problem, *, samples_only: bool = False) -> list[Case]:
    """Samples first, then hidden tests; how they are stored is the problem kind's business."""
    return kind_of(problem).load_cases(problem, samples_only)
