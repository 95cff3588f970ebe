"""The summary on stdout: per problem, how many submitted, the AC rate, the most common
verdict, and the hidden or sample test that tripped the most learners."""

from __future__ import annotations

from collections import Counter

from judge.grade.assignment import Assignment
from judge.grade.results import LearnerResult, Status
from judge.models import Verdict


def summary_rows(results: list[LearnerResult], assignment: Assignment) -> list[list[str]]:
    rows = []
    for spec in assignment.problems:
        graded = [p for r in results for p in r.problems if p.problem == spec.slug]
        judged = [p for p in graded if p.status is Status.OK]
        missing = sum(p.status is Status.MISSING for p in graded)
        errors = sum(p.status is Status.ERROR for p in graded)
        verdicts = Counter(p.verdict for p in judged)
        accepted = verdicts.get("AC", 0)
        trips: Counter[str] = Counter()
        for p in judged:
            for t in p.report.tests if p.report else ():
                if t.verdict is not Verdict.AC:
                    trips[t.name] += 1
        hardest = trips.most_common(1)
        rows.append(
            [
                spec.slug,
                f"{len(judged)}/{len(graded)}",
                f"{100 * accepted / len(judged):.0f}%" if judged else "-",
                verdicts.most_common(1)[0][0] if verdicts else "-",
                f"{hardest[0][0]} ({hardest[0][1]})" if hardest else "-",
                str(missing),
                str(errors),
            ]
        )
    return rows


def render_summary(results: list[LearnerResult], assignment: Assignment) -> str:
    from tabulate import tabulate

    headers = ["problem", "judged", "AC rate", "most common", "hardest test (learners)", "missing", "errors"]
    table = tabulate(summary_rows(results, assignment), headers=headers, tablefmt="simple")
    scores = [r.score for r in results]
    mean = sum(scores) / len(scores) if scores else 0.0
    total = assignment.max_score
    return f"{table}\n\n{len(results)} learners graded; mean score {mean:.2f}/{total:g}."
