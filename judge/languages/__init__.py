"""Languages: everything the judge knows about one kind of submission, in one leaf plugin.

Each subpackage here exports one `Language` and registers it; the rest of the judge asks the
registry instead of testing a problem's kind. A problem *kind* (python, sql) is defined by its
primary language, which parses the kind's problem.yaml sections and loads its cases; other
languages may serve the same kind (pandas answers SQL problems) and reuse that.
Adding a language is adding a folder here.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from judge.errors import SubmissionError
from judge.models import Case, Fault, Problem
from judge.sandbox import Job
from judge.yamlfields import Fields

TODO = "TODO(judge new)"
"""What `judge new` writes where an author must fill in; `judge check` fails while it remains."""

BuildJob = Callable[[Problem, list[Case], str, Mapping[str, float], Mapping[str, Any]], Job]
"""(problem, cases, submission source, time limit per case name in ms, options) -> Job.
Raises CompileError when the submission cannot be run at all."""


@dataclass(frozen=True)
class Kind:
    """What the primary language of a problem kind contributes to reading problem folders."""

    folder: str
    """problems/<folder>/ holds the problems of this kind."""
    yaml_keys: frozenset[str]
    """problem.yaml keys of this kind beyond the common ones."""
    parse: Callable[[Fields, Path], dict[str, Any]]
    """Problem fields (checker, entry_point, sql, ...) from the kind's own keys."""
    load_cases: Callable[[Problem, bool], list[Case]]
    """(problem, samples_only) -> the cases, samples first."""
    render_samples: Callable[[Problem], str]
    """The sample tests (or tables) as `judge show` prints them."""
    label: str
    """How a learner names the kind ("Python", "SQL")."""
    check: Callable[[Path, Problem | None], list[Fault]]
    """`judge check`'s look at the kind's own files (tests, fixtures, generator); the problem
    is None when problem.yaml itself is broken, and the files are still looked at."""
    scaffold: Callable[[str], dict[str, str]]
    """`judge new`: relative path -> text of every file a new problem of this kind needs."""
    solutions_scaffold: Callable[[str], dict[str, str]]
    """`judge new`: the reference and known-wrong stubs, relative to solutions_reference/<slug>/."""


@dataclass(frozen=True)
class Language:
    name: str
    kind: str
    """The problem kind it answers."""
    extensions: tuple[str, ...]
    worker: str
    """The sandbox worker that runs it (python, sql)."""
    build_job: BuildJob
    describe: Callable[[Problem], str]
    """What to write, as `judge show` says it: the entry point's signature, or the query."""
    starter: Callable[[Problem, bool], str]
    """(problem, leetcode form) -> a starter file's text."""
    complexity: bool = False
    """Whether empirical time complexity applies to its submissions."""
    options: frozenset[str] = field(default_factory=frozenset)
    """Run options it understands (e.g. `dialect`)."""
    defines: Kind | None = None
    """Set on the primary language of a kind."""


class _Registry(dict[str, Language]):
    loaded = False

    def load(self) -> _Registry:
        if not self.loaded:
            self.loaded = True
            for mod in pkgutil.iter_modules(__path__):
                importlib.import_module(f"{__name__}.{mod.name}")
        return self


LANGUAGES = _Registry()


def register(language: Language) -> Language:
    LANGUAGES[language.name] = language
    return language


def all_languages() -> list[Language]:
    return list(LANGUAGES.load().values())


def by_name(name: str) -> Language:
    return LANGUAGES.load()[name]


def kinds() -> dict[str, Kind]:
    """Problem kind -> what its primary language says about its problems."""
    return {lang.kind: lang.defines for lang in all_languages() if lang.defines is not None}


def kind_of(problem: Problem) -> Kind:
    return kinds()[problem.kind]


def for_kind(kind: str) -> list[Language]:
    """The languages that answer problems of this kind, the primary one first."""
    return sorted((lang for lang in all_languages() if lang.kind == kind), key=lambda x: x.defines is None)


def known_extensions() -> list[str]:
    return sorted({ext for lang in all_languages() for ext in lang.extensions})


def worker_for_extension(suffix: str) -> str | None:
    """The worker a file of this type will need, when every language for it shares one."""
    workers = {lang.worker for lang in all_languages() if suffix.lower() in lang.extensions}
    return workers.pop() if len(workers) == 1 else None


def language_for(problem: Problem, path: Path | None = None) -> Language:
    """The language of a submission to this problem: by the file's extension among those that
    answer the problem's kind; without a path, the kind's primary language."""
    candidates = for_kind(problem.kind)
    if path is None:
        return candidates[0]
    suffix = path.suffix.lower()
    for lang in candidates:
        if suffix in lang.extensions:
            return lang
    if suffix not in known_extensions():
        raise SubmissionError(
            f"{path.name}: unsupported file type '{path.suffix or '(none)'}'; "
            f"submit one of {', '.join(known_extensions())}."
        )
    named = len(candidates) > 1
    wanted = " or ".join(
        f"{ext} ({lang.name})" if named else ext for lang in candidates for ext in lang.extensions
    )
    raise SubmissionError(
        f"{problem.slug} is a {kind_of(problem).label} problem; submit a {wanted} file, not {path.name}."
    )
