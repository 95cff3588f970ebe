"""`judge grade` and `judge merge` as library calls: the CLI declares options and calls these."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from judge import __version__
from judge.errors import UserError
from judge.grade.assignment import Assignment, load_assignment
from judge.grade.deadline import Deadline, parse_deadline
from judge.grade.grader import Settings
from judge.grade.outputs.write import write_outputs
from judge.grade.pipeline import prepare, problem
from judge.grade.results import LearnerResult, Status
from judge.grade.roster import learners as make_learners
from judge.grade.roster import load_roster
from judge.grade.runner import Progress, default_jobs, run_learners
from judge.grade.shards import in_shard, parse_shard
from judge.grade.store import Store, load_results, read_meta


@dataclass(frozen=True)
class GradeOutcome:
    """What the CLI reports: the results in the gradebook, and what it should say."""

    results: list[LearnerResult]
    assignment: Assignment
    graded_now: int
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def errors(self) -> int:
        return sum(p.status is Status.ERROR for r in self.results for p in r.problems)

    @property
    def required_failed(self) -> bool:
        return any(r.required_failed for r in self.results)


def grade(
    paths: list[Path],
    *,
    out: Path = Path("grades"),
    assignment_file: Path | None = None,
    roster_file: Path | None = None,
    before: str | None = None,
    jobs: int | None = None,
    shard: str | None = None,
    resume: bool = False,
    sandbox: str = "auto",
    feedback: str | None = None,
    complexity: bool | None = None,
    similarity: bool = False,
    progress: bool = True,
) -> GradeOutcome:
    """Grade each learner folder in `paths` into `out`; see `judge grade --help`."""
    if not paths:
        raise UserError("Give at least one learner folder: judge grade PATH...")
    assignment = load_assignment(assignment_file)
    deadline: Deadline | None = parse_deadline(before) if before else None
    roster = load_roster(roster_file) if roster_file else None
    share = parse_shard(shard) if shard else None
    cohort = make_learners(paths, roster)
    mine = [lr for lr in cohort if in_shard(lr.id, share)]
    level = feedback or assignment.feedback
    settings = Settings(assignment, deadline, assignment.complexity if complexity is None else complexity)

    from judge.sandbox.select import choose

    box, notes = choose(sandbox)
    store = Store(out)
    store.begin(
        {
            "judge_version": __version__,
            "assignment": assignment.to_dict(),
            "assignment_digest": assignment.digest(),
            "deadline": deadline.iso if deadline else None,
            "shard": shard and f"{share[0]}/{share[1]}",  # type: ignore[index]
            "feedback": level,
            "sandbox": box.name,
            "complexity": settings.complexity,
        },
        resume=resume,
    )
    done = store.finished() if resume else set()
    todo = [lr for lr in mine if lr.id not in done]
    try:
        for spec in assignment.problems:  # the reference is timed once, not once per process
            prepare(problem(spec.slug), box)
    finally:
        box.close()

    bar = Progress(len(mine), enabled=progress)
    for _ in range(len(mine) - len(todo)):
        bar.update()
    try:
        for _result in run_learners(todo, settings, store, box.name, jobs or default_jobs()):
            bar.update()
    finally:
        bar.close()

    ids = {lr.id for lr in mine}
    results = [r for r in store.load() if r.learner in ids]
    write_outputs(out, results, assignment, level)
    if similarity:
        from judge.grade.similarity import write_similarity

        write_similarity(out, [out], assignment)
    return GradeOutcome(results, assignment, len(todo), notes)


def merge(dirs: list[Path], *, out: Path, similarity: bool = False) -> GradeOutcome:
    """Join the results of `judge grade --shard I/N` runs into one gradebook under `out`."""
    if not dirs:
        raise UserError("Give the --out folders of the shard runs: judge merge DIR... --out DIR")
    metas = [read_meta(d) for d in dirs]
    first = metas[0]
    for d, meta in zip(dirs[1:], metas[1:], strict=True):
        for key in ("assignment_digest", "deadline"):
            if meta.get(key) != first.get(key):
                raise UserError(
                    f"{d} was graded with another {key.replace('_digest', '')} than {dirs[0]}; "
                    "merge only the shards of one run."
                )
    results: dict[str, LearnerResult] = {}
    where: dict[str, Path] = {}
    for d in dirs:
        for r in load_results(d):
            if r.learner in results and results[r.learner] != r:
                raise UserError(
                    f"learner '{r.learner}' is in both {where[r.learner]} and {d}; merge each shard once."
                )
            results[r.learner] = r
            where[r.learner] = d
    notes = []
    shards = {m.get("shard") for m in metas if m.get("shard")}
    if shards:
        count = int(next(iter(shards)).split("/")[1])
        missing = sorted(set(range(1, count + 1)) - {int(s.split("/")[0]) for s in shards})
        if missing:
            absent = ", ".join(f"{i}/{count}" for i in missing)
            notes.append(f"warning: shards {absent} are not among the folders merged")
    assignment = Assignment.from_dict(first["assignment"])
    out.mkdir(parents=True, exist_ok=True)
    merged = Store(out)
    if out.resolve() not in {d.resolve() for d in dirs}:
        merged.begin({**first, "shard": None, "merged_from": [str(d) for d in dirs]}, resume=False)
        for r in results.values():
            merged.write(r)
    write_outputs(out, list(results.values()), assignment, first.get("feedback", "brief"))
    if similarity:
        from judge.grade.similarity import write_similarity

        write_similarity(out, dirs, assignment)
    return GradeOutcome(sorted(results.values(), key=lambda r: r.learner), assignment, 0, tuple(notes))


def exit_code(outcome: GradeOutcome, fail_on_required: bool) -> int:
    """0: grading finished; 1 with --fail-on-required when a required problem is not AC."""
    return 1 if fail_on_required and outcome.required_failed else 0
