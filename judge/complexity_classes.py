"""Big-O classes as (power of n, power of log n), so that growth rates can be compared."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERM = re.compile(
    r"^O\(\s*(?P<body>[^)]*)\)\s*(?P<per>per\s+\w+(\s*,.*)?)?$",
    re.IGNORECASE,
)
_FACTOR = re.compile(
    r"^(?:(?P<n>[a-z])(?:\s*\^\s*(?P<exp>\d+(?:\.\d+)?))?|(?P<log>log)\s*(?P<logvar>[a-z]))$"
)


@dataclass(frozen=True, order=True)
class Growth:
    power: float
    log_power: int = 0

    def __str__(self) -> str:
        parts = []
        if self.power:
            parts.append("n" if self.power == 1 else f"n^{self.power:g}")
        if self.log_power:
            parts.append("log n" if self.log_power == 1 else f"log^{self.log_power} n")
        return f"O({' '.join(parts) or '1'})"


def parse_class(text: str) -> Growth:
    """`O(n log n)` -> Growth(1, 1). `... per operation` means the total over n operations.

    Any variable letter counts as the size; several letters (`O(n*m)`) are not supported.
    """
    m = _TERM.match(text.strip())
    if not m:
        raise ValueError(f"must look like O(n), O(n log n), O(n^2) or O(1) per operation, not {text!r}")
    body = m.group("body").replace("*", " ").replace("·", " ").strip()
    power, log_power = 0.0, 0
    if body != "1":
        tokens = re.findall(r"log\s*[a-z]|[a-z](?:\s*\^\s*\d+(?:\.\d+)?)?", body)
        if not tokens or "".join(tokens).replace(" ", "") != body.replace(" ", ""):
            raise ValueError(f"cannot read the complexity {text!r}")
        for tok in tokens:
            f = _FACTOR.match(tok.replace(" ", "") if not tok.startswith("log") else tok)
            if not f:
                raise ValueError(f"cannot read the complexity {text!r}")
            if f.group("log"):
                log_power += 1
            else:
                power += float(f.group("exp") or 1)
    if m.group("per"):
        power += 1  # per operation: n operations in a timing run
    return Growth(power, log_power)
