"""Suggestions page: train a model on one coder's codings, check its cross-validated evaluation, propose codes
for uncoded sentences and review them one at a time. Nothing is coded without Accept."""

from __future__ import annotations

import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.project import Project
from qualcode.suggest import MIN_F1
from qualcode.ui.sidebar import current_coder
from qualcode.ui.state import current_project, error_text, escape_md, show_messages, tr, trn
from qualcode.ui.suggestions_parts import (
    DECISIONS,
    SHORTCUTS,
    default_trainer,
    evaluation_view,
    filters,
    keep_choice,
    line_of,
    review,
    run,
    stored_evaluation,
    train,
    weak_codes,
)
from qualcode.ui.widgets import code_labels


def model_section(project: Project, names: list[str], labels: dict[str, str]) -> None:
    """Whose codings train the model, Train, the evaluation and Suggest."""
    st.subheader(tr("sug_model"))
    default_trainer(names, project.coders())
    a, b, c = st.columns([2, 1, 1], vertical_alignment="bottom")
    a.selectbox(tr("sug_coder"), names, key="sug_coder", help=tr("sug_coder_help"))
    clicked = b.button(tr("sug_train"), key="sug_train", width="stretch", help=tr("sug_train_help"))
    c.button(tr("sug_run"), key="sug_run", on_click=run, width="stretch", type="primary", help=tr("sug_run_help"))
    if clicked:
        train(project)
    coder = st.session_state.get("sug_coder")
    evaluation = stored_evaluation(project, coder)
    if evaluation is None:
        st.caption(tr("sug_no_evaluation"))
        return
    st.markdown(tr("sug_evaluation").format(coder=escape_md(coder)))
    st.dataframe(evaluation_view(evaluation, labels), hide_index=True, width="stretch", placeholder="",
                 key="sug_evaluation_view")
    weak = weak_codes(evaluation)
    if weak:
        st.warning(tr("sug_few_examples").format(floor=f"{MIN_F1:.2f}", codes=escape_md(", ".join(weak))))
    st.caption(tr("sug_evaluation_help"))


def filter_section(project: Project, labels: dict[str, str]) -> None:
    documents = [str(d) for d in project.documents()["name"]]
    keep_choice("sug_code", list(labels))
    keep_choice("sug_document", documents)
    a, b = st.columns(2)
    a.selectbox(tr("sug_code"), list(labels), key="sug_code", format_func=labels.get, index=None,
                placeholder=tr("sug_all_codes"))
    b.selectbox(tr("sug_document"), documents, key="sug_document", index=None, placeholder=tr("sug_all_documents"))


def queue_section(project: Project, labels: dict[str, str]) -> None:
    """One open suggestion at a time, with Accept / Reject / Skip."""
    st.subheader(tr("sug_queue"))
    st.caption(tr("sug_nothing_coded"))
    code, document = filters()
    try:
        queue = project.suggestions(status="open", code=code, document=document)
    except QualcodeError as exc:
        st.error(error_text(exc))
        return
    if queue.empty:
        st.info(tr("sug_none_filtered" if code or document else "sug_none"))
        return
    if "score" in queue:
        queue = queue.sort_values("score", ascending=False, kind="stable")
    row = queue.iloc[0]
    st.caption(trn("sug_left", len(queue)))
    key, score = str(row["code"]), float(row["score"])
    with st.container(border=True):
        line = line_of(project, int(row["document_id"]), int(row["start"]))
        st.caption(escape_md(f"{row['document']} · {tr('sug_line')} {line} · "
                             f"{int(row['start'])}–{int(row['end'])}"))
        st.text(row["text"])
        st.markdown(f"**{escape_md(labels.get(key, key))}** · {tr('sug_score')} {score:.2f}")
    reviewer = current_coder()
    if reviewer is None:
        st.info(tr("sug_needs_coder"))
    if st.session_state.get("_sug_shown") != int(row["id"]):  # a new suggestion: accept as its own code
        st.session_state["_sug_shown"] = int(row["id"])
        st.session_state["sug_accept_code"] = key
    st.selectbox(tr("sug_accept_as"), list(labels), key="sug_accept_code", format_func=labels.get,
                 help=tr("sug_accept_as_help"))
    args = (int(row["id"]), key, str(row["document"]))
    for column, decision in zip(st.columns(3), DECISIONS, strict=True):
        column.button(tr(f"sug_{decision}"), key=f"sug_{decision}", on_click=review, args=(decision, *args),
                      disabled=reviewer is None, width="stretch", shortcut=SHORTCUTS[decision],
                      type="primary" if decision == "accept" else "secondary")
    if reviewer is not None:
        st.caption(tr("sug_reviewer").format(coder=escape_md(reviewer)))


def body(project: Project) -> None:
    codes = project.codes()
    if codes.empty:
        st.info(tr("sug_no_codes"))
        return
    names = [str(n) for n in project.coders()["name"] if n]
    if not names:
        st.info(tr("sug_no_coders"))
        return
    labels = code_labels(codes)
    model_section(project, names, labels)
    filter_section(project, labels)
    queue_section(project, labels)


def render() -> None:
    st.title(tr("sug_title"))
    show_messages()
    project = current_project()
    if project is None:
        st.info(tr("no_project"))
        return
    st.caption(tr("sug_intro"))
    body(project)


render()
