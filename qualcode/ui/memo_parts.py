"""Memos in the app: the Memos page's filters, list, new-memo form and a memo's view (edit, links, delete after a
confirmation), the memo panel of the Code page and a code's memos on the Codebook page.

A memo's text is Markdown as the author typed it, and is shown as plain text (st.text): it is never rendered,
so nothing a user typed becomes HTML or a link. Every change goes through the Project API
(:mod:`qualcode.project.memos`), which checks the signed-in user's permission again; callbacks report through
:func:`notify`.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from qualcode.errors import QualcodeError
from qualcode.export.report import report_bytes
from qualcode.project import Project
from qualcode.project.memos import MEMO_KINDS, REPORT_BY

from .sidebar import current_coder
from .state import current_project, error_text, escape_md, notify, project_write, tr, trn

REPORT_FORMATS = {"docx": "Word (.docx)", "md": "Markdown (.md)", "tex": "LaTeX (.tex)"}
MIMES = {"docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
         "md": "text/markdown", "tex": "application/x-tex"}


def kind_name(kind: str) -> str:
    return tr(f"memo_kind_{kind}")


def about(row: dict | pd.Series) -> str:
    """What a memo is about, as the list shows it: "Code: E3.1", "Project"."""
    target = row["target"] or ""
    return f"{kind_name(row['kind'])}: {target}" if target else kind_name(row["kind"])


def memo_table(frame: pd.DataFrame) -> pd.DataFrame:
    """The memo list as the page shows it (text as it is: a dataframe renders no Markdown)."""
    return pd.DataFrame({
        tr("memo_col_day"): frame["created_at"].str.slice(0, 10),
        tr("memo_col_about"): [about(r) for r in frame.to_dict("records")],
        tr("memo_col_title"): frame["title"],
        tr("memo_col_author"): frame["author"],
        tr("memo_col_links"): frame["links"].astype(int),
        tr("memo_col_changed"): frame["changed_at"].str.slice(0, 16).str.replace("T", " "),
    })


def memo_rows(frame: pd.DataFrame) -> None:
    """Memos as a short list: each title, what it is about, author and day, and the start of its text as
    plain text."""
    for row in frame.to_dict("records"):
        st.markdown(f"**{escape_md(row['title'])}**")
        st.caption(escape_md(f"{about(row)} · {row['author']} · {row['created_at'][:10]}"))
        if row["text"]:
            st.text(row["text"][:800])


# -- the Memos page ---------------------------------------------------------------------------

def memo_filters(project: Project) -> dict[str, Any]:
    """The filters (kind, author, code, informant, days, words) as keyword arguments of Project.memos."""
    every = project.memos()
    a, b, c, d = st.columns(4)
    kind = a.selectbox(tr("memo_kind"), MEMO_KINDS, key="memo_f_kind", index=None, format_func=kind_name,
                       placeholder=tr("memo_all"))
    authors = sorted(set(every["author"]))
    author = b.selectbox(tr("memo_col_author"), authors, key="memo_f_author", index=None,
                         placeholder=tr("memo_all"))
    code = c.selectbox(tr("col_code"), list(project.codes()["key"]), key="memo_f_code", index=None,
                       placeholder=tr("memo_all"))
    informant = d.selectbox(tr("col_informant"), list(project.informants()["key"]), key="memo_f_informant",
                            index=None, placeholder=tr("memo_all"))
    e, f, g = st.columns([1, 1, 2])
    since = e.date_input(tr("memo_since"), value=None, key="memo_f_since")
    until = f.date_input(tr("memo_until"), value=None, key="memo_f_until")
    text = g.text_input(tr("memo_words"), key="memo_f_text", placeholder=tr("memo_words_hint"))
    chosen = {"kind": kind, "author": author, "code": code, "informant": informant,
              "since": since if isinstance(since, date) else None,
              "until": until if isinstance(until, date) else None, "text": text or None}
    return {k: v for k, v in chosen.items() if v is not None}


def target_options(project: Project, kind: str) -> list[Any]:
    """What a new memo of ``kind`` can be about."""
    if kind == "document":
        return list(project.documents()["name"])
    if kind == "code":
        return list(project.codes()["key"])
    if kind == "informant":
        return list(project.informants()["key"])
    if kind == "group":
        return [g["key"] for g in project.store.groups()]
    return []


def new_memo_form(project: Project, author: str) -> None:
    """Write a memo: its kind and what it is about (chosen outside the form, so the choices follow the kind),
    then title and text in a form (Ctrl+Enter in the text submits)."""
    a, b = st.columns([1, 2])
    kind = a.selectbox(tr("memo_kind"), MEMO_KINDS, key="memo_new_kind", format_func=kind_name)
    if kind == "coding":
        b.number_input(tr("memo_coding_id"), min_value=1, step=1, key="memo_new_coding")
    elif kind != "project":
        b.selectbox(tr("memo_about"), target_options(project, kind), key="memo_new_target", index=None,
                    placeholder=tr("memo_pick_target"))
    with st.form("memo_new_form", clear_on_submit=True, enter_to_submit=False):
        st.text_input(tr("memo_title"), key="memo_new_title")
        st.text_area(tr("memo_text"), key="memo_new_text", height=160, help=tr("memo_text_help"))
        st.form_submit_button(tr("memo_write"), type="primary", on_click=write_memo, args=(author,))


def write_memo(author: str) -> None:
    project = current_project(quiet=True)
    if project is None:
        return
    state = st.session_state
    kind = state.get("memo_new_kind", "project")
    target = None if kind == "project" else state.get("memo_new_coding") if kind == "coding" else \
        state.get("memo_new_target")
    try:
        memo_id = project.add_memo(kind, int(target) if kind == "coding" and target else target,
                                   title=state.get("memo_new_title", ""), text=state.get("memo_new_text", ""),
                                   author=author)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        state["memo_keep"] = {"memo_new_title": state.get("memo_new_title", ""),
                              "memo_new_text": state.get("memo_new_text", "")}  # a refused memo is not lost
        return
    state["memo_pick"] = memo_id
    notify(tr("memo_written").format(title=escape_md(state.get("memo_new_title", ""))))


def restore_refused() -> None:
    """Put back what a refused memo held (the form clears itself on submit)."""
    for key, value in st.session_state.pop("memo_keep", {}).items():
        st.session_state[key] = value


def memo_picker(frame: pd.DataFrame) -> int | None:
    """Choose the memo to open from the filtered list."""
    ids = [int(i) for i in frame["id"]]
    titles = dict(zip(ids, frame["title"], strict=True))
    if st.session_state.get("memo_pick") not in ids:
        st.session_state["memo_pick"] = ids[0]
    return st.selectbox(tr("memo_open"), ids, key="memo_pick", format_func=lambda i: f"#{i} · {titles[i]}")


def memo_view(project: Project, memo_id: int, prefix: str = "memo") -> None:
    """A memo: what it is about, who wrote it and when, its text as plain text, its links; for who may change
    it, the edit form, links and delete (after a confirmation)."""
    memo = project.memo(memo_id)
    st.subheader(escape_md(memo["title"]))
    changed = "" if memo["changed_at"] == memo["created_at"] else \
        " · " + tr("memo_changed").format(at=memo["changed_at"][:16].replace("T", " "))
    st.caption(escape_md(f"{about(memo)} · {memo['author']} · {memo['created_at'][:16].replace('T', ' ')}")
               + changed)
    if memo["text"]:
        st.text(memo["text"])
    else:
        st.caption(tr("memo_no_text"))
    links(project, memo, prefix)
    if not project.may_edit_memo(memo_id):
        st.caption(tr("memo_not_yours"))
        return
    with st.expander(tr("memo_edit"), expanded=False):
        with st.form(f"{prefix}_edit_{memo_id}", enter_to_submit=False):
            st.text_input(tr("memo_title"), value=memo["title"], key=f"{prefix}_edit_title_{memo_id}")
            st.text_area(tr("memo_text"), value=memo["text"], key=f"{prefix}_edit_text_{memo_id}", height=200,
                         help=tr("memo_text_help"))
            st.form_submit_button(tr("memo_save"), type="primary", on_click=save_memo, args=(memo_id, prefix))
        others = project.memos()
        others = others[others["id"] != memo_id]
        if not others.empty:
            names = dict(zip(others["id"].astype(int), others["title"], strict=True))
            a, b = st.columns([3, 1])
            a.selectbox(tr("memo_link_to"), list(names), key=f"{prefix}_link_{memo_id}", index=None,
                        format_func=lambda i: f"#{i} · {names[i]}", placeholder=tr("memo_pick_memo"))
            b.button(tr("memo_link"), key=f"{prefix}_link_btn_{memo_id}", on_click=link_memo,
                     args=(memo_id, prefix), width="stretch")
    confirm = f"{prefix}_confirm_{memo_id}"
    if not st.session_state.get(confirm):
        st.button(tr("memo_delete"), key=f"{prefix}_delete_{memo_id}",
                  on_click=lambda: st.session_state.update({confirm: True}))
        return
    st.warning(tr("memo_confirm_delete").format(title=escape_md(memo["title"])))
    a, b, _ = st.columns([1, 1, 2])
    a.button(tr("memo_delete_yes"), key=f"{prefix}_delete_yes_{memo_id}", type="primary", on_click=delete_memo,
             args=(memo_id, confirm), width="stretch")
    b.button(tr("cb_cancel"), key=f"{prefix}_delete_no_{memo_id}", width="stretch",
             on_click=lambda: st.session_state.pop(confirm, None))


def links(project: Project, memo: dict, prefix: str) -> None:
    """The passages and memos a memo links, each with a button to remove the link (for who may)."""
    rows = memo["link_rows"]
    if not rows:
        return
    st.markdown(f"**{trn('memo_n_links', len(rows))}**")
    editable = project.may_edit_memo(int(memo["id"]))
    for link in rows:
        a, b = st.columns([6, 1])
        with a:
            if link["linked_memo_id"] is None:
                st.caption(escape_md(f"{link['document']} · {link['start']}–{link['end']}"))
                st.text(str(link["quote"])[:600])
            else:
                st.caption(escape_md(f"{tr('memo_linked_memo')}: #{link['linked_memo_id']} · {link['linked_title']}"))
        if editable:
            b.button(tr("memo_unlink"), key=f"{prefix}_unlink_{link['id']}", on_click=unlink, args=(int(link["id"]),))


def save_memo(memo_id: int, prefix: str) -> None:
    project = current_project(quiet=True)
    if project is None:
        return
    state = st.session_state
    try:
        changed = project.edit_memo(memo_id, title=state.get(f"{prefix}_edit_title_{memo_id}"),
                                    text=state.get(f"{prefix}_edit_text_{memo_id}"), actor=current_coder())
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("memo_saved") if changed else tr("memo_unchanged"), "success" if changed else "info")


def delete_memo(memo_id: int, confirm: str) -> None:
    st.session_state.pop(confirm, None)
    if not project_write(lambda p: p.delete_memo(memo_id, actor=current_coder())):
        return
    st.session_state.pop("memo_pick", None)
    notify(tr("memo_deleted"), "info")


def link_memo(memo_id: int, prefix: str) -> None:
    other = st.session_state.get(f"{prefix}_link_{memo_id}")
    if other is not None and project_write(lambda p: p.link_memo(memo_id, int(other), actor=current_coder())):
        notify(tr("memo_linked"))


def unlink(link_id: int) -> None:
    if project_write(lambda p: p.unlink(link_id, actor=current_coder())):
        notify(tr("memo_unlinked"), "info")


def report_download(project: Project, filters: dict[str, Any]) -> None:
    """The memo report of the memos listed, grouped by kind or by code, as Word, Markdown or LaTeX."""
    a, b, c = st.columns([1, 1, 1])
    fmt = a.selectbox(tr("export_format"), list(REPORT_FORMATS), key="memo_report_fmt", format_func=REPORT_FORMATS.get)
    by = b.selectbox(tr("memo_report_by"), REPORT_BY, key="memo_report_by",
                     format_func=lambda v: tr(f"memo_by_{v}"))
    data = report_bytes(project.memo_report(by=by, **filters), fmt)
    c.download_button(tr("memo_report"), data=data, file_name=f"memos.{fmt}", mime=MIMES[fmt], key="memo_report_dl",
                      width="stretch")


# -- the Code page ----------------------------------------------------------------------------

def memo_panel(project: Project, coder: str, doc: dict, selection: tuple[int, int] | None) -> None:
    """The document's memos, and a memo to write on it, linked to the selected passage when there is one."""
    frame = project.memos(document=int(doc["id"]))
    with st.expander(trn("memo_panel", len(frame)), expanded=False):
        if selection is not None:
            st.caption(tr("memo_on_selection").format(start=selection[0], end=selection[1]))
        with st.form("code_memo_form", clear_on_submit=True, enter_to_submit=False):
            st.text_input(tr("memo_title"), key="code_memo_title")
            st.text_area(tr("memo_text"), key="code_memo_text", height=100, help=tr("memo_text_help"))
            st.form_submit_button(tr("memo_write"), type="primary", on_click=write_document_memo,
                                  args=(coder, int(doc["id"]), selection))
        if frame.empty:
            st.caption(tr("memo_none_here"))
        memo_rows(frame)


def write_document_memo(coder: str, document_id: int, selection: tuple[int, int] | None) -> None:
    """A memo on the document, linked to the selected passage: written and linked as one step for undo."""
    project = current_project(quiet=True)
    if project is None:
        return
    state = st.session_state
    title = state.get("code_memo_title", "")
    try:
        with project.as_one_step(project.user or coder, "memo.add", {"title": title.strip()}) as payload:
            memo_id = project.add_memo("document", document_id, title=title, text=state.get("code_memo_text", ""),
                                       author=coder)
            payload["id"] = memo_id
            if selection is not None:
                project.link_passage(memo_id, document_id, *selection, actor=coder)
    except QualcodeError as exc:
        notify(error_text(exc), "error")
        return
    notify(tr("memo_written").format(title=escape_md(title.strip())))


# -- the Codebook page ------------------------------------------------------------------------

def code_memos(project: Project, code: str) -> None:
    """The memos on a code and on its codings, newest first."""
    frame = project.memos(code=code)
    with st.expander(trn("memo_code_memos", len(frame)), expanded=False):
        if frame.empty:
            st.caption(tr("memo_none_code"))
        memo_rows(frame)
