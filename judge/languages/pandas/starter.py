"""A pandas starter file: the function named as the problem, one DataFrame per table."""

from __future__ import annotations

from judge.models import Problem


def signature(problem: Problem) -> str:
    assert problem.sql is not None
    params = ", ".join(f"{t}: pd.DataFrame" for t in problem.sql.tables)
    return f"def {problem.slug}({params}) -> pd.DataFrame"


def starter(problem: Problem, leetcode: bool = False) -> str:
    assert problem.sql is not None
    columns = ", ".join(f'"{c}": []' for c in problem.sql.columns)
    order = "in the order the statement gives" if problem.sql.ordered else "in any order"
    return (
        "import pandas as pd\n\n\n"
        f"{signature(problem)}:\n"
        f'    """{problem.title}: return a DataFrame with the columns {", ".join(problem.sql.columns)}\n'
        f"    ({order}). See `judge show {problem.slug}` for the tables and the sample.\n"
        '    """\n'
        f"    return pd.DataFrame({{{columns}}})\n"
    )
