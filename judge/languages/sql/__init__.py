"""SQL: one read-only DuckDB query, run on every fixture dataset of the problem."""

from __future__ import annotations

from judge.languages import Kind, Language, register
from judge.languages.sql import check, fixtures, job, problem, scaffold, starter
from judge.models import Problem


def describe(p: Problem) -> str:
    assert p.sql is not None
    order = "in the order the statement gives" if p.sql.ordered else "in any order"
    return (
        f"Write: one query (SELECT, or WITH ... SELECT) over {', '.join(p.sql.tables)}, "
        f"returning {', '.join(p.sql.columns)} ({order})"
    )


LANGUAGE = register(
    Language(
        name="sql",
        kind="sql",
        extensions=(".sql",),
        worker="sql",
        build_job=job.build_job,
        describe=describe,
        starter=starter.starter,
        options=frozenset({"dialect"}),
        defines=Kind(
            folder="sql",
            yaml_keys=problem.YAML_KEYS,
            parse=problem.parse,
            load_cases=fixtures.load_fixture_cases,
            render_samples=fixtures.render_samples,
            check=check.check_folder,
            scaffold=scaffold.problem_files,
            solutions_scaffold=scaffold.solution_files,
            label="SQL",
        ),
    )
)
