"""Exceptions of our own.

`UserError` and its subclasses are mistakes a user can make and fix (exit 2, one line);
anything else escaping the library is a bug of the judge (exit 3).
"""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix; the CLI prints the message alone and exits 2."""


class ProblemNotFound(UserError):
    pass


class ProblemFormatError(UserError):
    """A malformed problem folder; the message names the file and the field."""


class SubmissionError(UserError):
    """The submission file is missing, unreadable or of the wrong type."""


class SandboxUnavailable(UserError):
    """The requested sandbox cannot run here; the message says how to make it work."""


class CompileError(Exception):
    """The submission cannot be run at all (CE for every test); found before the sandbox."""
