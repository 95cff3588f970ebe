"""`judge start`: a starter file for every problem and language loads, and is judged WA or RE.

Through the real command line, the local sandbox and the real workers: a starter that does not
load (CE) or that the judge cannot handle (IE) would be the first thing a learner meets.
"""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from judge.catalog import load_all
from judge.cli import main
from judge.languages import for_kind

FORMS = [
    (p.slug, lang.name, leetcode)
    for p in load_all()
    for lang in for_kind(p.kind)
    for leetcode in (
        [False, True] if p.entry_point is not None and p.entry_point.leetcode_method else [False]
    )
]


def start(tmp_path: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["start", *args])
    return result.exit_code, result.output


@pytest.mark.slow
@pytest.mark.parametrize(
    ("slug", "lang", "leetcode"), FORMS, ids=[f"{s}-{x}{'-lc' if lc else ''}" for s, x, lc in FORMS]
)
def test_every_starter_loads_and_is_judged_wa_or_re(
    tmp_path: Path, slug: str, lang: str, leetcode: bool
) -> None:
    file = tmp_path / f"{slug}-{lang}{'.sql' if lang == 'sql' else '.py'}"
    code, output = start(tmp_path, slug, str(file), "--lang", lang, *(["--leetcode"] if leetcode else []))
    assert code == 0, output
    assert output.startswith(f"Wrote {file}.")
    if file.suffix == ".py":
        ast.parse(file.read_text(encoding="utf-8"))
    result = CliRunner().invoke(
        main, ["run", slug, str(file), "--sandbox", "local", "--no-complexity", "--format", "json"]
    )
    data = json.loads(result.stdout)
    verdicts = {t["verdict"] for t in data["tests"]}
    assert "CE" not in verdicts and "IE" not in verdicts, data["tests"][0]["message"]
    assert data["verdict"] in ("WA", "RE"), data
    assert result.exit_code == 1


def test_the_default_file_is_named_after_the_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert start(tmp_path, "two_sum")[0] == 0
    assert start(tmp_path, "top_two_salary_gap")[0] == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["top_two_salary_gap.sql", "two_sum.py"]
    text = (tmp_path / "two_sum.py").read_text(encoding="utf-8")
    assert text.startswith('def two_sum(nums: list[int], target: int) -> list[int]:\n    """')
    assert "raise NotImplementedError" in text


def test_sql_starter_names_the_tables_and_the_columns(tmp_path: Path) -> None:
    file = tmp_path / "q.sql"
    assert start(tmp_path, "never_or_multi_item", str(file))[0] == 0
    text = file.read_text(encoding="utf-8")
    for name in ("customers", "purchases", "customer_id", "segment"):
        assert name in text


def test_leetcode_form_is_class_solution_with_leetcodes_method(tmp_path: Path) -> None:
    file = tmp_path / "lc.py"
    assert start(tmp_path, "trapping_rain_water", str(file), "--leetcode")[0] == 0
    assert "class Solution:\n    def trap(self, height: List[int]) -> int:" in file.read_text(
        encoding="utf-8"
    )


def test_pandas_starter_takes_one_dataframe_per_table(tmp_path: Path) -> None:
    file = tmp_path / "p.py"
    assert start(tmp_path, "never_or_multi_item", str(file), "--lang", "pandas")[0] == 0
    fn = next(n for n in ast.parse(file.read_text(encoding="utf-8")).body if isinstance(n, ast.FunctionDef))
    assert fn.name == "never_or_multi_item"
    assert [a.arg for a in fn.args.args] == ["customers", "purchases"]


def test_an_existing_file_is_never_overwritten(tmp_path: Path) -> None:
    file = tmp_path / "mine.py"
    file.write_text("my work\n", encoding="utf-8")
    code, output = start(tmp_path, "two_sum", str(file))
    assert code == 2
    assert (
        output
        == f"error: {file} already exists; judge it with `judge run two_sum {file}`, or name another file.\n"
    )
    assert file.read_text(encoding="utf-8") == "my work\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nope"], "error: Unknown problem 'nope'."),
        (["two_sum", "--lang", "cobol"], "error: Unknown language 'cobol'; use one of python."),
        (["two_sum", "--lang", "sql"], "error: two_sum is not answered in sql; use --lang python."),
        (
            ["top_two_salary_gap", "--leetcode"],
            "error: top_two_salary_gap has no LeetCode form; drop --leetcode.",
        ),
    ],
)
def test_mistakes_are_one_line_and_exit_2(tmp_path: Path, args: list[str], message: str) -> None:
    code, output = start(tmp_path, *args, str(tmp_path / "x.py"))
    assert code == 2
    assert output.startswith(message)
    assert output.count("\n") == 1
    assert not (tmp_path / "x.py").exists()
