"""Where problems and their reference solutions live (a leaf: everyone may import it)."""

from __future__ import annotations

import os
from pathlib import Path


def repo_root() -> Path:
    return Path(__file__).resolve().parent.parent


def problems_root() -> Path:
    """Where problems live: $JUDGE_PROBLEMS, else the `problems/` folder beside the package."""
    env = os.environ.get("JUDGE_PROBLEMS")
    return Path(env).resolve() if env else repo_root() / "problems"


def solutions_root() -> Path:
    """Reference solutions are kept apart so problems can be handed out without them."""
    env = os.environ.get("JUDGE_SOLUTIONS")
    return Path(env).resolve() if env else problems_root().parent / "solutions_reference"
