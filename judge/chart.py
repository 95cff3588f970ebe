"""Time against n for the learner and the reference, on log scales: as text, or as a file.

The text chart is hand-drawn in a few lines (a plotting library would cost more to import
than the whole table render); the file uses matplotlib, an optional extra (`judge[plot]`).
"""

from __future__ import annotations

import math
from pathlib import Path

from judge.errors import UserError
from judge.models import ComplexityResult

LEARNER, REFERENCE, BOTH = "o", "*", "@"
PLOT_SUFFIXES = (".png", ".svg")


def _scale(value: float, lo: float, hi: float, cells: int) -> int:
    if hi <= lo:
        return 0
    return round((math.log(value) - math.log(lo)) / (math.log(hi) - math.log(lo)) * (cells - 1))


def _ms(value: float) -> str:
    return f"{value:.3g} ms" if value < 1000 else f"{value / 1000:.3g} s"


def text_chart(c: ComplexityResult, width: int = 44, height: int = 7) -> str:
    """A small log-log scatter of both sides' median times; empty when there is nothing to draw."""
    points = [(n, t, LEARNER) for n, t in zip(c.sizes, c.times_ms, strict=False) if t > 0]
    points += [(n, t, REFERENCE) for n, t in zip(c.sizes, c.reference_times_ms, strict=False) if t > 0]
    if len({n for n, _, _ in points}) < 2:
        return ""
    n_lo, n_hi = min(p[0] for p in points), max(p[0] for p in points)
    t_lo, t_hi = min(p[1] for p in points), max(p[1] for p in points)
    if t_hi <= t_lo:
        t_hi = t_lo * 2
    grid = [[" "] * width for _ in range(height)]
    for n, t, mark in points:
        row = height - 1 - _scale(t, t_lo, t_hi, height)
        col = _scale(n, n_lo, n_hi, width)
        here = grid[row][col]
        grid[row][col] = mark if here in (" ", mark) else BOTH
    top, bottom = _ms(t_hi), _ms(t_lo)
    pad = max(len(top), len(bottom))
    lines = [f"{' ' * pad}  time (log)   {LEARNER} yours   {REFERENCE} reference   {BOTH} both"]
    for i, row in enumerate(grid):
        label = top if i == 0 else bottom if i == height - 1 else ""
        lines.append(f"{label:>{pad}} |{''.join(row).rstrip()}")
    lines.append(f"{' ' * pad} +{'-' * width}")
    left, right = f"n = {n_lo}", str(n_hi)
    lines.append(f"{' ' * pad}  {left}{right:>{width - len(left)}}  (log)")
    return "\n".join(lines)


def check_plot_path(path: Path) -> None:
    """Fail before any judging when the chart file cannot be written as asked."""
    if path.suffix.lower() not in PLOT_SUFFIXES:
        raise UserError(f"--plot writes .png or .svg files, not {path.name}.")
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        raise UserError("--plot needs matplotlib, an optional extra: pip install 'judge[plot]'.") from None


def save_plot(c: ComplexityResult, path: Path, title: str = "") -> None:
    """The same chart as a PNG or SVG file: every sample as a dot, the medians as lines."""
    check_plot_path(path)
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6.4, 4.2))
    series = (
        ("yours", c.times_ms, c.samples_ms, "tab:red"),
        ("reference", c.reference_times_ms, c.reference_samples_ms, "tab:blue"),
    )
    for label, medians, samples, color in series:
        for n, values in zip(c.sizes, samples, strict=False):
            ax.scatter([n] * len(values), values, s=8, color=color, alpha=0.35)
        ax.plot(c.sizes[: len(medians)], medians, marker="o", color=color, label=label)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("n")
    ax.set_ylabel("time per call (ms)")
    verdict = {True: "ok", False: "too slow", None: "unclear"}[c.ok]
    ax.set_title(title or f"expected {c.expected}, estimated {c.estimated or '?'} ({verdict})")
    ax.legend()
    ax.grid(True, which="both", alpha=0.3)
    try:
        fig.savefig(path, bbox_inches="tight")
    except OSError as exc:
        raise UserError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        plt.close(fig)
