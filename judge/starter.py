"""`judge start`: the file a learner begins from, as LeetCode hands out its template.

The templates are the languages' own (`Language.starter`); this module picks the language and
the file, and never overwrites a learner's work.
"""

from __future__ import annotations

from pathlib import Path

from judge.catalog import load_problem
from judge.errors import UserError
from judge.languages import Language, by_name, for_kind, language_for
from judge.models import Problem


def choose_language(problem: Problem, lang: str | None, file: Path | None) -> Language:
    """The language named, else the file's, else the problem kind's primary one."""
    if lang is None:
        return language_for(problem, file) if file is not None else language_for(problem)
    try:
        language = by_name(lang)
    except KeyError:
        names = ", ".join(x.name for x in for_kind(problem.kind))
        raise UserError(f"Unknown language '{lang}'; use one of {names}.") from None
    if language.kind != problem.kind:
        names = ", ".join(x.name for x in for_kind(problem.kind))
        raise UserError(f"{problem.slug} is not answered in {lang}; use --lang {names}.")
    return language


def starter_text(problem: Problem, language: Language, leetcode: bool = False) -> str:
    if leetcode and (problem.entry_point is None or not problem.entry_point.leetcode_method):
        if problem.entry_point is None or not problem.entry_point.is_class:
            raise UserError(f"{problem.slug} has no LeetCode form; drop --leetcode.")
        leetcode = False  # a class-design problem's LeetCode form is the class itself
    return language.starter(problem, leetcode)


def write_starter(
    slug: str,
    file: Path | None = None,
    *,
    leetcode: bool = False,
    lang: str | None = None,
    folder: Path | None = None,
) -> Path:
    """Write the starter of problem `slug` to `file` (default `<slug>.<ext>` in `folder`)."""
    problem = load_problem(slug)
    language = choose_language(problem, lang, file)
    if file is None:
        file = (folder or Path.cwd()) / f"{slug}{language.extensions[0]}"
    text = starter_text(problem, language, leetcode)
    try:
        with open(file, "x", encoding="utf-8") as out:  # "x": never over a learner's work
            out.write(text)
    except FileExistsError:
        raise UserError(
            f"{file} already exists; judge it with `judge run {slug} {file}`, or name another file."
        ) from None
    except OSError as exc:
        raise UserError(f"Cannot write {file}: {exc.strerror}.") from None
    return file
