"""Big-O text to comparable growth classes: the catalog's phrasing, the documented forms, garbage."""

from __future__ import annotations

import pytest

from judge.catalog import load_all
from judge.complexity_classes import Growth, parse_class

# The "expected time" column of the problem catalog, verbatim: problem.yaml may say the same.
CATALOG_PHRASES = [
    ("O(n)", Growth(1, 0)),
    ("O(n log n) at most", Growth(1, 1)),
    ("O(1) per operation", Growth(1, 0)),  # the total over the n operations of a timing run
    ("O(n^3) for an n x n matrix", Growth(3, 0)),
    ("O(log s) per get, s = snaps", Growth(1, 1)),
]

# The forms docs/problem-format.md lists for `complexity.expected`.
DOCUMENTED_FORMS = [
    ("O(1)", Growth(0, 0)),
    ("O(log n)", Growth(0, 1)),
    ("O(n)", Growth(1, 0)),
    ("O(n log n)", Growth(1, 1)),
    ("O(n^2)", Growth(2, 0)),
    ("O(n^3)", Growth(3, 0)),
]


@pytest.mark.parametrize(("text", "growth"), CATALOG_PHRASES, ids=[t for t, _ in CATALOG_PHRASES])
def test_catalog_phrasing_parses(text: str, growth: Growth) -> None:
    assert parse_class(text) == growth


@pytest.mark.parametrize(("text", "growth"), DOCUMENTED_FORMS, ids=[t for t, _ in DOCUMENTED_FORMS])
def test_documented_forms_parse(text: str, growth: Growth) -> None:
    assert parse_class(text) == growth


@pytest.mark.parametrize(
    ("text", "growth"),
    [
        ("  O( n log n )  ", Growth(1, 1)),
        ("O(n*log n)", Growth(1, 1)),
        ("O(nlogn)", Growth(1, 1)),
        ("O(n ^ 2)", Growth(2, 0)),
        ("O(n^1.5)", Growth(1.5, 0)),
        ("O(m)", Growth(1, 0)),
        ("O(log n) per query", Growth(1, 1)),
        ("O(n) per operation", Growth(2, 0)),
    ],
)
def test_spacing_and_variants(text: str, growth: Growth) -> None:
    assert parse_class(text) == growth


def test_every_shipped_expected_complexity_parses() -> None:
    expected = {p.slug: p.complexity.expected for p in load_all() if p.complexity is not None}
    first = {"lru_cache": "O(1) per operation", "trapping_rain_water": "O(n)", "two_sum": "O(n)"}
    assert first.items() <= expected.items()
    parsed = {slug: parse_class(text) for slug, text in expected.items()}
    assert {slug: parsed[slug] for slug in first} == {
        "lru_cache": Growth(1, 0),
        "trapping_rain_water": Growth(1, 0),
        "two_sum": Growth(1, 0),
    }


@pytest.mark.parametrize(
    "text",
    ["", "n", "fast", "O(n", "On", "O()", "O(2^n)", "O(n!)", "O(n + m)", "O(hello)", "O(xyz)", "Theta(n)"],
)
def test_garbage_raises_value_error(text: str) -> None:
    with pytest.raises(ValueError):
        parse_class(text)


def test_the_error_says_what_is_expected() -> None:
    with pytest.raises(ValueError) as info:
        parse_class("fast")
    assert str(info.value) == "must look like O(n), O(n log n), O(n^2) or O(1) per operation, not 'fast'"


@pytest.mark.parametrize(
    ("text", "right"),
    [("O(sqrt n)", Growth(0.5, 0)), ("O(n log^2 n)", Growth(1, 2)), ("O(log log n)", None)],
)
def test_unsupported_forms_are_refused_or_read_right_never_misread(text: str, right: Growth | None) -> None:
    """A class the parser cannot read must fail at `judge check`, not become another class."""
    try:
        growth = parse_class(text)
    except ValueError:
        return
    assert growth == right, f"{text!r} was read as {growth}"


def test_classes_order_by_growth() -> None:
    order = ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^2 log n)", "O(n^3)"]
    growths = [parse_class(t) for t in order]
    assert growths == sorted(growths)
    assert len(set(growths)) == len(growths)


@pytest.mark.parametrize(
    ("growth", "text"),
    [
        (Growth(0, 0), "O(1)"),
        (Growth(0, 1), "O(log n)"),
        (Growth(1, 0), "O(n)"),
        (Growth(1, 1), "O(n log n)"),
        (Growth(2, 0), "O(n^2)"),
        (Growth(1.5, 0), "O(n^1.5)"),
        (Growth(1, 2), "O(n log^2 n)"),
    ],
)
def test_growth_prints_as_big_o(growth: Growth, text: str) -> None:
    assert str(growth) == text


@pytest.mark.parametrize("text", ["O(1)", "O(log n)", "O(n)", "O(n log n)", "O(n^2)", "O(n^3)"])
def test_printed_class_parses_back(text: str) -> None:
    assert str(parse_class(text)) == text
