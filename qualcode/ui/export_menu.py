"""One export control for every page that shows a table: pick a format, download the file.

The file is built only when the button is pressed (a deferred download), through the
same catalogue the CLI's `qualcode export` uses, so the app and the CLI export the same tables.
"""

from __future__ import annotations

import io
from typing import Any

import streamlit as st

from qualcode.export.tables import write_table
from qualcode.project import Project
from qualcode.project.catalog import export_table, export_transcript
from qualcode.project.report import export_report

from .state import tr

TABLE_FORMATS = ("xlsx", "docx", "csv", "tex", "md")
PAPER_FORMATS = ("docx", "tex", "md", "html")  # the quote table's paper layout: headings and quotes, no table
MIME = {
    "csv": "text/csv", "md": "text/markdown", "tex": "application/x-tex", "html": "text/html",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}
LABELS = {"xlsx": "Excel (.xlsx)", "docx": "Word (.docx)", "csv": "CSV", "tex": "LaTeX (.tex)", "md": "Markdown",
          "html": "HTML"}


def export_bytes(project: Project, table: str, fmt: str, *, layout: str | None = None, **options: Any) -> bytes:
    """The export of ``table`` in ``fmt`` as bytes (the transcript as DOCX/HTML, and the quotes in the "paper"
    ``layout``, have their own writers)."""
    buffer = io.BytesIO()
    if table == "quotes" and layout == "paper":
        export_report(project, buffer, fmt, layout="paper", **options)
        return buffer.getvalue()
    if table == "transcript" and fmt in ("docx", "html"):
        export_transcript(project, options.get("document"), buffer, fmt, coders=options.get("coders"))
        return buffer.getvalue()
    item = export_table(project, table, **options)
    write_table(item.frame, buffer, fmt, title=item.title, caption=item.caption, notes=item.notes,
                sheet_name=item.name)
    return buffer.getvalue()


def export_menu(project: Project, table: str, *, key: str, formats: tuple[str, ...] = TABLE_FORMATS,
                file_stem: str | None = None, **options: Any) -> None:
    """A format picker and a download button for one exportable table (not shown to a signed-in user whose
    role may not export)."""
    if not project.may("export"):
        return
    layout = None
    if table == "quotes":
        layout = st.radio(tr("export_layout"), ("table", "paper"), key=f"{key}_layout", horizontal=True,
                          format_func=lambda v: tr(f"export_layout_{v}"), help=tr("export_layout_help"))
    paper = layout == "paper"
    left, right = st.columns([1, 1], vertical_alignment="bottom")
    fmt = left.selectbox(tr("export_format"), PAPER_FORMATS if paper else formats,
                         key=f"{key}_paper_format" if paper else f"{key}_format", format_func=LABELS.get)
    right.download_button(
        f"{tr('export')} ({fmt})", data=lambda: export_bytes(project, table, fmt, layout=layout, **options),
        file_name=f"{file_stem or table}.{fmt}", mime=MIME[fmt], key=f"{key}_download", on_click="ignore")
