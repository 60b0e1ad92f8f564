"""Survey grid page: respondents in rows, their attributes and answers in columns with the codes on each
answer; sort, filter, page, and code a whole answer or a part of it."""

from __future__ import annotations

import streamlit as st

from qualcode.errors import InputError
from qualcode.project import Project
from qualcode.project.survey_grid import BY_FILE, PAGE_SIZE, RESPONDENT, survey_grid
from qualcode.ui.code_parts import ALL, MINE, blinded
from qualcode.ui.history_parts import undo_redo_buttons
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, error_plain, error_text, show_messages, tr, trn
from qualcode.ui.survey_grid_parts import (
    COLUMNS,
    FRAME,
    TABLE,
    code_labels,
    coding_panel,
    hotkeys,
    pick_cell,
    reset_page,
    shown_table,
    step_page,
)
from qualcode.ui.triangulation_parts import follow_goto
from qualcode.ui.where_parts import is_condition_error, show_where_error, where_example, where_input


def shown_coders(project: Project, coder: str) -> list[str] | None:
    """Whose codes the cells list: as on the Code page, only the coder's own under blind coding (unless a
    supervisor or admin), else the choice of "Show codings of"."""
    if blinded(project, coder):
        st.caption(tr("agr_blind_on_code"))
        return [coder]
    others = [c for c in project.coders()["name"] if c != coder]
    choice = st.selectbox(tr("show_codings"), [MINE, ALL, *others], key="sg_show", on_change=reset_page,
                          format_func=lambda v: tr("filter_mine") if v == MINE else tr("filter_all")
                          if v == ALL else v)
    if choice == ALL:
        return None
    return [coder] if choice == MINE else [choice]


def filters(questions: list[str], attributes: list[str], labels: dict[str, str], example: str) -> None:
    with st.expander(tr("sg_filters"), expanded=True):
        where_input("sg_where", example)
        a, b, c = st.columns(3)
        a.selectbox(tr("sg_filter_code"), [None, *labels], key="sg_filter_code", on_change=reset_page,
                    format_func=lambda k: tr("sg_any") if k is None else labels[k])
        b.selectbox(tr("sg_filter_question"), [None, *questions], key="sg_filter_question", on_change=reset_page,
                    format_func=lambda q: tr("sg_any_question") if q is None else q)
        c.checkbox(tr("sg_not_coded"), key="sg_not_coded", on_change=reset_page, help=tr("sg_not_coded_help"))
        d, e = st.columns([2, 1])
        if st.session_state.get("sg_sort") not in [BY_FILE, RESPONDENT, *attributes]:
            st.session_state["sg_sort"] = BY_FILE
        d.selectbox(tr("sg_sort"), [BY_FILE, RESPONDENT, *attributes], key="sg_sort", on_change=reset_page,
                    format_func=lambda s: tr("sg_sort_file") if s == BY_FILE else tr("sg_col_respondent")
                    if s == RESPONDENT else s)
        e.toggle(tr("sg_descending"), key="sg_descending", on_change=reset_page)


def pager(pages: int) -> None:
    prev, number, nxt = st.columns([1, 2, 1], vertical_alignment="bottom")
    page = int(st.session_state.get("sg_page") or 1)
    prev.button(tr("sg_prev"), key="sg_prev", on_click=step_page, args=(-1,), disabled=page <= 1, width="stretch")
    number.number_input(tr("sg_page"), key="sg_page", min_value=1, max_value=pages, step=1)
    nxt.button(tr("sg_next"), key="sg_next", on_click=step_page, args=(1,), disabled=page >= pages,
               width="stretch")


def render() -> None:
    follow_goto()
    st.title(tr("sg_title"))
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    spans = project.survey_answer_spans()  # read once: the files, then the grid of the one picked
    files = sorted(set(spans["source_file"]))
    if not files:
        st.info(tr("sg_no_survey"))
        return
    coder = current_coder()
    if coder is None:
        st.info(tr("coder_needed"))
        return
    codes = project.codes()
    if codes.empty:
        st.info(tr("no_codebook_to_code"))
        return
    show_messages()
    top = st.columns(2)
    if st.session_state.get("sg_file") not in files:
        st.session_state["sg_file"] = files[0]
    top[0].selectbox(tr("sg_file"), files, key="sg_file", on_change=reset_page)
    with top[1]:
        shown = shown_coders(project, coder)
    labels = code_labels(codes)
    file = st.session_state["sg_file"]
    where = (st.session_state.get("sg_where") or "").strip() or None
    if st.session_state.get("_sg_where_was", None) != where:  # a new condition: page 1
        st.session_state["_sg_where_was"] = where
        reset_page()
    # the widgets' values are in the session state before the widgets are drawn: the page is read first, so
    # that the filters offer its questions and attributes
    try:
        grid = survey_grid(
            project, file, shown=shown, coder=coder, where=where,
            code=st.session_state.get("sg_filter_code"), not_coded=bool(st.session_state.get("sg_not_coded")),
            question=st.session_state.get("sg_filter_question"), sort_by=st.session_state.get("sg_sort", BY_FILE),
            descending=bool(st.session_state.get("sg_descending")), page=int(st.session_state.get("sg_page") or 1),
            size=PAGE_SIZE, spans=spans)
        error = None
    except InputError as exc:
        error, grid = exc, survey_grid(project, file, shown=shown, size=1, spans=spans)  # only for the filters' choices
    filters(grid.questions, grid.attributes, labels, where_example(project))
    if error is not None:
        if is_condition_error(error):
            show_where_error(error_plain(error))
        else:
            st.error(error_text(error))
        return
    if grid.respondents == 0:
        st.info(tr("sg_no_match"))
        return
    st.session_state["sg_page"] = grid.page  # clamped to the pages there are, before the input is drawn
    st.caption(trn("sg_showing", grid.respondents, first=grid.first + 1, last=grid.first + len(grid.frame),
                   page=grid.page, pages=grid.pages))
    table, owner = shown_table(grid)
    st.session_state[FRAME] = table
    st.session_state[COLUMNS] = owner
    st.dataframe(table, key=TABLE, on_select=pick_cell, selection_mode="single-cell", hide_index=True,
                 width="stretch", placeholder="",
                 column_config={q: st.column_config.TextColumn(q, width="large") for q in grid.questions})
    pager(grid.pages)
    st.subheader(tr("sg_answer"))
    coding_panel(project, grid, labels, hotkeys(codes))
    undo_redo_buttons(project, coder, prefix="sg_")


render()
