"""One-line hints for failures with a well-known cause: Python 2 code run by Python 3.

Solutions copied from older collections still use `xrange`, `print x` or `dict.iteritems`;
the error Python 3 gives names the symptom, the hint names the cause.
"""

from __future__ import annotations

import re

PYTHON3 = "this judge runs Python 3"

_PYTHON2: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), f"{PYTHON3}: {advice}")
    for pattern, advice in (
        (r"Missing parentheses in call to 'print'", "print is a function, write print(x)"),
        (r"Missing parentheses in call to 'exec'", "exec is a function, write exec(code)"),
        (r"name 'xrange' is not defined", "use range() (xrange is Python 2)"),
        (r"name 'raw_input' is not defined", "use input() (raw_input is Python 2)"),
        (r"name 'unicode' is not defined", "use str (unicode is Python 2)"),
        (r"name 'unichr' is not defined", "use chr() (unichr is Python 2)"),
        (r"name 'basestring' is not defined", "use str (basestring is Python 2)"),
        (r"name 'long' is not defined", "use int (long is Python 2)"),
        (r"name 'cmp' is not defined", "use functools.cmp_to_key or a key function (cmp is Python 2)"),
        (
            r"object has no attribute '(iteritems|itervalues|iterkeys)'",
            "use .items(), .values() or .keys() (iteritems and the like are Python 2)",
        ),
        (r"object has no attribute 'has_key'", "use `key in d` (has_key is Python 2)"),
        (
            r"multiple exception types must be parenthesized",
            "write `except ValueError as e` (`except ValueError, e` is Python 2)",
        ),
    )
)


def python2_hint(error: str) -> str:
    """The hint for an error that Python 2 code gets under Python 3, or ""."""
    for pattern, hint in _PYTHON2:
        if pattern.search(error):
            return hint
    return ""
