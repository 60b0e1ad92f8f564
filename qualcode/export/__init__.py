"""Writers of project data to files for papers: tables, quote tables and coded transcripts (REFI-QDA
exchange lives in :mod:`qualcode.refi`).

Exporters take plain data (DataFrames) and a path or file object; they never read the project.
"""

from __future__ import annotations

from .tables import TABLE_FORMATS, markdown_table, write_table

__all__ = ["TABLE_FORMATS", "markdown_table", "write_table"]
