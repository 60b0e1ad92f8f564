"""Every error qualcode raises on purpose.

Messages name the thing, the allowed values and what was received, so a
researcher can fix the input without reading a traceback.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any


class Term(str):
    """A piece of an error message that a front end translates too: a kind of thing, a role, an action.

    It is the English text (so the English message reads as before), with the message key of its
    translation and the values of that key's {placeholders}.

    Example
    -------
    >>> known = Term("none yet", "err_none_yet")
    >>> f"known: {known}", known.key
    ('known: none yet', 'err_none_yet')
    """

    key: str
    params: dict[str, object]

    def __new__(cls, english: str, key: str, **params: object) -> Term:
        term = super().__new__(cls, english)
        term.key, term.params = key, params
        return term


class QualcodeError(Exception):
    """Base class: anything a front end may show to the user as it is.

    The message is English (the CLI prints it). An error a researcher meets in the app also carries
    ``key``, a stable message key, and ``params``, the values its {placeholders} take, so that a front
    end can show it in the user's language; an error without a key is shown as its English message.
    ``where`` (a file) and ``line`` say where in an input file the error is, when they are known.

    Example
    -------
    >>> err = NotFoundError("unknown code 'E9'; known: E1, E2", key="err_unknown_code", code="E9", known="E1, E2")
    >>> str(err), err.key, err.params["code"]
    ("unknown code 'E9'; known: E1, E2", 'err_unknown_code', 'E9')
    """

    key: str | None = None
    params: dict[str, object] = {}
    where: str | None = None
    line: int | None = None

    def __init__(self, *args: object, key: str | None = None, **params: object) -> None:
        super().__init__(*args)
        self.key = key
        self.params = params

    def located(self, where: str, line: int | None = None) -> QualcodeError:
        """The same error, of the same type, with its place (file, line) put in front of the message."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        place = f"{where}, line {line}" if line is not None else where
        new.args = (f"{place}: {self}",)
        if self.where is not None:  # already located: the new place goes in front of the old one
            new.where, new.line = f"{place}: {self.where}", self.line
        else:
            new.where, new.line = str(where), line
        return new


class InputError(QualcodeError, ValueError):
    """Bad input from a user or a file (also a ValueError)."""


class ImportFormatError(InputError):
    """A file could not be read as a document: wrong extension, empty, undecodable, corrupt."""

    def __init__(self, path: object, problem: str, *, key: str | None = None, **params: object) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}", key=key, **params)
        self.where = self.path  # the key's message is the problem alone; the file goes in front


class IncompleteImportError(ImportFormatError):
    """A file that would import only in part (a source missing, a coding that does not fit): nothing was
    imported; :attr:`problems` names each one."""

    def __init__(self, path: object, problems: list[str]) -> None:
        self.problems = list(problems)
        n = len(self.problems)
        shown = "; ".join(self.problems[:20]) + (f"; ... and {n - 20} more" if n > 20 else "")
        super().__init__(path, f"nothing imported: {n} problem{'' if n == 1 else 's'}: {shown}. Import the rest on "
                               "purpose with --skip-missing", key="err_refi_incomplete", n=n, problems=shown)


class CodebookError(InputError):
    """A codebook file or definition is invalid."""


class NotFoundError(InputError, LookupError):
    """A key (group, informant, document, code, coder) that the project does not hold."""


class DuplicateError(InputError):
    """Something that must be unique already exists (a key, or a document with the same content)."""


class CodingError(InputError):
    """A coding whose offsets or references do not fit the document."""


class PermissionDeniedError(QualcodeError):
    """The signed-in user's role does not allow the action (see qualcode.accounts.PERMISSIONS)."""


class AuthenticationError(QualcodeError):
    """A wrong user name or password; the message never says which of the two was wrong."""


class ProjectFileError(QualcodeError):
    """The project file is missing, not a qualcode project, or from a newer version."""


class ProjectBusyError(QualcodeError):
    """Another writer held the project file's write lock for longer than qualcode waits."""


class UndoConflictError(QualcodeError):
    """An undo or redo that would overwrite a later change (by someone else) or break a reference;
    refused, so nothing changed. The message names the row and who changed it when."""


def unknown_message(what: str, value: object, allowed: Iterable[object] | str, *, listed: str = "allowed") -> str:
    """The one template for a value that is not one of the choices: ``unknown WHAT 'value'; allowed: a, b``.

    ``allowed`` is the choices, or their list already written out (shortened, or a :class:`Term` such as
    "none yet"). ``listed`` names them: "allowed" for a fixed set, "known" for what the project holds (its
    groups, codes, documents ...). An error that a front end translates passes this as its English
    message, with its own ``key``.

    Example
    -------
    >>> unknown_message("table format", "pdf", ["csv", "xlsx"])
    "unknown table format 'pdf'; allowed: csv, xlsx"
    >>> unknown_message("group", "staff", "community, agency", listed="known")
    "unknown group 'staff'; known: community, agency"
    """
    shown = allowed if isinstance(allowed, str) else ", ".join(str(choice) for choice in allowed)
    return f"unknown {what} {value!r}; {listed}: {shown}"


def check_choice(value: Any, allowed: Iterable[str], what: str) -> str:
    """``value`` if it is one of the strings ``allowed``, else an :class:`InputError` in the one template.

    Example
    -------
    >>> check_choice("group", ("group", "informant"), "axis (by)")
    'group'
    >>> check_choice("team", ("group", "informant"), "axis (by)")
    Traceback (most recent call last):
    ...
    qualcode.errors.InputError: unknown axis (by) 'team'; allowed: group, informant
    """
    allowed = tuple(allowed)
    if not isinstance(value, str) or value not in allowed:
        raise InputError(unknown_message(what, value, allowed))
    return value
