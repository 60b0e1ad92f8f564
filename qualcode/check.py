"""The consistency check of a project file: is every row where it should be, and does it still fit its text?

SQLite's own checks (pages and indexes, references) come first, then what only qualcode
knows: offsets inside the text, quotes equal to the text they quote, content hashes equal
to the text, and every document with its units.
"""

from __future__ import annotations

import hashlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from .errors import ProjectFileError
from .store import Store

PROBLEM_KINDS = ("integrity", "orphan", "offsets", "quote", "sha256", "no_units")


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a project file; ``kind`` is one of :data:`PROBLEM_KINDS`."""

    kind: str
    message: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.message}"


def check_project(path: str | Path) -> list[Problem]:
    """Every problem found in the project file at ``path``; [] when it is sound.

    The file is opened as any front end opens it (a file of an older qualcode is
    upgraded first). Kinds of problem:

    - ``integrity``: SQLite's ``PRAGMA integrity_check`` (damaged pages or indexes);
    - ``orphan``: ``PRAGMA foreign_key_check``, e.g. a coding whose code, coder or
      document is gone, an informant whose group is gone;
    - ``offsets``: a unit or coding whose start:end is not inside its document's text;
    - ``quote``: a coding whose quote is no longer ``text[start:end]``;
    - ``sha256``: a document whose stored hash is not the SHA-256 of its text;
    - ``no_units``: a document without units (a half-finished import).

    Raises
    ------
    ProjectFileError
        No such file, or not a qualcode project.

    Example
    -------
    It needs a project file, so it is not run as a doctest:

    >>> for problem in check_project("study.qualcode"):  # doctest: +SKIP
    ...     print(problem)
    quote: coding 12 in 'I-01': quote 'Koordinasinya' is now 'Koordinasi' at 310:323
    """
    try:
        store = Store.open(path)
    except sqlite3.DatabaseError as exc:
        raise ProjectFileError(f"{path}: cannot be read as a qualcode project ({exc})") from None
    try:
        return check_store(store)
    finally:
        store.close()


def check_store(store: Store) -> list[Problem]:
    """The problems of an open project file (see :func:`check_project`), sorted by kind."""
    problems = []
    for label, step in STEPS:
        try:
            problems += step(store)
        except sqlite3.DatabaseError as exc:
            # Damage bad enough that the query itself fails; the other steps may still run.
            problems.append(Problem("integrity", f"{store.path}: {label} failed: {exc}"))
    return sorted(problems, key=lambda p: PROBLEM_KINDS.index(p.kind))


def _sqlite_integrity(store: Store) -> list[Problem]:
    return [Problem("integrity", message) for message in store.integrity_check()]


def _orphans(store: Store) -> list[Problem]:
    return [
        Problem("orphan", f"{v['table']} row {v['rowid']}: {v['column']} = {v['value']} points to a missing "
                          f"{v['parent']} row")
        for v in store.foreign_key_violations()
    ]


def _documents(store: Store) -> list[Problem]:
    """Hash, units, offsets and quotes, reading each document's text once."""
    problems = []
    for doc in store.documents_to_check():
        text, name = doc["text"], doc["name"]
        actual = hashlib.sha256(text.encode("utf-8")).hexdigest()
        if actual != doc["sha256"]:
            problems.append(Problem("sha256", f"document '{name}': stored sha256 {doc['sha256'][:12]}... "
                                              f"is not the hash of its text ({actual[:12]}...)"))
        units = store.unit_spans(doc["id"])
        if not units:
            problems.append(Problem("no_units", f"document '{name}' (id {doc['id']}) has no units: "
                                                "its import did not finish"))
        for unit_id, start, end in units:
            if not _inside(start, end, len(text)):
                problems.append(_outside("unit", unit_id, name, start, end, len(text)))
        for coding_id, start, end, quote in store.coding_spans(doc["id"]):
            if not _inside(start, end, len(text)):
                problems.append(_outside("coding", coding_id, name, start, end, len(text)))
            elif text[start:end] != quote:
                problems.append(Problem("quote", f"coding {coding_id} in '{name}': quote {_short(quote)} is now "
                                                 f"{_short(text[start:end])} at {start}:{end}"))
    return problems


STEPS = (
    ("SQLite's integrity check", _sqlite_integrity),
    ("the foreign key check", _orphans),
    ("the check of documents, units and codings", _documents),
)


def _inside(start: object, end: object, length: int) -> bool:
    return isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= length


def _outside(what: str, row_id: int, document: str, start: int, end: int, length: int) -> Problem:
    return Problem("offsets", f"{what} {row_id} in '{document}': span {start}:{end} is outside the text (0:{length})")


def _short(text: str, limit: int = 40) -> str:
    return repr(text if len(text) <= limit else text[: limit - 3] + "...")
