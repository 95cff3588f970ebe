"""Golden files: what a renderer prints, kept as text files beside this module.

`make golden` (JUDGE_REGEN_GOLDEN=1) rewrites them from the code; review the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent


def assert_golden(name: str, text: str) -> None:
    path = HERE / f"{name}.txt"
    if os.environ.get("JUDGE_REGEN_GOLDEN") == "1":
        path.write_text(text + "\n")
    assert path.exists(), f"{path} is missing: run `make golden`"
    assert text + "\n" == path.read_text()
