"""The Project page's attribute types: the kinds of informant attributes, setting one, and suggestions.

Callbacks read plain ``st.session_state`` keys (``attr_name``, ``attr_kind``, ``attr_categories``) and
report through :func:`notify`, so a refused kind shows its error (naming the informant, the attribute and
the value) at the top of the page on the next run.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.analysis.attributes import KINDS
from qualcode.errors import QualcodeError
from qualcode.project import Project

from .project_parts import fixed_labels
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr, trn


def kind_label(kind: str) -> str:
    return tr(f"attr_kind_{kind}")


def kinds_help(project: Project) -> str:
    """The informant editor's help on attributes, with the declared kinds when there are any."""
    frame = project.attribute_types()
    declared = frame[frame["declared"] & (frame["kind"] != "text")]
    if declared.empty:
        return tr("proj_attributes_help")
    kinds = "; ".join(f"{row.name}: {kind_label(row.kind)}" + (f" ({', '.join(row.categories)})"
                                                                 if row.categories else "")
                      for row in declared.itertuples())
    return f"{tr('proj_attributes_help')}. {tr('proj_attributes_kinds').format(kinds=kinds)}"


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """The types table with translated kinds and the categories as one text."""
    return pd.DataFrame({
        tr("attr_col_name"): frame["name"],
        tr("attr_col_kind"): [kind_label(k) for k in frame["kind"]],
        tr("attr_col_categories"): [", ".join(c) for c in frame["categories"]],
        tr("col_informants"): frame["informants"],
        tr("attr_col_declared"): frame["declared"],
    })


def _current(project: Project, name: str) -> tuple[str, list[str], bool]:
    frame = project.attribute_types()
    row = frame[frame["name"] == name]
    if row.empty:
        return "text", [], False
    return str(row["kind"].iloc[0]), list(row["categories"].iloc[0]), bool(row["declared"].iloc[0])


def _forget_choice() -> None:
    """Another attribute chosen: its kind and categories are read afresh."""
    st.session_state.pop("attr_kind", None)
    st.session_state.pop("attr_categories", None)


def _forget_categories() -> None:
    st.session_state.pop("attr_categories", None)


def _categories() -> list[str]:
    return [c.strip() for c in (st.session_state.get("attr_categories") or "").split(",")]


def set_kind() -> None:
    """Callback of "Set kind": declare the chosen attribute's kind (and categories)."""
    project = current_project(quiet=True)
    name, kind = st.session_state.get("attr_name"), st.session_state.get("attr_kind")
    if project is None or not name or not kind:
        return
    try:
        changed = project.set_attribute_type(name, kind, _categories() if kind == "category" else None,
                                             actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    key = "attr_set_done" if changed else "attr_unchanged"
    notify(tr(key).format(name=escape_md(name), kind=kind_label(kind)), "success" if changed else "info")


def remove_kind() -> None:
    """Callback of "Make text again"."""
    project = current_project(quiet=True)
    name = st.session_state.get("attr_name")
    if project is None or not name:
        return
    try:
        project.remove_attribute_type(name, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    _forget_choice()
    notify(tr("attr_removed").format(name=escape_md(name)))


def _suggest() -> None:
    st.session_state["_attr_suggest"] = True


def accept_suggestions() -> None:
    """Callback of "Accept suggestions": declare every suggested kind that differs from the current one."""
    project = current_project(quiet=True)
    if project is None:
        return
    frame = project.infer_attribute_types()
    changes = {row.name: (row.suggested, row.categories or None) for row in frame[frame["change"]].itertuples()}
    try:
        n = project.set_attribute_types(changes, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state.pop("_attr_suggest", None)
    _forget_choice()
    notify(trn("attr_accepted", n))


def attribute_types_section(project: Project) -> None:
    """The attribute types of the project's informants: a table, a form to set a kind, suggestions."""
    st.subheader(tr("attr_heading"))
    st.caption(tr("attr_caption"))
    frame = project.attribute_types()
    if frame.empty:
        st.info(tr("attr_empty"))
        return
    st.dataframe(_shown(frame), hide_index=True, width="stretch", placeholder="")
    names = list(frame["name"])
    if st.session_state.get("attr_name") not in names:
        st.session_state["attr_name"] = names[0]
        _forget_choice()
    kind, categories, declared = _current(project, st.session_state["attr_name"])
    if st.session_state.get("attr_kind") not in KINDS:
        st.session_state["attr_kind"] = kind
    st.markdown(f"**{tr('attr_set_heading')}**")
    a, b, c = st.columns([2, 2, 4])
    a.selectbox(tr("attr_col_name"), names, key="attr_name", on_change=_forget_choice)
    b.selectbox(tr("attr_col_kind"), KINDS, key="attr_kind", format_func=fixed_labels(list(KINDS), kind_label),
                on_change=_forget_categories)
    if st.session_state["attr_kind"] == "category":
        if "attr_categories" not in st.session_state:  # prefilled: the declared categories, else the values
            st.session_state["attr_categories"] = ", ".join(
                categories if kind == "category" else project.attribute_values(st.session_state["attr_name"]))
        c.text_input(tr("attr_categories"), key="attr_categories", help=tr("attr_categories_help"))
    left, right, _rest = st.columns([1, 1, 3])
    left.button(tr("attr_set"), key="attr_set", type="primary", on_click=set_kind)
    if declared:
        right.button(tr("attr_remove"), key="attr_remove", on_click=remove_kind)
    st.button(tr("attr_suggest"), key="attr_suggest", on_click=_suggest)
    if st.session_state.get("_attr_suggest"):
        _suggestions(project)


def _suggestions(project: Project) -> None:
    st.caption(tr("attr_suggest_caption"))
    frame = project.infer_attribute_types()
    changes = frame[frame["change"]]
    if changes.empty:
        st.info(tr("attr_suggest_none"))
        return
    st.dataframe(pd.DataFrame({
        tr("attr_col_name"): changes["name"],
        tr("attr_col_kind"): [kind_label(k) for k in changes["kind"]],
        tr("attr_col_suggested"): [kind_label(k) for k in changes["suggested"]],
        tr("attr_col_categories"): [", ".join(c) for c in changes["categories"]],
        tr("col_informants"): changes["informants"],
    }), hide_index=True, width="stretch", placeholder="")
    st.button(tr("attr_accept"), key="attr_accept", type="primary", on_click=accept_suggestions)
