"""Big-O classes as (power of n, power of log n), so that growth rates can be compared."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TERM = re.compile(r"^O\(\s*(?P<body>[^)]*)\)\s*(?P<rest>.*)$", re.IGNORECASE)
_TOKEN = re.compile(
    r"(?P<log>log(?:\s*\^\s*(?P<logexp>\d+))?\s*\(?\s*(?P<logvar>[a-z])\s*\)?)"
    r"|(?P<sqrt>sqrt\s*\(?\s*(?P<sqrtvar>[a-z])\s*\)?)"
    r"|(?P<var>[a-z])(?:\s*\^\s*(?P<exp>\d+(?:\.\d+)?))?"
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

    Words after the term (`at most`, `for an n x n matrix`) are commentary; `per ...` is not.
    One size variable only: `O(n*m)` and `O(log log n)` are refused, not guessed at.
    """
    m = _TERM.match(text.strip())
    if not m:
        raise ValueError(f"must look like O(n), O(n log n), O(n^2) or O(1) per operation, not {text!r}")
    body = m.group("body").replace("*", " ").replace("·", " ").strip().lower()
    power, log_power = 0.0, 0
    variables = set()
    if body != "1":
        pos = 0
        for tok in _TOKEN.finditer(body):
            if body[pos : tok.start()].strip():
                raise ValueError(f"cannot read the complexity {text!r}")
            pos = tok.end()
            if tok.group("log"):
                log_power += int(tok.group("logexp") or 1)
                variables.add(tok.group("logvar"))
            elif tok.group("sqrt"):
                power += 0.5
                variables.add(tok.group("sqrtvar"))
            else:
                power += float(tok.group("exp") or 1)
                variables.add(tok.group("var"))
        if body[pos:].strip() or len(variables) != 1 or pos == 0:
            raise ValueError(f"cannot read the complexity {text!r}: use one size variable, as in O(n log n)")
    if m.group("rest").lower().startswith("per "):
        power += 1  # per operation: n operations in a timing run
    return Growth(power, log_power)
