"""Widgets and labels shared by several pages: remembered choices kept valid, a table's download buttons,
codes labelled in the UI language.

A piece used by one page stays in that page's ``*_parts.py``; it comes here when a second page needs it.
"""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.export.tables import Table, write_item
from qualcode.project import Project

from .code_tree import name_column
from .state import source_type_name, tr

# Built with the page, so the download is instant.
SHEET_FORMATS = {"csv": "text/csv", "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
# For papers: written only when their button is pressed.
PAPER_FORMATS = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                 "tex": "application/x-tex", "md": "text/markdown"}


def keep_known(key: str, options: list[Any], *, multi: bool = False, default: Any = None) -> None:
    """Drop a remembered choice the project no longer offers (another project, a deleted code ...)."""
    if key not in st.session_state:
        if default is not None:
            st.session_state[key] = default
        return
    if multi:
        st.session_state[key] = [v for v in st.session_state[key] or [] if v in options]
    elif st.session_state[key] not in options:
        st.session_state[key] = default if default in options else (options[0] if options else None)


def code_labels(codes: pd.DataFrame) -> dict[str, str]:
    """``key · name`` in the UI language (falling back to the other name)."""
    names = codes[name_column()].where(codes[name_column()].notna() & (codes[name_column()] != ""), codes["name"])
    return {k: f"{k} · {n}" for k, n in zip(codes["key"], names, strict=True)}


def chart_column_labels(project: Project, by: str) -> dict[str, str]:
    """What a chart shows for each column of a matrix ``by`` this axis: a group's name in the UI language, an
    informant with their group's ("I-01 (Community)"), a source type's name; an attribute's value as it is."""
    if by == "source_type":
        return {k: source_type_name(k) for k in project.axis_values(by)}
    if by not in ("group", "informant"):
        return {}
    groups = project.groups()
    column = name_column()
    names = groups[column].where(groups[column].notna() & (groups[column] != ""), groups["name"])
    shown = {k: n if isinstance(n, str) and n.strip() else k for k, n in zip(groups["key"], names, strict=True)}
    if by == "group":
        return shown
    informants = project.informants()
    return {k: f"{k} ({shown.get(g, g)})" if isinstance(g, str) else k
            for k, g in zip(informants["key"], informants["group"], strict=True)}


def chart_code_labels(project: Project) -> dict[str, str]:
    """"E1.1 Name" for each code, the name in the UI language (the other where it is empty)."""
    codes = project.codes()
    column = name_column()
    names = codes[column].where(codes[column].notna() & (codes[column] != ""), codes["name"])
    return {k: f"{k} {n}".strip() if isinstance(n, str) else k for k, n in zip(codes["key"], names, strict=True)}


def clicked_point(chart_key: str, selection: str, fields: tuple[str, ...]) -> dict[str, Any] | None:
    """The first point a click selected on the chart kept under ``chart_key`` (its ``selection`` parameter),
    when it carries every one of ``fields``; None otherwise (what the charts' on_select callbacks read)."""
    state = st.session_state.get(chart_key) or {}
    points = (state.get("selection") or {}).get(selection) or []
    if not points or any(points[0].get(f) is None for f in fields):
        return None
    return {f: points[0][f] for f in fields}


def table_bytes(frame: pd.DataFrame, fmt: str, paper: Table | None = None) -> bytes:
    """``frame`` written by :func:`qualcode.export.tables.write_item` (CSV, XLSX, DOCX, LaTeX or Markdown), with
    the title, caption, notes and settings of ``paper`` (what `qualcode export` writes with the same table)."""
    buffer = io.BytesIO()
    write_item(replace(paper, frame=frame) if paper else Table(frame), buffer, fmt)
    return buffer.getvalue()


def table_downloads(frame: pd.DataFrame, stem: str, key_prefix: str, label_key: str, *,
                    paper: Table | None = None) -> None:
    """Download buttons for ``frame`` (keys ``{key_prefix}_<format>``): CSV and XLSX, then DOCX, LaTeX
    and Markdown for papers, those built only when pressed; ``paper``: the catalogue's table whose title,
    caption and notes go around it."""
    formats = {**SHEET_FORMATS, **PAPER_FORMATS}
    columns = st.columns(len(formats))
    for column, (fmt, mime) in zip(columns, formats.items(), strict=True):
        data = (table_bytes(frame, fmt, paper) if fmt in SHEET_FORMATS
                else (lambda fmt=fmt: table_bytes(frame, fmt, paper)))
        column.download_button(tr(label_key).format(fmt=fmt.upper()), data=data,
                               file_name=f"{stem}.{fmt}", mime=mime, key=f"{key_prefix}_{fmt}", on_click="ignore")
