"""Grading one learner: find their tree (at the deadline's commit, or as it stands), find
each problem's solution in it, judge it, and score it. Never raises for one problem's sake:
a missing file is `missing`, a failure of the judge's own is `error`, and grading goes on."""

from __future__ import annotations

import traceback
from dataclasses import dataclass
from pathlib import PurePosixPath

from judge.grade import deadline as git
from judge.grade.assignment import Assignment, ProblemSpec
from judge.grade.discover import GitTree, Tree, WorkTree, find_solutions
from judge.grade.pipeline import extensions, judge_one, problem
from judge.grade.results import LearnerResult, ProblemResult, Status, score_for
from judge.grade.roster import Learner
from judge.grade.store import Store
from judge.models import Verdict
from judge.sandbox import Sandbox


@dataclass(frozen=True)
class Settings:
    """What every learner of a run is graded with (crosses into worker processes)."""

    assignment: Assignment
    deadline: git.Deadline | None = None
    complexity: bool = False


def _all(settings: Settings, status: Status, message: str) -> tuple[ProblemResult, ...]:
    return tuple(
        ProblemResult(p.slug, status, p.points, p.required, message=message)
        for p in settings.assignment.problems
    )


def _tree(learner: Learner, settings: Settings) -> tuple[Tree | None, git.Commit | None, str]:
    """The files to grade, the commit they come from, and why there are none."""
    if settings.deadline is None:
        commit = git.head_commit(learner.path) if git.is_repo(learner.path) else None
        return WorkTree(learner.path), commit, ""
    if not git.is_repo(learner.path):
        return None, None, "not a git repository: --before grades each learner's last commit before it"
    commit = git.commit_before(learner.path, settings.deadline)
    if commit is None:
        return None, None, f"no commit before the deadline ({settings.deadline.iso})"
    return GitTree(learner.path, commit.id), commit, ""


def grade_problem(
    learner: Learner,
    spec: ProblemSpec,
    tree: Tree,
    path: str,
    sandbox: Sandbox,
    settings: Settings,
    store: Store,
) -> ProblemResult:
    prob = problem(spec.slug)
    try:
        data = tree.read(path)
        store.save_submission(learner.id, f"{spec.slug}{PurePosixPath(path).suffix}", data)
        report = judge_one(prob, path, data, sandbox, complexity=settings.complexity)
    except Exception as exc:  # noqa: BLE001 - the judge's fault: this row is `error`, grading goes on
        store.log_judged(learner.id, spec.slug, "IE")
        detail = traceback.format_exception_only(exc)[-1].strip()
        return ProblemResult(spec.slug, Status.ERROR, spec.points, spec.required, file=path, message=detail)
    store.log_judged(learner.id, spec.slug, str(report.verdict))
    if report.verdict is Verdict.IE:
        return ProblemResult(
            spec.slug,
            Status.ERROR,
            spec.points,
            spec.required,
            file=path,
            message="internal error",
            report=report,
        )
    score = score_for(report, spec.points, settings.assignment.scoring)
    return ProblemResult(spec.slug, Status.OK, spec.points, spec.required, score, path, report=report)


def failed_learner(learner: Learner, settings: Settings, message: str) -> LearnerResult:
    return LearnerResult(learner.id, str(learner.path), _all(settings, Status.ERROR, message))


def grade_learner(learner: Learner, settings: Settings, sandbox: Sandbox, store: Store) -> LearnerResult:
    try:
        tree, commit, why = _tree(learner, settings)
        wanted = {p.slug: extensions(problem(p.slug)) for p in settings.assignment.problems}
        found = find_solutions(tree, wanted) if tree is not None else {}
    except git.GitError as exc:
        return failed_learner(learner, settings, f"git: {exc}")
    rows = []
    for spec in settings.assignment.problems:
        if tree is None or spec.slug not in found:
            exts = " or ".join(f"{spec.slug}{e}" for e in wanted[spec.slug])
            message = why or f"no {exts} found"
            rows.append(ProblemResult(spec.slug, Status.MISSING, spec.points, spec.required, message=message))
        else:
            rows.append(grade_problem(learner, spec, tree, found[spec.slug], sandbox, settings, store))
    notes = (why,) if why else ()
    return LearnerResult(
        learner.id,
        str(learner.path),
        tuple(rows),
        commit.id if commit else "",
        commit.time if commit else "",
        sandbox.name,
        notes,
    )
