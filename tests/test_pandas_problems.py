"""Every SQL problem answered in pandas: the .py files under solutions_reference/<slug>/ get the
verdicts their folders state (accepted/ AC on every dataset, in both sandboxes; wrong_answer/
WA with a rows diff), and the classic pandas mistakes (NULLs, sorting) are caught."""

from __future__ import annotations

import ast
import textwrap
from pathlib import Path

import pytest

from judge.catalog import load_problem, problems_root, solutions_root
from judge.judging import judge_source
from judge.languages import by_name, language_for
from judge.models import Report, Verdict
from judge.sandbox import Sandbox

SQL_DIR = problems_root() / "sql"
SLUGS = (
    sorted(p.name for p in SQL_DIR.iterdir() if (p / "problem.yaml").is_file()) if SQL_DIR.is_dir() else []
)


def _pandas_files(folder: str) -> list[object]:
    return [
        pytest.param(slug, path, id=f"{slug}/{folder}/{path.stem}")
        for slug in SLUGS
        for path in sorted((solutions_root() / slug / folder).glob("*.py"))
    ]


def _datasets(slug: str) -> list[str]:
    return sorted(p.name for p in (SQL_DIR / slug / "fixtures").iterdir() if p.is_dir())


def _judge(slug: str, source: str, sandbox: Sandbox) -> Report:
    return judge_source(load_problem(slug), source, sandbox, language=by_name("pandas"), complexity=False)


def _failures(report: Report) -> list[tuple[str, str, str]]:
    return [(t.name, str(t.verdict), t.message) for t in report.tests if t.verdict is not Verdict.AC]


# --- what ships -------------------------------------------------------------------------------


@pytest.mark.parametrize("slug", SLUGS)
def test_every_sql_problem_has_a_pandas_reference_and_wrong_answers(slug: str) -> None:
    problem = load_problem(slug)
    assert problem.sql is not None
    base = solutions_root() / slug
    wrong = sorted((base / "wrong_answer").glob("*.py"))
    assert (base / "accepted" / "reference.py").is_file()
    assert wrong, f"{slug}: no wrong_answer/*.py"
    for path in [base / "accepted" / "reference.py", *wrong]:
        text = path.read_text(encoding="utf-8")
        assert text.lstrip().startswith("#"), f"{path.name} must start with a comment saying what it does"
        # The outside contract: def <slug>(<table>: pd.DataFrame, ...), one parameter per table.
        functions = [n for n in ast.parse(text).body if isinstance(n, ast.FunctionDef) and n.name == slug]
        assert len(functions) == 1, f"{path.name}: no def {slug}"
        assert [a.arg for a in functions[0].args.args] == list(problem.sql.tables), path.name
        assert language_for(problem, path).name == "pandas"


# --- the verdicts -----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "path"), _pandas_files("accepted"))
def test_accepted_pandas_solution_is_ac_on_every_dataset(slug: str, path: Path, sandbox: Sandbox) -> None:
    report = _judge(slug, path.read_text(encoding="utf-8"), sandbox)
    assert _failures(report) == []
    assert report.verdict is Verdict.AC
    assert sorted(t.name for t in report.tests) == _datasets(slug)


@pytest.mark.slow
@pytest.mark.parametrize(("slug", "path"), _pandas_files("wrong_answer"))
def test_wrong_answer_pandas_solution_is_wa(slug: str, path: Path, local_sandbox: Sandbox) -> None:
    report = _judge(slug, path.read_text(encoding="utf-8"), local_sandbox)
    verdicts = {t.name: str(t.verdict) for t in report.tests}
    assert report.verdict is Verdict.WA, verdicts
    # Wrong, not broken: every dataset ran and either passed or gave a WA with its rows diff.
    assert set(verdicts.values()) <= {"AC", "WA"}, _failures(report)
    assert all(t.message for t in report.tests if t.verdict is Verdict.WA)


# --- the classic mistakes, written inline -------------------------------------------------------

FORGETS_NULLS = """
    import pandas as pd


    def lead_source_share(leads: pd.DataFrame) -> pd.DataFrame:
        # groupby drops NaN keys: leads without a source vanish instead of counting as 'unknown'
        counts = leads.groupby("source").size().reset_index(name="leads")
        counts["share_pct"] = (100.0 * counts["leads"] / counts["leads"].sum()).round(2)
        return counts.sort_values(["leads", "source"], ascending=[False, True])
"""

FORGETS_SORTING = """
    import pandas as pd


    def above_average_spenders(customers: pd.DataFrame, orders: pd.DataFrame) -> pd.DataFrame:
        totals = orders.groupby("customer_id", as_index=False).agg(total_spend=("amount", "sum"))
        above = totals[totals["total_spend"] > totals["total_spend"].mean()]
        # no sort_values(["total_spend", "customer_id"], ...): groupby's customer_id order stays
        return above.merge(customers, on="customer_id")[["customer_id", "name", "total_spend"]]
"""


def test_forgetting_null_handling_is_wa_with_the_rows_diff(local_sandbox: Sandbox) -> None:
    report = _judge("lead_source_share", textwrap.dedent(FORGETS_NULLS), local_sandbox)
    assert report.verdict is Verdict.WA
    single = next(t for t in report.tests if t.name == "single-lead")
    assert single.verdict is Verdict.WA
    assert single.message == "expected 1 rows, got 0; missing 1: ('unknown', 1, 100.0)"
    sample = next(t for t in report.tests if t.name == "sample")
    assert sample.verdict is Verdict.WA
    assert "missing" in sample.message and "unexpected" in sample.message
    assert "('google', 4, 40.0)" in sample.message


def test_forgetting_the_sort_is_wa_with_the_rows_diff(local_sandbox: Sandbox) -> None:
    report = _judge("above_average_spenders", textwrap.dedent(FORGETS_SORTING), local_sandbox)
    assert report.verdict is Verdict.WA
    sample = next(t for t in report.tests if t.name == "sample")
    assert sample.verdict is Verdict.WA
    assert sample.message == "the right rows in the wrong order: row 1 should be (3, 'Chen', 325.25)"
    # Where only one row qualifies, the order cannot be wrong.
    assert next(t for t in report.tests if t.name == "empty-tables").verdict is Verdict.AC
