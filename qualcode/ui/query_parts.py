"""The Query page's logic: running a coding query, the form that writes one, saved queries, and coding the
results.

Callbacks read plain ``qry_*`` keys and keep what they found in ``_qry_*`` keys: the result in
``_qry_result`` (with the query, coders and project file it is of in ``_qry_params``), a query that does
not parse in ``_qry_error`` (message, query, position). :func:`compose` is plain Python, so the form's
output is tested without a page. Coding the results is a plain function the page calls in its body.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, tr
from .triangulation_parts import open_in_code

RESULT, PARAMS, ERROR = "_qry_result", "_qry_params", "_qry_error"
CONFIRM = "_qry_confirm_delete"  # the saved query whose deletion waits for a confirmation
OPERATORS = ("", "AND", "OR", "NOT", "NEAR")
SCOPES = ("", "sentence", "turn", "document")


def _quoted(value: str) -> str:
    """A value the query language reads back as it is: bare when it is one plain word, else in quotes."""
    plain = value and all(ch.isalnum() or ch in "._-" for ch in value)
    keyword = value.upper() in ("AND", "OR", "NOT", "NEAR", "WORDS", "WITHIN", "WHERE")
    if plain and not keyword:
        return value
    return f"'{value}'" if '"' in value else f'"{value}"'


def compose(code_a: str, op: str = "", code_b: str = "", *, scope: str = "", words: int = 10,
            groups: list[str] | None = None) -> str:
    """The query the form describes.

    >>> compose("E3.1", "AND", "E3.2", scope="sentence", groups=["leadership", "agency"])
    'E3.1 AND E3.2 WITHIN sentence WHERE (group = leadership OR group = agency)'
    >>> compose("E1.3", "NEAR", "E2.4", words=10)
    'E1.3 NEAR E2.4 10 WORDS'
    """
    text = _quoted(code_a)
    if op == "NEAR":
        text += f" NEAR {_quoted(code_b)} {int(words)} WORDS"
    elif op:
        text += f" {op} {_quoted(code_b)}"
        if scope:
            text += f" WITHIN {scope}"
    if groups:
        clause = " OR ".join(f"group = {_quoted(g)}" for g in groups)
        text += f" WHERE ({clause})" if len(groups) > 1 else f" WHERE {clause}"
    return text


def caret(text: str, position: int) -> str:
    """The query with a caret under ``position``, for ``st.code``."""
    return f"{text}\n{' ' * max(0, int(position))}^"


def run_text(project: Project, text: str, coders: list[str] | None) -> None:
    """Run ``text``; keep the result (or the error) for the page."""
    st.session_state.pop(ERROR, None)
    st.session_state.pop(RESULT, None)
    try:
        result = project.run_query(text, coders=coders or None)
    except QualcodeError as exc:
        position = getattr(exc, "position", None)
        st.session_state[ERROR] = {"message": error_text(exc).split("\n")[0], "text": text, "position": position}
        return
    st.session_state[RESULT] = result
    st.session_state[PARAMS] = {"text": text, "coders": list(coders or []), "project": str(project.path)}
    st.session_state["_qry_v"] = st.session_state.get("_qry_v", 0) + 1  # a fresh review table


def run_query() -> None:
    project = current_project(quiet=True)
    if project is None:
        return
    run_text(project, str(st.session_state.get("qry_text") or ""), list(st.session_state.get("qry_coders") or []))


def build_query() -> None:
    """Write the form's query into the query box."""
    code_a = st.session_state.get("qry_b_code_a")
    op = st.session_state.get("qry_b_op") or ""
    code_b = st.session_state.get("qry_b_code_b")
    if not code_a:
        notify(tr("qry_b_pick_code"), "warning")
        return
    if op and not code_b:
        notify(tr("qry_b_pick_second"), "warning")
        return
    st.session_state["qry_text"] = compose(code_a, op, code_b or "", scope=st.session_state.get("qry_b_scope") or "",
                                           words=int(st.session_state.get("qry_b_words") or 10),
                                           groups=list(st.session_state.get("qry_b_groups") or []))


def save_query() -> None:
    project = current_project(quiet=True)
    params = st.session_state.get(PARAMS) or {}
    name = str(st.session_state.get("qry_save_name") or "").strip()
    if project is None or not params.get("text"):
        return
    try:
        project.save_query(name, params["text"], actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state["qry_save_name"] = ""
    notify(tr("qry_saved_as").format(name=escape_md(name)), "success")


def run_saved() -> None:
    project = current_project(quiet=True)
    name = st.session_state.get("qry_saved_pick")
    if project is None or not name:
        return
    try:
        text = project.saved_query(name)["text"]
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    st.session_state["qry_text"] = text
    run_text(project, text, list(st.session_state.get("qry_coders") or []))


def ask_delete() -> None:
    st.session_state[CONFIRM] = st.session_state.get("qry_saved_pick")


def cancel_delete() -> None:
    st.session_state.pop(CONFIRM, None)


def confirm_delete() -> None:
    project = current_project(quiet=True)
    name = st.session_state.pop(CONFIRM, None)
    if project is None or not name:
        return
    try:
        project.delete_saved_query(name, actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("qry_saved_deleted").format(name=escape_md(name)), "success")


def keep_or_clear(key: str, options: list[str]) -> None:
    """A picker that starts empty: a remembered choice the project no longer offers goes back to none."""
    if key in st.session_state and st.session_state[key] not in options:
        st.session_state[key] = None


def open_passage(result: pd.DataFrame) -> None:
    """Open the passage picked in ``qry_open`` on the Code page."""
    row = st.session_state.get("qry_open")
    if row is None or not 0 <= int(row) < len(result):
        return
    picked = result.iloc[int(row)]
    open_in_code(str(picked["document"]), int(picked["start"]))


def review_key() -> str:
    return f"qry_review_{st.session_state.get('_qry_v', 0)}"


def ticked(frame: pd.DataFrame, state: dict | None) -> pd.DataFrame:
    """The review table's rows still ticked: every row starts ticked (but those coded already), and the
    editor state holds the user's changes by row position."""
    ticks = [not bool(c) for c in frame["coded"]]
    for index, change in ((state or {}).get("edited_rows") or {}).items():
        if "tick" in change and 0 <= int(index) < len(ticks):
            ticks[int(index)] = bool(change["tick"])
    return frame[ticks]


def code_results(project: Project, text: str, coders: list[str] | None, passages: pd.DataFrame, code: str,
                 coder: str) -> tuple[list[int], int]:
    """Code the reviewed ``passages`` of ``text`` with ``code`` by ``coder`` (one undo step)."""
    ids, skipped = project.code_results_as(text, code, coder, coders=coders or None, passages=passages)
    st.session_state["_qry_v"] = st.session_state.get("_qry_v", 0) + 1
    return ids, skipped
