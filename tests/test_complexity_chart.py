"""The complexity chart: as text in the table, as a file with --plot."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from judge.chart import BOTH, LEARNER, REFERENCE, save_plot, text_chart
from judge.cli import main
from judge.models import ComplexityResult
from tests.conftest import reference_path

SLOW = ComplexityResult(
    "O(n)",
    "O(n^2)",
    False,
    (1000, 2000, 4000, 8000),
    (1.0, 4.0, 16.0, 64.0),
    (1.0, 2.0, 4.0, 8.0),
    samples_ms=((1.0, 1.1), (4.0, 4.2), (16.0, 15.0), (64.0, 66.0)),
    reference_samples_ms=((1.0, 0.9), (2.0, 2.1), (4.0, 4.1), (8.0, 8.3)),
)


def test_the_text_chart_puts_both_sides_on_log_scales() -> None:
    lines = text_chart(SLOW, width=20, height=7).splitlines()
    assert LEARNER in lines[0] and REFERENCE in lines[0]
    assert lines[1].strip().startswith("64 ms |") and lines[1].rstrip().endswith(LEARNER)
    assert lines[7].strip().startswith("1 ms |") and lines[7].rstrip().endswith(BOTH)  # n=1000: both 1 ms
    assert "n = 1000" in lines[-1] and "8000" in lines[-1]
    # log scales: the learner's points (x4 per doubling) climb two rows for the reference's one
    rows = {line.index(LEARNER) if LEARNER in line else None for line in lines[1:8]} - {None}
    assert len(rows) == 3


def test_nothing_to_draw_draws_nothing() -> None:
    assert text_chart(ComplexityResult("O(n)", None, None, (), ())) == ""
    assert text_chart(ComplexityResult("O(n)", None, None, (1000,), (1.0,), (1.0,))) == ""


@pytest.mark.parametrize("suffix", [".png", ".svg"])
def test_save_plot_writes_the_file(tmp_path: Path, suffix: str) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / f"chart{suffix}"
    save_plot(SLOW, out)
    data = out.read_bytes()
    assert data.startswith(b"\x89PNG") if suffix == ".png" else b"<svg" in data[:2000]


def test_plot_needs_a_png_or_svg_name(tmp_path: Path) -> None:
    result = CliRunner().invoke(main, ["run", "two_sum", str(reference_path("two_sum")), "--plot", "x.txt"])
    assert result.exit_code == 2
    assert result.output.strip() == "error: --plot writes .png or .svg files, not x.txt."


def test_plot_without_matplotlib_says_how_to_get_it(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    out = tmp_path / "c.png"
    result = CliRunner().invoke(main, ["run", "two_sum", str(reference_path("two_sum")), "--plot", str(out)])
    assert result.exit_code == 2
    assert result.output.strip() == (
        "error: --plot needs matplotlib, an optional extra: pip install 'judge[plot]'."
    )
    assert not out.exists()


def test_plot_and_no_complexity_do_not_go_together() -> None:
    result = CliRunner().invoke(
        main, ["run", "two_sum", str(reference_path("two_sum")), "--plot", "c.png", "--no-complexity"]
    )
    assert result.exit_code == 2
    assert "drop --no-complexity" in result.output


@pytest.mark.slow
def test_run_with_plot_writes_the_chart(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    out = tmp_path / "c.svg"
    result = CliRunner().invoke(
        main, ["run", "two_sum", str(reference_path("two_sum")), "--sandbox", "local", "--plot", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "Complexity: expected O(n)" in result.output
    assert "o yours" in result.output
    assert b"<svg" in out.read_bytes()[:2000]
