"""Values as a learner reads them in a failing case: JSON text, shortened the way LeetCode does.

A long list shows its first and last items and its size (`[3, 1, 4, 1, 5, ..., 2, 6, 5]
(200000 items)`), a long string its start and length; only the items shown are rendered, so
previewing an input of a million items costs no more than previewing ten.
"""

from __future__ import annotations

import json
from typing import Any

WIDTH = 120
"""Characters a top-level value may take before it is shortened."""
HEAD, TAIL = 5, 3
"""Items of a shortened list shown from its start and from its end."""
ITEM_WIDTH = 24
"""Characters one item of a shortened list may take."""


def shorten(value: Any, width: int = WIDTH) -> str:
    """`value` as JSON text of at most about `width` characters (plus the size it gives)."""
    if isinstance(value, list):
        return _list(value, width)
    if isinstance(value, dict):
        return _dict(value, width)
    if isinstance(value, str):
        text = json.dumps(value, ensure_ascii=False)
        if len(text) <= width:
            return text
        return json.dumps(value[: max(8, width - 24)], ensure_ascii=False)[:-1] + f'..." ({len(value)} chars)'
    text = json.dumps(value)
    return text if len(text) <= width else text[: width - 3] + "..."


def _list(value: list[Any], width: int) -> str:
    n = len(value)
    if n <= 4 * (HEAD + TAIL):
        text = "[" + ", ".join(shorten(v, max(ITEM_WIDTH, width // max(n, 1))) for v in value) + "]"
        if len(text) <= width or n <= HEAD + TAIL:
            return text
    head = ", ".join(shorten(v, ITEM_WIDTH) for v in value[:HEAD])
    tail = ", ".join(shorten(v, ITEM_WIDTH) for v in value[-TAIL:])
    return f"[{head}, ..., {tail}] ({n} items)"


def _dict(value: dict[Any, Any], width: int) -> str:
    items = list(value.items())
    per = max(ITEM_WIDTH, width // max(len(items), 1))
    parts = [f"{json.dumps(str(k))}: {shorten(v, per)}" for k, v in items[: HEAD + TAIL]]
    more = f", ... ({len(items)} keys)" if len(items) > HEAD + TAIL else ""
    return "{" + ", ".join(parts) + more + "}"


def arguments(value: Any) -> tuple[tuple[str, str], ...]:
    """A test's input as (parameter, shortened value) pairs: `nums = [2, 7, 11, 15]`."""
    if isinstance(value, dict):
        return tuple((str(k), shorten(v)) for k, v in value.items())
    return (("input", shorten(value)),)
