"""SQLite storage of a project: connection settings, schema, migrations and every SQL statement.

One project is one SQLite file. The connection runs in WAL mode with foreign keys
on and a busy timeout, and every write goes through :meth:`Store.atomic`, so a
failed import or coding leaves the file exactly as it was. All SQL of qualcode
lives in this package.
"""

from __future__ import annotations

from .account_queries import AccountQueries
from .analysis import AnalysisQueries
from .assignment_queries import AssignmentQueries
from .attribute_queries import AttributeQueries
from .base import APPLICATION_ID, BUSY_TIMEOUT_MS, StoreBase, connect, now
from .history_queries import HistoryQueries
from .maintenance_queries import MaintenanceQueries
from .media_queries import MediaQueries
from .memo_queries import MemoQueries
from .records import ProjectQueries
from .saved_query_queries import SavedQueryQueries
from .schema import SCHEMA_VERSION, migrations
from .suggest_queries import SuggestQueries
from .survey_queries import SurveyQueries
from .word_queries import WordQueries


class Store(HistoryQueries, MaintenanceQueries, AccountQueries, SuggestQueries, AnalysisQueries, AssignmentQueries,
            MediaQueries, AttributeQueries, MemoQueries, SavedQueryQueries, SurveyQueries, WordQueries, ProjectQueries,
            StoreBase):
    """The SQLite file of one project."""


__all__ = ["APPLICATION_ID", "BUSY_TIMEOUT_MS", "SCHEMA_VERSION", "Store", "connect", "migrations", "now"]
