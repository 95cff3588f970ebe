"""Typed reading of problem.yaml, shared by the catalog and the languages that parse their
own sections: every failure names the file and the field, with a did-you-mean."""

from __future__ import annotations

import difflib
from collections.abc import Collection, Mapping
from pathlib import Path
from typing import Any

from judge.errors import ProblemFormatError

_CACHE_KIND = "yaml"


def read_yaml(path: Path) -> Any:
    """The file's data. A file read before comes from the cache as JSON (keyed by its text):
    a judged run then never imports the YAML library (~15 ms of a cold start)."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ProblemFormatError(f"{path}: cannot be read ({exc.strerror})") from exc
    from judge import cache

    key = cache.digest([_CACHE_KIND, text])
    cached = cache.read_json(_CACHE_KIND, key)
    if isinstance(cached, dict) and "data" in cached:
        return cached["data"]
    data = _parse(path, text)
    if _plain(data):  # dates, sets and the like would not come back from JSON as they were
        cache.write_json(_CACHE_KIND, key, {"data": data})
    return data


def _parse(path: Path, text: str) -> Any:
    import yaml

    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        return yaml.load(text, Loader=loader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark else ""
        raise ProblemFormatError(f"{path}: is not valid YAML{where}") from exc


def _plain(value: Any) -> bool:
    """Made of what JSON gives back unchanged (str keys; no bool-for-int surprises either)."""
    if value is None or type(value) in (str, int, bool):
        return True
    if type(value) is float:
        return value == value and value not in (float("inf"), float("-inf"))
    if type(value) is list:
        return all(_plain(v) for v in value)
    if type(value) is dict:
        return all(type(k) is str and _plain(v) for k, v in value.items())
    return False


def type_name(typ: type | tuple[type, ...]) -> str:
    names = {int: "a number", float: "a number", str: "a string", list: "a list", dict: "a mapping"}
    types = typ if isinstance(typ, tuple) else (typ,)
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types))


class Fields:
    """Typed access to one mapping of problem.yaml, failing with the file and field named."""

    def __init__(self, data: Mapping[str, Any], path: Path, prefix: str = "") -> None:
        self.data, self.path, self.prefix = data, path, prefix

    def fail(self, key: str, what: str) -> ProblemFormatError:
        return ProblemFormatError(f"{self.path}: field '{self.prefix}{key}' {what}")

    def check_keys(self, allowed: Collection[str], required: Collection[str] = ()) -> None:
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
            raise self.fail(key, f"must be {type_name(typ)}, not {value!r}")
        if not isinstance(value, typ):
            raise self.fail(key, f"must be {type_name(typ)}, not {value!r}")
        return value

    def positive(self, key: str, default: float) -> Any:
        value = self.get(key, (int, float), default)
        if value <= 0:
            raise self.fail(key, f"must be positive, not {value!r}")
        return value

    def section(self, key: str, allowed: Collection[str]) -> Fields | None:
        value = self.get(key, dict)
        if value is None:
            return None
        sub = Fields(value, self.path, f"{self.prefix}{key}.")
        sub.check_keys(allowed)
        return sub

    def str_list(self, key: str) -> tuple[str, ...]:
        value = self.get(key, list, [])
        if not all(isinstance(v, str) for v in value):
            raise self.fail(key, "must be a list of strings")
        return tuple(value)
