"""Plain-text tables in tabulate's "simple" format, without importing tabulate.

tabulate (with wcwidth and importlib.metadata) costs more to import than the rest of a
judged run's rendering; the tables the judge prints are mostly plain ASCII text, which this
lays out exactly as tabulate would. Anything else (wide or non-ASCII characters, line breaks,
cells tabulate would read as numbers and align right) goes to tabulate itself.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_PLAIN = re.compile(r"[ -~]*")
"""Printable ASCII only: one character, one column."""


def _numberlike(cell: str) -> bool:
    try:
        float(cell.replace(",", ""))
    except ValueError:
        return cell.strip().lower() in ("inf", "-inf", "nan", "+inf")
    return True


def simple_table(rows: Sequence[Sequence[str]], headers: Sequence[str]) -> str:
    """tabulate(rows, headers, tablefmt="simple") for rows of text cells."""
    cells = [list(headers), *(list(r) for r in rows)]
    plain = all(
        type(c) is str and _PLAIN.fullmatch(c) and c == c.strip() and (i == 0 or not _numberlike(c))
        for i, r in enumerate(cells)
        for c in r
    )
    if not plain or any(len(r) != len(headers) for r in cells):
        from tabulate import tabulate

        return tabulate(rows, headers=headers, tablefmt="simple")
    # tabulate leaves two columns of room beside each header (its MIN_PADDING)
    widths = [max([len(h) + 2, *(len(r[i]) for r in cells[1:])]) for i, h in enumerate(headers)]
    sep = "  "
    lines = [sep.join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip()]
    lines.append(sep.join("-" * w for w in widths))
    lines += [sep.join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells[1:]]
    return "\n".join(lines)
