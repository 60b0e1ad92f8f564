"""The Project: the service API every front end (CLI, Streamlit) uses.

One module per concern, each a class built on :class:`~.base.ProjectBase` (the store, the acting
user, the permission check, the lookups) or on the concern it needs, and :class:`Project`
inheriting them all:

- :mod:`.base`: who acts and what they may do; lookups that raise clear errors
- :mod:`.core`: creating and opening the file; groups, informants, documents, codebook, coders, search
- :mod:`.codings`: adding, changing, removing and reading codings (on core)
- :mod:`.codebook_edit`: adding, editing, moving, merging and deleting codes
- :mod:`.analysis`: triangulation matrix and verdicts, framework matrix, co-occurrence (on codings)
- :mod:`.agreement`: intercoder agreement, reconciliation, blind coding (on codings)
- :mod:`.suggestions`: machine-assisted code suggestions (on codings)
- :mod:`.history`: history, undo and redo
- :mod:`.memos`: memos on the project, documents, codes, informants, groups and codings, and their links
- :mod:`.queries`: coding queries, their counts, saved queries and coding their results (on codings)
- :mod:`.attributes`: the kinds of informant attributes (text, number, date, category), checked on every write
- :mod:`.accounts`: accounts, signing in, sign-in records and locks
- :mod:`.words`: word frequencies, their comparison between groups, the stop list, the concordance (on analysis)
- :mod:`.media`: recordings linked to documents (kept in ``<project file>.media/``) and turn times
- :mod:`.surveys`: survey import: respondents as informants, each one's open-ended answers as a document

Every method that writes runs in one transaction and records an audit event; a method that raises
leaves the project file exactly as it was. What builds a table from a whole project is in
:mod:`.catalog`: functions that take a Project.
"""

from __future__ import annotations

from .accounts import ProjectAccounts
from .agreement import ProjectAgreement
from .analysis import ProjectAnalysis
from .attributes import ProjectAttributes
from .base import CODER_ROLES, requires
from .codebook_edit import CodebookEditing
from .codings import CodingSpec, ProjectCodings
from .core import DEFAULT_SOURCE_TYPES, ImportedDocument, Progress, ProjectCore
from .history import ProjectHistory
from .media import ProjectMedia
from .memos import ProjectMemos
from .queries import ProjectQueries
from .suggestions import ProjectSuggest
from .surveys import ProjectSurveys
from .words import ProjectWords

__all__ = ["CODER_ROLES", "DEFAULT_SOURCE_TYPES", "CodingSpec", "ImportedDocument", "Progress", "Project", "requires"]


class Project(ProjectWords, ProjectAnalysis, ProjectAgreement, ProjectSuggest, ProjectMemos, ProjectQueries,
              ProjectCodings, ProjectMedia, ProjectSurveys, ProjectAttributes, ProjectCore, CodebookEditing,
              ProjectHistory, ProjectAccounts):
    """A qualcode project file: every concern of the package in one object.

    Example
    -------
    It writes a project file, so it is not run as a doctest:

    >>> with Project.create("study.qualcode") as p:  # doctest: +SKIP
    ...     p.add_group("leadership", "Leadership of the office")
    ...     p.add_informant("I-09", "leadership", role="Head of office")
    """
