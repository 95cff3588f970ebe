"""Checkers through the registry, as the judge calls them; and a checker that raises is IE."""

from __future__ import annotations

import math
import textwrap
from pathlib import Path
from typing import Any

import pytest

from judge.catalog import load_cases, load_problem
from judge.checkers import CHECKERS, CheckContext, as_mismatch
from judge.evaluate import evaluate
from judge.models import Case, Verdict
from judge.sandbox import RawOutcome

REPO = Path(__file__).resolve().parent.parent
TWO_SUM = REPO / "problems" / "algorithms" / "two_sum"


def check(name: str, expected: Any, got: Any, case_input: Any = None, **options: Any) -> str | None:
    ctx = CheckContext(options, TWO_SUM if name == "custom" else Path("/nonexistent"))
    found = as_mismatch(CHECKERS[name].check(ctx, case_input, expected, got))
    return None if found is None else found.message


def test_registry_has_the_documented_checkers() -> None:
    assert {"exact", "unordered", "float", "custom", "rows"} <= set(CHECKERS)
    assert all(CHECKERS[name].name == name for name in CHECKERS)


# --- exact --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value",
    [0, -7, 2.5, "text", "", None, True, False, [], [1, [2, [3]]], {"a": [1, 2], "b": None}],
    ids=repr,
)
def test_exact_accepts_equal_values(value: Any) -> None:
    assert check("exact", value, value) is None


@pytest.mark.parametrize(
    ("expected", "got", "message"),
    [
        (True, 1, "expected True, got 1"),
        (1, True, "expected 1, got True"),
        (1, 1.0, "expected 1, got 1.0"),
        (1.0, 1, "expected 1.0, got 1"),
        (0, False, "expected 0, got False"),
        ("1", 1, "expected '1', got 1"),
        (None, [], "expected None, got []"),
        ([1, 2], "[1, 2]", "expected [1, 2], got '[1, 2]'"),
    ],
)
def test_exact_tells_bool_int_float_and_str_apart(expected: Any, got: Any, message: str) -> None:
    assert check("exact", expected, got) == message


def test_exact_nested_lists_name_the_first_differing_index() -> None:
    assert check("exact", [[1, 2], [3, 4]], [[1, 2], [3, 4]]) is None
    assert (
        check("exact", [[1, 2], [3, 4], [5]], [[1, 2], [3, 5], [6]])
        == "at index 1: expected [3, 4], got [3, 5]"
    )
    assert check("exact", [1, True, 3], [1, 1, 3]) == "at index 1: expected True, got 1"
    assert check("exact", [[1, 2]], [[2, 1]]) == "at index 0: expected [1, 2], got [2, 1]"


def test_exact_lists_of_different_lengths() -> None:
    assert check("exact", [1, 2, 3], [1, 2]) == "expected 3 items, got 2"
    assert check("exact", [], [0]) == "expected 0 items, got 1"


def test_exact_dicts_ignore_key_order_but_not_values() -> None:
    assert check("exact", {"a": 1, "b": 2}, {"b": 2, "a": 1}) is None
    assert check("exact", {"a": 1}, {"a": 1.0}) == "expected {'a': 1}, got {'a': 1.0}"


def test_exact_cuts_long_values_in_messages() -> None:
    message = check("exact", "short", "x" * 500)
    assert message is not None
    assert message.startswith("expected 'short', got 'xxx")
    assert message.endswith("...")
    assert len(message) < 200


def test_exact_negative_zero_is_judged_consistently() -> None:
    """-0.0 == 0.0 (same type, same value): accept it, or at least say what differs.

    The verdict comes from JSON text ('-0.0' != '0.0') but the message from `==`, so today a
    list that differs only in the sign of a zero gets WA with the message "expected 2 items, got 2".
    """
    message = check("exact", [0.0, 1.0], [-0.0, 1.0])
    assert message is None or "index 0" in message, message


# --- unordered ----------------------------------------------------------------------------


def test_unordered_accepts_any_order_of_a_multiset() -> None:
    assert check("unordered", [1, 2, 2, 3], [3, 2, 1, 2]) is None
    assert check("unordered", [], []) is None
    assert check("unordered", [[1, 2], [3]], [[3], [1, 2]]) is None
    assert check("unordered", ["b", "a"], ["a", "b"]) is None


def test_unordered_counts_duplicates() -> None:
    assert check("unordered", [1, 2, 2], [1, 2]) == "missing 2"
    assert check("unordered", [1, 2], [1, 2, 2]) == "unexpected 2"
    assert check("unordered", [1, 1], [1, 2]) == "missing 1; unexpected 2"


def test_unordered_lists_missing_and_unexpected_items() -> None:
    assert check("unordered", [1, 2, 3], [1, 4, 5]) == "missing 2, 3; unexpected 4, 5"
    assert check("unordered", ["a"], ["b"]) == 'missing "a"; unexpected "b"'


def test_unordered_shows_at_most_three_of_each() -> None:
    assert check("unordered", [1, 2, 3, 4, 5], []) == "missing 1, 2, 3"


def test_unordered_keeps_types_and_inner_order() -> None:
    assert check("unordered", [1], [True]) == "missing 1; unexpected true"
    assert check("unordered", [1], [1.0]) == "missing 1; unexpected 1.0"
    assert check("unordered", [[1, 2]], [[2, 1]]) == "missing [1, 2]; unexpected [2, 1]"


@pytest.mark.parametrize(("got", "shown"), [("123", "'123'"), (None, "None"), ({"a": 1}, "{'a': 1}")])
def test_unordered_rejects_a_non_list(got: Any, shown: str) -> None:
    assert check("unordered", [1, 2, 3], got) == f"expected a list, got {shown}"


# --- float --------------------------------------------------------------------------------


def test_float_default_tolerance() -> None:
    assert check("float", 0.3, 0.1 + 0.2) is None
    assert check("float", 1.0, 1.0 + 5e-7) is None
    assert check("float", 1.0, 1.00001) == "expected 1.0, got 1.00001 (tolerance 1e-06 abs / 1e-06 rel)"
    assert check("float", 3, 3.0) is None
    assert check("float", 3.0, 3) is None


def test_float_absolute_tolerance() -> None:
    assert check("float", 1.0, 1.005, abs_tol=0.01, rel_tol=0) is None
    assert check("float", 1.0, 0.995, abs_tol=0.01, rel_tol=0) is None
    assert (
        check("float", 1.0, 1.02, abs_tol=0.01, rel_tol=0)
        == "expected 1.0, got 1.02 (tolerance 0.01 abs / 0 rel)"
    )


def test_float_relative_tolerance() -> None:
    assert check("float", 1000.0, 1000.9, abs_tol=0, rel_tol=1e-3) is None
    assert check("float", 1e-9, 1.0000009e-9, abs_tol=0, rel_tol=1e-6) is None
    assert (
        check("float", 1000.0, 1002.0, abs_tol=0, rel_tol=1e-3)
        == "expected 1000.0, got 1002.0 (tolerance 0 abs / 0.001 rel)"
    )


def test_float_lists_compare_item_by_item() -> None:
    assert check("float", [0.5, 0.25, 0.125], [0.5000001, 0.25, 0.1250002]) is None
    assert check("float", [0.5, 0.25], [0.25, 0.5]) is not None
    assert check("float", [0.5, 0.25], [0.5]) is not None
    assert check("float", [0.5], 0.5) is not None
    assert check("float", [[0.1, 0.2]], [[0.1, 0.2000001]]) is None


@pytest.mark.parametrize(
    ("expected", "got"), [(1.0, True), (0.0, False), (1, True), ([1.0, 0.0], [True, False])]
)
def test_float_rejects_booleans(expected: Any, got: Any) -> None:
    assert check("float", expected, got) is not None


def test_float_rejects_non_numbers() -> None:
    assert check("float", 1.0, "1.0") == "expected 1.0, got '1.0' (tolerance 1e-06 abs / 1e-06 rel)"
    assert check("float", 1.0, None) is not None
    assert check("float", 1.0, [1.0]) is not None


def test_float_nan_equals_only_nan() -> None:
    nan = float("nan")
    assert check("float", nan, nan) is None
    assert check("float", nan, 0.0) == "expected nan, got 0.0 (tolerance 1e-06 abs / 1e-06 rel)"
    assert check("float", 0.0, nan) == "expected 0.0, got nan (tolerance 1e-06 abs / 1e-06 rel)"
    assert check("float", 1.0, math.inf) is not None
    assert check("float", math.inf, math.inf) is None


def test_float_non_numeric_expected_values_compare_exactly() -> None:
    assert check("float", "abc", "abc") is None
    assert check("float", None, None) is None
    assert check("float", "abc", "abd") is not None


def test_float_validates_its_options() -> None:
    validate = CHECKERS["float"].validate
    validate({"abs_tol": 0.001, "rel_tol": 0}, Path("/nonexistent"))
    with pytest.raises(ValueError, match=r"^option 'abs_tol' must be a non-negative number$"):
        validate({"abs_tol": -1}, Path("/nonexistent"))
    with pytest.raises(ValueError, match=r"^option 'rel_tol' must be a non-negative number$"):
        validate({"rel_tol": True}, Path("/nonexistent"))
    with pytest.raises(ValueError, match=r"^option 'tol' is not known \(abs_tol, rel_tol\)$"):
        validate({"tol": 0.1}, Path("/nonexistent"))


# --- custom: two_sum's checker.py ---------------------------------------------------------

NUMS = {"nums": [2, 7, 11, 15], "target": 9}


@pytest.mark.parametrize("got", [[0, 1], [1, 0]])
def test_two_sum_checker_accepts_either_order(got: list[int]) -> None:
    assert check("custom", [0, 1], got, NUMS) is None


def test_two_sum_checker_accepts_another_valid_pair() -> None:
    case = {"nums": [3, 3, 4, 2], "target": 6}
    assert check("custom", [0, 1], [2, 3], case) is None


@pytest.mark.parametrize(
    ("got", "message"),
    [
        ([0, 0], "the two indices must be different positions, got [0, 0]"),
        ([0, 4], "index 4 is out of range for nums of length 4"),
        ([-1, 0], "index -1 is out of range for nums of length 4"),
        ([0, 2], "nums[0] + nums[2] = 2 + 11 = 13, not the target 9"),
        ("01", "expected a list of two indices, got str '01'"),
        (None, "expected a list of two indices, got NoneType None"),
        ({"0": 1}, "expected a list of two indices, got dict {'0': 1}"),
        ([0, 1, 2], "expected exactly 2 indices, got 3: [0, 1, 2]"),
        ([0], "expected exactly 2 indices, got 1: [0]"),
        ([True, 1], "indices must be ints, got bool True"),
        ([0.0, 1], "indices must be ints, got float 0.0"),
    ],
)
def test_two_sum_checker_rejects_with_a_message(got: Any, message: str) -> None:
    assert check("custom", [0, 1], got, NUMS) == message


# --- a checker that raises is the judge's fault: IE, never WA -----------------------------


def custom_problem(root: Path, checker_py: str) -> Path:
    folder = root / "algorithms" / "demo"
    (folder / "tests" / "samples").mkdir(parents=True)
    (folder / "problem.yaml").write_text(
        "title: Demo\nkind: python\ndifficulty: easy\nentry_point:\n  function: solve\nchecker: custom\n",
        encoding="utf-8",
    )
    (folder / "statement.md").write_text("# Demo\n", encoding="utf-8")
    (folder / "checker.py").write_text(textwrap.dedent(checker_py), encoding="utf-8")
    (folder / "tests" / "samples" / "sample-1.json").write_text(
        '{"input": {"x": 1}, "expected": 1}', encoding="utf-8"
    )
    return folder


@pytest.mark.parametrize(
    ("checker_py", "message"),
    [
        (
            "def check(input, expected, got):\n    return 1 / 0\n",
            "internal error in checker 'custom': ZeroDivisionError: division by zero",
        ),
        (
            "def check(input, expected, got):\n    return input['missing']\n",
            "internal error in checker 'custom': KeyError: 'missing'",
        ),
        (
            "def check(input, expected, got):\n    return False\n",
            "internal error in checker 'custom': TypeError: checker.py returned False; "
            "it must return None or a message",
        ),
    ],
    ids=["raises", "key-error", "returns-non-string"],
)
def test_a_custom_checker_that_fails_is_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, checker_py: str, message: str
) -> None:
    root = tmp_path / "problems"
    custom_problem(root, checker_py)
    monkeypatch.setenv("JUDGE_PROBLEMS", str(root))
    problem = load_problem("demo")
    (case,) = load_cases(problem)
    outcome = RawOutcome(name=case.name, status="ok", value=1, time_ms=1.25, output="hi\n")
    result = evaluate(problem, case, outcome, lambda: case.input)
    assert result.verdict is Verdict.IE
    assert result.message == message
    assert result.name == "sample-1"
    assert result.sample is True
    assert result.time_ms == 1.25
    assert result.output == "hi\n"


def test_a_custom_checker_without_check_function_is_internal_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = tmp_path / "problems"
    folder = custom_problem(root, "def chek(input, expected, got):\n    return None\n")
    monkeypatch.setenv("JUDGE_PROBLEMS", str(root))
    problem = load_problem("demo")
    (case,) = load_cases(problem)
    result = evaluate(problem, case, RawOutcome(name=case.name, status="ok", value=1), lambda: case.input)
    assert result.verdict is Verdict.IE
    assert result.message == (
        f"internal error in checker 'custom': TypeError: {folder / 'checker.py'} "
        "defines no check(input, expected, got)"
    )


def test_a_builtin_checker_that_raises_is_internal_error() -> None:
    problem = load_problem("top_two_salary_gap")
    broken = Case(name="broken", sample=False, input=None, expected={"rows": []}, source=problem.path)
    got = {"columns": ["department", "salary_gap"], "rows": []}
    result = evaluate(problem, broken, RawOutcome(name="broken", status="ok", value=got), lambda: None)
    assert result.verdict is Verdict.IE
    assert result.message == "internal error in checker 'rows': KeyError: 'columns'"


def test_evaluate_gives_ac_and_wa_from_the_checker() -> None:
    problem = load_problem("two_sum")
    case = load_cases(problem, samples_only=True)[0]
    ok = evaluate(
        problem, case, RawOutcome(name=case.name, status="ok", value=case.expected[::-1]), lambda: case.input
    )
    assert (ok.verdict, ok.message) == (Verdict.AC, "")
    wrong = evaluate(problem, case, RawOutcome(name=case.name, status="ok", value=[0, 0]), lambda: case.input)
    assert wrong.verdict is Verdict.WA
    assert wrong.message.startswith("the two indices must be different positions")


def test_evaluate_unknown_sandbox_status_is_internal_error() -> None:
    problem = load_problem("two_sum")
    case = load_cases(problem, samples_only=True)[0]
    result = evaluate(problem, case, RawOutcome(name=case.name, status="weird"), lambda: case.input)
    assert result.verdict is Verdict.IE
    assert result.message == "internal error: unknown outcome 'weird'"
