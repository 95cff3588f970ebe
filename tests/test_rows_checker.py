"""The `rows` checker (SQL results) on its own: real values in, a verdict message out."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from judge.checkers import CHECKERS, CheckContext, Mismatch

ROWS = CHECKERS["rows"]


def check(
    expected: list[list[Any]],
    got: list[list[Any]],
    *,
    columns: tuple[list[str], list[str]] = (["a"], ["a"]),
    ordered: bool = False,
    abs_tol: float = 0.0,
) -> str | None:
    ctx = CheckContext({"ordered": ordered, "abs_tol": abs_tol}, Path("/nonexistent-problem"))
    want = {"columns": columns[0], "rows": expected}
    have = {"columns": columns[1], "rows": got}
    found = ROWS.check(ctx, None, want, have)
    assert found is None or isinstance(found, Mismatch)
    return None if found is None else found.message


# --- columns -----------------------------------------------------------------------------


def test_column_names_compare_case_insensitively() -> None:
    cols = (["Department", "salary_GAP"], ["department", "SALARY_gap"])
    assert check([["eng", 1]], [["eng", 1]], columns=cols) is None


def test_column_names_must_match_in_order() -> None:
    cols = (["department", "salary_gap"], ["salary_gap", "department"])
    message = check([["eng", 1]], [[1, "eng"]], columns=cols)
    assert message == "columns differ: expected (department, salary_gap), got (salary_gap, department)"


def test_a_missing_column_is_named() -> None:
    message = check([[1]], [[1, 2]], columns=(["a"], ["a", "b"]))
    assert message == "columns differ: expected (a), got (a, b)"


@pytest.mark.parametrize("got", [None, [1, 2], {"columns": ["a"]}, {"rows": []}, "a"])
def test_no_result_set_is_rejected_not_crashed(got: Any) -> None:
    ctx = CheckContext({"ordered": False, "abs_tol": 0}, Path("."))
    found = ROWS.check(ctx, None, {"columns": ["a"], "rows": []}, got)
    assert found == Mismatch("the query returned no result set", "the query returned no result set")


# --- row order and multiplicity ----------------------------------------------------------


def test_unordered_rows_match_as_a_multiset_with_duplicates() -> None:
    expected = [[1, "x"], [1, "x"], [2, "y"]]
    assert check(expected, [[2, "y"], [1, "x"], [1, "x"]], columns=(["a", "b"], ["a", "b"])) is None


def test_unordered_duplicate_count_matters() -> None:
    message = check([[1], [1], [2]], [[1], [2], [2]])
    assert message == "3 rows; missing 1: (1); unexpected 1: (2)"


def test_unordered_extra_duplicate_is_reported_with_counts() -> None:
    message = check([[1], [2]], [[1], [2], [2]])
    assert message == "expected 2 rows, got 3; unexpected 1: (2)"


def test_ordered_same_rows_in_wrong_order_names_the_first_wrong_row() -> None:
    message = check([[1], [2], [3]], [[1], [3], [2]], ordered=True)
    assert message == "the right rows in the wrong order: row 2 should be (2)"


def test_ordered_accepts_the_right_order() -> None:
    assert check([[3], [1], [2]], [[3], [1], [2]], ordered=True) is None


def test_unordered_accepts_any_order() -> None:
    assert check([[3], [1], [2]], [[1], [2], [3]], ordered=False) is None


def test_ordered_wrong_values_give_a_diff_not_an_order_message() -> None:
    message = check(
        [["a", 1], ["b", 2]], [["a", 1], ["b", 3]], ordered=True, columns=(["k", "v"], ["k", "v"])
    )
    assert message == "2 rows; missing 1: ('b', 2); unexpected 1: ('b', 3)"


# --- numbers ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expected", "got"),
    [(5000, 5000.0), (12.5, 12.50), (0, 0.0), (-3, -3.0), (10**15, 1e15)],
    ids=["int-vs-float", "decimal-vs-float", "zero", "negative", "large"],
)
def test_numbers_compare_by_value_across_int_and_float(expected: Any, got: Any) -> None:
    assert check([[expected]], [[got]]) is None


def test_exact_numbers_differ_without_tolerance() -> None:
    assert check([[83.08]], [[83.09]]) == "1 rows; missing 1: (83.08); unexpected 1: (83.09)"


def test_float_edge_within_abs_tol_is_accepted() -> None:
    # 83.09 - 83.08 is 0.010000000000005116 in binary floating point: still "one unit".
    assert 83.09 - 83.08 > 0.01
    assert check([[83.08]], [[83.09]], abs_tol=0.01) is None
    assert check([[83.09]], [[83.08]], abs_tol=0.01) is None


def test_two_units_off_is_rejected_under_abs_tol() -> None:
    message = check([[83.08]], [[83.10]], abs_tol=0.01)
    assert message == "1 rows; missing 1: (83.08); unexpected 1: (83.1)"


def test_tolerance_applies_to_unordered_rows_of_several_columns() -> None:
    cols = (["country", "p50"], ["country", "p50"])
    expected = [["de", 10.0], ["fr", 20.0]]
    assert check(expected, [["fr", 20.01], ["de", 9.99]], columns=cols, abs_tol=0.01) is None
    assert check(expected, [["fr", 20.02], ["de", 10.0]], columns=cols, abs_tol=0.01) is not None


def test_integer_against_its_text_differs() -> None:
    assert check([[1]], [["1"]]) == "1 rows; missing 1: (1); unexpected 1: ('1')"


# --- NULL, NaN, infinity -----------------------------------------------------------------


def test_null_equals_null() -> None:
    assert check([[None, 1]], [[None, 1]], columns=(["a", "b"], ["a", "b"])) is None


@pytest.mark.parametrize("got", [0, 0.0, "", "NULL", False], ids=["0", "0.0", "empty", "text-NULL", "false"])
def test_null_differs_from_zero_and_empty(got: Any) -> None:
    message = check([[None]], [[got]])
    assert message is not None
    assert message.startswith("1 rows; missing 1: (NULL); unexpected 1: ")


@pytest.mark.parametrize("special", ["NaN", "nan", "inf", "-inf"])
def test_nan_and_infinity_strings_are_not_null(special: str) -> None:
    # The worker sends non-finite floats as text; a division by zero is not a NULL.
    assert check([[None]], [[special]]) == f"1 rows; missing 1: (NULL); unexpected 1: ('{special}')"
    assert check([[0]], [[special]]) is not None


def test_nulls_sort_with_numbers_without_crashing() -> None:
    expected = [[None], [1], [2.5], [None]]
    assert check(expected, [[2.5], [None], [None], [1]]) is None


# --- dates and timestamps ----------------------------------------------------------------


@pytest.mark.parametrize("got", ["2024-01-31 00:00:00", "2024-01-31T00:00:00", "2024-01-31"])
def test_midnight_timestamp_equals_its_date(got: str) -> None:
    assert check([["2024-01-31"]], [[got]]) is None
    assert check([[got]], [["2024-01-31"]]) is None


def test_a_timestamp_after_midnight_is_not_the_date() -> None:
    message = check([["2024-01-31"]], [["2024-01-31 00:00:01"]])
    assert message == "1 rows; missing 1: ('2024-01-31'); unexpected 1: ('2024-01-31 00:00:01')"


def test_different_dates_differ() -> None:
    assert check([["2024-01-31"]], [["2024-02-01 00:00:00"]]) is not None


# --- the diff message --------------------------------------------------------------------


def test_diff_shows_at_most_three_rows_each_way_and_the_counts() -> None:
    message = check([[i] for i in range(10)], [[i] for i in range(5, 20)], ordered=True)
    assert message == (
        "expected 10 rows, got 15; missing 5: (0); (1); (2) and 2 more; "
        "unexpected 10: (10); (11); (12) and 7 more"
    )


def test_diff_of_a_large_result_lists_both_sides_briefly() -> None:
    """Above the size where rows are matched greedily, the diff must still say what was got."""
    expected = [[f"name-{i}", i] for i in range(5000)]
    got = [[f"other-{i}", i] for i in range(5000)]
    message = check(expected, got, columns=(["n", "v"], ["n", "v"]))
    assert message is not None
    assert message.startswith("5000 rows; missing 5000: ")
    assert "unexpected 5000: " in message
    assert message.count("and 4997 more") == 2
    assert sum(f"'name-{i}'" in message for i in range(5000)) == 3
    assert sum(f"'other-{i}'" in message for i in range(5000)) == 3
    assert len(message) < 400


def test_diff_of_a_small_result_lists_both_sides() -> None:
    expected = [[f"name-{i}", i] for i in range(50)]
    got = [[f"other-{i}", i] for i in range(50)]
    message = check(expected, got, columns=(["n", "v"], ["n", "v"]))
    assert message == (
        "50 rows; missing 50: ('name-0', 0); ('name-1', 1); ('name-10', 10) and 47 more; "
        "unexpected 50: ('other-0', 0); ('other-1', 1); ('other-10', 10) and 47 more"
    )


def test_only_missing_rows_listed_when_nothing_unexpected() -> None:
    assert check([[1], [2]], []) == "expected 2 rows, got 0; missing 2: (1); (2)"


def test_rows_are_shown_with_null_and_quoted_text() -> None:
    message = check([["a", None]], [["a", 1]], columns=(["k", "v"], ["k", "v"]))
    assert message == "1 rows; missing 1: ('a', NULL); unexpected 1: ('a', 1)"


def test_one_huge_value_does_not_fill_the_message() -> None:
    """A diff shows a few rows, never a whole dataset: not even one packed into a single cell
    (`SELECT string_agg(...)` over a hidden table)."""
    huge = ";".join(f"hidden-row-{i}" for i in range(10_000))
    message = check([["x"]], [[huge]])
    assert message is not None
    assert message.startswith("1 rows; missing 1: ('x'); unexpected 1: ")
    assert len(message) < 2000
    assert "hidden-row-9999" not in message


# --- options ------------------------------------------------------------------------------


def test_validate_accepts_the_problem_options_and_rejects_others() -> None:
    ROWS.validate({"ordered": True, "abs_tol": 0.01}, Path("."))
    with pytest.raises(ValueError, match="unknown option 'tolerance'"):
        ROWS.validate({"tolerance": 0.01}, Path("."))
