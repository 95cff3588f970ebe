"""The command line: parse, call one library function, render, map errors to exit codes."""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from judge import __version__
from judge.errors import UserError

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_REJECTED, EXIT_USER, EXIT_INTERNAL = 0, 1, 2, 3


EXIT_BROKEN_PIPE = 128 + 13
"""The status of a program ended by SIGPIPE, which shells know: the output's reader left."""


def _errors(fn: F) -> F:
    """Our exceptions become one line and exit 2; anything else is our bug: exit 3."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except UserError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_USER)
        except (click.exceptions.Exit, click.ClickException, SystemExit, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # the reader went away (`| head`): nothing more to say, as
            # programs ended by SIGPIPE do; stdout is pointed at /dev/null for the final flush
            null = os.open(os.devnull, os.O_WRONLY)
            os.dup2(null, sys.stdout.fileno())
            os.close(null)
            sys.exit(EXIT_BROKEN_PIPE)
        except Exception:  # noqa: BLE001 - the judge's own fault, shown in full
            click.echo(traceback.format_exc(), err=True)
            click.echo("internal error (IE): this is a bug in the judge, not in your code.", err=True)
            sys.exit(EXIT_INTERNAL)

    return wrapper  # type: ignore[return-value]


format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "json"]),
    default="table",
    show_default=True,
    help="table for people, json for scripts.",
)


def sandbox_option(default: str, help_text: str) -> Callable[[F], F]:
    return click.option(
        "--sandbox",
        type=click.Choice(["auto", "docker", "local"]),
        default=default,
        show_default=True,
        help=help_text,
    )


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="judge")
def main() -> None:
    """An auto-graded coding and SQL practice judge."""


@main.command()
@click.argument("slug")
@click.argument("file", type=click.Path(path_type=Path, readable=False))
@format_option
@sandbox_option("auto", "auto: docker where an engine answers, else local.")
@click.option("--no-complexity", is_flag=True, help="Skip the time-complexity measurement.")
@click.option(
    "--dialect",
    default=None,
    metavar="NAME",
    help="SQL written for another engine (postgres, mysql, sqlite, ...): translated to DuckDB first.",
)
@click.option(
    "--all-tests", is_flag=True, help="Run every test, even after one ran out of time or memory (slower)."
)
@click.option(
    "--feedback",
    type=click.Choice(["full", "brief", "none"]),
    default="full",
    show_default=True,
    help="How much of a failing hidden test is shown: everything, no hidden data, or only the counts.",
)
@click.option(
    "--watch", is_flag=True, help="Judge FILE again each time it is saved (samples first), until Ctrl-C."
)
@click.option(
    "--cold", is_flag=True, help="Bypass the warm sandboxes of `judge warm start`: start a fresh one now."
)
@click.option(
    "--plot",
    type=click.Path(dir_okay=False, path_type=Path),
    default=None,
    metavar="FILE",
    help="Also draw the complexity timings to FILE (.png or .svg; needs the 'plot' extra: matplotlib).",
)
@_errors
def run(
    slug: str,
    file: Path,
    fmt: str,
    sandbox: str,
    no_complexity: bool,
    dialect: str | None,
    all_tests: bool,
    feedback: str,
    watch: bool,
    cold: bool,
    plot: Path | None,
) -> None:
    """Judge FILE (.py or .sql) against problem SLUG."""
    if plot is not None:
        from judge.chart import check_plot_path

        if no_complexity or watch:
            raise UserError("--plot draws the complexity measurement: drop --no-complexity and --watch.")
        check_plot_path(plot)
    if watch:
        if fmt != "table":
            raise click.UsageError("--watch shows tables; drop --format json.")
        _watch(slug, file, sandbox, not no_complexity, dialect, all_tests, feedback, cold)
        return
    from judge.sandbox.select import choose, remember_worker, worker_hint

    box, notes = choose(sandbox, cold=cold)  # judge.launch may have started it already
    with box:
        # A container is asked for, or a worker started, before the languages load: the worker
        # this file type needed last time (none yet: a container is named its worker below).
        hint = worker_hint(file.suffix)
        box.prepare(hint)
        from judge.languages import worker_for_extension

        worker = worker_for_extension(file.suffix)
        if worker != hint:
            if worker is not None:
                box.prepare(worker)  # its start overlaps the judge loading the problem
            remember_worker(file.suffix, worker)
        from judge.judging import judge_file
        from judge.models import Verdict
        from judge.render import to_json, to_table

        report = judge_file(
            slug,
            file,
            box,
            complexity=not no_complexity,
            dialect=dialect,
            all_tests=all_tests,
            notes=notes,
        )
    from judge.feedback import apply_feedback

    internal = any(t.verdict is Verdict.IE for t in report.tests)  # before hidden tests are withheld
    report = apply_feedback(report, feedback)
    click.echo(to_json(report) if fmt == "json" else to_table(report))
    if plot is not None:
        _plot(report, plot)
    if internal:
        sys.exit(EXIT_INTERNAL)
    sys.exit(EXIT_OK if report.accepted else EXIT_REJECTED)


def _plot(report: Any, path: Path) -> None:
    """The complexity chart to a file, or one line on stderr saying why there is none."""
    from judge.chart import save_plot

    c = report.complexity
    if c is None or not c.sizes:
        why = "the solution was not accepted" if not report.accepted else "this problem has no timing"
        click.echo(f"note: no complexity chart written to {path}: {why}.", err=True)
        return
    save_plot(c, path, title=f"{report.problem}: expected {c.expected}, estimated {c.estimated or '?'}")
    click.echo(f"Complexity chart written to {path}.", err=True)


def _watch(
    slug: str,
    file: Path,
    sandbox: str,
    complexity: bool,
    dialect: str | None,
    all_tests: bool,
    feedback: str,
    cold: bool = False,
) -> None:
    """`run --watch`: the samples' table, then every test's, after each save."""
    from judge.feedback import apply_feedback
    from judge.render import to_table
    from judge.sandbox.select import choose
    from judge.watch import judge_rounds, watch

    box, notes = choose(sandbox, cold=cold)
    options = {"dialect": dialect} if dialect else {}

    def run_once() -> None:
        for i, report in enumerate(
            judge_rounds(slug, file, box, complexity=complexity, options=options, all_tests=all_tests)
        ):
            click.echo(
                ("Samples:\n" if i == 0 else "\nAll tests:\n") + to_table(apply_feedback(report, feedback))
            )

    with box:
        for note in notes:
            click.echo(note)
        watch(file, run_once, clear=click.clear, echo=click.echo)


@main.command()
@click.argument("slug")
@click.argument("file", required=False, type=click.Path(path_type=Path))
@click.option("--leetcode", is_flag=True, help="LeetCode's form: class Solution with LeetCode's method name.")
@click.option(
    "--lang", default=None, metavar="NAME", help="The language to answer in (e.g. pandas for a SQL problem)."
)
@_errors
def start(slug: str, file: Path | None, leetcode: bool, lang: str | None) -> None:
    """Write a starter file for problem SLUG.

    FILE defaults to SLUG.py (SLUG.sql for a SQL problem) in the current folder; an existing
    file is never overwritten.
    """
    from judge.starter import write_starter

    written = write_starter(slug, file, leetcode=leetcode, lang=lang)
    click.echo(f"Wrote {written}. Judge it with: judge run {slug} {written}")


@main.command(name="list")
@_errors
def list_() -> None:
    """List the problems: slug, kind, difficulty, tags."""
    from tabulate import tabulate

    from judge.catalog import load_all

    rows = [[p.slug, p.kind, p.difficulty, ", ".join(p.tags)] for p in load_all()]
    click.echo(tabulate(rows, headers=["slug", "kind", "difficulty", "tags"], tablefmt="simple"))


@main.command()
@click.argument("slug")
@_errors
def show(slug: str) -> None:
    """Print a problem's statement, signature or tables, and its sample tests."""
    from judge.catalog import load_problem
    from judge.show import render_problem

    click.echo(render_problem(load_problem(slug)))


# --- judge warm (owned by SPEED; the logic lives in judge.warm) ---


@main.group()
def warm() -> None:
    """Ready sandboxes that `run` and `grade` use while they exist.

    start keeps a small pool of ready containers and jailed workers, status shows it, stop
    removes it; each sandbox serves one submission, then goes.
    """


@warm.command(name="start")
@sandbox_option("auto", "Which sandboxes to keep warm (auto: Docker where an engine answers, and local).")
@click.option(
    "--size", type=click.IntRange(1, 16), default=2, show_default=True, help="Ready sandboxes per pool."
)
@click.option(
    "--idle-minutes",
    type=click.FloatRange(min=0.05),
    default=30.0,
    show_default=True,
    help="Stop after this long without a run.",
)
@_errors
def warm_start(sandbox: str, size: int, idle_minutes: float) -> None:
    """Start the warm sandboxes (nothing happens when they already run)."""
    from judge.warm import client

    click.echo(client.describe(client.start(sandbox, size, idle_minutes)))


@warm.command(name="status")
@_errors
def warm_status() -> None:
    """Show the warm sandboxes (exit 1 when none run)."""
    from judge.warm import client

    info = client.status()
    if info is None:
        click.echo("no warm sandboxes run; start them with `judge warm start`")
        sys.exit(EXIT_REJECTED)
    click.echo(client.describe(info))


@warm.command(name="stop")
@_errors
def warm_stop() -> None:
    """Stop the warm sandboxes and remove every ready one."""
    from judge.warm import client

    pid = client.stop()
    click.echo("no warm sandboxes ran" if pid is None else f"warm sandboxes stopped (pid {pid})")


# --- judge grade / judge merge (owned by GRADE; the logic lives in judge.grade) ---


@main.command()
@click.argument("slug")
@click.option(
    "--kind", "kind", required=True, type=click.Choice(["python", "sql"]), help="The problem's kind."
)
@_errors
def new(slug: str, kind: str) -> None:
    """Scaffold a new problem folder and its reference-solution stubs."""
    from judge.new import scaffold

    for path in scaffold(slug, kind):
        click.echo(f"wrote {path}")
    click.echo(f"Fill in every TODO(judge new), then run: judge check {slug}")


@main.command()
@click.argument("slugs", nargs=-1)
@click.option("--all", "all_", is_flag=True, help="Check every problem.")
@format_option
@sandbox_option("local", "Where the reference solutions run.")
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Problems checked in parallel (each process with its own sandbox).",
)
@_errors
def check(slugs: tuple[str, ...], all_: bool, fmt: str, sandbox: str, jobs: int) -> None:
    """Verify problem folders: schema, statement, tests and references."""
    from judge import check as checking

    paths = checking.problem_dirs(list(slugs), all_)
    results = checking.check_all(
        paths, sandbox, jobs=jobs, progress=lambda r: click.echo(checking.progress_line(r), err=True)
    )
    click.echo(checking.to_json(results) if fmt == "json" else checking.to_table(results))
    sys.exit(EXIT_OK if all(r.ok for r in results) else EXIT_REJECTED)


@main.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--assignment",
    "assignment_file",
    type=click.Path(path_type=Path),
    help="Assignment YAML: problems, points, required, feedback level.",
)
@click.option(
    "--roster",
    "roster_file",
    type=click.Path(path_type=Path),
    help="CSV with 'folder' and 'learner' columns (default: learner = folder name).",
)
@click.option(
    "--before",
    metavar="DATETIME",
    help="Grade each repo at its last commit before this time, e.g. '2026-12-15 23:59'.",
)
@click.option(
    "--out",
    type=click.Path(path_type=Path),
    default=Path("grades"),
    show_default=True,
    help="Folder for the gradebook and reports.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(min=1),
    default=None,
    help="Learners graded in parallel (default: the core count).",
)
@click.option(
    "--shard",
    metavar="I/N",
    help="Grade only share I of N of the learners (a CI matrix); join with `judge merge`.",
)
@click.option("--resume", is_flag=True, help="Keep the learners already graded in --out; grade the rest.")
@click.option(
    "--sandbox",
    type=click.Choice(["auto", "docker", "local"]),
    default="auto",
    show_default=True,
    help="auto: docker where an engine answers (DOCKER_HOST is honoured), else local.",
)
@click.option(
    "--feedback",
    type=click.Choice(["full", "brief", "none"]),
    default=None,
    help="What learners see of failing hidden tests (default: the assignment's, else brief).",
)
@click.option(
    "--complexity/--no-complexity",
    default=None,
    help="Measure time complexity (default: the assignment's, else off).",
)
@click.option(
    "--similarity",
    is_flag=True,
    help="Also write a report of suspiciously similar submissions (never changes a grade).",
)
@click.option(
    "--fail-on-required",
    is_flag=True,
    help="Exit 1 when a required problem is not accepted (a learner's own CI).",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no summary.")
@_errors
def grade(
    paths: tuple[Path, ...],
    assignment_file: Path | None,
    roster_file: Path | None,
    before: str | None,
    out: Path,
    jobs: int | None,
    shard: str | None,
    resume: bool,
    sandbox: str,
    feedback: str | None,
    complexity: bool | None,
    similarity: bool,
    fail_on_required: bool,
    quiet: bool,
) -> None:
    """Grade cohort submissions (one PATH per learner) into a gradebook."""
    from judge.grade.api import exit_code
    from judge.grade.api import grade as grade_cohort
    from judge.grade.outputs.summary import render_summary

    outcome = grade_cohort(
        list(paths),
        out=out,
        assignment_file=assignment_file,
        roster_file=roster_file,
        before=before,
        jobs=jobs,
        shard=shard,
        resume=resume,
        sandbox=sandbox,
        feedback=feedback,
        complexity=complexity,
        similarity=similarity,
        progress=not quiet,
    )
    for note in outcome.notes:
        click.echo(note, err=True)
    if not quiet:
        click.echo(render_summary(outcome.results, outcome.assignment))
    if outcome.errors:
        click.echo(
            f"warning: {outcome.errors} submissions could not be graded (status error);"
            " `--resume` regrades them.",
            err=True,
        )
    sys.exit(exit_code(outcome, fail_on_required))


@main.command()
@click.argument("dirs", nargs=-1, required=True, type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--out", type=click.Path(path_type=Path), required=True, help="Folder for the joined gradebook."
)
@click.option("--similarity", is_flag=True, help="Also write a report of suspiciously similar submissions.")
@click.option("--quiet", "-q", is_flag=True, help="No summary.")
@_errors
def merge(dirs: tuple[Path, ...], out: Path, similarity: bool, quiet: bool) -> None:
    """Join the --out folders of `judge grade --shard I/N` runs into one gradebook."""
    from judge.grade.api import merge as merge_runs
    from judge.grade.outputs.summary import render_summary

    outcome = merge_runs(list(dirs), out=out, similarity=similarity)
    for note in outcome.notes:
        click.echo(note, err=True)
    if not quiet:
        click.echo(render_summary(outcome.results, outcome.assignment))
    sys.exit(EXIT_OK)


if __name__ == "__main__":
    main()
