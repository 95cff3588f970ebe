"""Runs a learner's Python: loads it once, then answers one request per test.

Started by the supervisor as `python3 -I -S python_worker.py REQ_FD RES_FD`. Every answer is
converted to plain JSON values here, so the comparison outside never touches a learner object
(a returned object with a lying __eq__ becomes whatever its real data is, or is refused).
"""

from __future__ import annotations

import ast
import json
import linecache
import os
import sys
import time
import traceback
from typing import Any

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import channel

FILENAME = "solution.py"
LEETCODE_PRELUDE = """\
from typing import *
from collections import *
from heapq import *
from bisect import *
from math import *
from functools import *
from itertools import *
import collections, heapq, bisect, math, functools, itertools, operator, re, string, random
"""
MAX_DEPTH = 64
MAX_ERROR = 4000
MAX_VALUE_BYTES = 16 << 20
"""An answer bigger than this as JSON is an output limit, not a transfer to wait out."""


class LoadError(Exception):
    pass


class NotPlain(Exception):
    pass


def to_plain(value: Any, depth: int = 0) -> Any:
    """Copy a return value into JSON types through the base types' own methods.

    Types are read with type() and its MRO, never isinstance(), which a class can fool by
    faking __class__; values are read through the base types' slots, never the learner's.
    """
    if depth > MAX_DEPTH:
        raise NotPlain("a structure nested too deeply")
    if value is None or value is True or value is False:
        return value
    mro = type(value).__mro__
    if int in mro:
        return int.__index__(value)
    if float in mro:
        return float.__float__(value)
    if str in mro:
        return str.__str__(value)
    if list in mro or tuple in mro:
        items = list.__iter__(value) if list in mro else tuple.__iter__(value)
        return [to_plain(v, depth + 1) for v in items]
    if set in mro or frozenset in mro:
        members = set.__iter__(value) if set in mro else frozenset.__iter__(value)
        return sorted((to_plain(v, depth + 1) for v in members), key=repr)
    if dict in mro:
        return {str(to_plain(k, depth + 1)): to_plain(v, depth + 1) for k, v in dict.items(value)}
    if type(value).__module__ == "numpy" and hasattr(type(value), "tolist"):
        try:
            listed = type(value).tolist(value)
        except Exception:  # noqa: BLE001 - a fake numpy object is the learner's problem
            raise NotPlain(f"a value of type {type(value).__name__}") from None
        return to_plain(listed, depth + 1)
    raise NotPlain(f"a value of type {type(value).__name__}")


def _safe_str(value: object) -> str:
    """str() of a learner's object, which may raise or lie: fall back to its type's name."""
    try:
        text = str(value)
        return str.__str__(text) if str in type(text).__mro__ else type(value).__name__
    except Exception:  # noqa: BLE001
        return f"<{type(value).__name__}>"


def _error_text(exc: BaseException) -> str:
    """The traceback through the learner's code only, last frames first to survive truncation."""
    try:
        frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == FILENAME]
    except Exception:  # noqa: BLE001
        frames = []
    lines = [f"{type(exc).__name__}: {_safe_str(exc)}".rstrip(": ")]
    for f in reversed(frames[-5:]):
        lines.append(f"  line {f.lineno}, in {f.name}: {(f.line or '').strip()}")
    return "\n".join(lines)[:MAX_ERROR]


def load(setup: dict[str, Any]) -> Any:
    source = setup["source"]
    try:
        tree = ast.parse(source, filename=FILENAME)
    except SyntaxError as exc:
        raise LoadError(f"SyntaxError: {exc.msg} (line {exc.lineno})") from None
    except ValueError as exc:  # NUL bytes and the like
        raise LoadError(f"cannot be parsed: {exc}") from None
    linecache.cache[FILENAME] = (len(source), None, source.splitlines(True), FILENAME)
    # A language built on this worker (pandas) ships an adapter that converts each test's
    # input before the call and the answer after it; it loads before the learner's code does.
    adapter: dict[str, Any] = {"__name__": "judge_adapter"}
    if setup.get("adapter"):
        exec(setup["adapter"], adapter)
    namespace: dict[str, Any] = {"__name__": "solution", "__file__": FILENAME}
    # LeetCode's pre-imports, whatever the form (a class-design `class LRUCache(OrderedDict)`
    # too). `from math import *` would hide the built-in three-argument pow: it stays built in.
    exec(LEETCODE_PRELUDE, namespace)
    del namespace["pow"]
    try:
        exec(compile(tree, FILENAME, "exec"), namespace)
    except MemoryError:
        raise
    except BaseException as exc:  # noqa: BLE001 - anything the learner raises at load is a CE
        raise LoadError("raised while loading: " + _error_text(exc)) from None
    target = _entry(namespace, setup)
    return adapter["wrap"](target) if "wrap" in adapter else target


def _entry(ns: dict[str, Any], setup: dict[str, Any]) -> Any:
    if setup.get("class"):
        cls = ns.get(setup["class"])
        if not isinstance(cls, type):
            raise LoadError(f"{FILENAME} defines no class {setup['class']}")
        return cls
    name, lc = setup["function"], setup.get("leetcode_method")
    fn = ns.get(name)
    if callable(fn) and not isinstance(fn, type):
        return fn
    solution = ns.get("Solution")
    for method in dict.fromkeys(m for m in (lc, name) if m):
        if isinstance(solution, type) and callable(getattr(solution, method, None)):
            return lambda *args, _m=method: getattr(solution(), _m)(*args)
    lc_hint = f" (or class Solution with method {lc})" if lc else ""
    raise LoadError(f"{FILENAME} defines no function {name}{lc_hint}")


def call(target: Any, setup: dict[str, Any], data: Any) -> Any:
    if setup.get("class"):
        ops, args = data["operations"], data["arguments"]
        obj = target(*args[0])
        out: list[Any] = [None]
        for i, (op, a) in enumerate(zip(ops[1:], args[1:], strict=True), start=1):
            try:
                method = getattr(obj, op)
            except AttributeError:
                raise AttributeError(f"{setup['class']} has no method {op} (operation {i})") from None
            out.append(method(*a))
        return out
    return target(*data.values())


def run_case(target: Any, setup: dict[str, Any], request: dict[str, Any]) -> dict[str, Any]:
    raw = request["input"]
    repeat = max(1, int(request.get("repeat", 1)))
    best = float("inf")
    cpu_total = 0.0
    result: Any = None
    for i in range(repeat):
        data = raw if i == 0 else json.loads(json.dumps(raw))
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            result = call(target, setup, data)
        except MemoryError:
            return {"status": "memory", "error": "MemoryError"}
        except SystemExit as exc:
            code = exc.code if exc.code is None or type(exc.code) in (int, str) else _safe_str(exc.code)
            return {"status": "exit", "error": f"called exit({code!r})"[:MAX_ERROR]}
        except BaseException as exc:  # noqa: BLE001 - the learner's exception is their RE
            return {"status": "exception", "error": _error_text(exc)}
        t1, c1 = time.perf_counter(), time.process_time()
        best = min(best, t1 - t0)
        cpu_total += c1 - c0
    try:
        value = to_plain(result)
        size = len(json.dumps(value))
    except NotPlain as exc:
        return {"status": "bad_value", "error": f"returned {exc}, which cannot be compared"}
    except RecursionError:
        return {"status": "bad_value", "error": "returned a structure nested too deeply"}
    except MemoryError:
        return {"status": "memory", "error": "MemoryError while reading the returned value"}
    except Exception as exc:  # noqa: BLE001 - whatever the returned object does is the learner's
        return {
            "status": "bad_value",
            "error": f"returned a value that cannot be read ({type(exc).__name__})",
        }
    if size > MAX_VALUE_BYTES:
        return {"status": "output_limit", "error": f"returned an answer of {size} bytes as JSON"}
    return {"status": "ok", "value": value, "time_ms": best * 1000, "cpu_ms": cpu_total * 1000 / repeat}


def _flush() -> None:
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BaseException:  # noqa: BLE001 - a learner who closed stdout still gets judged
        pass


def serve(ch: channel.Channel) -> None:
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    sys.stderr.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    setup = ch.receive_setup()
    if setup is None:
        return
    try:
        target = load(setup)
    except LoadError as exc:
        ch.send({"status": "load_error", "error": str(exc)})
        return
    except MemoryError:
        ch.send({"status": "memory", "error": "MemoryError while loading"})
        return
    _flush()  # what loading printed goes out before `ready`, to be shown with the first test
    ch.send({"status": "ready"})
    while (request := ch.receive()) is not None:
        outcome = run_case(target, setup, request)
        _flush()
        try:
            ch.send(outcome)
        except (TypeError, ValueError):
            ch.send({"status": "bad_value", "error": "returned a value that is not valid JSON"})


if __name__ == "__main__":
    channel.main(serve)
