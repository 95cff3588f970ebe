"""pandas: a `.py` answer to an SQL problem, as LeetCode offers it.

`def <slug>(<table>: pd.DataFrame, ...) -> pd.DataFrame`, the tables passed as keyword
arguments; the returned DataFrame is compared with the same rows checker as SQL results.
It runs in the Python worker, with an adapter that builds the DataFrames and reads the answer.
"""

from __future__ import annotations

from judge.languages import Language, register
from judge.languages.pandas import job, starter
from judge.languages.pandas.tables import column_dtypes
from judge.models import Problem


def describe(problem: Problem) -> str:
    tables = "".join(
        f"\n    {table}: " + ", ".join(f"{c} {d}" for c, d in cols)
        for table, cols in column_dtypes(problem).items()
    )
    return f"Write: {starter.signature(problem)}  (dtypes:{tables})"


LANGUAGE = register(
    Language(
        name="pandas",
        kind="sql",
        extensions=(".py",),
        worker="python",
        build_job=job.build_job,
        describe=describe,
        starter=starter.starter,
    )
)
