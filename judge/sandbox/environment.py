"""What learner code can import: one pinned set, the same in both sandboxes.

The Docker image installs exactly these wheels: sandboxes/python/build.sh reads the pins from
`python3 -I judge/sandbox/environment.py` (-I, or this package's select.py would hide the
standard library's). The local sandbox runs the judge's own interpreter, whose dependencies
(pyproject.toml) pin the same versions. Standard library only, so that the build script can
run it without the judge installed.
"""

from __future__ import annotations

import sys

PYTHON = "3.11"
LIBRARIES = {"numpy": "2.3.5", "pandas": "2.3.3", "duckdb": "2.0.1"}
"""What a submission may import beyond the standard library."""
SUPPORT = {"python-dateutil": "2.9.0.post0", "pytz": "2026.6", "tzdata": "2026.6", "six": "1.17.0"}
"""pandas's own dependencies, pinned too, so that dates and time zones behave the same."""
DESCRIPTION = (
    f"Python {PYTHON} with "
    + ", ".join(f"{name} {version}" for name, version in LIBRARIES.items())
    + ", and the standard library"
)


def requirements() -> list[str]:
    """Every pin as a requirement line (`name==version`)."""
    return [f"{name}=={version}" for name, version in {**LIBRARIES, **SUPPORT}.items()]


def local_mismatches() -> list[str]:
    """Where the judge's own interpreter (the local sandbox) differs from the pinned set."""
    from importlib import metadata  # here: importing it costs a judged run ~10 ms

    found = []
    if f"{sys.version_info[0]}.{sys.version_info[1]}" != PYTHON:
        found.append(f"Python {sys.version.split()[0]} (pinned: {PYTHON})")
    for name, version in LIBRARIES.items():
        try:
            have = metadata.version(name)
        except metadata.PackageNotFoundError:
            have = "missing"
        if have != version:
            found.append(f"{name} {have} (pinned: {version})")
    return found


if __name__ == "__main__":
    print("\n".join(requirements()))
