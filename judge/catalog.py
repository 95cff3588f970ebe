"""Finding problem folders and loading them, once, into frozen `Problem`s and `Case`s.

Everything is validated here, at the boundary: a malformed folder fails with the file and
the field at fault, never with a KeyError halfway through a run.
"""

from __future__ import annotations

import difflib
import json
import os
import re
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

import yaml

from judge.errors import ProblemFormatError, ProblemNotFound
from judge.models import (
    Case,
    CheckerSpec,
    ComplexitySpec,
    EntryPoint,
    Limits,
    Problem,
    SqlSpec,
)

KIND_DIRS = {"python": "algorithms", "sql": "sql"}
DIFFICULTIES = ("easy", "medium", "hard")
SLUG_RE = re.compile(r"^[a-z][a-z0-9_]*$")

_TOP_KEYS = {
    "title",
    "kind",
    "difficulty",
    "tags",
    "entry_point",
    "limits",
    "checker",
    "complexity",
    "tables",
    "result",
}
_REQUIRED = {"title", "kind", "difficulty"}
_SECTION_KEYS = {
    "entry_point": {"function", "class", "leetcode_method"},
    "limits": {"time_ms", "time_multiplier", "memory_mb", "output_kb"},
    "complexity": {"expected", "sizes"},
    "result": {"columns", "ordered", "abs_tol"},
}


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def problems_root() -> Path:
    """Where problems live: $JUDGE_PROBLEMS, else the `problems/` folder beside the package."""
    env = os.environ.get("JUDGE_PROBLEMS")
    return Path(env).resolve() if env else repo_root() / "problems"


def solutions_root() -> Path:
    """Reference solutions are kept apart so problems can be handed out without them."""
    env = os.environ.get("JUDGE_SOLUTIONS")
    return Path(env).resolve() if env else problems_root().parent / "solutions_reference"


def _problem_dirs(root: Path) -> Iterator[Path]:
    for kind_dir in KIND_DIRS.values():
        base = root / kind_dir
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


class _Fields:
    """Typed access to one mapping of problem.yaml, failing with the file and field named."""

    def __init__(self, data: Mapping[str, Any], path: Path, prefix: str = "") -> None:
        self.data, self.path, self.prefix = data, path, prefix

    def fail(self, key: str, what: str) -> ProblemFormatError:
        return ProblemFormatError(f"{self.path}: field '{self.prefix}{key}' {what}")

    def check_keys(self, allowed: set[str], required: set[str] = frozenset()) -> None:  # type: ignore[assignment]
        for key in self.data:
            if key not in allowed:
                close = difflib.get_close_matches(str(key), sorted(allowed), n=1)
                hint = f"; did you mean '{self.prefix}{close[0]}'?" if close else ""
                raise self.fail(str(key), f"is not known{hint}")
        for key in sorted(required):
            if key not in self.data:
                raise self.fail(key, "is missing")

    def get(self, key: str, typ: type | tuple[type, ...], default: Any = None) -> Any:
        if key not in self.data:
            return default
        value = self.data[key]
        if isinstance(value, bool) and bool not in (typ if isinstance(typ, tuple) else (typ,)):
            raise self.fail(key, f"must be {_type_name(typ)}, not {value!r}")
        if not isinstance(value, typ):
            raise self.fail(key, f"must be {_type_name(typ)}, not {value!r}")
        return value

    def positive(self, key: str, default: float) -> Any:
        value = self.get(key, (int, float), default)
        if value <= 0:
            raise self.fail(key, f"must be positive, not {value!r}")
        return value

    def section(self, key: str) -> _Fields | None:
        value = self.get(key, dict)
        if value is None:
            return None
        sub = _Fields(value, self.path, f"{self.prefix}{key}.")
        sub.check_keys(_SECTION_KEYS[key])
        return sub

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.get(key, list, [])
        if not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)


def _type_name(typ: type | tuple[type, ...]) -> str:
    names = {int: "a number", float: "a number", str: "a string", list: "a list", dict: "a mapping"}
    types = typ if isinstance(typ, tuple) else (typ,)
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types))


def read_yaml(path: Path) -> Any:
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ProblemFormatError(f"{path}: is not valid YAML{where}") from exc
    except OSError as exc:
        raise ProblemFormatError(f"{path}: cannot be read ({exc.strerror})") from exc


def load_problem_dir(path: Path) -> Problem:
    yaml_path = path / "problem.yaml"
    data = read_yaml(yaml_path)
    if not isinstance(data, dict):
        raise ProblemFormatError(f"{yaml_path}: must be a mapping of fields (title, kind, ...)")
    f = _Fields(data, yaml_path)
    f.check_keys(_TOP_KEYS, _REQUIRED)
    if not SLUG_RE.match(path.name):
        raise ProblemFormatError(
            f"{path}: folder name must be a slug (lowercase letters, digits, underscores)"
        )
    kind = f.get("kind", str)
    if kind not in KIND_DIRS:
        raise f.fail("kind", f"must be one of {', '.join(KIND_DIRS)}, not {kind!r}")
    expected_dir = KIND_DIRS[kind]
    if path.parent.name != expected_dir:
        raise f.fail("kind", f"is {kind!r}, so the folder belongs in problems/{expected_dir}/")
    difficulty = f.get("difficulty", str)
    if difficulty not in DIFFICULTIES:
        raise f.fail("difficulty", f"must be one of {', '.join(DIFFICULTIES)}")

    limits = _limits(f.section("limits"))
    common = dict(
        slug=path.name,
        kind=kind,
        title=f.get("title", str),
        difficulty=difficulty,
        tags=f.str_list("tags"),
        path=path,
        limits=limits,
    )
    if kind == "python":
        for key in ("tables", "result"):
            if key in data:
                raise f.fail(key, "is for SQL problems only")
        return Problem(
            **common,
            checker=_checker(f),
            entry_point=_entry_point(f),
            complexity=_complexity(f),
        )
    for key in ("entry_point", "complexity", "checker"):
        if key in data:
            raise f.fail(key, "is for Python problems only")
    sql = _sql(f)
    checker = CheckerSpec("rows", {"ordered": sql.ordered, "abs_tol": sql.abs_tol})
    return Problem(**common, checker=checker, sql=sql)


def _limits(f: _Fields | None) -> Limits:
    if f is None:
        return Limits()
    d = Limits()
    return Limits(
        time_ms=int(f.positive("time_ms", d.time_ms)),
        time_multiplier=float(f.positive("time_multiplier", d.time_multiplier)),
        memory_mb=int(f.positive("memory_mb", d.memory_mb)),
        output_kb=int(f.positive("output_kb", d.output_kb)),
    )


def _entry_point(f: _Fields) -> EntryPoint:
    ep = f.section("entry_point")
    if ep is None:
        raise f.fail("entry_point", "is missing (give `function: name` or `class: Name`)")
    function, cls = ep.get("function", str), ep.get("class", str)
    if (function is None) == (cls is None):
        raise ep.fail("function", "or 'entry_point.class' must be given, exactly one of them")
    for key, value in (("function", function), ("class", cls)):
        if value is not None and not value.isidentifier():
            raise ep.fail(key, f"must be a Python identifier, not {value!r}")
    return EntryPoint(function, cls, ep.get("leetcode_method", str))


def _checker(f: _Fields) -> CheckerSpec:
    from judge.checkers import CHECKERS

    raw = f.data.get("checker", "exact")
    if isinstance(raw, str):
        name, options = raw, {}
    elif isinstance(raw, dict) and isinstance(raw.get("name"), str):
        name, options = raw["name"], {k: v for k, v in raw.items() if k != "name"}
    else:
        raise f.fail("checker", "must be a checker name or a mapping with `name:`")
    if name not in CHECKERS:
        close = difflib.get_close_matches(name, sorted(CHECKERS), n=1)
        hint = f"; did you mean '{close[0]}'?" if close else f" (one of {', '.join(sorted(CHECKERS))})"
        raise f.fail("checker", f"names an unknown checker {name!r}{hint}")
    try:
        CHECKERS[name].validate(options, f.path.parent)
    except ValueError as exc:
        raise f.fail("checker", str(exc)) from exc
    return CheckerSpec(name, options)


def _complexity(f: _Fields) -> ComplexitySpec | None:
    from judge.complexity_classes import parse_class

    c = f.section("complexity")
    if c is None:
        return None
    expected = c.get("expected", str)
    if expected is None:
        raise c.fail("expected", "is missing (for example `O(n)`)")
    try:
        parse_class(expected)
    except ValueError as exc:
        raise c.fail("expected", str(exc)) from exc
    sizes = c.get("sizes", list, [])
    if not all(isinstance(s, int) and not isinstance(s, bool) and s > 0 for s in sizes):
        raise c.fail("sizes", "must be a list of positive integers")
    return ComplexitySpec(expected, tuple(sizes))


def _sql(f: _Fields) -> SqlSpec:
    tables = f.str_list("tables")
    if not tables:
        raise f.fail("tables", "must list the tables in schema.sql")
    r = f.section("result")
    if r is None:
        raise f.fail("result", "is missing (give `columns:` and `ordered:`)")
    columns = r.str_list("columns")
    if not columns:
        raise r.fail("columns", "must list the result's column names")
    abs_tol = r.get("abs_tol", (int, float), 0)
    if abs_tol < 0:
        raise r.fail("abs_tol", "must not be negative")
    return SqlSpec(tables, columns, bool(r.get("ordered", bool, False)), float(abs_tol))


# --- test cases ---------------------------------------------------------------------------


def _natural_key(path: Path) -> tuple[Any, ...]:
    return tuple(int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.stem))


def load_cases(problem: Problem, *, samples_only: bool = False) -> list[Case]:
    """Samples first, then hidden tests, each group in natural order of names."""
    if problem.kind == "sql":
        from judge.sql.fixtures import load_fixture_cases

        return load_fixture_cases(problem, samples_only=samples_only)
    groups = [("samples", True)] if samples_only else [("samples", True), ("hidden", False)]
    cases: list[Case] = []
    for folder, sample in groups:
        base = problem.path / "tests" / folder
        if not base.is_dir():
            if sample:
                raise ProblemFormatError(f"{base}: missing; add at least one sample test")
            continue
        for file in sorted(base.glob("*.json"), key=_natural_key):
            cases.append(_load_case(file, sample, problem))
    if not cases:
        raise ProblemFormatError(f"{problem.path / 'tests'}: no test cases (*.json) found")
    return cases


def _load_case(path: Path, sample: bool, problem: Problem) -> Case:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ProblemFormatError(f"{path}: is not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ProblemFormatError(f"{path}: must be an object with 'input' and 'expected'")
    unknown = set(data) - {"input", "expected", "generate"}
    if unknown:
        raise ProblemFormatError(f"{path}: unknown field '{sorted(unknown)[0]}'")
    if "expected" not in data:
        raise ProblemFormatError(f"{path}: field 'expected' is missing")
    if ("input" in data) == ("generate" in data):
        raise ProblemFormatError(f"{path}: give exactly one of 'input' and 'generate'")
    generate = None
    if "generate" in data:
        g = data["generate"]
        if not (
            isinstance(g, dict) and set(g) == {"n", "seed"} and all(isinstance(v, int) for v in g.values())
        ):
            raise ProblemFormatError(f'{path}: field \'generate\' must be {{"n": int, "seed": int}}')
        if not (problem.path / "generator.py").is_file():
            raise ProblemFormatError(f"{path}: uses 'generate' but {problem.path}/generator.py is missing")
        generate = (g["n"], g["seed"])
    else:
        _check_input_shape(path, data["input"], problem)
    return Case(
        name=path.stem,
        sample=sample,
        input=data.get("input"),
        expected=data["expected"],
        source=path,
        generate=generate,
    )


def _check_input_shape(path: Path, value: Any, problem: Problem) -> None:
    ep = problem.entry_point
    if not isinstance(value, dict):
        raise ProblemFormatError(f"{path}: field 'input' must be an object")
    if ep is not None and ep.is_class:
        ops, args = value.get("operations"), value.get("arguments")
        if not (isinstance(ops, list) and isinstance(args, list) and len(ops) == len(args) and ops):
            raise ProblemFormatError(
                f"{path}: field 'input' must have 'operations' and 'arguments' lists of equal length"
            )
        if ops[0] != ep.class_name:
            raise ProblemFormatError(f"{path}: the first operation must be '{ep.class_name}'")
