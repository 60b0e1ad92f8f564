"""The Survey grid page's parts: the filters, the page of respondents, the chosen answer and its coding.

State lives in plain ``st.session_state`` keys (``sg_*``), so that a test sets them as a click would:
the chosen answer is ``sg_respondent`` + ``sg_question`` (two pickers; a click on a cell of the table sets
both through :func:`pick_cell`), the code ``sg_code``. Every write goes through the Project API (audited,
so Undo takes it back).

Coding part of an answer: the transcript component works on a whole document and reports a mouse selection
in it; the grid instead asks for the exact words (and which occurrence, when they recur) and codes that
span of the answer. Typed words work from the keyboard, give the same span in every browser and in tests,
and cannot reach outside the answer. For a free selection with the mouse, *Open in the Code page* opens the
respondent's document in the transcript component, scrolled to the answer.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.codebook import HOTKEY_RE
from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.project.survey_grid import RESPONDENT, GridPage, codes_column, part_span

from .cells import text
from .code_parts import bilingual_labels
from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr
from .triangulation_parts import open_in_code

TABLE = "sg_table"
FRAME = "_sg_frame"  # the table as shown, for the cell-click callback
COLUMNS = "_sg_columns"  # shown column -> question (None for the respondent and attribute columns)
RESERVED_SHORTCUTS = {"C", "R"}  # Streamlit keeps these keys for itself (clear cache, rerun)
WHOLE_SHORTCUT = "Ctrl+Enter"


def reset_page() -> None:
    """A filter or the sort changed: start again at the first page."""
    st.session_state["sg_page"] = 1


def step_page(delta: int) -> None:
    st.session_state["sg_page"] = max(1, int(st.session_state.get("sg_page") or 1) + delta)


def code_labels(codes: pd.DataFrame) -> dict[str, str]:
    """Code key -> its bilingual label with its hotkey, when it has one: "E1 · Trust [T]"."""
    labels = bilingual_labels(codes)
    for key, hotkey in zip(codes["key"], codes["hotkey"], strict=True):
        if text(hotkey):
            labels[key] = f"{labels[key]} [{text(hotkey)}]"
    return labels


def hotkeys(codes: pd.DataFrame) -> dict[str, str]:
    """Code key -> hotkey, for the codes whose hotkey a button can listen to."""
    keys = {}
    for key, hotkey in zip(codes["key"], codes["hotkey"], strict=True):
        value = text(hotkey).upper()
        if value and HOTKEY_RE.match(value) and value not in RESERVED_SHORTCUTS:
            keys[str(key)] = value
    return keys


def shown_table(grid: GridPage) -> tuple[pd.DataFrame, dict[str, str | None]]:
    """The page's frame with translated headers, and which question each shown column belongs to."""
    names: dict[str, str] = {RESPONDENT: tr("sg_col_respondent")}
    owner: dict[str, str | None] = {tr("sg_col_respondent"): None}
    for name in grid.attributes:
        names[name] = name
        owner[name] = None
    for question in grid.questions:
        names[question] = question
        names[codes_column(question)] = tr("sg_col_codes").format(question=question)
        owner[question] = question
        owner[names[codes_column(question)]] = question
    return grid.frame.rename(columns=names), owner


def pick_cell() -> None:
    """The table's on_select callback: the clicked cell's respondent (and question, for an answer or codes
    cell) become the chosen answer."""
    state = st.session_state.get(TABLE) or {}
    cells = (state.get("selection") or {}).get("cells") or []
    frame: pd.DataFrame | None = st.session_state.get(FRAME)
    if not cells or frame is None:
        return
    row, column = cells[0][0], cells[0][1]
    if not 0 <= int(row) < len(frame):
        return
    st.session_state["sg_respondent"] = str(frame.iloc[int(row)][tr("sg_col_respondent")])
    question = (st.session_state.get(COLUMNS) or {}).get(column)
    if question is not None:
        st.session_state["sg_question"] = question


def chosen_answer(grid: GridPage) -> dict | None:
    """The row of ``grid.answers`` the pickers name, or None (no answer to that question)."""
    answers = grid.answers
    match = answers[(answers["respondent"].astype(str) == str(st.session_state.get("sg_respondent")))
                    & (answers["question"] == st.session_state.get("sg_question"))]
    return None if match.empty else match.iloc[0].to_dict()


def _code(answer: dict, start: int, end: int, code: str | None, what: str) -> None:
    project, coder = current_project(quiet=True), current_coder()
    if project is None or coder is None:
        return
    if not code:
        notify(tr("pick_a_code"), "warning")
        return
    try:
        project.add_coding(int(answer["document_id"]), int(start), int(end), code, coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr(what).format(code=escape_md(code), respondent=escape_md(answer["respondent"]),
                           question=escape_md(answer["question"]), start=start, end=end))


def code_whole(answer: dict, code: str | None = None) -> None:
    """Code the whole answer, ``[start, end)``, with ``code`` (default: the picked one) as the current coder."""
    _code(answer, int(answer["start"]), int(answer["end"]), code or st.session_state.get("sg_code"),
          "sg_coded_whole")


def code_part(answer: dict) -> None:
    """Code the typed words of the answer (the occurrence asked for) with the picked code."""
    try:
        start, end = part_span(str(answer["answer"]), int(answer["start"]),
                               str(st.session_state.get("sg_part_words") or ""),
                               int(st.session_state.get("sg_part_nth") or 1))
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    _code(answer, start, end, st.session_state.get("sg_code"), "sg_coded_part")


def coding_panel(project: Project, grid: GridPage, labels: dict[str, str], keys: dict[str, str]) -> None:
    """The chosen answer, its codes, and the controls that code it whole or in part."""
    respondents = [str(r) for r in grid.frame[RESPONDENT]]
    if st.session_state.get("sg_respondent") not in respondents:
        st.session_state["sg_respondent"] = respondents[0]
    if st.session_state.get("sg_question") not in grid.questions:
        st.session_state["sg_question"] = grid.questions[0]
    left, right = st.columns(2)
    left.selectbox(tr("sg_respondent"), respondents, key="sg_respondent")
    right.selectbox(tr("sg_question"), grid.questions, key="sg_question")
    answer = chosen_answer(grid)
    if answer is None:
        st.info(tr("sg_no_answer"))
        return
    st.text(answer["answer"])
    st.caption(tr("sg_answer_codes").format(codes=escape_md(", ".join(answer["codes"]) or "–"),
                                            start=answer["start"], end=answer["end"]))
    if st.session_state.get("sg_code") not in labels:
        st.session_state["sg_code"] = next(iter(labels))
    st.selectbox(tr("sg_code"), list(labels), key="sg_code", format_func=labels.get)
    st.button(tr("sg_code_whole"), key="sg_code_whole", type="primary", on_click=code_whole, args=(answer,),
              shortcut=WHOLE_SHORTCUT, help=tr("sg_code_whole_help"))
    if keys:
        st.caption(tr("sg_hotkeys"))
        columns = st.columns(min(len(keys), 8))
        for i, (code, hotkey) in enumerate(keys.items()):
            columns[i % len(columns)].button(escape_md(f"{hotkey} · {code}"), key=f"sg_hot_{code}", on_click=code_whole,
                                             args=(answer, code), shortcut=hotkey, width="stretch")
    with st.expander(tr("sg_part_title")):
        st.caption(tr("sg_part_help"))
        with st.form("sg_part_form", border=False):
            st.text_input(tr("sg_part_words"), key="sg_part_words")
            st.number_input(tr("sg_part_nth"), key="sg_part_nth", min_value=1, step=1, value=1)
            st.form_submit_button(tr("sg_part_apply"), on_click=code_part, args=(answer,))
        document = project.document(int(answer["document_id"]))["name"]
        st.button(tr("sg_open_code"), key="sg_open_code", on_click=open_in_code, args=(document, int(answer["start"])),
                  icon=":material/open_in_new:", help=tr("sg_open_code_help"))
