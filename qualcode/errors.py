"""Every error qualcode raises on purpose.

Messages name the thing, the allowed values and what was received, so a
researcher can fix the input without reading a traceback.
"""

from __future__ import annotations


class QualcodeError(Exception):
    """Base class: anything a front end may show to the user as it is."""

    def located(self, where: str) -> QualcodeError:
        """The same error, of the same type, with its place (file, line) put in front of the message."""
        new = type(self).__new__(type(self))
        new.__dict__.update(self.__dict__)
        new.args = (f"{where}: {self}",)
        return new


class InputError(QualcodeError, ValueError):
    """Bad input from a user or a file (also a ValueError)."""


class ImportFormatError(InputError):
    """A file could not be read as a document: wrong extension, empty, undecodable, corrupt."""

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


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
