"""The catalog: shipped problems load; malformed folders fail at the boundary, naming file and field."""

from __future__ import annotations

import json
import random
import textwrap
from pathlib import Path

import pytest
import yaml

from judge.catalog import list_slugs, load_all, load_cases, load_problem, problems_root
from judge.errors import ProblemFormatError, ProblemNotFound
from judge.generators import case_input
from judge.models import Case, CheckerSpec, ComplexitySpec, EntryPoint, Limits, Problem, SqlSpec

REPO = Path(__file__).resolve().parent.parent
SHIPPED = sorted(p.parent for p in (REPO / "problems").glob("*/*/problem.yaml"))

VALID_YAML = """\
title: Demo
kind: python
difficulty: easy
tags: [demo]
entry_point:
  function: solve
checker: exact
"""

SQL_YAML = """\
title: Demo Query
kind: sql
difficulty: medium
tags: [joins]
tables: [people]
result:
  columns: [name]
  ordered: true
"""


def write_problem(
    root: Path,
    yaml_text: str = VALID_YAML,
    *,
    slug: str = "demo",
    kind_dir: str = "algorithms",
    files: dict[str, str] | None = None,
) -> Path:
    """A problem folder under root/<kind_dir>/<slug>/ with one sample test unless `files` says more."""
    folder = root / kind_dir / slug
    folder.mkdir(parents=True)
    (folder / "problem.yaml").write_text(textwrap.dedent(yaml_text), encoding="utf-8")
    (folder / "statement.md").write_text("# Demo\n\nReturn the answer.\n", encoding="utf-8")
    if kind_dir == "algorithms" and files is None:
        files = {"tests/samples/sample-1.json": '{"input": {"x": 1}, "expected": 1}'}
    for name, text in (files or {}).items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty problems root that the catalog reads through $JUDGE_PROBLEMS."""
    problems = tmp_path / "problems"
    problems.mkdir()
    monkeypatch.setenv("JUDGE_PROBLEMS", str(problems))
    return problems


def format_error(slug: str = "demo") -> str:
    with pytest.raises(ProblemFormatError) as info:
        load_problem(slug)
    return str(info.value)


def case_error(slug: str = "demo") -> str:
    problem = load_problem(slug)
    with pytest.raises(ProblemFormatError) as info:
        load_cases(problem)
    return str(info.value)


# --- the shipped catalog ------------------------------------------------------------------


CATALOG_SLUGS = {
    "two_sum",
    "top_k_frequent",
    "trapping_rain_water",
    "lru_cache",
    "jump_game",
    "submatrix_sum_target",
    "snapshot_array",
    "urn_probability",
    "coin_toss_mle",
    "ab_test_sample_size",
    "subscribed_after_browsing",
    "top_two_salary_gap",
    "repeat_buyers",
    "never_or_multi_item",
    "order_value_percentiles",
    "monthly_retention",
    "fill_missing_prices",
    "above_average_spenders",
    "yoy_sales_growth",
    "lead_source_share",
}  # ../shared/problem-catalog.md: the twenty problems learners and graders rely on


def test_shipped_catalog_is_the_twenty_problems_of_the_catalog() -> None:
    assert {p.name for p in SHIPPED} == CATALOG_SLUGS
    assert list_slugs() == sorted(p.name for p in SHIPPED)


@pytest.mark.parametrize("folder", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_problem_loads_with_its_cases(folder: Path) -> None:
    raw = yaml.safe_load((folder / "problem.yaml").read_text(encoding="utf-8"))
    problem = load_problem(folder.name)
    assert problem.slug == folder.name
    assert problem.path == folder
    assert problem.title == raw["title"]
    assert problem.kind == raw["kind"]
    assert problem.difficulty == raw["difficulty"]
    assert problem.tags == tuple(raw.get("tags", []))
    assert problem.statement_path.is_file()
    cases = load_cases(problem)
    assert cases, "a problem without tests"
    samples = [c for c in cases if c.sample]
    assert samples, "a problem without sample tests"
    assert cases[: len(samples)] == samples, "samples must come first"
    assert len({c.name for c in cases}) == len(cases), "test names must be unique"
    if problem.kind == "python":
        assert problem.entry_point is not None and problem.entry_point.name
        assert problem.sql is None
    else:
        assert problem.sql is not None
        assert problem.sql.columns == tuple(raw["result"]["columns"])
        assert problem.checker.name == "rows"


def test_load_all_matches_the_folders() -> None:
    assert sorted(p.slug for p in load_all()) == sorted(p.name for p in SHIPPED)


def test_two_sum_is_loaded_into_frozen_values() -> None:
    problem = load_problem("two_sum")
    assert problem == Problem(
        slug="two_sum",
        kind="python",
        title="Two Sum",
        difficulty="easy",
        tags=("arrays", "hash-table"),
        path=REPO / "problems" / "algorithms" / "two_sum",
        limits=Limits(time_ms=1000, time_multiplier=5.0, memory_mb=256),
        checker=CheckerSpec("custom", {}),
        entry_point=EntryPoint(
            function="two_sum",
            leetcode_method="twoSum",
            signature="def two_sum(nums: list[int], target: int) -> list[int]",
        ),
        complexity=ComplexitySpec("O(n)", (5000, 10000, 20000, 40000, 80000, 160000)),
    )


def test_shipped_cases_come_samples_first_in_natural_order() -> None:
    cases = load_cases(load_problem("two_sum"))
    names = [c.name for c in cases]
    assert names[:2] == ["sample-1", "sample-2"]
    assert [c.sample for c in cases[:3]] == [True, True, False]
    assert (
        names.index("large-late-pair-1") < names.index("large-late-pair-2") < names.index("large-late-pair-3")
    )
    assert [c.name for c in load_cases(load_problem("two_sum"), samples_only=True)] == [
        "sample-1",
        "sample-2",
    ]


def test_unknown_slug_suggests_the_close_one() -> None:
    with pytest.raises(ProblemNotFound) as info:
        load_problem("two_sm")
    assert str(info.value) == "Unknown problem 'two_sm'. Did you mean 'two_sum'?"


def test_unknown_slug_without_a_close_one_points_to_judge_list() -> None:
    with pytest.raises(ProblemNotFound) as info:
        load_problem("zzzzzz")
    assert str(info.value) == "Unknown problem 'zzzzzz'. Run 'judge list' to see the problems."


def test_judge_problems_env_sets_the_root(root: Path) -> None:
    write_problem(root)
    assert problems_root() == root.resolve()
    assert list_slugs() == ["demo"]
    problem = load_problem("demo")
    assert problem.title == "Demo"
    assert problem.limits == Limits()
    assert problem.checker == CheckerSpec("exact", {})
    assert problem.complexity is None


# --- malformed problem.yaml ---------------------------------------------------------------


def test_invalid_yaml_names_the_file_and_line(root: Path) -> None:
    folder = write_problem(root, "title: Demo\nkind: [python\n")
    message = format_error()
    assert message.startswith(f"{folder / 'problem.yaml'}: is not valid YAML (line ")


def test_yaml_that_is_not_a_mapping(root: Path) -> None:
    folder = write_problem(root, "- title\n- kind\n")
    assert format_error() == f"{folder / 'problem.yaml'}: must be a mapping of fields (title, kind, ...)"


def test_unknown_top_level_key_suggests_the_close_one(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("title:", "titel:"))
    assert format_error() == f"{folder / 'problem.yaml'}: field 'titel' is not known; did you mean 'title'?"


def test_unknown_section_key_suggests_with_its_prefix(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "limits:\n  time_sm: 100\n")
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'limits.time_sm' is not known; did you mean 'limits.time_ms'?"
    )


def test_missing_title(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("title: Demo\n", ""))
    assert format_error() == f"{folder / 'problem.yaml'}: field 'title' is missing"


def test_bad_kind(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("kind: python", "kind: pyhton"))
    assert (
        format_error() == f"{folder / 'problem.yaml'}: field 'kind' must be one of python, sql, not 'pyhton'"
    )


def test_kind_in_the_wrong_folder(root: Path) -> None:
    folder = write_problem(root, SQL_YAML)
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'kind' is 'sql', so the folder belongs in problems/sql/"
    )


def test_bad_difficulty(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("difficulty: easy", "difficulty: trivial"))
    assert (
        format_error() == f"{folder / 'problem.yaml'}: field 'difficulty' must be one of easy, medium, hard"
    )


def test_negative_time_limit(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "limits:\n  time_ms: -5\n")
    assert format_error() == f"{folder / 'problem.yaml'}: field 'limits.time_ms' must be positive, not -5"


def test_string_time_limit(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "limits:\n  time_ms: '1000'\n")
    assert format_error() == f"{folder / 'problem.yaml'}: field 'limits.time_ms' must be a number, not '1000'"


def test_boolean_time_limit_is_not_a_number(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "limits:\n  time_ms: true\n")
    assert format_error() == f"{folder / 'problem.yaml'}: field 'limits.time_ms' must be a number, not True"


def test_limits_are_read(root: Path) -> None:
    write_problem(root, VALID_YAML + "limits:\n  time_ms: 300\n  time_multiplier: 2.5\n  memory_mb: 64\n")
    assert load_problem("demo").limits == Limits(time_ms=300, time_multiplier=2.5, memory_mb=64)


def test_entry_point_missing(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("entry_point:\n  function: solve\n", ""))
    assert (
        format_error() == f"{folder / 'problem.yaml'}: field 'entry_point' is missing "
        "(give `function: name` or `class: Name`)"
    )


def test_entry_point_with_both_function_and_class(root: Path) -> None:
    folder = write_problem(
        root, VALID_YAML.replace("  function: solve\n", "  function: solve\n  class: Solver\n")
    )
    assert format_error() == (
        f"{folder / 'problem.yaml'}: field 'entry_point.function' or 'entry_point.class' "
        "must be given, exactly one of them"
    )


def test_entry_point_must_be_an_identifier(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("function: solve", "function: two-sum"))
    assert (
        format_error() == f"{folder / 'problem.yaml'}: field 'entry_point.function' "
        "must be a Python identifier, not 'two-sum'"
    )


def test_unknown_checker_suggests_the_close_one(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("checker: exact", "checker: exakt"))
    assert (
        format_error() == f"{folder / 'problem.yaml'}: field 'checker' "
        "names an unknown checker 'exakt'; did you mean 'exact'?"
    )


def test_unknown_checker_without_a_close_one_lists_them(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("checker: exact", "checker: zzz"))
    assert format_error() == (
        f"{folder / 'problem.yaml'}: field 'checker' names an unknown checker 'zzz' "
        "(one of custom, exact, float, rows, unordered)"
    )


def test_custom_checker_without_checker_py(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("checker: exact", "checker: custom"))
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'checker' is 'custom' but {folder / 'checker.py'} is missing"
    )


def test_checker_options_are_validated(root: Path) -> None:
    folder = write_problem(root, VALID_YAML.replace("checker: exact", "checker: {name: float, abs_tol: -1}"))
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'checker' option 'abs_tol' must be a non-negative number"
    )


def test_checker_that_takes_no_options(root: Path) -> None:
    folder = write_problem(
        root, VALID_YAML.replace("checker: exact", "checker: {name: exact, ordered: true}")
    )
    assert format_error() == f"{folder / 'problem.yaml'}: field 'checker' takes no options, got ordered"


def test_float_checker_options_are_kept(root: Path) -> None:
    write_problem(root, VALID_YAML.replace("checker: exact", "checker: {name: float, abs_tol: 0.001}"))
    assert load_problem("demo").checker == CheckerSpec("float", {"abs_tol": 0.001})


def test_unreadable_expected_complexity(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "complexity:\n  expected: fast\n")
    assert format_error() == (
        f"{folder / 'problem.yaml'}: field 'complexity.expected' must look like "
        "O(n), O(n log n), O(n^2) or O(1) per operation, not 'fast'"
    )


def test_missing_expected_complexity(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "complexity:\n  sizes: [10, 20]\n")
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'complexity.expected' is missing (for example `O(n)`)"
    )


def test_complexity_sizes_must_be_positive_integers(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "complexity:\n  expected: O(n)\n  sizes: [10, 0]\n")
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'complexity.sizes' must be a list of positive integers"
    )


def test_sql_fields_in_a_python_problem(root: Path) -> None:
    folder = write_problem(root, VALID_YAML + "tables: [people]\n")
    assert format_error() == f"{folder / 'problem.yaml'}: field 'tables' is for SQL problems only"


def test_sql_problem_without_result_columns(root: Path) -> None:
    folder = write_problem(root, SQL_YAML.replace("  columns: [name]\n", ""), kind_dir="sql")
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'result.columns' must list the result's column names"
    )


def test_sql_problem_without_result(root: Path) -> None:
    text = SQL_YAML.replace("result:\n  columns: [name]\n  ordered: true\n", "")
    folder = write_problem(root, text, kind_dir="sql")
    assert (
        format_error()
        == f"{folder / 'problem.yaml'}: field 'result' is missing (give `columns:` and `ordered:`)"
    )


def test_sql_problem_with_a_python_field(root: Path) -> None:
    folder = write_problem(root, SQL_YAML + "checker: exact\n", kind_dir="sql")
    assert format_error() == f"{folder / 'problem.yaml'}: field 'checker' is for Python problems only"


def test_sql_problem_loads(root: Path) -> None:
    write_problem(root, SQL_YAML, kind_dir="sql")
    problem = load_problem("demo")
    assert problem.sql == SqlSpec(tables=("people",), columns=("name",), ordered=True, abs_tol=0.0)
    assert problem.checker == CheckerSpec("rows", {"ordered": True, "abs_tol": 0.0})
    assert problem.entry_point is None


# --- malformed test cases -----------------------------------------------------------------


def test_case_with_invalid_json(root: Path) -> None:
    folder = write_problem(root, files={"tests/samples/sample-1.json": '{"input": {"x": 1},'})
    assert case_error().startswith(f"{folder / 'tests/samples/sample-1.json'}: is not valid JSON (")


def test_case_without_expected(root: Path) -> None:
    folder = write_problem(root, files={"tests/samples/sample-1.json": '{"input": {"x": 1}}'})
    assert case_error() == f"{folder / 'tests/samples/sample-1.json'}: field 'expected' is missing"


def test_case_with_both_input_and_generate(root: Path) -> None:
    folder = write_problem(
        root,
        files={
            "tests/samples/sample-1.json": json.dumps(
                {"input": {"x": 1}, "generate": {"n": 5, "seed": 1}, "expected": 1}
            ),
            "generator.py": "def generate(n, seed):\n    return {'x': n}\n",
        },
    )
    assert (
        case_error()
        == f"{folder / 'tests/samples/sample-1.json'}: give exactly one of 'input' and 'generate'"
    )


def test_case_with_neither_input_nor_generate(root: Path) -> None:
    folder = write_problem(root, files={"tests/samples/sample-1.json": '{"expected": 1}'})
    assert (
        case_error()
        == f"{folder / 'tests/samples/sample-1.json'}: give exactly one of 'input' and 'generate'"
    )


def test_case_with_an_unknown_field(root: Path) -> None:
    folder = write_problem(
        root, files={"tests/samples/sample-1.json": '{"input": {}, "expectd": 1, "expected": 1}'}
    )
    assert case_error() == f"{folder / 'tests/samples/sample-1.json'}: unknown field 'expectd'"


def test_generate_without_generator(root: Path) -> None:
    folder = write_problem(
        root, files={"tests/samples/sample-1.json": '{"generate": {"n": 5, "seed": 1}, "expected": 1}'}
    )
    assert case_error() == (
        f"{folder / 'tests/samples/sample-1.json'}: uses 'generate' but {folder}/generator.py is missing"
    )


def test_class_design_case_must_start_with_the_constructor(root: Path) -> None:
    text = VALID_YAML.replace("function: solve", "class: Counter")
    case = {"input": {"operations": ["add", "Counter"], "arguments": [[], []]}, "expected": [None, None]}
    folder = write_problem(root, text, files={"tests/samples/sample-1.json": json.dumps(case)})
    assert case_error() == f"{folder / 'tests/samples/sample-1.json'}: the first operation must be 'Counter'"


def test_class_design_case_needs_operations_and_arguments_of_equal_length(root: Path) -> None:
    text = VALID_YAML.replace("function: solve", "class: Counter")
    case = {"input": {"operations": ["Counter", "add"], "arguments": [[]]}, "expected": [None, None]}
    folder = write_problem(root, text, files={"tests/samples/sample-1.json": json.dumps(case)})
    assert case_error() == (
        f"{folder / 'tests/samples/sample-1.json'}: field 'input' must have 'operations' and "
        "'arguments' lists of equal length"
    )


def test_problem_without_samples(root: Path) -> None:
    folder = write_problem(root, files={"tests/hidden/edge.json": '{"input": {"x": 1}, "expected": 1}'})
    assert case_error() == f"{folder / 'tests/samples'}: missing; add at least one sample test"


# --- case order and generated inputs ------------------------------------------------------


def test_cases_load_samples_first_then_hidden_in_natural_order(root: Path) -> None:
    one = '{"input": {"x": 1}, "expected": 1}'
    names = ["samples/sample-10", "samples/sample-2", "samples/sample-1", "hidden/large-10"]
    names += ["hidden/large-2", "hidden/edge", "hidden/large-1"]
    write_problem(root, files={f"tests/{n}.json": one for n in names})
    cases = load_cases(load_problem("demo"))
    assert [(c.name, c.sample) for c in cases] == [
        ("sample-1", True),
        ("sample-2", True),
        ("sample-10", True),
        ("edge", False),
        ("large-1", False),
        ("large-2", False),
        ("large-10", False),
    ]
    samples = load_cases(load_problem("demo"), samples_only=True)
    assert [c.name for c in samples] == ["sample-1", "sample-2", "sample-10"]


def test_generate_cases_are_built_by_the_generator(root: Path) -> None:
    generator = textwrap.dedent(
        """\
        import random

        def generate(n, seed):
            rng = random.Random(seed)
            return {"x": [rng.randint(0, 100) for _ in range(n)]}
        """
    )
    folder = write_problem(
        root,
        files={
            "tests/samples/sample-1.json": '{"input": {"x": [1]}, "expected": 1}',
            "tests/hidden/large-1.json": '{"generate": {"n": 50, "seed": 7}, "expected": 3}',
            "generator.py": generator,
        },
    )
    problem = load_problem("demo")
    large = load_cases(problem)[1]
    assert large == Case(
        name="large-1",
        sample=False,
        input=None,
        expected=3,
        source=folder / "tests" / "hidden" / "large-1.json",
        generate=(50, 7),
    )
    built = case_input(problem, large)
    assert len(built["x"]) == 50
    assert built == case_input(problem, large), "the same seed must give the same input"
    rng = random.Random(7)
    assert built == {"x": [rng.randint(0, 100) for _ in range(50)]}
    assert case_input(problem, load_cases(problem)[0]) == {"x": [1]}
