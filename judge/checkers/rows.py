"""Query results compared as interviewers mean it.

Column names case-insensitively; rows as multisets unless the problem fixes an order;
numbers by value across INTEGER, DECIMAL and DOUBLE within the problem's tolerance; NULL equal
to NULL; dates by value (a midnight timestamp equals its date). A mismatch gives a compact
diff: the first few missing and unexpected rows, never a whole hidden dataset.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

from judge.checkers import CheckContext, Mismatch, register

SHOWN_ROWS = 3
EPSILON = 1e-9
_MIDNIGHT = re.compile(r"^(\d{4}-\d{2}-\d{2})[ T]00:00:00$")
_GREEDY_LIMIT = 3000


def _validate(options: dict[str, Any], problem_dir: Path) -> None:
    unknown = set(options) - {"ordered", "abs_tol"}
    if unknown:
        raise ValueError(f"unknown option {sorted(unknown)[0]!r}")


def _norm(value: Any) -> Any:
    if isinstance(value, str):
        m = _MIDNIGHT.match(value)
        return m.group(1) if m else value
    return value


def _is_num(v: Any) -> bool:
    """A number the comparison can do float arithmetic on; a learner's infinity or 4000-digit
    int (a pandas object column) is compared as a plain value, since converting it raises."""
    if isinstance(v, bool) or not isinstance(v, (int, float)):
        return False
    try:
        return math.isfinite(v)
    except OverflowError:
        return False


def _values_equal(e: Any, g: Any, tol: float) -> bool:
    if e is None or g is None:
        return e is None and g is None
    if isinstance(e, bool) or isinstance(g, bool):
        return type(e) is type(g) and e == g
    if _is_num(e) and _is_num(g):
        return abs(e - g) <= tol + EPSILON * max(1.0, abs(e), abs(g))
    return _norm(e) == _norm(g)


def _rows_equal(e: list[Any], g: list[Any], tol: float) -> bool:
    return len(e) == len(g) and all(_values_equal(a, b, tol) for a, b in zip(e, g, strict=True))


def _sort_key(row: list[Any]) -> tuple[Any, ...]:
    # NULLs first, then numbers by value, then text: a total order over mixed rows.
    return tuple(
        (0, 0, "") if v is None else (1, float(v), "") if _is_num(v) else (2, 0, str(_norm(v))) for v in row
    )


SHOWN_VALUE = 40
"""Characters of one value a message shows: enough to see the difference, never a dataset."""


def _fmt_value(v: Any) -> str:
    text = "NULL" if v is None else repr(v) if isinstance(v, str) else str(v)
    return text if len(text) <= SHOWN_VALUE else text[: SHOWN_VALUE - 3] + "..."


def _fmt(row: list[Any]) -> str:
    return "(" + ", ".join(_fmt_value(v) for v in row) + ")"


def _match_unordered(expected: list[list[Any]], got: list[list[Any]], tol: float) -> tuple[list, list]:
    """Rows of expected with no partner in got, and rows of got with none in expected."""
    exp, have = sorted(expected, key=_sort_key), sorted(got, key=_sort_key)
    if len(exp) == len(have) and all(_rows_equal(e, g, tol) for e, g in zip(exp, have, strict=True)):
        return [], []
    if len(exp) * len(have) > _GREEDY_LIMIT**2:
        return _match_by_bucket(exp, have, tol)
    unmatched = list(have)
    missing = []
    for e in exp:
        for i, g in enumerate(unmatched):
            if _rows_equal(e, g, tol):
                del unmatched[i]
                break
        else:
            missing.append(e)
    return missing, unmatched


def _match_by_bucket(exp: list[list[Any]], have: list[list[Any]], tol: float) -> tuple[list, list]:
    """For results too big to pair greedily: numbers snapped to the tolerance's grid.

    Two values within tolerance can land in neighbouring cells, so a huge result may report a
    near-miss as a difference; only the message suffers, since the sorted comparison has
    already accepted every result that is equal row by row.
    """
    step = max(tol, EPSILON)

    def key(row: list[Any]) -> tuple[Any, ...]:
        return tuple(("n", round(v / step)) if _is_num(v) else ("v", _norm(v)) for v in row)

    pool: dict[tuple[Any, ...], list[list[Any]]] = {}
    for g in have:
        pool.setdefault(key(g), []).append(g)
    missing = []
    for e in exp:
        bucket = pool.get(key(e))
        if bucket:
            bucket.pop()
        else:
            missing.append(e)
    return missing, [g for rows in pool.values() for g in rows]


def _diff(missing: list, extra: list, n_expected: int, n_got: int) -> Mismatch:
    parts = [f"expected {n_expected} rows, got {n_got}" if n_expected != n_got else f"{n_expected} rows"]
    if missing:
        shown = "; ".join(_fmt(r) for r in missing[:SHOWN_ROWS])
        more = f" and {len(missing) - SHOWN_ROWS} more" if len(missing) > SHOWN_ROWS else ""
        parts.append(f"missing {len(missing)}: {shown}{more}")
    if extra:
        shown = "; ".join(_fmt(r) for r in extra[:SHOWN_ROWS])
        more = f" and {len(extra) - SHOWN_ROWS} more" if len(extra) > SHOWN_ROWS else ""
        parts.append(f"unexpected {len(extra)}: {shown}{more}")
    counts = [f"{len(rows)} {what}" for rows, what in ((missing, "missing"), (extra, "unexpected")) if rows]
    return Mismatch("; ".join(parts), f"wrong rows: {', '.join(counts)}")


@register("rows", validate=_validate)
def check(ctx: CheckContext, case_input: Any, expected: Any, got: Any) -> Mismatch | None:
    want_cols = [str(c).lower() for c in expected["columns"]]
    if (
        not isinstance(got, dict)
        or not isinstance(got.get("columns"), list)
        or not isinstance(got.get("rows"), list)
    ):
        return Mismatch("the query returned no result set", "the query returned no result set")
    if not all(type(row) is list for row in got["rows"]):
        # Only a forged answer has them (a pandas learner can write to the result channel).
        return Mismatch("the query returned rows that are not rows", "the query returned malformed rows")
    got_cols = [str(c).lower() for c in got["columns"]]
    if want_cols != got_cols:
        # The expected columns are public (the problem names them); the query's own names may
        # come from the data (PIVOT), so brief feedback counts them only.
        want = f"columns differ: expected ({', '.join(want_cols)})"
        return Mismatch(f"{want}, got ({', '.join(got_cols)})", f"{want}, got {len(got_cols)} columns")
    tol = float(ctx.options.get("abs_tol", 0.0))
    exp_rows, got_rows = expected["rows"], got["rows"]
    if ctx.options.get("ordered"):
        if len(exp_rows) == len(got_rows) and all(
            _rows_equal(e, g, tol) for e, g in zip(exp_rows, got_rows, strict=True)
        ):
            return None
        missing, extra = _match_unordered(exp_rows, got_rows, tol)
        if not missing and not extra:
            first = next(
                i
                for i, (e, g) in enumerate(zip(exp_rows, got_rows, strict=True))
                if not _rows_equal(e, g, tol)
            )
            return Mismatch(
                f"the right rows in the wrong order: row {first + 1} should be {_fmt(exp_rows[first])}",
                f"the right rows in the wrong order, from row {first + 1} on",
            )
        return _diff(missing, extra, len(exp_rows), len(got_rows))
    missing, extra = _match_unordered(exp_rows, got_rows, tol)
    if not missing and not extra:
        return None
    return _diff(missing, extra, len(exp_rows), len(got_rows))
