"""Who is who: each PATH is one learner, named by its folder or by a roster CSV.

The roster has a header with a `folder` column (the folder's name, or its path) and a
`learner` column (the id used in every output: a login, an email, a student number).
"""

from __future__ import annotations

import csv
import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from judge.errors import UserError

FOLDER_COLUMNS = ("folder", "path", "repo", "repository")
LEARNER_COLUMNS = ("learner", "learner_id", "id", "login", "email", "student")


@dataclass(frozen=True)
class Learner:
    id: str
    path: Path


def _column(header: list[str], choices: tuple[str, ...], path: Path) -> str:
    for name in header:
        if name.strip().lower() in choices:
            return name
    raise UserError(f"{path}: the roster needs a '{choices[0]}' column (header: {', '.join(header)}).")


def load_roster(path: Path) -> dict[str, str]:
    """folder name or path -> learner id."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as fh:
            reader = csv.DictReader(fh)
            header = list(reader.fieldnames or [])
            folder_col = _column(header, FOLDER_COLUMNS, path)
            learner_col = _column(header, LEARNER_COLUMNS, path)
            mapping = {}
            for row in reader:
                folder = (row.get(folder_col) or "").strip().rstrip("/")
                learner = (row.get(learner_col) or "").strip()
                if folder and learner:
                    mapping[folder] = learner
    except OSError as exc:
        raise UserError(f"Cannot read the roster {path}: {exc.strerror}.") from exc
    except (csv.Error, UnicodeDecodeError) as exc:
        raise UserError(f"{path}: is not a readable CSV file ({exc}).") from exc
    return mapping


def learners(paths: list[Path], roster: dict[str, str] | None = None) -> list[Learner]:
    """One Learner per path, in the order given; two paths with the same id are a mistake."""
    found: dict[str, Learner] = {}
    for path in paths:
        if not path.is_dir():
            raise UserError(f"{path} is not a folder; give one folder (or repository) per learner.")
        learner_id = path.resolve().name
        if roster is not None:
            learner_id = roster.get(str(path).rstrip("/"), roster.get(path.resolve().name, learner_id))
        if learner_id in found:
            raise UserError(
                f"{path} and {found[learner_id].path} are both learner '{learner_id}'; "
                "give each learner one folder (or fix the roster)."
            )
        found[learner_id] = Learner(learner_id, path.resolve())
    return list(found.values())


def safe_name(learner_id: str) -> str:
    """A file name for a learner id: readable, and never a path (ids are not ours to trust)."""
    name = re.sub(r"[^A-Za-z0-9._@-]+", "_", learner_id).strip(".")[:80] or "_"
    if name != learner_id:  # two ids must never share a file
        name += "-" + hashlib.sha256(learner_id.encode()).hexdigest()[:8]
    return name
