"""The results of a grading run on disk: one file per learner, written atomically as each
learner finishes, so a crash or a kill loses nothing finished and `--resume` goes on.

    <out>/meta.json               what was graded (assignment, deadline, shard): resume and
                                  merge refuse results of another assignment or deadline
    <out>/results/<learner>.json  one LearnerResult each
    <out>/judged.jsonl            one line per submission judged (an audit trail)
    <out>/submissions/<learner>/  the files graded, as graded (similarity, audits)
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

from judge.errors import UserError
from judge.grade.results import LearnerResult, Status, from_plain, to_plain
from judge.grade.roster import safe_name

RESULTS, SUBMISSIONS, LOG, META = "results", "submissions", "judged.jsonl", "meta.json"


def write_atomic(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Store:
    def __init__(self, out: Path) -> None:
        self.out = out

    def begin(self, meta: dict[str, Any], *, resume: bool) -> None:
        """Start a run: a fresh one clears earlier results; a resumed one checks they match."""
        meta_path = self.out / META
        if resume and meta_path.exists():
            old = read_meta(self.out)
            for key in ("assignment_digest", "deadline", "shard"):
                if old.get(key) != meta.get(key):
                    raise UserError(
                        f"{self.out} holds results of another run ({key}: {old.get(key)!r}, now "
                        f"{meta.get(key)!r}); resume with the same options, or use another --out."
                    )
        elif not resume:
            for name in (RESULTS, SUBMISSIONS):
                shutil.rmtree(self.out / name, ignore_errors=True)
            (self.out / LOG).unlink(missing_ok=True)
        write_atomic(meta_path, json.dumps(meta, indent=2).encode())

    def path_for(self, learner_id: str) -> Path:
        return self.out / RESULTS / f"{safe_name(learner_id)}.json"

    def finished(self) -> set[str]:
        """Learners graded to the end (a learner with an `error` row is graded again)."""
        return {r.learner for r in self.load() if not any(p.status is Status.ERROR for p in r.problems)}

    def write(self, result: LearnerResult) -> None:
        data = json.dumps(to_plain(result), indent=1).encode()
        write_atomic(self.path_for(result.learner), data)

    def log_judged(self, learner_id: str, problem: str, verdict: str) -> None:
        line = json.dumps(
            {
                "learner": learner_id,
                "problem": problem,
                "verdict": verdict,
                "pid": os.getpid(),
                "at": time.time(),
            }
        )
        fd = os.open(self.out / LOG, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, (line + "\n").encode())
        finally:
            os.close(fd)

    def save_submission(self, learner_id: str, filename: str, data: bytes) -> None:
        write_atomic(self.out / SUBMISSIONS / safe_name(learner_id) / filename, data)

    def load(self) -> list[LearnerResult]:
        return load_results(self.out)


def read_meta(out: Path) -> dict[str, Any]:
    try:
        return json.loads((out / META).read_text(encoding="utf-8"))
    except OSError as exc:
        raise UserError(
            f"{out} holds no grading results ({META} is missing); give the --out of a `judge grade` run."
        ) from exc
    except ValueError as exc:
        raise UserError(f"{out / META} is damaged; grade again into a new folder.") from exc


def load_results(out: Path) -> list[LearnerResult]:
    folder = out / RESULTS
    if not folder.is_dir():
        return []
    results = []
    for path in sorted(folder.glob("*.json")):
        if path.name.startswith(".tmp-"):
            continue
        try:
            results.append(from_plain(json.loads(path.read_text(encoding="utf-8"))))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise UserError(f"{path} is damaged ({exc}); delete it and grade with --resume.") from exc
    return results
